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

# The end-to-end tests start the built `botpool` binary as a separate process. Two suites run
# alone, after the rest: FreqtradePreloadAuto starts 20 FreqTrade processes and measures PSS
# (beside the other suites it starved their fork pools past the launchers' 30 s wait), and the
# dockerd restart fault stops every container on the daemon.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip DockerdRestart --skip FreqtradePreloadAuto
	$(SWIFT) test --skip-build --filter FreqtradePreloadAuto
	BOTPOOL_DOCKERD_RESTART=1 $(SWIFT) test --skip-build --filter DockerdRestart

clean:
	rm -rf .build
