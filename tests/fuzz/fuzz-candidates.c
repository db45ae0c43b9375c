/* fuzz-candidates: the candidates file (lib/candidates.c, R-DATA-2) on a
 * file holding the fuzz input, as `isoloir-console import candidates`
 * reads it. Invariants: the file is always read (a memfd); every message
 * is "ligne L, colonne C : ..." (or "aucun candidat") in valid UTF-8;
 * with errors nothing is handed out; a clean file has candidates, and
 * each scrutin its lists numbered 1..n with distinct names and their
 * candidates 1..k, sexe F or M, a real birth date, tour 1 or 2, no
 * matricule twice, every text valid UTF-8 of at most 255 bytes. */
#include "config.h"

#include "candidates.h"
#include "fuzz.h"
#include "text.h"

static int
text_ok(const char *s)
{
	return s != NULL && *s != '\0' && strlen(s) <= 255 &&
	       text_utf8_valid(s, strlen(s));
}

static void
check_scrutin(const struct cand_scrutin *s, unsigned long *rows)
{
	FUZZ_CHECK(
	    s->n >= 1 && text_ok(s->etablissement) && text_ok(s->college));
	FUZZ_CHECK(s->round == 1 || s->round == 2);
	FUZZ_CHECK(s->suppleants == 0 || s->suppleants == 1);
	for (size_t i = 0; i < s->n; i++) {
		const struct cand_list *l = &s->l[i];
		FUZZ_CHECK(l->order == i + 1 && text_ok(l->name) &&
		           l->unions != NULL && l->n >= 1);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(s->l[j].name, l->name) != 0);
		for (size_t k = 0; k < l->n; k++) {
			const struct cand *c = &l->c[k];
			FUZZ_CHECK(c->order == k + 1 && text_ok(c->matricule) &&
			           text_ok(c->nom) && text_ok(c->prenom));
			FUZZ_CHECK(c->sexe == 'F' || c->sexe == 'M');
			FUZZ_CHECK(c->naissance >= 10000101 &&
			           c->naissance <= 99991231);
			for (size_t j = 0; j <= i; j++)
				for (size_t m = 0; m < (j == i ? k : s->l[j].n);
				     m++)
					FUZZ_CHECK(
					    strcmp(s->l[j].c[m].matricule,
					        c->matricule) != 0);
			(*rows)++;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cand_file f;
	struct import_report rep;
	unsigned long rows = 0;
	char path[32];
	int fd = fuzz_file(data, size, path);
	struct err e;

	FUZZ_CHECK(candidates_read(path, &f, &rep, &e) == 0);
	FUZZ_CHECK(rep.kept <= rep.nerrors);
	for (size_t i = 0; i < rep.kept; i++) {
		FUZZ_CHECK(
		    text_utf8_valid(rep.errors[i], strlen(rep.errors[i])));
		FUZZ_CHECK(strncmp(rep.errors[i], "ligne ", 6) == 0 ||
		           strcmp(rep.errors[i], "aucun candidat") == 0);
	}
	if (rep.nerrors > 0) {
		FUZZ_CHECK(f.n == 0 && f.s == NULL);
	} else {
		FUZZ_CHECK(f.n >= 1 && f.rows > 0 && rep.rows == f.rows);
		for (size_t i = 0; i < f.n; i++)
			check_scrutin(&f.s[i], &rows);
		FUZZ_CHECK(rows == f.rows);
		FUZZ_NOTE(
		    "clean: %zu scrutin(s), %lu candidate(s)\n", f.n, f.rows);
	}
	candidates_free(&f);
	import_report_free(&rep);
	close(fd);
	return 0;
}
