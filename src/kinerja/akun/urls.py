from django.urls import path

from kinerja.akun import views

app_name = "akun"

urlpatterns = [
    path("masuk/", views.masuk, name="login"),
    path("keluar/", views.keluar, name="logout"),
    path("ganti-sandi/", views.ganti_sandi, name="ganti-sandi"),
    path("surel/", views.surel, name="surel"),
    path("token/", views.token_list, name="token-list"),
    path("token/<int:token_id>/cabut/", views.token_revoke, name="token-revoke"),
    path("pegawai/<int:pegawai_id>/akses/", views.pegawai_akses, name="pegawai-akses"),
    path(
        "pegawai/<int:pegawai_id>/akses/sandi/",
        views.pegawai_akses_sandi,
        name="pegawai-akses-sandi",
    ),
    path(
        "pegawai/<int:pegawai_id>/akses/aktif/",
        views.pegawai_akses_aktif,
        name="pegawai-akses-aktif",
    ),
]
