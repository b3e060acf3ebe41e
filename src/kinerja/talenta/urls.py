from django.urls import path

from kinerja.talenta.views import kotak, perbaikan

app_name = "talenta"

urlpatterns = [
    path("", kotak.kotak, name="kotak"),
    path("potensi/", kotak.potensi, name="potensi"),
    path("merit/", kotak.merit, name="merit"),
    path("merit/ekspor.xlsx", kotak.merit_ekspor, name="merit-ekspor"),
    path("perbaikan/", perbaikan.daftar, name="perbaikan"),
    path("perbaikan/saya/", perbaikan.saya, name="perbaikan-saya"),
    path("perbaikan/baru/<int:pegawai_id>/", perbaikan.baru, name="perbaikan-baru"),
    path("perbaikan/<int:pk>/", perbaikan.detail, name="perbaikan-detail"),
    path("perbaikan/<int:pk>/catatan/", perbaikan.catat, name="perbaikan-catatan"),
    path("perbaikan/<int:pk>/tutup/", perbaikan.tutup, name="perbaikan-tutup"),
    path("perbaikan/<int:pk>/batal/", perbaikan.batal, name="perbaikan-batal"),
]
