from django.urls import path

from kinerja.pemantauan.views import analitik, pegawai, ringkasan, tim, tren

app_name = "pemantauan"

urlpatterns = [
    path("", ringkasan.index, name="index"),
    path("unit/<int:unit_id>/", ringkasan.unit, name="unit"),
    path("ekspor/<slug:tabel>.xlsx", ringkasan.ekspor, name="ekspor"),
    path("laporan.pdf", ringkasan.pdf, name="pdf"),
    path("perbarui/", ringkasan.perbarui, name="perbarui"),
    path("saya/", pegawai.saya, name="saya"),
    path("pegawai/<int:pegawai_id>/", pegawai.pegawai, name="pegawai"),
    path("tim/", tim.tim, name="tim"),
    path("tim/ekspor.xlsx", tim.tim_ekspor, name="tim-ekspor"),
    path("tren/", tren.tren, name="tren"),
    path("tren/ekspor.xlsx", tren.tren_ekspor, name="tren-ekspor"),
    path("proyeksi/", tren.proyeksi, name="proyeksi"),
    path("proyeksi/ekspor.xlsx", tren.proyeksi_ekspor, name="proyeksi-ekspor"),
    path("uji-balik/", tren.uji_balik, name="uji-balik"),
    path("peringatan/", tren.peringatan, name="peringatan"),
    path("peringatan/ekspor.xlsx", tren.peringatan_ekspor, name="peringatan-ekspor"),
    path("penilai/", analitik.penilai, name="penilai"),
    path("penilai/ekspor.xlsx", analitik.penilai_ekspor, name="penilai-ekspor"),
    path("integritas/", analitik.integritas, name="integritas"),
    path("integritas/ekspor.xlsx", analitik.integritas_ekspor, name="integritas-ekspor"),
]
