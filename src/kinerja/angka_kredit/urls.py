from django.urls import path

from kinerja.angka_kredit import views

app_name = "angka_kredit"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("ekspor.xlsx", views.ekspor, name="ekspor"),
    path("saya/", views.saya, name="saya"),
    path("pegawai/<int:pegawai_id>/", views.pegawai, name="pegawai"),
    path("pegawai/<int:pegawai_id>/<int:tahun>/penetapan.pdf", views.pdf, name="pdf"),
]
