from django.urls import path

from kinerja.skp.views import dokumen, kelengkapan, matriks, penilai, rencana, sasaran

app_name = "skp"

urlpatterns = [
    # The employee's own plan (rencana.py)
    path("", rencana.skp_mine, name="mine"),
    path("buat/", rencana.skp_create, name="create"),
    path("<int:skp_id>/", rencana.skp_detail, name="detail"),
    path("<int:skp_id>/ubah/", rencana.skp_update, name="update"),
    path("<int:skp_id>/ekspektasi/", rencana.skp_expectations, name="expectations"),
    path("<int:skp_id>/rhk/tambah/", rencana.rhk_create, name="rhk-create"),
    path("rhk/<int:rhk_id>/ubah/", rencana.rhk_update, name="rhk-update"),
    path("rhk/<int:rhk_id>/hapus/", rencana.rhk_delete, name="rhk-delete"),
    path("rhk/<int:rhk_id>/iki/tambah/", rencana.indikator_create, name="indikator-create"),
    path("iki/<int:indikator_id>/ubah/", rencana.indikator_update, name="indikator-update"),
    path("iki/<int:indikator_id>/hapus/", rencana.indikator_delete, name="indikator-delete"),
    path("<int:skp_id>/ajukan/", rencana.skp_submit, name="submit"),
    path("<int:skp_id>/tarik/", rencana.skp_withdraw, name="withdraw"),
    path("<int:skp_id>/revisi/", rencana.skp_revise, name="revise"),
    path("<int:skp_id>/revisi/<int:nomor>/", rencana.skp_revision, name="revision"),
    # The appraiser (penilai.py)
    path("bawahan/", penilai.subordinate_list, name="subordinates"),
    path("<int:skp_id>/setujui/", penilai.skp_approve, name="approve"),
    path("<int:skp_id>/kembalikan/", penilai.skp_return, name="return"),
    # Matriks Peran Hasil (matriks.py)
    path("matriks/", matriks.matrix_page, name="matrix"),
    path("matriks/bagikan/<int:rhk_id>/", matriks.rhk_push, name="rhk-push"),
    path("matriks/tautkan/<int:rhk_id>/", matriks.rhk_link, name="rhk-link"),
    # Organisation goals (sasaran.py)
    path("sasaran/", sasaran.goal_list, name="goal-list"),
    path("sasaran/tambah/", sasaran.goal_create, name="goal-create"),
    path("sasaran/<int:sasaran_id>/ubah/", sasaran.goal_update, name="goal-update"),
    path("sasaran/<int:sasaran_id>/hapus/", sasaran.goal_delete, name="goal-delete"),
    # HR: completion per unit (kelengkapan.py)
    path("kelengkapan/", kelengkapan.completion_page, name="completion"),
    # Documents (dokumen.py)
    path("<int:skp_id>/dokumen.pdf", dokumen.skp_pdf, name="pdf"),
    path("<int:skp_id>/revisi/<int:nomor>/dokumen.pdf", dokumen.revision_pdf, name="revision-pdf"),
    path("dokumen-massal/", dokumen.bulk_create, name="bulk"),
    path("dokumen-massal/<uuid:job_id>/unduh/", dokumen.bulk_download, name="bulk-download"),
]
