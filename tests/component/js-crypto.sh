#!/bin/sh
# js-crypto: node --test of web/test/*.test.mjs (JavaScript crypto vs the
# shared vectors and the C verifier). Runs on a copy of web/src and web/test
# beside the installed npm packages, so that it also works from a read-only
# source tree (make distcheck).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
tmp=$(mktemp -d /tmp/isoloir-js.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp -R "$ISOLOIR_SRCDIR/web/src" "$ISOLOIR_SRCDIR/web/test" "$ISOLOIR_SRCDIR/web/package.json" "$tmp/"
ln -s "$ISOLOIR_NODE_MODULES" "$tmp/node_modules"
ISOLOIR_VECTORS=$ISOLOIR_SRCDIR/tests/vectors node --test "$tmp"/test/*.test.mjs
