#!/bin/sh
# release: the reference digests of the release the expert certified
# (R-BUR-3, lib/release.c) on a real platform: the console prints the
# manifest of the programs' SHA-256 digests, records the expert's
# certified manifest (journaled, refused once a scrutin is sealed), and
# every seal compares the programs it covers with it: a program that is
# not the certified one cannot be sealed; with the setting
# reference_requise, no seal without a certified reference.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
W=$STACK_DIR/release
mkdir -p "$W"
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }
FCGI=$ISOLOIR_BUILDDIR/fcgi/isoloir-fcgi
PROGS="$FCGI $C $ISOLOIR_BUILDDIR/cli/isoloir-trustee $ISOLOIR_BUILDDIR/cli/isoloir-verify"

expect_match "no reference yet" "Aucune version de référence certifiée" "$("$C" release show)"
"$C" release manifest $PROGS >"$W/manifest.json"
expect_eq "manifest: exit 0" 0 "$?"
expect_eq "four programs, sorted by name" "isoloir-console isoloir-fcgi isoloir-trustee isoloir-verify" \
	"$(sed -n 's/.*"nom": "\(.*\)".*/\1/p' "$W/manifest.json" | tr '\n' ' ' | sed 's/ $//')"
expect_match "the fcgi worker's digest, as sha256sum computes it" \
	"\"sha256\": \"$(sha256sum "$FCGI" | cut -d' ' -f1)\"" "$(tr -d '\n' <"$W/manifest.json" | sed 's/}/}\n/g' | grep isoloir-fcgi)"
out=$("$C" release manifest "$FCGI" "$W/nope" 2>&1)
expect_match "an unreadable program refused" "nope" "$out"

# Malformed manifests are refused with their reason, and nothing recorded.
sed 's/"sha256": "\([0-9a-f]\)/"sha256": "Z/' "$W/manifest.json" >"$W/bad-hex.json"
out=$("$C" release certify "$W/bad-hex.json" --expert "Cabinet Audit" 2>&1)
expect_match "a digest that is not 64 hex digits refused" "empreinte SHA-256 invalide" "$out"
out=$("$C" release certify "$W/manifest.json" 2>&1); rc=$?
expect_eq "the expert's name is required" 2 "$rc"
expect_eq "nothing recorded" 0 "$(sql_root electors 'SELECT COUNT(*) FROM release_reference')"

# The expert certified another build of the worker: sealing refused.
node -e 'const fs = require("fs"); const m = JSON.parse(fs.readFileSync(process.argv[1]));
	m.programmes.find(p => p.nom === "isoloir-fcgi").sha256 = "0".repeat(64);
	fs.writeFileSync(process.argv[2], JSON.stringify(m));' "$W/manifest.json" "$W/other.json"
out=$("$C" release certify "$W/other.json" --expert "Cabinet Audit" 2>&1)
expect_match "a manifest recorded" "Version de référence enregistrée \(4 programmes\), certifiée par Cabinet Audit" "$out"
expect_match "…journaled with its digest" '"expert":"Cabinet Audit".*"sha256":"[0-9a-f]{64}"' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'version_certifiee'")"

small_bureau "$W/codes"
for to in lists_imported keys_generated test_vote reset; do "$C" scrutin transition 1 $to >/dev/null; done
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1); rc=$?
expect_match "sealing with a worker that is not the certified one: refused, the program named" \
	"programme .*isoloir-fcgi : empreinte [0-9a-f]{16}… différente de celle de la version certifiée par l'expert \(0{16}…\)" "$out"
expect_eq "…exit 1" 1 "$rc"
expect_eq "…still reset" reset "$(state 1)"
expect_eq "…no seal" 0 "$(sql_root urn 'SELECT COUNT(*) FROM seal')"

# A program of the seal missing from the manifest.
"$C" release manifest "$C" >"$W/console-only.json"
"$C" release certify "$W/console-only.json" --expert "Cabinet Audit" >/dev/null
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1)
expect_match "a sealed program absent from the reference: refused" "programme isoloir-fcgi absent de la version certifiée" "$out"

# A seal of a chosen few programs (--bin) leaves the others unchecked: refused.
"$C" release certify "$W/manifest.json" --expert "Cabinet Audit" >/dev/null
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" --bin "$FCGI" 2>&1)
expect_match "a seal that leaves out certified programs: refused" \
	"programme isoloir-console de la version certifiée absent du scellement" "$out"
expect_eq "…still reset" reset "$(state 1)"

# The right manifest: sealing goes through.
"$C" release certify "$W/manifest.json" --expert "Cabinet Audit" >/dev/null
expect_match "release show: the reference in force" "isoloir-fcgi +$(sha256sum "$FCGI" | cut -d' ' -f1)" "$("$C" release show)"
# A profession de foi stored with list 1 (as `import candidates --fichiers` does).
sql_root electors "INSERT INTO list_file (list_id, kind, content_type, sha256, body)
  SELECT id, 'profession', 'application/pdf', UNHEX(SHA2('%PDF-1.4 a', 256)), '%PDF-1.4 a'
  FROM candidate_list WHERE scrutin_id = 1 AND position = 1" >/dev/null
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1)
expect_eq "sealed with the certified programs" sealed "$(state 1)"
# R-BUR-3, R-VOTE-2: the profession de foi is frozen and under the seal.
expect_match "the console cannot swap a profession de foi after the sealing" "listes figées" \
	"$(sql_as console electors "DELETE FROM list_file")"
sql_root electors "UPDATE list_file SET body = 'autre', sha256 = UNHEX(SHA2('autre', 256))" >/dev/null
out=$("$C" seal verify 1 2>&1)
expect_match "…and a change behind its back breaks the seal" "listes" "$out"
sql_root electors "UPDATE list_file SET body = '%PDF-1.4 a', sha256 = UNHEX(SHA2('%PDF-1.4 a', 256))" >/dev/null
expect_match "…restored, the seal holds again" "conforme" "$("$C" seal verify 1 2>&1)"
out=$("$C" release certify "$W/other.json" --expert "Quelqu'un" 2>&1)
expect_match "no new reference once a scrutin is sealed" "1 scrutin\(s\) déjà scellé\(s\) : la version de référence se certifie avant la réunion de scellement" "$out"
expect_eq "…the reference unchanged (4 rows)" 4 "$(sql_root electors 'SELECT COUNT(*) FROM release_reference')"
expect_match "the console may not alter a reference" 'denied' \
	"$(sql_as console electors "UPDATE release_reference SET sha256 = 'x'")"

# reference_requise: without any reference, no seal (scrutin 2).
sql_root electors "DELETE FROM release_reference;
UPDATE operation SET settings = JSON_SET(settings, '\$.reference_requise', TRUE)" >/dev/null
for to in lists_imported keys_generated test_vote reset; do "$C" scrutin transition 2 $to >/dev/null; done
out=$("$C" scrutin transition 2 sealed --codes "$W/codes" 2>&1)
expect_match "reference_requise and no reference: sealing refused" "aucune version certifiée par l'expert n'est enregistrée \(réglage reference_requise\)" "$out"
expect_eq "…scrutin 2 not sealed" reset "$(state 2)"
finish
