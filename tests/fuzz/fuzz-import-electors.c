/* fuzz-import-electors: the electors file check (lib/import_electors.c) on
 * a file holding the fuzz input, with the collèges and election date of
 * tests/component/console-import-check.sh. Invariants: every message is
 * "ligne L, colonne C : ..." (or "aucun électeur") in valid UTF-8; the
 * rows handed out are valid (required fields present and at most 255
 * bytes, sexe F/M, real dates, a known collège, cle_nir 01..97 or empty);
 * rows are handed out only while the report is clean; a clean report has
 * rows. */
#include "config.h"

#include "fuzz.h"
#include "import_electors.h"
#include "text.h"

static const char *const colleges[] = { "Employés", "Agents de maîtrise", "Cadres" };

struct seen {
	unsigned long rows;
	const struct import_report *rep;
};

static int
field_ok(const char *s, int required)
{
	return s != NULL && strlen(s) <= 255 && (!required || *s != '\0') &&
	    text_utf8_valid(s, strlen(s));
}

static int
on_row(const struct elector_row *r, void *ctx)
{
	struct seen *s = ctx;
	int college = 0;

	FUZZ_CHECK(s->rep->nerrors == 0);
	FUZZ_CHECK(field_ok(r->matricule, 1) && field_ok(r->nom, 1) && field_ok(r->prenom, 1) &&
	    field_ok(r->nom_usage, 0) && field_ok(r->email, 0) && field_ok(r->telephone, 0));
	FUZZ_CHECK(r->sexe == 'F' || r->sexe == 'M');
	FUZZ_CHECK(r->naissance >= 19000101 && r->naissance <= 99991231);
	FUZZ_CHECK(r->entree == 0 || (r->entree >= 19000101 && r->entree <= 99991231));
	for (size_t i = 0; i < sizeof(colleges) / sizeof(colleges[0]); i++)
		college |= r->college == colleges[i];
	FUZZ_CHECK(college);
	FUZZ_CHECK(r->cle_nir[0] == '\0' || (strlen(r->cle_nir) == 2 && atoi(r->cle_nir) >= 1 &&
	    atoi(r->cle_nir) <= 97));
	s->rows++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the establishments of the database import too (its spelling check) */
	static const char *const etabs[] = { "Siège", "Mutuelle" };
	struct import_opts o = { .colleges = colleges, .ncolleges = 3, .election_date = 20261201,
		.establishments = etabs, .nestablishments = 2 };
	struct import_report rep;
	struct seen s = { 0, &rep };
	char path[32];
	int fd = fuzz_file(data, size, path);
	struct err e;

	FUZZ_CHECK(import_electors(path, &o, on_row, &s, &rep, &e) == 0);
	FUZZ_CHECK(rep.kept <= rep.nerrors && s.rows <= rep.rows);
	FUZZ_CHECK(rep.nerrors > 0 || (rep.rows > 0 && s.rows == rep.rows));
	for (size_t i = 0; i < rep.kept; i++) {
		FUZZ_CHECK(text_utf8_valid(rep.errors[i], strlen(rep.errors[i])));
		FUZZ_CHECK(strncmp(rep.errors[i], "ligne ", 6) == 0 ||
		    strcmp(rep.errors[i], "aucun électeur") == 0);
	}
	import_report_free(&rep);
	close(fd);
	return 0;
}
