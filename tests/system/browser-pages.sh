#!/bin/sh
# browser-pages: every static page in Chromium (web/test/browser/pages.mjs).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI
node "$ISOLOIR_SRCDIR/web/test/browser/pages.mjs"
