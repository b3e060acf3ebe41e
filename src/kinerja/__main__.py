"""The `kinerja` console command: every Django management command runs through it."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018  (reading settings validates the environment)
    except ImproperlyConfigured as error:
        # Django would go on without settings and fail later with an unrelated message.
        sys.stderr.write(f"kinerja: configuration error: {error}\n")
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
