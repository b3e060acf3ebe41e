from django.urls import path

from kinerja.penilaian.views import dokumen, keberatan, kurva, organisasi, pegawai, penilai

app_name = "penilaian"

RATING = "pegawai/<int:pegawai_id>/periode/<int:periode_id>/"
GROUP = "kurva/<int:unit_id>/periode/<int:periode_id>/"

urlpatterns = [
    # The appraiser: appraisees of a period, the rating form, the predikat preview.
    path("", penilai.daftar, name="daftar"),
    path(RATING, penilai.nilai, name="nilai"),
    path(f"{RATING}pratinjau/", penilai.pratinjau, name="pratinjau"),
    # The employee: own assessments; any reader: one assessment.
    path("saya/", pegawai.saya, name="saya"),
    path("<int:penilaian_id>/", pegawai.detail, name="detail"),
    # Objections.
    path("<int:penilaian_id>/keberatan/", keberatan.ajukan, name="keberatan_ajukan"),
    path("keberatan/", keberatan.kotak, name="keberatan"),
    path("keberatan/<int:keberatan_id>/jelaskan/", keberatan.jelaskan, name="keberatan_jelaskan"),
    path("keberatan/<int:keberatan_id>/putuskan/", keberatan.putuskan, name="keberatan_putuskan"),
    path("keberatan/<int:keberatan_id>/tarik/", keberatan.tarik, name="keberatan_tarik"),
    # Organisation ratings.
    path("organisasi/", organisasi.daftar, name="organisasi"),
    path(
        "organisasi/<int:unit_id>/periode/<int:periode_id>/",
        organisasi.tetapkan,
        name="organisasi_tetapkan",
    ),
    # Curve monitor and finalisation.
    path("kurva/", kurva.daftar, name="kurva"),
    path(GROUP, kurva.detail, name="kurva_detail"),
    path(f"{GROUP}tetapkan/", kurva.tetapkan, name="tetapkan"),
    path(f"{GROUP}buka/", kurva.buka, name="buka"),
    # Documents.
    path("<int:penilaian_id>/evaluasi.pdf", dokumen.evaluasi_pdf, name="evaluasi_pdf"),
    path(f"{GROUP}penetapan.pdf", dokumen.penetapan_pdf, name="penetapan_pdf"),
    path(f"{GROUP}dokumen/", dokumen.massal, name="dokumen_massal"),
    path("dokumen/<uuid:job_id>/unduh/", dokumen.unduh, name="dokumen_unduh"),
]
