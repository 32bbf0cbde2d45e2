# nianbao — GNU Make build. Targets:
#   make            libnianbao.a and the nianbao binary (also copied to the top directory)
#   make check      install what the tests need (scripts/deps --test), build, run every test
#   make asan       build and run the test suite under -fsanitize=address,undefined
#   make demo       install what is missing, build, run nianbao on examples/guandu-2017.txt
#   make install    PREFIX=/usr/local DESTDIR= : binary, library, header, forms, fonts, .pc
#   make uninstall  the same PREFIX and DESTDIR: removes them
#   make lint       clang-format check and cppcheck
#   make deps       install the Debian packages for building (scripts/deps)
#   make deb        $(BUILD)/deb/nianbao_VERSION_ARCH.deb with dpkg-buildpackage, checked by lintian
#   make deb-test   install that package in a clean Debian 12 root made with debootstrap (dpkg -i,
#                   apt-get -f install) and run the command-line tests there (scripts/deb-root)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
PKGS    := jansson libpcre2-8 harfbuzz harfbuzz-subset
VERSION := $(shell sed -n 's/^\#define NIANBAO_VERSION "\(.*\)"/\1/p' include/nianbao.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))

CFLAGS  ?= -O2 -g
# -Werror only where we test (make check, make asan, CI), never forced on a user's build
WERROR  ?=
WARN    := -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# The binary built here finds the forms and fonts of this checkout when they are not installed;
# the installed one (make install) knows only PREFIX's (INSTALL_CPPFLAGS).
INSTALL_CPPFLAGS := -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L \
    -DNB_FORMS_DIR='"$(PREFIX)/share/nianbao/forms"' \
    -DNB_FONTS_DIR='"$(PREFIX)/share/nianbao/fonts"' $(CPPFLAGS)
CPPFLAGS_ALL := $(INSTALL_CPPFLAGS) \
    -DNB_SOURCE_FORMS_DIR='"$(CURDIR)/forms"' -DNB_SOURCE_FONTS_DIR='"$(CURDIR)/fonts"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS_ALL = $(PKG_LIBS) -lz -lm -lpthread $(LDLIBS)
# The program alone writes workbooks (libxlsxwriter prints its own errors, so not the library)
CLI_LIBS   = $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The library (src/) returns values; the program (src/cli/: the command line, archive conversion
# with its progress, signals and directory walks) prints and decides exit codes.
LIB_SRC := $(wildcard src/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check check-run asan demo install uninstall lint deps clean fuzz fuzz-smoke fuzz-build valgrind stress deb deb-test
all: nianbao libnianbao.a nianbao.pc

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

# (rebuilt when the Makefile changes: a module moved out of src/ must leave the archive)
$(BUILD)/libnianbao.a: $(LIB_OBJ) Makefile
	@rm -f $@
	$(AR) rcs $@ $(filter %.o,$^)

$(BUILD)/nianbao: $(CLI_OBJ) $(BUILD)/libnianbao.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libnianbao.a $(CLI_LIBS) $(LDLIBS_ALL)

nianbao: $(BUILD)/nianbao
	cp $< $@
libnianbao.a: $(BUILD)/libnianbao.a
	cp $< $@

# The .pc names PREFIX, so it is made anew every time (install may use another PREFIX).
.PHONY: nianbao.pc
nianbao.pc: nianbao.pc.in
	@sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@REQUIRES@|$(PKGS)|g' \
	    $< > $@

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnianbao.a
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libnianbao.a \
	    $(LDLIBS_ALL) -lcmocka -ljansson

# The test suite against the build in $(BUILD); its last line is the runner's summary.
check-run: $(BUILD)/nianbao $(UNIT_BINS)
	@tests/run $(BUILD)

check:
	@scripts/deps --test
	@$(MAKE) --no-print-directory WERROR=-Werror all
	@$(MAKE) --no-print-directory WERROR=-Werror check-run

# The generated-layout property test (tests/gen) at 20,000 cases; make check runs 2,000.
stress: $(BUILD)/nianbao
	NIANBAO=$(BUILD)/nianbao python3 tests/gen/proptest.py --cases 20000 --tags

asan:
	@scripts/deps --test
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g $(SAN_FLAGS)" \
	    LDFLAGS="$(SAN_FLAGS)" WERROR=-Werror check-run

# The main job on the sample: the discrepancy list (check exits 1 when it lists a discrepancy,
# which is the point here, not a failure of make) and the PDF, saying where it is.
demo:
	@scripts/deps
	@$(MAKE) --no-print-directory all
	@echo "== nianbao check examples/guandu-2017.txt: the discrepancy list =="
	@./nianbao check examples/guandu-2017.txt; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@mkdir -p $(BUILD)/demo
	@./nianbao pdf examples/guandu-2017.txt -o $(BUILD)/demo/guandu-2017.pdf
	@echo "== the PDF/A of the sample, laid out after GB/T 9704: $(BUILD)/demo/guandu-2017.pdf =="

deps:
	@scripts/deps

# What is installed is built apart, in $(BUILD)/install: the modules that name data directories
# (form.c, font.c) compiled with PREFIX's only — never this checkout's, never the current
# directory's — and rebuilt whenever PREFIX changes (the stamp holds the last one).
PATH_SRC     := src/form.c src/font.c
INST_OBJ     := $(PATH_SRC:src/%.c=$(BUILD)/install/%.o)
INST_LIB_OBJ := $(filter-out $(PATH_SRC:src/%.c=$(BUILD)/obj/%.o),$(LIB_OBJ)) $(INST_OBJ)

.PHONY: FORCE
$(BUILD)/install/prefix: FORCE
	@mkdir -p $(dir $@)
	@if [ "$$(cat $@ 2>/dev/null)" != "$(PREFIX)" ]; then echo "$(PREFIX)" > $@; fi

$(BUILD)/install/%.o: src/%.c $(BUILD)/install/prefix
	$(CC) $(WARN) $(CFLAGS) $(INSTALL_CPPFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/install/libnianbao.a: $(INST_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/install/nianbao: $(CLI_OBJ) $(BUILD)/install/libnianbao.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/install/libnianbao.a $(CLI_LIBS) \
	    $(LDLIBS_ALL)

# The shared library: position-independent objects, only the names nianbao.h declares
# exported (-fvisibility=hidden; the header marks its own), soname libnianbao.so.MAJOR.
PIC_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)

$(PATH_SRC:src/%.c=$(BUILD)/pic/%.o): $(BUILD)/install/prefix
$(BUILD)/pic/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden $(INSTALL_CPPFLAGS) $(PKG_CFLAGS) -MMD -MP \
	    -c $< -o $@

$(BUILD)/install/libnianbao.so.$(VERSION): $(PIC_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,libnianbao.so.$(SOMAJOR) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/install/nianbao.pc: nianbao.pc.in $(BUILD)/install/prefix
	@sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@REQUIRES@|$(PKGS)|g' \
	    $< > $@

install: $(BUILD)/install/nianbao $(BUILD)/install/libnianbao.a $(BUILD)/install/nianbao.pc \
    $(BUILD)/install/libnianbao.so.$(VERSION)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/nianbao/forms \
	    $(DESTDIR)$(PREFIX)/share/nianbao/fonts $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/install/nianbao $(DESTDIR)$(PREFIX)/bin/nianbao
	install -m 644 docs/nianbao.1 docs/nianbao-*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 docs/nianbao.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/nianbao
	install -m 644 $(BUILD)/install/libnianbao.a $(DESTDIR)$(PREFIX)/lib/libnianbao.a
	install -m 755 $(BUILD)/install/libnianbao.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libnianbao.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libnianbao.so.$(SOMAJOR)
	ln -sf libnianbao.so.$(SOMAJOR) $(DESTDIR)$(PREFIX)/lib/libnianbao.so
	install -m 644 include/nianbao.h $(DESTDIR)$(PREFIX)/include/nianbao.h
	install -m 644 $(BUILD)/install/nianbao.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/nianbao.pc
	install -m 644 fonts/* $(DESTDIR)$(PREFIX)/share/nianbao/fonts/
	for f in forms/*; do install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/nianbao/forms/; done

# Removes what install put under PREFIX (and the directories it made, when empty).
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nianbao $(DESTDIR)$(PREFIX)/lib/libnianbao.a \
	    $(DESTDIR)$(PREFIX)/lib/libnianbao.so $(DESTDIR)$(PREFIX)/lib/libnianbao.so.$(SOMAJOR) \
	    $(DESTDIR)$(PREFIX)/lib/libnianbao.so.$(VERSION) \
	    $(DESTDIR)$(PREFIX)/include/nianbao.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/nianbao.pc \
	    $(DESTDIR)$(PREFIX)/share/man/man1/nianbao.1 \
	    $(patsubst docs/%,$(DESTDIR)$(PREFIX)/share/man/man1/%,$(wildcard docs/nianbao-*.1)) \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/nianbao
	rm -rf $(DESTDIR)$(PREFIX)/share/nianbao
	-rmdir $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/bash-completion $(DESTDIR)$(PREFIX)/share 2>/dev/null

lint:
	@scripts/deps --lint
	clang-format --dry-run -Werror src/*.c src/*.h src/cli/*.c src/cli/*.h include/*.h \
	    tests/unit/*.c tests/unit/*.h fuzz/*.c
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
	    --std=c11 --inline-suppr -Iinclude -Isrc src tests/unit

# The end-to-end runs under valgrind: any error or leak fails.
VALGRIND_INPUTS := examples/guandu-2017.txt $(wildcard tests/data/real/*.txt) \
    $(wildcard tests/cases/*.txt) $(wildcard tests/check/clean-*.txt) $(wildcard tests/regress/*.txt)
valgrind: all
	@scripts/deps --test
	@for f in $(VALGRIND_INPUTS); do \
	    for cmd in "extract --format json" "check --format json --lenient" "extract --format csv"; do \
	        valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	            ./nianbao $$cmd "$$f" >/dev/null 2>/tmp/nianbao-valgrind.log; rc=$$?; \
	        if [ $$rc -ne 0 ] && [ $$rc -ne 1 ] && [ $$rc -ne 65 ]; then \
	            echo "valgrind: $$cmd $$f: exit $$rc"; cat /tmp/nianbao-valgrind.log; exit 1; fi; \
	        if [ -s /tmp/nianbao-valgrind.log ] && grep -q '==[0-9]*==' /tmp/nianbao-valgrind.log; then \
	            echo "valgrind: $$cmd $$f"; cat /tmp/nianbao-valgrind.log; exit 1; fi; \
	    done; \
	done; echo "valgrind: $(words $(VALGRIND_INPUTS)) inputs x 3 commands, no error, no leak"

# ---- fuzzing (clang's libFuzzer with ASan and UBSan) ----------------------------------------
FUZZ_SECONDS ?= 60
# inputs up to the default line limit (--max-line-length, 16M); the smoke run keeps 64 KB
FUZZ_MAX_LEN ?= 16777216
FUZZ_TARGETS := decode parse form figures pipeline flat metadata convert baseline years
FUZZ_CC      := clang
FUZZ_FLAGS   := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJ     := $(LIB_SRC:src/%.c=build/fuzz/obj/%.o) build/fuzz/obj/cli/batch.o \
                build/fuzz/obj/cli/msg.o build/fuzz/obj/cli/workbook.o \
                build/fuzz/obj/cli/baseline.o build/fuzz/obj/cli/xlsxread.o \
                build/fuzz/obj/cli/years.o
FUZZ_BINS    := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -Wall -Wextra -Werror $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
	    $(CPPFLAGS_ALL) $(PKG_CFLAGS) -c $< -o $@

build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) -std=c11 -Wall -Wextra -Werror $(FUZZ_FLAGS) -fsanitize=fuzzer $(CPPFLAGS_ALL) \
	    $(PKG_CFLAGS) $< $(FUZZ_OBJ) $(CLI_LIBS) $(LDLIBS_ALL) -o $@

fuzz-build:
	@scripts/deps --fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

# make fuzz FUZZ_SECONDS=600: every target for that long (two at a time with -j2). New inputs
# go to build/fuzz/corpus-NAME; the saved seeds in fuzz/corpus/NAME are read, not written.
fuzz: fuzz-build
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=fuzz-run-%)

fuzz-run-%: build/fuzz/fuzz_%
	@mkdir -p build/fuzz/corpus-$* build/fuzz/artifacts
	build/fuzz/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/nianbao.dict -timeout=10 \
	    -rss_limit_mb=4096 -max_len=$(FUZZ_MAX_LEN) -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/artifacts/$*- build/fuzz/corpus-$* fuzz/corpus/$*

# About a minute and a half in all over the saved corpora, for CI.
fuzz-smoke: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    build/fuzz/fuzz_$$t -runs=0 fuzz/corpus/$$t >/dev/null 2>&1 || exit 1; \
	    build/fuzz/fuzz_$$t -max_total_time=9 -dict=fuzz/nianbao.dict -timeout=10 \
	        -rss_limit_mb=2048 -max_len=65536 fuzz/corpus/$$t 2>&1 | tail -1 | sed "s/^/fuzz_$$t: /" \
	        || exit 1; \
	    git checkout -- fuzz/corpus/$$t 2>/dev/null; git clean -qfd fuzz/corpus/$$t 2>/dev/null; \
	done; echo "fuzz smoke: $(words $(FUZZ_TARGETS)) targets, no finding"

clean:
	@# (--one-file-system: a clean root left mounted by a killed make deb-test keeps the host's /dev)
	rm -rf --one-file-system build nianbao libnianbao.a nianbao.pc

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(INST_OBJ:.o=.d) $(PIC_OBJ:.o=.d)

# The Debian package, built from a copy of this tree (dpkg-buildpackage writes beside the source
# directory: here, $(BUILD)/deb). Lintian must find no error.
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB      := $(BUILD)/deb/nianbao_$(VERSION)_$(DEB_ARCH).deb
deb:
	@scripts/deps --deb
	rm -rf --one-file-system $(BUILD)/deb && mkdir -p $(BUILD)/deb/nianbao-$(VERSION)
	tar --exclude=./build --exclude=./.git --exclude='./nianbao' --exclude=./libnianbao.a \
	    -cf - . | tar -xf - -C $(BUILD)/deb/nianbao-$(VERSION)
	cd $(BUILD)/deb/nianbao-$(VERSION) && dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
	    { tail -30 ../build.log; exit 1; }
	lintian --fail-on error --tag-display-limit 0 $(DEB)
	@echo "$(DEB)"

# (needs root and the network: debootstrap makes the clean root)
deb-test: deb
	DEB_ROOT=$(BUILD)/deb-root scripts/deb-root $(DEB)
