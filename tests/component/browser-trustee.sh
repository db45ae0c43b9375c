#!/bin/sh
# browser-trustee: the key holder's page depositaire.html in Chromium
# (web/test/browser/trustee.mjs), served with CSP script-src 'self' and
# connect-src 'none': a ceremony and a decryption mixing the page and the
# C tool isoloir-trustee (R-BUR-1, R-BUR-8). No platform needed.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
W=$(mktemp -d /tmp/isoloir-browser-trustee.XXXXXX)
trap 'rm -rf "$W"' EXIT
# a copy beside the npm packages, as js-crypto.sh (read-only source trees)
cp -R "$ISOLOIR_SRCDIR/web/src" "$ISOLOIR_SRCDIR/web/test" "$ISOLOIR_SRCDIR/web/package.json" "$W/"
ln -s "$ISOLOIR_NODE_MODULES" "$W/node_modules"
mkdir -p "$W/ceremony"
CEREMONY=$W/ceremony node "$W/test/browser/trustee.mjs"
