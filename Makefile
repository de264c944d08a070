# SPDX-License-Identifier: GPL-2.0
#
# nsfence top-level Makefile.  The kernel module is built out of tree by
# Kbuild (see Kbuild) in build/mod/<kver>/, one directory per kernel, so
# that one checkout can build for several kernels; the helper and the
# tests build into build/helper and build/tests.
#
#   make                 module for the running kernel (or the matrix) + helper + tests
#   make module KVER=V   module for one kernel (KDIR=tree: built against that tree)
#   make check           the test suite (README's test command)
#   make check-kernels   build (or reuse) the self-built kernels and run the suite on them
#   make demo            boot a VM and show nsfence working
#   make bench           benchmarks on every kernel (ratios, build/bench/*.json)
#   make lint            checkpatch --strict, sparse, W=1 on kmod/ and uapi/
#   make install         module (running kernel) + helper + man page + boot unit
#   make dkms-install    register the module source with DKMS (+ the same userspace)
#   make clean

VERSION      := 0.1.0
TOP          := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD        ?= $(TOP)/build
PREFIX       ?= /usr/local
DESTDIR      ?=
MOD_SOURCES  := Kbuild $(shell cd $(TOP) && find kmod uapi -type f 2>/dev/null)
RUNNING      := $(shell uname -r)

# Which kernels to build for: KVER if given; the running kernel when its
# headers exist; otherwise every kernel of the matrix.
ifneq ($(KVER),)
KVERS := $(KVER)
else ifneq ($(wildcard /lib/modules/$(RUNNING)/build/Makefile),)
KVERS := $(RUNNING)
else
KVERS = $(shell $(TOP)/scripts/kernels.sh ensure | cut -d' ' -f2)
endif

.PHONY: all module helper tests check check-kernels check-host demo lint install install-userspace \
	dkms-install dkms-uninstall clean deps kernels matrix help

all: module helper tests

help:
	@sed -n '3,18p' $(TOP)/Makefile | sed 's/^# \{0,1\}//'

deps:
	@$(TOP)/scripts/deps.sh

kernels: deps
	@$(TOP)/scripts/kernels.sh ensure >/dev/null

# Kbuild writes objects next to the sources: give each kernel a tree of
# links to the real sources so builds for several kernels never mix.
module:
	@set -e; for k in $(KVERS); do \
		d=$(BUILD)/mod/$$k; mkdir -p $$d; \
		(cd $(TOP) && for f in $(MOD_SOURCES); do \
			mkdir -p $$d/$$(dirname $$f); ln -sfn $(TOP)/$$f $$d/$$f; done); \
		echo "  MODULE  $$k"; \
		$(MAKE) -s -C $(or $(KDIR),/lib/modules/$$k/build) M=$$d W=1 modules; \
	done

helper:
	@$(MAKE) -s -C $(TOP)/helper O=$(BUILD)/helper

tests:
	@$(MAKE) -s -C $(TOP)/helper O=$(BUILD)/helper lib
	@$(MAKE) -s -C $(TOP)/tests O=$(BUILD)/tests HELPER_O=$(BUILD)/helper

# The matrix, whatever the running kernel.
matrix: kernels
	@$(MAKE) -s module KVER="$$($(TOP)/scripts/kernels.sh ensure | cut -d' ' -f2 | tr '\n' ' ')"

# The self-built kernels (scripts/builtin-kernel.sh: nsfence built in; a
# KASAN + lockdep + kmemleak kernel running the loadable module).
# `make check-kernels` builds them when missing (~17 min on 2 cores) and
# runs the suite on both.  `make check` runs those of CHECK_SELFBUILT that
# are in the cache (an incremental rebuild of the built-in kernel after a
# change of kmod/ included) and prints a SKIP line, counted as skipped,
# for the others: building them does not fit CI's budget.
# CHECK_JOBS kernels (and the host tests) run at a time: a VM is one host
# thread under TCG.
SELFBUILT := builtin debug
CHECK_SELFBUILT ?= builtin debug
CHECK_JOBS ?= $(if $(filter 1,$(shell nproc)),1,2)

check: deps kernels matrix helper tests
	@$(TOP)/tests/run.sh --jobs $(CHECK_JOBS) --cached-only \
		$(foreach k,$(shell $(TOP)/scripts/kernels.sh list) $(CHECK_SELFBUILT),--kernel $(k))

check-kernels: deps helper tests
	@$(TOP)/scripts/deps.sh --kernel-build
	@$(TOP)/tests/run.sh --vm-only --jobs $(CHECK_JOBS) $(foreach k,$(SELFBUILT),--kernel $(k))

demo: deps kernels
	@$(MAKE) -s module KVER=$$($(TOP)/scripts/kernels.sh ensure 6.12 | cut -d' ' -f2)
	@$(MAKE) -s helper
	@$(TOP)/scripts/demo.sh

bench: deps kernels matrix
	@$(MAKE) -s -C $(TOP)/helper O=$(BUILD)/helper
	@$(TOP)/scripts/bench.sh

lint:
	@$(TOP)/scripts/deps.sh --lint
	@$(TOP)/scripts/lint.sh

install: module install-userspace
	@set -e; for k in $(KVERS); do \
		install -D -m 0644 $(BUILD)/mod/$$k/nsfence.ko \
			$(DESTDIR)/lib/modules/$$k/updates/nsfence.ko; \
		[ -n "$(DESTDIR)" ] || depmod -a $$k; \
	done

# The helper, its man page, and what applies the administrator's settings
# at boot: nsfence.service (ExecStart names the nsfence installed here),
# the modules-load.d file that loads the module before it, and the example
# settings.  /etc/nsfence/admin-settings.json is the administrator's to
# write: until it exists the service does nothing.
SBINDIR      ?= $(PREFIX)/sbin
UNITDIR      ?= $(PREFIX)/lib/systemd/system
MODLOADDIR   ?= $(PREFIX)/lib/modules-load.d
DOCDIR       ?= $(PREFIX)/share/doc/nsfence
install-userspace: helper
	@$(MAKE) -s -C $(TOP)/helper O=$(BUILD)/helper install PREFIX=$(PREFIX) \
		SBINDIR=$(SBINDIR) DESTDIR=$(DESTDIR)
	@install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(MODLOADDIR) $(DESTDIR)$(DOCDIR)
	@sed 's|@SBINDIR@|$(SBINDIR)|g' $(TOP)/contrib/systemd/nsfence.service.in \
		>$(DESTDIR)$(UNITDIR)/nsfence.service
	@chmod 0644 $(DESTDIR)$(UNITDIR)/nsfence.service
	@install -m 0644 $(TOP)/contrib/modules-load.d/nsfence.conf \
		$(DESTDIR)$(MODLOADDIR)/nsfence.conf
	@install -m 0644 $(TOP)/contrib/admin-settings.json \
		$(TOP)/contrib/modprobe.d/nsfence.conf $(DESTDIR)$(DOCDIR)/
	@if [ -z "$(DESTDIR)" ] && command -v systemctl >/dev/null && \
	    [ -d /run/systemd/system ]; then \
		systemctl daemon-reload && systemctl enable nsfence.service; \
	fi

DKMS_SRC := $(DESTDIR)/usr/src/nsfence-$(VERSION)
dkms-install: install-userspace
	@mkdir -p $(DKMS_SRC)
	@cd $(TOP) && cp -r --parents $(MOD_SOURCES) dkms.conf $(DKMS_SRC)/
	@dkms add nsfence/$(VERSION)
	@echo "dkms: nsfence/$(VERSION) added; dkms install nsfence/$(VERSION) builds it"

dkms-uninstall:
	-@dkms remove nsfence/$(VERSION) --all
	@rm -rf $(DKMS_SRC)

clean:
	rm -rf $(BUILD)
