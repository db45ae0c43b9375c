#!/bin/sh
# browser-home: the home page in real Chromium through nginx + TLS (see
# web/test/browser/home.mjs); screenshots go to $ISOLOIR_ARTIFACTS.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI
node "$ISOLOIR_SRCDIR/web/test/browser/home.mjs"
