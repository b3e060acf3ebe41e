from __future__ import annotations

import datetime

from ninja import Field, Schema


class SayaOut(Schema):
    id: int
    nip: str
    nama: str
    peran: list[str]
    pegawai_id: int | None
    wajib_ganti_sandi: bool
    email: str


class SurelIn(Schema):
    email: str


class TokenOut(Schema):
    id: int
    nama: str
    awalan: str
    status: str
    dibuat_pada: datetime.datetime
    terakhir_dipakai: datetime.datetime | None
    kedaluwarsa_pada: datetime.datetime | None
    dicabut_pada: datetime.datetime | None


class TokenBaruOut(TokenOut):
    rahasia: str = Field(description="Token rahasia: hanya dikirim sekali ini.")


class TokenIn(Schema):
    nama: str = Field(description="Untuk apa token dipakai (paling panjang 100 karakter).")
    berlaku_hari: int | None = Field(
        None, description="Masa berlaku dalam hari; kosong: berlaku sampai dicabut."
    )


class AkunOut(Schema):
    pengguna_id: int
    nip: str
    nama: str
    aktif: bool
    wajib_ganti_sandi: bool
    terakhir_masuk: datetime.datetime | None


class AksesOut(AkunOut):
    dibuat: bool = Field(description="Benar jika akun baru dibuat; salah jika diatur ulang.")
    sandi_sementara: str = Field(description="Kata sandi sementara: hanya dikirim sekali ini.")


class AktifIn(Schema):
    aktif: bool
