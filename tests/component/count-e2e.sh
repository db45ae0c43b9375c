#!/bin/sh
# count-e2e: R-BUR-1 / R-BUR-8 end to end on a real platform: three bureau
# members deal a 2-of-3 key with isoloir-trustee (nobody holds the whole
# secret), electors vote through the web with the browser's code, the
# console sums the urn (points stored at cast time), two members decrypt
# the totals only, isoloir-verify checks every proof and gives the counts.
# One member alone cannot; a forged partial decryption is set aside; a
# wrong passphrase is refused; an altered ballot in the urn stops the count
# (board-verify: an altered stored point).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
FP=a32b4bdf5b52a75f3962132640617b69d656832677a3ee9c49fbababc26ddc81
K=$STACK_DIR/ceremony
mkdir -p "$K"

for x in 1 2 3; do
	"$T" deal --election $FP --holder $x --threshold 2 --holders 3 --dir "$K" >/dev/null
	echo "phrase secrète du membre $x" >"$K/pass-$x"
done
check "share files are private (0600)" test "$(stat -c %a "$K/share-1-for-2.json")" = 600
for y in 1 2 3; do
	"$T" key --election $FP --holder $y --dir "$K" --passphrase-file "$K/pass-$y" --out "$K/key-$y.json" >/dev/null
done
check "each member's key file sealed" test -s "$K/key-3.json"
check "no share in clear in a key file" sh -c "! grep -q '\"share\"' '$K/key-1.json'"
"$T" public --election $FP --dir "$K" >"$K/public.json"
Y=$(sed -n 's/.*"public_key": "\([0-9a-f]*\)".*/\1/p' "$K/public.json")
expect_match "election public key from the deals" '^0[23][0-9a-f]{64}$' "$Y"
cp "$K/share-2-for-1.json" "$K/good.json"
# flip the last digit of the share
sed -i -E 's/("share": "[0-9a-f]{63})0"/\1X"/; s/("share": "[0-9a-f]{63})[1-9a-f]"/\10"/; s/X"/1"/' "$K/share-2-for-1.json"
check "the share file was changed" sh -c "! cmp -s '$K/good.json' '$K/share-2-for-1.json'"
out=$("$T" key --election $FP --holder 1 --dir "$K" --passphrase-file "$K/pass-1" --out "$K/x.json" 2>&1)
expect_match "a forged share is detected" 'détenteur 2 est absente ou fausse' "$out"
cp "$K/good.json" "$K/share-2-for-1.json"

# R-ORG-5: scrutin 1 counts salariés (sub-urn 1) and fonctionnaires (2) apart.
sql_root electors "UPDATE scrutin_crypto SET public_key = '$Y', sub_urns = TRUE WHERE scrutin_id = 1; UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes list 1, striking its 2nd name" '^200 ' "$(api_vote 1 0 101)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes list 2" '^200 ' "$(api_vote 1 1 111)"
sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null

expect_eq "ballots filed by statut, chosen by the server" "1,2" "$(sql_root urn 'SELECT GROUP_CONCAT(sub_urn ORDER BY sub_urn) FROM ballot WHERE scrutin_id = 1')"
"$C" tally --conf "$STACK_DIR/etc/console.conf" --scrutin 1 >"$K/totals.json"
expect_match "totals of 2 ballots" '"ballots": 2' "$(cat "$K/totals.json")"
for y in 1 3; do
	"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals.json" --out "$K/partial-$y.json" >/dev/null
done
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/partial-1.json" "$K/partial-3.json")
# slots: 4 lists + blank; candidates 3+3+2+1
expect_match "members 1 and 3 decrypt the exact counts" '"counts":\[1,1,0,0,0,1,0,1,1,1,1,0,0,0\]' "$out"
expect_match "verifier says OK" 'OK$' "$out"
# Each sub-urn totalled and decrypted apart; together they make the whole.
for u in 1 2; do
	"$C" tally --scrutin 1 --sub-urn $u -c "$STACK_DIR/etc/console.conf" >"$K/totals-$u.json" 2>"$K/warn-$u"
	for y in 1 2; do
		"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals-$u.json" --out "$K/p$u-$y.json" >/dev/null
	done
done
expect_match "a sub-urn of 1 ballot: secrecy warning" 'ne compte que 1 bulletin' "$(cat "$K/warn-1")"
expect_match "sub-urn 1 (salariée): her vote only" '"counts":\[1,0,0,0,0,1,0,1,0,0,0,0,0,0\]' \
	"$("$V" count "$K/public.json" "$K/totals-1.json" "$K/p1-1.json" "$K/p1-2.json")"
expect_match "sub-urn 2 (fonctionnaire): his vote only" '"counts":\[0,1,0,0,0,0,0,0,1,1,1,0,0,0\]' \
	"$("$V" count "$K/public.json" "$K/totals-2.json" "$K/p2-1.json" "$K/p2-2.json")"
out=$("$V" count "$K/public.json" "$K/totals-2.json" "$K/p1-1.json" "$K/p1-2.json" 2>&1)
expect_match "another sub-urn's decryptions are refused" 'écarté' "$out"
# The fonctionnaires' own results and PV (R-ORG-5): their inscrits only.
"$V" count "$K/public.json" "$K/totals-2.json" "$K/p2-1.json" "$K/p2-2.json" | head -n 1 >"$K/counts-2.json"
out=$("$C" results --scrutin 1 --counts "$K/counts-2.json" -c "$STACK_DIR/etc/console.conf" | tr -d ' \n')
expect_match "fonctionnaires: their collège named, 1 inscrit, 1 votant" \
	'"name":"Cadres—fonctionnaires","titulaires":\{"status":"ok","seats":3,"inscrits":1,"votants":1,' "$out"
printf '{"entreprise":{"raison_sociale":"Hôpital des Écrins"},"lieu":"Gap","date_pv":"2026-12-31 17:30"}\n' >"$K/h.json"
"$C" pv --scrutin 1 --counts "$K/counts-2.json" --header "$K/h.json" --out "$K/pv-f.pdf" -c "$STACK_DIR/etc/console.conf" >/dev/null 2>&1
expect_match "the fonctionnaires' PV" "Cadres — fonctionnaires" "$(pdftotext "$K/pv-f.pdf" - | tr -s ' \n' '  ')"

# From the counts to the seats (3 seats; 2 ballots: CFDT 1, CGT 1).
"$V" count "$K/public.json" "$K/totals.json" "$K/partial-1.json" "$K/partial-3.json" | head -n 1 >"$K/counts.json"
out=$("$C" results --scrutin 1 --counts "$K/counts.json" -c "$STACK_DIR/etc/console.conf" | tr -d ' \n')
expect_match "results: 2 inscrits, 2 votants, SVE 2, QE 2/3, quorum reached" \
	'"valid":true.*"inscrits":2,"votants":2,"blancs":0,"nuls":0,"sve":2,"qe":"2/3".*"quorum_reached":true' "$out"
expect_match "results: the strike on Hugo Bernard decrypted and counted" '"name":"HugoBernard","votes":0,"strikes":1,"strikes_counted":true' "$out"
expect_match "results: CFDT 1 seat (Léa Martin)" '"name":"ListeCFDT".*"seats_total":1,"seats_unfilled":0,"elected":\["LéaMartin"\]' "$out"
expect_match "results: CGT 2 seats" '"name":"ListeCGT".*"seats_total":2,"seats_unfilled":0,"elected":\["NoéDurand","InèsLeroy"\]' "$out"
"$T" decrypt --key "$K/key-2.json" --passphrase-file "$K/pass-2" --totals "$K/totals.json" --out "$K/partial-2.json" >/dev/null
expect_match "members 2 and 3 too" '"counts":\[1,1,0,0,0,1,0,1,1,1,1,0,0,0\]' \
	"$("$V" count "$K/public.json" "$K/totals.json" "$K/partial-2.json" "$K/partial-3.json")"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/partial-1.json" 2>&1); rc=$?
expect_match "one member alone cannot decrypt" '1 déchiffrement\(s\) partiel\(s\) valide\(s\) sur les 2 requis' "$out"
expect_eq "…and the verifier fails" 1 "$rc"
# negate one partial decryption (02 <-> 03 prefix: the opposite point)
sed -E '0,/"d": "0[23]/s/"d": "02/"d": "0X/; s/"d": "03/"d": "02/; s/"d": "0X/"d": "03/' "$K/partial-1.json" >"$K/forged.json"
check "the partial file was changed" sh -c "! cmp -s '$K/partial-1.json' '$K/forged.json'"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/forged.json" "$K/partial-3.json" 2>&1)
expect_match "a forged partial decryption is set aside" 'détenteur 1 écarté' "$out"
echo "mauvaise phrase secrète" >"$K/wrong"
out=$("$T" decrypt --key "$K/key-1.json" --passphrase-file "$K/wrong" --totals "$K/totals.json" --out "$K/p.json" 2>&1)
expect_match "wrong passphrase refused" 'phrase secrète incorrecte' "$out"

# A ballot cast before urn 006 (no stored points) is verified again. Its
# body is stored packed (docs/protocol.md §9.3): the first proof's first
# scalar is a run (0x02, length, raw bytes) right after "proof":[[, and one
# bit of its first byte is flipped.
expect_eq "bodies stored packed, a run after \"proof\":[[" 2 "$(sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1
 AND LEFT(body, 1) = CHAR(1) AND LOCATE(CONCAT('\"proof\":[[', CHAR(2)), body) > 0")"
sql_root urn "UPDATE ballot SET points = NULL, body = INSERT(body, LOCATE('\"proof\":[[', body) + 12, 1,
 CHAR(ASCII(SUBSTRING(body, LOCATE('\"proof\":[[', body) + 12, 1)) ^ 1)) WHERE scrutin_id = 1 LIMIT 1" >/dev/null
out=$("$C" tally --full --conf "$STACK_DIR/etc/console.conf" --scrutin 1 2>&1); rc=$?
expect_match "an altered ballot without stored points stops the count" 'urne altérée : un bulletin ne se vérifie pas \(preuve\)' "$out"
expect_eq "…with a failure status" 1 "$rc"
# The partial sums made by the counts above hold it as cast; without them
# (never summed), it is verified when it is first added.
sql_root urn "DELETE FROM tally_bucket" >/dev/null
out=$("$C" tally --conf "$STACK_DIR/etc/console.conf" --scrutin 1 2>&1); rc=$?
expect_match "…also when first added to the partial sums" 'urne altérée : le bulletin [0-9a-f]{64} ne se vérifie pas' "$out"
expect_eq "…with a failure status" 1 "$rc"
finish
