"""The monitoring API under `/api/v1/pemantauan/`: one router per audience, the same selectors
and access checks as the pages."""

from ninja import Router

from kinerja.pemantauan.api import analitik, pegawai, ringkasan, tim, tren

router = Router(tags=["pemantauan"])
router.add_router("", ringkasan.router)
router.add_router("", pegawai.router)
router.add_router("", tim.router)
router.add_router("", tren.router)
router.add_router("", analitik.router)
