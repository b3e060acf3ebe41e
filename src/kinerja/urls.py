from django.urls import include, path

from kinerja.api import api

urlpatterns = [
    path("", include("kinerja.core.urls")),
    path("akun/", include("kinerja.akun.urls")),
    path("organisasi/", include("kinerja.organisasi.urls")),
    path("aturan/", include("kinerja.aturan.urls")),
    path("periode/", include("kinerja.periode.urls")),
    path("skp/", include("kinerja.skp.urls")),
    path("realisasi/", include("kinerja.realisasi.urls")),
    path("notifikasi/", include("kinerja.notifikasi.urls")),
    path("penilaian/", include("kinerja.penilaian.urls")),
    path("tukin/", include("kinerja.tukin.urls")),
    path("angka-kredit/", include("kinerja.angka_kredit.urls")),
    path("talenta/", include("kinerja.talenta.urls")),
    path("rekap/", include("kinerja.rekap.urls")),
    path("pemantauan/", include("kinerja.pemantauan.urls")),
    path("audit/", include("kinerja.audit.urls")),
    path("pekerjaan/", include("kinerja.jobs.urls")),
    path("impor/", include("kinerja.pertukaran.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
