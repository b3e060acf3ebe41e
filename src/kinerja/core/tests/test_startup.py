import gc
import os
import subprocess
import sys

from kinerja.core.startup import process_prepare


def test_the_loaded_program_is_kept_out_of_the_collectors_reach():
    try:
        process_prepare()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_the_wsgi_application_loads_the_views_and_freezes_them():
    probe = (
        "import gc, sys, kinerja.wsgi; "
        "print(gc.get_freeze_count() > 10_000, 'kinerja.pemantauan.views.tren' in sys.modules)"
    )
    environment = {**os.environ, "KINERJA_DEBUG": "1"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    found = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["True", "True"]
