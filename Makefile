# Build, test and run the archive. `make site` and `make test` work on a fresh Debian machine with Swift:
# `deps` installs libcmark-dev and pkg-config with apt when they are missing.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build site test clean

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
