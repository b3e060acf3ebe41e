from django.urls import path

from kinerja.rekap import views

app_name = "rekap"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:job_id>/<str:bagian>/", views.unduh, name="unduh"),
]
