from django.urls import path

from kinerja.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.entri_list, name="list"),
    path("<int:urutan>/", views.entri_detail, name="detail"),
]
