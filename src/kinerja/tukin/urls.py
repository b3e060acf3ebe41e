from django.urls import path

from kinerja.tukin import views

app_name = "tukin"

urlpatterns = [
    # The employee's own allowance.
    path("saya/", views.saya, name="saya"),
    path("saya/<int:tahun>/<int:bulan>/", views.saya_bulan, name="saya-bulan"),
    # An employee's allowance for HR readers.
    path("pegawai/<int:pegawai_id>/<int:tahun>/", views.pegawai, name="pegawai"),
    path(
        "pegawai/<int:pegawai_id>/<int:tahun>/<int:bulan>/",
        views.pegawai_bulan,
        name="pegawai-bulan",
    ),
    # The payroll list, its export, the recomputation.
    path("", views.daftar, name="daftar"),
    path("ekspor.xlsx", views.ekspor_xlsx, name="ekspor"),
    path("hitung-ulang/", views.hitung_ulang, name="hitung-ulang"),
    # Attendance.
    path("kehadiran/", views.kehadiran, name="kehadiran"),
    path(
        "kehadiran/<int:pegawai_id>/<int:tahun>/<int:bulan>/",
        views.kehadiran_ubah,
        name="kehadiran-ubah",
    ),
    # Recomputations.
    path("perhitungan/", views.perhitungan, name="perhitungan"),
    path("perhitungan/<int:pk>/", views.perhitungan_detail, name="perhitungan-detail"),
]
