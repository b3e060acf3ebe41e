import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
application = get_wsgi_application()

from kinerja.core.startup import process_prepare  # noqa: E402  (needs Django set up)

process_prepare()
