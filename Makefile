# The two commands a new user needs: `make run` and `make test`. Both start with scripts/setup.
SWIFT ?= swift
STATE_DIR ?= $(CURDIR)/state
MANIFESTS ?= $(CURDIR)/manifests
# `make install`: where files go ($(DESTDIR)$(PREFIX)/bin, …/share) and which build is installed.
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= release
# Extra flags for install's `swift build` and `swift package` (the install test passes --ignore-lock).
SWIFTPM_FLAGS ?=

.PHONY: run test setup build clean install man

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

run: build
	@scripts/run-demo "$(MANIFESTS)" "$(STATE_DIR)"

# The end-to-end tests start the built `botpool` binary as a separate process. Three suites run
# alone, after the rest: FreqtradePreloadAuto starts 20 FreqTrade processes and measures PSS
# (beside the other suites it starved their fork pools past the launchers' 30 s wait),
# MakeInstall compiles the man page plugin and installs (beside the others, on 2 cores, it held
# timed waits up for over a minute), and the dockerd restart fault stops every container.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip DockerdRestart --skip FreqtradePreloadAuto --skip MakeInstall
	$(SWIFT) test --skip-build --filter FreqtradePreloadAuto
	$(SWIFT) test --skip-build --filter MakeInstall
	BOTPOOL_DOCKERD_RESTART=1 $(SWIFT) test --skip-build --filter DockerdRestart

# The binary, its shell completions and its man page, all from the same ArgumentParser commands.
# Needs no Docker. CONFIG=debug installs the debug build (the test of this target uses it).
install: man
	$(SWIFT) build $(SWIFTPM_FLAGS) -c $(CONFIG) --product botpool
	scripts/install "$(DESTDIR)$(PREFIX)" "$$($(SWIFT) build $(SWIFTPM_FLAGS) -c $(CONFIG) --show-bin-path)/botpool" \
		"$(MAN_DIR)"

# botpool.1 from swift-argument-parser's GenerateManual plugin (it builds the package first).
MAN_DIR = $(CURDIR)/.build/plugins/GenerateManual/outputs/botpool
man:
	$(SWIFT) package $(SWIFTPM_FLAGS) plugin generate-manual --configuration $(CONFIG)

clean:
	rm -rf .build
