# Set-up and the two jobs of the README. Everything is installed by these rules on a fresh machine.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# The Debian packages put each PostgreSQL major version's server binaries in $(PG_ROOT)/<version>/bin;
# tests/conftest.py starts the newest one found there (or initdb on the PATH, or $$CONTENTION_PG_BIN).
PG_ROOT ?= /usr/lib/postgresql
APT_GET ?= apt-get

.PHONY: example test browser postgres clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[all,test,train]'
	rm -f $(VENV)/.installed-*; touch $(STAMP)

## the main job on the bundled examples (embedded SQLite, no server)
example: $(STAMP)
	$(VENV)/bin/contention run examples

## the tests (starts what they need: PostgreSQL from the Debian packages, headless Chromium)
test: $(STAMP) browser postgres
	$(PY) -m pytest -q -p no:cacheprovider

browser:
	@command -v chromium >/dev/null 2>&1 || { $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium >/dev/null; }

## PostgreSQL's server binaries, from the Debian package of whatever release this is (the tests start the server)
postgres:
	@ls $(PG_ROOT)/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
	  || { $(APT_GET) update -qq && $(APT_GET) install -y -qq postgresql >/dev/null; }

clean:
	rm -rf contention.db contention-report
