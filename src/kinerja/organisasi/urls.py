from django.urls import path

from kinerja.organisasi import views

app_name = "organisasi"

urlpatterns = [
    path("unit/", views.unit_list, name="unit-list"),
    path("unit/baru/", views.unit_create, name="unit-create"),
    path("unit/<int:unit_id>/", views.unit_detail, name="unit-detail"),
    path("unit/<int:unit_id>/ubah/", views.unit_update, name="unit-update"),
    path("unit/<int:unit_id>/penilai/", views.unit_penilai, name="unit-penilai"),
    path("pegawai/", views.pegawai_list, name="pegawai-list"),
    path("pegawai/baru/", views.pegawai_create, name="pegawai-create"),
    path("pegawai/cari/", views.pegawai_search, name="pegawai-cari"),
    path("pegawai/<int:pegawai_id>/", views.pegawai_detail, name="pegawai-detail"),
    path("pegawai/<int:pegawai_id>/ubah/", views.pegawai_update, name="pegawai-update"),
    path("pegawai/<int:pegawai_id>/penilai/", views.pegawai_penilai, name="pegawai-penilai"),
    path(
        "pegawai/<int:pegawai_id>/pengecualian/",
        views.pengecualian_create,
        name="pengecualian-create",
    ),
    path(
        "pengecualian/<int:pengecualian_id>/akhiri/",
        views.pengecualian_end,
        name="pengecualian-end",
    ),
    path("bawahan/", views.bawahan, name="bawahan"),
    path("peran/", views.peran_list, name="peran-list"),
    path("peran/<int:peran_id>/cabut/", views.peran_revoke, name="peran-revoke"),
]
