"""The English translation: the language selector switches the UI, and the catalog is complete.

The msgids are Indonesian (the default language); `locale/en/LC_MESSAGES/django.po` holds the
English msgstrs and `django.mo` is its compiled form (committed, so gettext is not needed to run).
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

CATALOG_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = CATALOG_DIR / "django.po"
MO_PATH = CATALOG_DIR / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")


@dataclass
class PoEntry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{PO_PATH.name}:{self.line} {self.msgid!r}"


def parse_po(text: str) -> list[PoEntry]:
    """A minimal .po reader: entries (header included, obsolete `#~` ones left out)."""
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    target: tuple[str, int] = ("msgid", 0)
    pending_flags: set[str] = set()
    keyword = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if not line.strip() or line.startswith("#"):
            continue
        match = keyword.match(line)
        if match:
            name, index, quoted = match.groups()
            value = ast.literal_eval(quoted)
            if name in ("msgctxt", "msgid") and (current is None or current.msgstr):
                current = PoEntry(line=number, flags=pending_flags)
                pending_flags = set()
                entries.append(current)
            assert current is not None, f"line {number}: {line}"
            if name.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                current.msgstr[target[1]] = value
            else:
                target = (name, 0)
                setattr(current, name, value)
            continue
        assert line.startswith('"'), f"line {number}: unexpected {line!r}"
        assert current is not None
        value = ast.literal_eval(line)
        if target[0] == "msgstr":
            current.msgstr[target[1]] += value
        else:
            setattr(current, target[0], getattr(current, target[0]) + value)
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[PoEntry]:
    return [entry for entry in parse_po(PO_PATH.read_text(encoding="utf-8")) if entry.msgid]


@pytest.fixture(scope="module")
def mo_catalog() -> gettext.GNUTranslations:
    with MO_PATH.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def english_client(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- pages ------------------------------------------------------------------------------------


def test_login_page_is_in_english_with_the_language_cookie(client):
    response = english_client(client).get(reverse("akun:login"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert "<h1>Sign in</h1>" in page
    assert "Sign in with your NIP and password." in page
    assert '<button type="submit">Sign in</button>' in page
    assert "Masuk dengan NIP" not in page


def test_home_page_is_in_english_with_the_language_cookie(client_for, agency):
    response = english_client(client_for("penilai")).get(reverse("core:beranda"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert "<title>Home · " in page
    assert "<h1>Welcome, Budi Santoso</h1>" in page
    assert "Your roles: Employee, Appraiser" in page
    assert '<button class="link">Sign out</button>' in page
    assert ">Change password</a>" in page
    assert 'aria-label="Main navigation"' in page
    assert ">Employees I appraise</a>" in page
    assert "Keluar" not in page
    assert "Selamat datang" not in page


def test_indonesian_stays_the_default_without_the_cookie(client_for, agency):
    response = client_for("penilai").get(reverse("core:beranda"))
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "<h1>Selamat datang, Budi Santoso</h1>" in page
    assert "Peran Anda: Pegawai, Pejabat penilai" in page
    assert '<button class="link">Keluar</button>' in page
    assert "Sign out" not in page


def test_the_language_selector_switches_to_english_and_back(client):
    login = reverse("akun:login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response["Location"] == login
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(login).content.decode()
    assert '<html lang="en">' in page
    assert '<option value="en" selected>EN</option>' in page
    assert "<h1>Sign in</h1>" in page

    client.post(reverse("set_language"), {"language": "id", "next": login})
    page = client.get(login).content.decode()
    assert '<html lang="id">' in page
    assert "<h1>Masuk</h1>" in page


def test_form_errors_are_translated(client):
    response = english_client(client).post(reverse("akun:login"), {"nip": "", "kata_sandi": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "NIP is required." in page
    assert "Password is required." in page
    assert "NIP wajib diisi." not in page


# --- catalog ----------------------------------------------------------------------------------


def test_catalog_is_english_with_plural_forms_in_the_header():
    header = next(entry for entry in parse_po(PO_PATH.read_text(encoding="utf-8")))
    assert header.msgid == ""
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.msgstr[0]


def test_every_entry_is_translated_and_none_is_fuzzy(po_entries):
    assert len(po_entries) > 600
    fuzzy = [entry.label for entry in po_entries if "fuzzy" in entry.flags]
    empty = [entry.label for entry in po_entries if not all(entry.msgstr.values())]
    plural_incomplete = [
        entry.label
        for entry in po_entries
        if entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1]
    ]
    assert fuzzy == []
    assert empty == []
    assert plural_incomplete == []


def test_translations_keep_every_placeholder(po_entries):
    changed = []
    for entry in po_entries:
        expected = sorted(set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or ""))))
        for text in entry.msgstr.values():
            if sorted(set(PLACEHOLDER.findall(text))) != expected:
                changed.append((entry.label, text))
    assert changed == []


def test_compiled_catalog_matches_the_po_file(po_entries, mo_catalog):
    """django.mo was compiled from the current django.po (run `make messages` after editing)."""
    different = []
    for entry in po_entries:
        if entry.msgid_plural is not None:
            for count, index in ((1, 0), (2, 1)):
                if entry.msgctxt is None:
                    got = mo_catalog.ngettext(entry.msgid, entry.msgid_plural, count)
                else:
                    got = mo_catalog.npgettext(
                        entry.msgctxt, entry.msgid, entry.msgid_plural, count
                    )
                if got != entry.msgstr[index]:
                    different.append((entry.label, got))
            continue
        if entry.msgctxt is None:
            got = mo_catalog.gettext(entry.msgid)
        else:
            got = mo_catalog.pgettext(entry.msgctxt, entry.msgid)
        if got != entry.msgstr[0]:
            different.append((entry.label, got))
    assert different == []


def test_the_minimal_po_reader_understands_the_format():
    text = (
        'msgid ""\n'
        'msgstr ""\n'
        '"Language: en\\n"\n'
        "#: a.py:1\n"
        "#, python-format\n"
        'msgid "Halo %(nama)s, \\"teman\\""\n'
        'msgstr ""\n'
        '"Hello %(nama)s, "\n'
        '"\\"friend\\""\n'
        "\n"
        'msgctxt "peran"\n'
        'msgid "Pegawai"\n'
        'msgstr "Employee"\n'
        "\n"
        'msgid "%(n)s berkas"\n'
        'msgid_plural "%(n)s berkas"\n'
        'msgstr[0] "%(n)s file"\n'
        'msgstr[1] "%(n)s files"\n'
        "\n"
        '#~ msgid "lama"\n'
        '#~ msgstr "old"\n'
    )
    header, greeting, role, files = parse_po(text)
    assert header.msgstr == {0: "Language: en\n"}
    assert (greeting.msgid, greeting.msgstr, greeting.flags) == (
        'Halo %(nama)s, "teman"',
        {0: 'Hello %(nama)s, "friend"'},
        {"python-format"},
    )
    assert (role.msgctxt, role.msgid, role.msgstr) == ("peran", "Pegawai", {0: "Employee"})
    assert (files.msgid_plural, files.msgstr) == (
        "%(n)s berkas",
        {0: "%(n)s file", 1: "%(n)s files"},
    )
