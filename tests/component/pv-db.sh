#!/bin/sh
# pv-db: `isoloir-console pv --scrutin N` on a real platform (R-RES-3,
# R-BUR-7): the counts file as isoloir-verify gives it, everything else from
# both databases: establishment, round, opening and closing in French time
# (winter and summer), the bureau's members, the scrutin's seals, the
# journal's head and the bureau's observation; then a PV de carence for a
# scrutin without any list.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need pdftotext pdfinfo
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
W=$STACK_DIR/pv
mkdir -p "$W"
Z64=$(printf '0%.0s' $(seq 64))

sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'assesseur', 'Martin', 'Anne'), (1, 'president', 'Dupont', 'Jérôme'), (1, 'secretaire', 'Roy', 'Lise');
UPDATE scrutin SET bureau_id = 1;
INSERT INTO journal (seq, at, actor, action, scrutin_id, detail, prev_hash, hash) VALUES
  (1, '2026-03-02 08:30:00', 'console', 'transition', 1, 'draft -> sealed', UNHEX('$Z64'), UNHEX(SHA2('1', 256))),
  (2, '2026-06-10 14:05:00', 'bureau:Dupont', 'observation', 1,
   'Le bureau constate une coupure réseau de 3 minutes ; aucun vote perdu.', UNHEX(SHA2('1', 256)), UNHEX(SHA2('2', 256)));
UPDATE journal_head SET seq = 2, hash = UNHEX(SHA2('2', 256)) WHERE id = 1;" >/dev/null
sql_root urn "INSERT INTO seal (scrutin_id, kind, fingerprint, prev_fingerprint, content, sealed_at, authorised_by) VALUES
  (1, 'sealed', UNHEX(SHA2('ouverture', 256)), UNHEX('$Z64'), '{}', '2026-01-01 06:45:00', 'président'),
  (1, 'sealed_after_count', UNHEX(SHA2('clôture', 256)), UNHEX(SHA2('ouverture', 256)), '{}', '2026-07-14 10:00:00', 'président');" >/dev/null

cat >"$W/base.json" <<'EOF'
{ "entreprise": { "raison_sociale": "Coopérative des Écrins", "siret": "987 654 321 00045" },
  "lieu": "Briançon", "date_pv": "2026-12-31 17:30",
  "listes": { "Liste CFDT": { "syndicat": "CFDT Hautes-Alpes", "affiliation": "CFDT" } } }
EOF
# 2 ballots, CFDT 1 (Hugo Bernard struck) and CGT 1: the counts of count-e2e.
printf '{"scrutin":1,"ballots":2,"counts":[1,1,0,0,0,1,0,1,1,1,1,0,0,0]}\n' >"$W/counts.json"
out=$("$C" pv --scrutin 1 --counts "$W/counts.json" --header "$W/base.json" --out "$W/pv.pdf" --csv "$W/pv.csv" -c "$CONF" 2>&1); rc=$?
expect_eq "pv --scrutin exits 0" 0 "$rc"
[ "$rc" = 0 ] || echo "$out"
t=$(pdftotext -layout "$W/pv.pdf" -)
expect_match "raison sociale from the base header" "Raison sociale +Coopérative des Écrins" "$t"
expect_match "establishment from the database" "Établissement +Siège" "$t"
expect_match "collège from the database" "Collège +Cadres" "$t"
expect_match "round 1" "Tour de scrutin +1er tour" "$t"
expect_match "opening 07:00 UTC in January is 08 h 00 in Paris" "Ouverture du scrutin +01/01/2026 à 08 h 00" "$t"
expect_match "closing 16:00 UTC in December is 17 h 00" "Clôture du scrutin +31/12/2026 à 17 h 00" "$t"
expect_match "2 inscrits (elector_scrutin)" "Nombre d'électeurs inscrits +2$" "$t"
expect_match "SVE 2, quotient 2/3" "2/3 = 0,666667" "$t"
expect_match "CFDT: union from the base header, average 2/3 (a strike), 1 seat" \
	"Liste CFDT +CFDT Hautes-Alpes.* 1 +0,666667 +1 +0 +1 +50,00" "$t"
expect_match "CGT: 1 + 1 seats" "Liste CGT +CGT .* 1 +1,000000 +1 +1 +2 +50,00" "$t"
expect_match "common list: unions from the database" "^Liste +FO\+UNSA +0 +0,000000 +0 +0 +0 +0,00" "$t"
expect_match "elected: Léa Martin" "Léa Martin +F +Liste CFDT" "$t"
expect_match "elected: Noé Durand" "Noé Durand +H +Liste CGT" "$t"
expect_match "elected: Inès Leroy" "Inès Leroy +F +Liste CGT" "$t"
expect_match "bureau: the president first, with his accents" "Jérôme Dupont +Président\(e\)" "$t"
expect_match "bureau: the secretary" "Lise Roy +Secrétaire" "$t"
expect_match "opening seal, 06:45 UTC is 07 h 45 in winter" \
	"Scellement avant.* +01/01/2026 à 07 h 45 +$(printf ouverture | sha256sum | cut -c1-64)" "$t"
expect_match "seal after the count, 10:00 UTC is 12 h 00 in summer" \
	"Scellement après.* +14/07/2026 à 12 h 00 +$(printf clôture | sha256sum | cut -c1-64)" "$t"
expect_match "bureau observation in annex 2" "10/06/2026 à 16 h 05 +Le bureau constate une coupure réseau de 3" "$t"
expect_match "journal entry in annex 3" "02/03/2026 à 09 h 30 +transition — console — draft -> sealed" "$t"
expect_match "journal size and head" "compte 2 entrée.*$(printf 2 | sha256sum | cut -c1-20)" "$(printf '%s' "$t" | tr -d '\n')"
expect_match "CSV from the same numbers" "^Cadres;titulaires;1;3;2;2;0;0;2;2/3;0.666667;oui;3;0;Liste CFDT;CFDT Hautes-Alpes;CFDT;1;2/3;0.666667;1;0;1;50.00;oui;Léa Martin;F;1;0;non;1;oui$" "$(cat "$W/pv.csv")"

# A collège without any list: the PV de carence.
sql_root electors "INSERT INTO college (operation_id, name) VALUES (1, 'Ouvriers');
INSERT INTO scrutin (operation_id, establishment_id, college_id, category, seats, bureau_id) VALUES (1, 1, 2, 'titulaires', 2, 1);
INSERT INTO elector_scrutin VALUES (1, 3), (2, 3);
INSERT INTO scrutin_crypto (scrutin_id, public_key, fingerprint, nul_slot)
  SELECT 3, public_key, '$(printf 3 | sha256sum | cut -c1-64)', FALSE FROM scrutin_crypto WHERE scrutin_id = 1;" >/dev/null
printf '{"scrutin":3,"ballots":0,"counts":[0]}\n' >"$W/counts-3.json"
out=$("$C" pv --scrutin 3 --counts "$W/counts-3.json" --header "$W/base.json" --out "$W/carence.pdf" -c "$CONF" 2>&1); rc=$?
expect_eq "carence: pv --scrutin exits 0" 0 "$rc"
[ "$rc" = 0 ] || echo "$out"
t=$(pdftotext -layout "$W/carence.pdf" -)
expect_match "PV de carence" "PROCÈS-VERBAL DE CARENCE" "$t"
expect_match "collège Ouvriers, 2 seats, 2 inscrits" "Ouvriers +membres titulaires +2 +2 +totale" "$t"

out=$("$C" pv --scrutin 1 --counts "$W/counts-3.json" --header "$W/base.json" --out "$W/x.pdf" -c "$CONF" 2>&1); rc=$?
expect_eq "another scrutin's counts: exit 1" 1 "$rc"
expect_match "…with the reason" "autre scrutin" "$out"
finish
