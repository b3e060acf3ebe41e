from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kinerja.core.env import EnvironmentReader


def test_boolean_accepts_common_words():
    env = EnvironmentReader({"A": "yes", "B": "0", "C": "Ya"})
    assert (env.boolean("A", False), env.boolean("B", True), env.boolean("C", False)) == (
        True,
        False,
        True,
    )
    assert env.boolean("MISSING", True) is True


def test_bad_boolean_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match=r"KINERJA_DEBUG='maybe' is invalid"):
        EnvironmentReader({"KINERJA_DEBUG": "maybe"}).boolean("KINERJA_DEBUG", False)


def test_integer_bounds():
    env = EnvironmentReader({"N": "5", "BAD": "five", "LOW": "0"})
    assert env.integer("N", 1, minimum=1) == 5
    with pytest.raises(ImproperlyConfigured, match="expected a whole number"):
        env.integer("BAD", 1)
    with pytest.raises(ImproperlyConfigured, match="expected at least 1"):
        env.integer("LOW", 3, minimum=1)


def test_required_string_missing():
    with pytest.raises(ImproperlyConfigured, match="KINERJA_SECRET_KEY is required"):
        EnvironmentReader({}).string("KINERJA_SECRET_KEY", required=True)


def test_url_scheme_checked_and_secret_hidden():
    env = EnvironmentReader({"DATABASE_URL": "mysql://user:pw@host/db", "OK": "postgres://h/db"})
    with pytest.raises(ImproperlyConfigured) as error:
        env.url("DATABASE_URL", schemes=("postgres", "sqlite"))
    assert "pw" not in str(error.value)
    assert env.url("OK", schemes=("postgres",)) == "postgres://h/db"


def test_list_choice_and_path():
    env = EnvironmentReader({"HOSTS": "a.go.id, b.go.id,", "MODE": "celery", "DIR": "/tmp/x"})
    assert env.string_list("HOSTS", []) == ["a.go.id", "b.go.id"]
    assert env.choice("MODE", "thread", ("celery", "thread")) == "celery"
    assert env.path("DIR", Path("/nope")) == Path("/tmp/x")
    with pytest.raises(ImproperlyConfigured, match="expected one of thread, inline"):
        EnvironmentReader({"MODE": "x"}).choice("MODE", "thread", ("thread", "inline"))
