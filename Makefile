# cm — customer management in batch.  `make` builds the tools into build/;
# `make check` runs every test; `make demo` runs the pipeline on samples/.
CC      ?= gcc
CFLAGS  ?= -O2 -g
# Always added, also to CFLAGS given on the command line (the sanitizer builds).
override CFLAGS += -pthread -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes -Wvla -pedantic -Icore
LDLIBS   = -lcsv -lcjson -lz -lm -pthread
BUILD   ?= build

TOOLS    = cm-import cm-clv cm-segment cm-report
SCRIPTS  = $(BUILD)/cm-nightly
# core/ is the library, a folder per layer: base, io, customers, models,
# segments, report, cli (core/README.md says what each holds and the order:
# a layer includes only the layers before it, which tests/check-layers.sh checks).
LAYERS   = base io customers models segments report cli
CORE_SRC = $(foreach l,$(LAYERS),$(wildcard core/$(l)/*.c))
CORE_HDR = $(foreach l,$(LAYERS),$(wildcard core/$(l)/*.h))
CORE_OBJ = $(CORE_SRC:core/%.c=$(BUILD)/core/%.o)
LIB      = $(BUILD)/libcm.a
BINS     = $(TOOLS:%=$(BUILD)/%)
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT     = $(BUILD)/unit-tests
GEN      = $(BUILD)/cm-gen

.PHONY: all check check-asan demo bench fuzz samples clean deps install uninstall
all: $(BINS) $(GEN) $(SCRIPTS)

$(BUILD)/core/%.o: core/%.c $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIB): $(CORE_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/cm-%: cmd/cm-%.c $(LIB)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/cm-nightly: samples/nightly.sh
	@mkdir -p $(@D)
	cp $< $@ && chmod +x $@

$(GEN): samples/gen.c $(LIB)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(UNIT): $(UNIT_SRC) tests/unit/*.h $(LIB)
	$(CC) $(CFLAGS) -o $@ $(UNIT_SRC) $(LIB) $(LDLIBS)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TSAN_FLAGS = -O1 -g -fsanitize=thread

# Everything, twice: as built, and built with AddressSanitizer (leaks included)
# and UBSan; the threaded tools also under ThreadSanitizer.  Unit tests, golden
# CLI cases, real-data checks; the last line is "N passed, N failed".
check: deps all $(UNIT)
	@sh tests/deps.sh --tests
	@$(MAKE) -s BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" all build-asan/unit-tests
	@$(MAKE) -s BUILD=build-tsan CFLAGS="$(TSAN_FLAGS)" build-tsan/cm-import build-tsan/cm-clv build-tsan/cm-segment \
		build-tsan/cm-report build-tsan/cm-gen
	@BUILDS="$(BUILD) build-asan" sh tests/run.sh

# Only the sanitizer build.
check-asan: deps
	@$(MAKE) -s BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" all build-asan/unit-tests
	@BUILDS=build-asan sh tests/run.sh

demo: deps all
	@sh samples/demo.sh $(BUILD)

bench: deps all
	@sh bench/run.sh $(BUILD)

# The cockpit's screenshots in the README and cm-report(1), made by the
# browser check (headless Chromium) at 1280 and 400 pixels.
screenshots: all
	@CM_SCREENSHOTS=$(CURDIR)/man BUILDS=$(BUILD) ONLY=check-browser sh tests/run.sh

# libFuzzer harnesses for every parser, FUZZ_SECONDS each (default 60).
fuzz: all
	@sh tests/fuzz/run.sh

# Regenerate the bundled samples (deterministic: same seed, same bytes).
samples: $(GEN)
	sh samples/make-samples.sh $(BUILD)

# make install [PREFIX=/usr/local] [DESTDIR=]: the tools and cm-nightly, their
# man pages and cm(7), the built-in rules and the map-reduce scripts.
PREFIX  ?= /usr/local
BINDIR   = $(DESTDIR)$(PREFIX)/bin
MANDIR   = $(DESTDIR)$(PREFIX)/share/man
SHAREDIR = $(DESTDIR)$(PREFIX)/share/cm

install: all
	install -d $(BINDIR) $(MANDIR)/man1 $(MANDIR)/man7 $(SHAREDIR)/rules
	install -m 755 $(BINS) $(SCRIPTS) $(BINDIR)/
	install -m 644 man/cm-import.1 man/cm-clv.1 man/cm-segment.1 man/cm-report.1 $(MANDIR)/man1/
	install -m 644 man/cm.7 $(MANDIR)/man7/
	install -m 755 scale/mapreduce.sh scale/slurm.sh $(SHAREDIR)/
	install -m 644 scale/plan.sh $(SHAREDIR)/
	$(BUILD)/cm-segment --print-rules portfolio >$(SHAREDIR)/rules/portfolio.json
	$(BUILD)/cm-segment --print-rules rfm >$(SHAREDIR)/rules/rfm.json

uninstall:
	rm -f $(TOOLS:%=$(BINDIR)/%) $(BINDIR)/cm-nightly
	rm -f $(TOOLS:%=$(MANDIR)/man1/%.1) $(MANDIR)/man7/cm.7
	rm -f $(SHAREDIR)/rules/portfolio.json $(SHAREDIR)/rules/rfm.json $(SHAREDIR)/mapreduce.sh \
		$(SHAREDIR)/slurm.sh $(SHAREDIR)/plan.sh
	-rmdir $(SHAREDIR)/rules $(SHAREDIR) 2>/dev/null

deps:
	@sh tests/deps.sh

clean:
	rm -rf build build-asan build-tsan build-fuzz
