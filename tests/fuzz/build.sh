#!/bin/sh
# build.sh: the libFuzzer targets, built with clang outside the gcc build:
#   build.sh [TARGET...]     (default: every tests/fuzz/fuzz-*.c)
# lib/*.c and each tests/fuzz/fuzz-NAME.c are compiled with
# -fsanitize=fuzzer,address,undefined and the pkg-config flags of
# configure.ac into $ISOLOIR_BUILDDIR/fuzz/ (objects in fuzz/obj/), so
# that make distclean removes them with the rest of the build tree.
# Only what changed since the last run is compiled again.
set -eu

src=${ISOLOIR_SRCDIR:?set ISOLOIR_SRCDIR (make check does)}
bld=${ISOLOIR_BUILDDIR:?set ISOLOIR_BUILDDIR (make check does)}
CLANG=${CLANG:-clang}
out=$bld/fuzz
obj=$out/obj
mkdir -p "$obj"

pkgs="libmariadb libcrypto jansson libargon2"
# -O1 and no -Werror: the gcc build carries the warnings policy; clang
# only has to compile the same code with its instrumentation.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=gnu11 -pthread $SAN -I$src/lib -I$bld $(pkg-config --cflags $pkgs)"
# libfcgi has no usable .pc on Debian 12 (see configure.ac)
LIBS="$(pkg-config --libs $pkgs) -lfcgi -lpthread"

# stale FILE DEP...: 0 when FILE is missing or older than one of DEP.
stale() {
	stale_f=$1
	shift
	[ ! -e "$stale_f" ] && return 0
	for f in "$@"; do
		[ "$f" -nt "$stale_f" ] && return 0
	done
	return 1
}

# The library, fuzzer-instrumented but without libFuzzer's main.
objs=
for c in "$src"/lib/*.c; do
	# the printing library (libisopv.a: cairo, pango) decodes nothing untrusted
	grep -q "lib/$(basename "$c")" "$src/lib/pv.am" && continue
	o=$obj/$(basename "$c" .c).o
	objs="$objs $o"
	if stale "$o" "$c" "$src"/lib/*.h "$bld/config.h"; then
		echo "  CLANG    lib/$(basename "$c")"
		$CLANG $CFLAGS -fsanitize=fuzzer-no-link -c "$c" -o "$o"
	fi
done
lib=$obj/libisofuzz.a
if stale "$lib" $objs; then
	rm -f "$lib"
	ar rcs "$lib" $objs
fi

if [ $# -eq 0 ]; then
	set -- $(cd "$src/tests/fuzz" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')
fi
for t in "$@"; do
	c=$src/tests/fuzz/fuzz-$t.c
	# fuzz-fcgi-request compiles fcgi/ files in: they count too
	if stale "$out/fuzz-$t" "$c" "$src/tests/fuzz/fuzz.h" "$lib" "$src"/fcgi/*.[ch]; then
		echo "  CLANG    tests/fuzz/fuzz-$t.c"
		$CLANG $CFLAGS -Wall -Wextra -Werror -Wno-unused-parameter -fsanitize=fuzzer \
		    -I"$src/tests/fuzz" "$c" "$lib" $LIBS -o "$out/fuzz-$t"
	fi
done
