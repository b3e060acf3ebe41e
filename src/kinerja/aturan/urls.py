from django.urls import path

from kinerja.aturan import views

app_name = "aturan"

urlpatterns = [
    path("", views.rule_set_list, name="list"),
    path("impor/", views.rule_set_import, name="import"),
    path("<int:set_aturan_id>/", views.rule_set_detail, name="detail"),
    path("<int:set_aturan_id>/ekspor/", views.rule_set_export, name="export"),
    path("<int:set_aturan_id>/salin/", views.rule_set_copy, name="copy"),
    path("<int:set_aturan_id>/ubah/", views.rule_set_update, name="update"),
    path("<int:set_aturan_id>/ubah/<str:bagian>/", views.rule_set_section, name="section"),
    path("<int:set_aturan_id>/aktifkan/", views.rule_set_activate, name="activate"),
    path("<int:set_aturan_id>/nonaktifkan/", views.rule_set_deactivate, name="deactivate"),
    path("<int:set_aturan_id>/hapus/", views.rule_set_delete, name="delete"),
]
