# Build, test and run the archive. `make site` and `make test` work on a fresh Debian machine with Swift:
# `deps` installs libcmark-dev and pkg-config with apt when they are missing.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build site test clean bench

deps:
	@if ! pkg-config --exists libcmark 2>/dev/null; then \
		echo "Installing libcmark-dev and pkg-config…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcmark-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release

site: deps
	$(SWIFT) run -c release build-site

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build output/* .build-site-cache

# End-to-end tests (README.md, "End-to-end tests"): the built archive served on 127.0.0.1 and driven through headless
# Chromium (axe-core, keyboard, language switch), the Nu HTML checker and a link crawl. `e2e-deps` installs chromium,
# chromium-driver, a Java runtime and python3-venv with apt when missing, and the Python packages into .build-e2e/venv
# (axe-selenium-python without its dependencies: its wheel says Python >= 3.12 but is plain code and axe-core 4.10).
E2E_VENV := .build-e2e/venv
E2E_AXE := axe-selenium-python==3.0.0

.PHONY: e2e e2e-deps

e2e-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@if ! echo "$(E2E_AXE)" | cat Tests/e2e/requirements.txt - | cmp -s - $(E2E_VENV)/installed.txt; then \
		echo "Setting up $(E2E_VENV)…"; \
		rm -rf $(E2E_VENV) && python3 -m venv $(E2E_VENV) && \
		$(E2E_VENV)/bin/pip install -q --disable-pip-version-check -r Tests/e2e/requirements.txt && \
		$(E2E_VENV)/bin/pip install -q --disable-pip-version-check --no-deps --ignore-requires-python $(E2E_AXE) && \
		echo "$(E2E_AXE)" | cat Tests/e2e/requirements.txt - > $(E2E_VENV)/installed.txt; \
	fi

e2e: site e2e-deps
	$(E2E_VENV)/bin/python Tests/e2e/run_e2e.py --build-site .build/release/build-site

# Benchmark against Hugo (Debian's hugo, installed when missing) on generated corpora; see scripts/bench.py.
bench: deps
	@command -v hugo >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq hugo)
	@command -v /usr/bin/time >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq time)
	$(SWIFT) build -c release
	python3 scripts/bench.py
