# The two commands a new user needs: `make run` and `make test`. Both start with scripts/setup.
SWIFT ?= swift
STATE_DIR ?= $(CURDIR)/state
MANIFESTS ?= $(CURDIR)/manifests

.PHONY: run test setup build clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

run: build
	@scripts/run-demo "$(MANIFESTS)" "$(STATE_DIR)"

# The end-to-end tests start the built `botpool` binary as a separate process.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test

clean:
	rm -rf .build
