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

# The end-to-end tests start the built `botpool` binary as a separate process. The dockerd
# restart fault stops every container on the daemon, so it runs alone, after the rest.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip DockerdRestart
	BOTPOOL_DOCKERD_RESTART=1 $(SWIFT) test --skip-build --filter DockerdRestart

clean:
	rm -rf .build
