# Set-up and the two jobs of the README. Everything is installed by these rules on a fresh machine.
VENV    ?= .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: example test browser clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[all,test,train]'
	rm -f $(VENV)/.installed-*; touch $(STAMP)

## the main job on the bundled examples (embedded SQLite, no server)
example: $(STAMP)
	$(VENV)/bin/contention run examples

## the tests (starts what they need: PostgreSQL from the Debian packages, headless Chromium)
test: $(STAMP) browser
	$(PY) -m pytest -q -p no:cacheprovider

browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf contention.db contention-report
