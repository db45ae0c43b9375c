#!/bin/sh
# browser-kiosk: kiosk mode in Chromium (web/test/browser/kiosk.mjs).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI
node "$ISOLOIR_SRCDIR/web/test/browser/kiosk.mjs"
