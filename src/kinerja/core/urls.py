from django.urls import path

from kinerja.core import views

app_name = "core"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("sehat/", views.health, name="health"),
]
