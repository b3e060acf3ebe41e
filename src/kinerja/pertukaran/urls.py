from django.urls import path

from kinerja.pertukaran import views

app_name = "pertukaran"

urlpatterns = [
    path("", views.impor, name="impor"),
    path("templat.xlsx", views.template, name="template"),
]
