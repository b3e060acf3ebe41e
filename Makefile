# Kinerja: `make demo` and `make test` work on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: install demo serve test test-browser check lint format bench bench-rekap bench-pemantauan browser-deps clean messages

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Kinerja needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

demo: install
	KINERJA_DEBUG=1 KINERJA_AGENCY_NAME="$${KINERJA_AGENCY_NAME:-Sekretariat Badan (demo)}" $(BIN)/kinerja demo --serve $(HOST)

serve: install
	KINERJA_DEBUG=1 $(BIN)/kinerja runserver $(HOST)

test: install
	$(BIN)/pytest -m "not browser" -n $(PYTEST_WORKERS) -q $(PYTEST_ARGS)

test-browser: install browser-deps
	$(BIN)/pytest -m browser -q -p no:xdist

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

lint: install
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

format: install
	$(BIN)/ruff check --fix src bench
	$(BIN)/ruff format src bench

check: lint
	$(BIN)/mypy
	$(BIN)/lint-imports
	KINERJA_DEBUG=1 $(BIN)/kinerja makemigrations --check --dry-run
	KINERJA_SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))')" \
	  KINERJA_HTTPS=1 KINERJA_ALLOWED_HOSTS=kinerja.example.go.id \
	  $(BIN)/kinerja check --deploy --fail-level WARNING

# The English catalog: collect the Indonesian msgids, compile django.mo (needs GNU gettext), and
# fail while a msgid is untranslated or fuzzy (translate it in the .po, then run this again).
PO_EN := src/kinerja/locale/en/LC_MESSAGES/django.po
messages: install
	cd src/kinerja && KINERJA_DEBUG=1 $(abspath $(BIN))/kinerja makemessages -l en \
	  --ignore "*/tests/*" --ignore "bench/*"
	cd src/kinerja && KINERJA_DEBUG=1 $(abspath $(BIN))/kinerja compilemessages
	msgfmt --check -o /dev/null $(PO_EN)
	@pending="$$(msgattrib --untranslated --no-obsolete $(PO_EN); \
	  msgattrib --only-fuzzy --no-obsolete $(PO_EN))"; \
	  if [ -n "$$pending" ]; then echo "$$pending"; \
	    echo "Untranslated or fuzzy entries in $(PO_EN) (above)."; exit 1; fi

bench: install
	$(BIN)/python bench/import_pegawai.py

# The annual recap of 250,000 employees on PostgreSQL: drops and creates the database
# postgres://postgres@127.0.0.1:5432/kinerja_bench_rekap (`bench/rekap.py --help` for options).
bench-rekap: install
	$(BIN)/python bench/rekap.py

# The dashboards' latency on 1,000 and 250,000 employees on PostgreSQL: drops and creates the
# databases postgres://postgres@127.0.0.1:5432/kinerja_bench_pemantauan_{1000,250000}
# (`bench/pemantauan.py --help` for options).
bench-pemantauan: install
	$(BIN)/python bench/pemantauan.py

clean:
	rm -rf $(VENV) var
