from django.urls import path

from kinerja.notifikasi import views

app_name = "notifikasi"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("baca/", views.notification_mark_read, name="mark-read"),
    path("jumlah/", views.unread_badge, name="badge"),
]
