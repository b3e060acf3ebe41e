from django.urls import path

from kinerja.realisasi.views import dokumen, pegawai, pemantauan, penilai

app_name = "realisasi"

urlpatterns = [
    # The employee (pegawai.py)
    path("", pegawai.period_list, name="mine"),
    path("periode/<int:periode_id>/", pegawai.report_open, name="open"),
    path("<int:laporan_id>/", pegawai.report_detail, name="detail"),
    path(
        "<int:laporan_id>/realisasi/<int:indikator_id>/",
        pegawai.realisasi_save,
        name="realisasi-save",
    ),
    path("<int:laporan_id>/bukti/tambah/", pegawai.bukti_create, name="bukti-create"),
    path("bukti/<int:bukti_id>/ubah/", pegawai.bukti_update, name="bukti-update"),
    path("bukti/<int:bukti_id>/hapus/", pegawai.bukti_delete, name="bukti-delete"),
    path("bukti/<int:bukti_id>/unduh/", pegawai.bukti_download, name="bukti-download"),
    path("<int:laporan_id>/ajukan/", pegawai.report_submit, name="submit"),
    # The appraiser (penilai.py)
    path("verifikasi/", penilai.inbox, name="inbox"),
    path("bukti/<int:bukti_id>/verifikasi/", penilai.bukti_verdict, name="verdict"),
    path("<int:laporan_id>/terima-semua/", penilai.accept_all, name="accept-all"),
    path("<int:laporan_id>/umpan-balik/", penilai.feedback_save, name="feedback"),
    # HR (pemantauan.py)
    path("pemantauan/", pemantauan.monitoring_page, name="monitoring"),
    path("buka-kunci/", pemantauan.unlock, name="unlock"),
    # Documents (dokumen.py)
    path("<int:laporan_id>/umpan-balik.pdf", dokumen.feedback_pdf, name="feedback-pdf"),
]
