/* testvote_plan.c: the test vote's plan and its comparison (R-BUR-2):
 * the system itself decides what each test elector votes so that every
 * case is covered, computes the results expected from that plan, and
 * compares them, per list and per candidate, with the results decrypted
 * by the key holders; « conformes » or the differences are stored and
 * journaled, and the sealing meeting (lib/ceremony_check.c) refuses to go
 * on without « conformes » covering every case. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "journal.h"
#include "lifecycle.h"
#include "scrutin.h"
#include "testvote.h"

#define TV_REPORT_MAX 2048

static const char *
tv_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

size_t
testvote_cases(const json_t *lists, int nul, struct tv_case *out, size_t cap)
{
	size_t nl = json_array_size(lists), n = 0, i;
	const json_t *l;

	json_array_foreach(lists, i, l)
	{
		size_t nc = json_array_size(json_object_get(l, "candidats"));
		if (n >= cap || nc >= sizeof(out[n].kept))
			break;
		out[n].choice = (int)i;
		memset(out[n].kept, '1', nc);
		out[n].kept[nc] = '\0';
		snprintf(out[n].label, sizeof(out[n].label),
		    "Voter « %s » sans rature", tv_str(l, "nom"));
		n++;
	}
	if (n < cap) {
		out[n] = (struct tv_case){.choice = -1};
		snprintf(out[n++].label, sizeof(out[0].label), "Voter blanc");
	}
	if (nul && n < cap) {
		out[n] = (struct tv_case){.choice = -2};
		snprintf(out[n++].label, sizeof(out[0].label), "Voter nul");
	}
	/* a strike: the last name of the first list of two names or more */
	for (i = 0; i < nl && n < cap; i++) {
		l = json_array_get(lists, i);
		const json_t *cs = json_object_get(l, "candidats"), *last;
		size_t nc = json_array_size(cs);
		if (nc < 2 || nc >= sizeof(out[n].kept))
			continue;
		last = json_array_get(cs, nc - 1);
		out[n].choice = (int)i;
		memset(out[n].kept, '1', nc);
		out[n].kept[nc - 1] = '0';
		out[n].kept[nc] = '\0';
		snprintf(out[n].label, sizeof(out[n].label),
		    "Voter « %s » en rayant « %s %s »", tv_str(l, "nom"),
		    tv_str(last, "prenom"), tv_str(last, "nom"));
		n++;
		break;
	}
	/* every name struck: the ballot page makes it blank (protocol §6) */
	if (nl > 0 && n < cap) {
		out[n] = (struct tv_case){.choice = -1};
		snprintf(out[n++].label, sizeof(out[0].label),
		    "Voter « %s » en rayant tous les noms "
		    "(compté blanc)",
		    tv_str(json_array_get(lists, 0), "nom"));
	}
	return n;
}

/* Slots lists, blank, [nul], then each list's candidates. */
static size_t
tv_slots(const json_t *lists, int nul, size_t *first_cand)
{
	size_t n = json_array_size(lists) + 1 + (nul ? 1 : 0), i;
	const json_t *l;

	*first_cand = n;
	json_array_foreach(lists, i, l) n +=
	    json_array_size(json_object_get(l, "candidats"));
	return n;
}

json_t *
testvote_expected(
    const json_t *lists, int nul, const struct tv_case *rows, size_t n)
{
	size_t fc, total = tv_slots(lists, nul, &fc),
	           nl = json_array_size(lists);
	long long *v = calloc(total, sizeof(*v));
	json_t *out = json_array();

	for (size_t r = 0; v != NULL && r < n; r++) {
		int c = rows[r].choice;
		if (c >= 0 && (size_t)c < nl) {
			size_t off = fc;
			for (int j = 0; j < c; j++)
				off += json_array_size(json_object_get(
				    json_array_get(lists, (size_t)j),
				    "candidats"));
			v[c]++;
			for (size_t k = 0;
			     rows[r].kept[k] != '\0' && off + k < total; k++)
				v[off + k] += rows[r].kept[k] == '1';
		} else if (c == -1) {
			v[nl]++;
		} else if (c == -2 && nul) {
			v[nl + 1]++;
		}
	}
	for (size_t i = 0; v != NULL && i < total; i++)
		json_array_append_new(out, json_integer(v[i]));
	free(v);
	return out;
}

/* The name of slot i: "Liste CFDT", "Blanc", "Nul", "Léa Martin (Liste CFDT)".
 */
static void
tv_slot_name(const json_t *lists, int nul, size_t i, char *out, size_t cap)
{
	size_t nl = json_array_size(lists), fc, k;
	const json_t *l;

	tv_slots(lists, nul, &fc);
	if (i < nl) {
		snprintf(
		    out, cap, "%s", tv_str(json_array_get(lists, i), "nom"));
		return;
	}
	if (i < fc) {
		snprintf(out, cap, "%s", i == nl ? "Blanc" : "Nul");
		return;
	}
	i -= fc;
	json_array_foreach(lists, k, l)
	{
		const json_t *cs = json_object_get(l, "candidats");
		if (i < json_array_size(cs)) {
			const json_t *c = json_array_get(cs, i);
			snprintf(out, cap, "%s %s (%s)", tv_str(c, "prenom"),
			    tv_str(c, "nom"), tv_str(l, "nom"));
			return;
		}
		i -= json_array_size(cs);
	}
	snprintf(out, cap, "?");
}

json_t *
testvote_diff(const json_t *lists, int nul, const json_t *expected,
    const json_t *actual, int *conformes, char *report, size_t cap)
{
	struct buf diff = BUF_INIT;
	json_t *cmp = json_array();
	size_t n = json_array_size(expected);
	char name[1200];

	*conformes = json_array_size(actual) == n;
	if (!*conformes)
		buf_printf(&diff, "%zu compteurs obtenus au lieu de %zu ; ",
		    json_array_size(actual), n);
	for (size_t i = 0; i < n; i++) {
		json_int_t want =
		    json_integer_value(json_array_get(expected, i));
		const json_t *got = json_array_get(actual, i);
		tv_slot_name(lists, nul, i, name, sizeof(name));
		json_array_append_new(
		    cmp, json_pack("{s:s,s:I,s:o}", "ligne", name, "attendu",
		             want, "obtenu",
		             json_is_integer(got)
		                 ? json_integer(json_integer_value(got))
		                 : json_null()));
		if (!json_is_integer(got) || json_integer_value(got) != want) {
			*conformes = 0;
			if (json_is_integer(got))
				buf_printf(&diff,
				    "%s : %lld attendu(s), %lld obtenu(s) ; ",
				    name, (long long)want,
				    (long long)json_integer_value(got));
		}
	}
	if (*conformes)
		snprintf(report, cap, "conformes");
	else {
		/* drop the last " ; " */
		if (diff.len >= 3)
			diff.data[diff.len - 3] = '\0';
		snprintf(report, cap, "différences : %s",
		    diff.data != NULL ? diff.data : "?");
	}
	buf_free(&diff);
	return cmp;
}

/* The stored plan's rows. */
static size_t
tv_plan_rows(MYSQL *el, unsigned scrutin, struct tv_case **rows, struct err *e)
{
	char kept[64];
	unsigned long kl = 0;
	int choice = 0, f;
	size_t n = 0, cap = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;

	*rows = NULL;
	st = db_query(el, e,
	    "SELECT choice, kept FROM test_vote_plan WHERE scrutin_id = ? "
	    "ORDER BY"
	    " seq",
	    "u", scrutin);
	if (st == NULL)
		return (size_t)-1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &choice, 0, NULL);
	out[0].is_unsigned = 0; /* -1 blank, -2 nul */
	db_bind(&out[1], MYSQL_TYPE_STRING, kept, sizeof(kept) - 1, &kl);
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0) {
		if (n == cap) {
			struct tv_case *t = realloc(
			    *rows, (cap = cap ? 2 * cap : 16) * sizeof(**rows));
			if (t == NULL)
				break;
			*rows = t;
		}
		db_cstr(kept, sizeof(kept), kl);
		(*rows)[n].choice = choice;
		snprintf((*rows)[n].kept, sizeof((*rows)[n].kept), "%s", kept);
		(*rows)[n++].label[0] = '\0';
	}
	if (f != MYSQL_NO_DATA)
		err_set(e, "plan du vote à blanc illisible (%d : %s)", f,
		    mysql_stmt_error(st));
	db_done(st);
	if (f != MYSQL_NO_DATA) {
		free(*rows);
		*rows = NULL;
		return (size_t)-1;
	}
	return n;
}

/* The ballot page's lists and nul option of the scrutin. */
json_t *
testvote_page(MYSQL *el, unsigned scrutin, int *nul, struct err *e)
{
	struct scrutin_params p;
	json_t *page;

	if (scrutin_params_load(el, scrutin, &p, e) == -1)
		return NULL;
	page = scrutin_ballot_json(el, &p, e);
	*nul = p.shape.nul;
	scrutin_params_free(&p);
	return page;
}

/* Which cases the plan covered: every case of testvote_cases present. */
static int
tv_complete(const json_t *lists, int nul, const struct tv_case *rows, size_t n)
{
	struct tv_case want[TV_MAX_CASES];
	size_t nw = testvote_cases(lists, nul, want, TV_MAX_CASES);

	for (size_t i = 0; i < nw; i++) {
		size_t found = 0;
		for (size_t r = 0; r < n && !found; r++)
			found = rows[r].choice == want[i].choice &&
			        strcmp(rows[r].kept, want[i].kept) == 0;
		/* blank and "all struck" are the same ballot: counted once each
		 */
		if (!found)
			return 0;
	}
	/* two blank cases need two blank rows */
	return n >= nw;
}

/* The results are those of the test urn as it is now. */
static int
tv_same_urn(
    MYSQL *el, MYSQL *urn, unsigned scrutin, const json_t *count, struct err *e)
{
	long long ballots = 0;
	json_int_t counted =
	    json_integer_value(json_object_get(count, "ballots"));
	enum lc_state s;

	if (lifecycle_state_of(el, scrutin, &s, e) == -1)
		return -1;
	if (s != LC_TEST_VOTE)
		return err_set(e,
		    "le scrutin %u est « %s » : les résultats du vote à blanc "
		    "se comparent "
		    "pendant le vote à blanc, avant la remise à zéro",
		    scrutin, lifecycle_state_label(s));
	if (db_fetch_int(db_query(urn, e,
	                     "SELECT COUNT(*) FROM ballot WHERE scrutin_id = ?",
	                     "u", scrutin),
	        &ballots, e) == -1)
		return -1;
	if (counted != ballots)
		return err_set(e,
		    "ces résultats portent sur %lld bulletin(s), l'urne du "
		    "vote à blanc en "
		    "contient %lld : dépouillez l'urne telle qu'elle est",
		    (long long)counted, ballots);
	return 0;
}

int
testvote_compare(MYSQL *el, MYSQL *urn, unsigned scrutin, const json_t *count,
    const char *actor, int *conformes, json_t **comparison, char *report,
    size_t cap, struct err *e)
{
	struct tv_case *rows = NULL;
	json_t *page = NULL, *lists, *expected = NULL, *cmp = NULL;
	const json_t *actual = json_object_get(count, "counts");
	char *cj = NULL, full[TV_REPORT_MAX];
	size_t n;
	int nul = 0, complete, tx = 0, rc = -1;

	*comparison = NULL;
	if (!json_is_array(actual))
		return err_set(e, "fichier de résultats sans « counts » "
		                  "(sortie de isoloir-verify count)");
	if (json_object_get(count, "scrutin") != NULL &&
	    (unsigned)json_integer_value(json_object_get(count, "scrutin")) !=
	        scrutin)
		return err_set(e, "ces résultats sont ceux d'un autre scrutin");
	if (tv_same_urn(el, urn, scrutin, count, e) == -1 ||
	    (page = testvote_page(el, scrutin, &nul, e)) == NULL)
		return -1;
	lists = json_object_get(page, "listes");
	if ((n = tv_plan_rows(el, scrutin, &rows, e)) == (size_t)-1)
		goto out;
	if (n == 0) {
		err_set(e, "aucun plan de vote à blanc pour ce scrutin "
		           "(isoloir-console test electors)");
		goto out;
	}
	expected = testvote_expected(lists, nul, rows, n);
	cmp =
	    testvote_diff(lists, nul, expected, actual, conformes, report, cap);
	complete = tv_complete(lists, nul, rows, n);
	snprintf(full, sizeof(full), "%s (%zu bulletin%s de test prévu%s%s)",
	    report, n, n > 1 ? "s" : "", n > 1 ? "s" : "",
	    complete ? ", tous les cas couverts" : ", cas non tous couverts");
	snprintf(report, cap, "%s", full);
	if ((cj = json_dumps(cmp, JSON_COMPACT)) == NULL) {
		err_set(e, "comparaison illisible");
		goto out;
	}
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	tx = 1;
	if (db_run(el, e,
	        "INSERT INTO test_vote_check (scrutin_id, checked_at, actor, "
	        "conformes,"
	        " complete, comparison, report) VALUES (?, UTC_TIMESTAMP(6), "
	        "?, ?, ?, ?, ?)",
	        "usiiss", scrutin, actor, *conformes, complete, cj,
	        report) != 1 ||
	    journal_append_json_tx(el, actor, "vote_blanc_compare", scrutin,
	        json_pack("{s:b,s:b,s:s}", "conformes", *conformes,
	            "tous_les_cas", complete, "rapport", report),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	*comparison = cmp;
	cmp = NULL;
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	free(cj);
	free(rows);
	json_decref(page);
	json_decref(expected);
	json_decref(cmp);
	return rc;
}
