from django.urls import path

from kinerja.periode import views

app_name = "periode"

urlpatterns = [
    path("", views.year_list, name="list"),
    path("buka/", views.year_open, name="open"),
    path("<int:tahun>/", views.year_detail, name="detail"),
    path("<int:tahun>/ubah/", views.year_update, name="update"),
    path("periode/<int:periode_id>/ubah/", views.period_update, name="period-update"),
    path("periode/<int:periode_id>/<str:aksi>/", views.period_transition, name="period-transition"),
]
