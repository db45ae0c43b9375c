/* represent.c: consolidated representativeness (represent.h). Votes are
 * counted in units of 1/REP_D of a ballot: REP_D = 100 × 840 makes every
 * share exact, a percentage key (100) as well as an equal split among up
 * to 8 unions (840 = lcm(1..8)). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "represent.h"

#define REP_D 84000
#define REP_MAX_SPLIT 8

struct acc {
	char name[65];
	int64_t units;           /* votes × REP_D */
	int64_t q, rem;          /* quota part and remainder of seats × units */
	unsigned seats_q, seats_r;
};

static struct acc *
find(struct acc *a, size_t *n, const char *name, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strlen(a[i].name) == len && strncmp(a[i].name, name, len) == 0)
			return &a[i];
	if (*n == REP_MAX_UNIONS || len >= sizeof(a[0].name))
		return NULL;
	memset(&a[*n], 0, sizeof(a[0]));
	memcpy(a[*n].name, name, len);
	return &a[(*n)++];
}

/* Split one list's ballots among its unions. */
static int
add_list(struct acc *a, size_t *n, const struct rep_list *l, struct err *e)
{
	const char *p = l->unions, *plus;
	size_t k, len;
	struct acc *u;

	if (*p == '\0')
		return 0;   /* a list without a union (round 2): no union to credit */
	k = 1;
	for (const char *q = p; (q = strchr(q, '+')) != NULL; q++)
		k++;
	if (k > REP_MAX_SPLIT)
		return err_set(e, "liste commune « %s » : plus de %d syndicats", l->unions, REP_MAX_SPLIT);
	for (; p != NULL; p = plus != NULL ? plus + 1 : NULL) {
		int64_t share;
		plus = strchr(p, '+');
		len = plus != NULL ? (size_t)(plus - p) : strlen(p);
		if ((u = find(a, n, p, len)) == NULL)
			return err_set(e, "trop de syndicats ou nom trop long dans « %s »", l->unions);
		if (l->split != NULL) {
			char name[65];
			const json_t *v;
			snprintf(name, sizeof(name), "%.*s", (int)len, p);
			v = json_object_get(l->split, name);
			if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100)
				return err_set(e, "liste commune « %s » : part de %s absente de la clé", l->unions,
				    name);
			share = l->ballots * (REP_D / 100) * json_integer_value(v);
		} else {
			share = l->ballots * (REP_D / (int64_t)k);
		}
		u->units += share;
	}
	return 0;
}

static int
by_votes(const void *x, const void *y)
{
	const struct acc *a = x, *b = y;

	if (a->units != b->units)
		return a->units < b->units ? 1 : -1;
	return strcmp(a->name, b->name);
}

/* 2 decimals of num/den × scale, half up. */
static void
decimal2(int64_t num, int64_t den, char *out, size_t len)
{
	int64_t c = (num * 200 + den) / (2 * den);   /* hundredths, rounded half up */

	snprintf(out, len, "%lld.%02lld", (long long)(c / 100), (long long)(c % 100));
}

json_t *
represent_consolidate(const struct rep_list *lists, size_t n, int64_t sve, unsigned seats,
    struct err *e)
{
	struct acc *a = calloc(REP_MAX_UNIONS, sizeof(*a));
	size_t nu = 0, given = 0;
	json_t *out = NULL, *arr;
	int64_t total = sve * REP_D;
	char buf[64];

	if (a == NULL) {
		err_set(e, "mémoire insuffisante");
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (lists[i].ballots < 0 || add_list(a, &nu, &lists[i], e) == -1)
			goto out;
	qsort(a, nu, sizeof(*a), by_votes);
	/* plus fort reste: seats × votes / SVE, the integer parts first, then
	 * the largest remainders (ties: more votes, as sorted) */
	if (seats > 0 && sve > 0) {
		for (size_t i = 0; i < nu; i++) {
			a[i].q = (int64_t)seats * a[i].units / total;
			a[i].rem = (int64_t)seats * a[i].units % total;
			a[i].seats_q = (unsigned)a[i].q;
			given += a[i].seats_q;
		}
		while (given < seats && nu > 0) {
			size_t best = 0;
			for (size_t i = 1; i < nu; i++)
				if (a[i].rem > a[best].rem)
					best = i;
			if (a[best].rem < 0)
				break;
			a[best].seats_r++;
			a[best].rem = -1;       /* one remainder seat each */
			given++;
		}
	}
	arr = json_array();
	for (size_t i = 0; i < nu; i++) {
		json_t *u = json_pack("{s:s}", "union", a[i].name);
		decimal2(a[i].units, REP_D, buf, sizeof(buf));
		json_object_set_new(u, "votes", json_string(buf));
		if (sve > 0) {
			decimal2(a[i].units * 100, total, buf, sizeof(buf));
			json_object_set_new(u, "pct", json_string(buf));
		} else {
			json_object_set_new(u, "pct", json_null());
		}
		/* ≥ 10 % on the exact value: 10 × votes ≥ SVE */
		json_object_set_new(u, "representative", json_boolean(sve > 0 && 10 * a[i].units >= total));
		if (seats > 0) {
			json_object_set_new(u, "seats_quotient", json_integer(a[i].seats_q));
			json_object_set_new(u, "seats_remainder", json_integer(a[i].seats_r));
			json_object_set_new(u, "seats", json_integer(a[i].seats_q + a[i].seats_r));
		}
		json_array_append_new(arr, u);
	}
	out = json_pack("{s:I, s:i, s:o}", "sve", (json_int_t)sve, "seats", (int)seats, "unions", arr);
out:
	free(a);
	return out;
}

/* ------------------------------------------------------------ database */

#define REP_MAX_LISTS 4096

struct rep_buf {
	struct rep_list l[REP_MAX_LISTS];
	char unions[REP_MAX_LISTS][256];
	json_t *splits[REP_MAX_LISTS];
	size_t n;
	int64_t sve;
};

/* The lists of one scrutin with their ballots from its counts. */
static int
scrutin_lists(MYSQL *el, const json_t *c, struct rep_buf *b, struct err *e)
{
	unsigned id = (unsigned)json_integer_value(json_object_get(c, "scrutin"));
	const json_t *counts = json_object_get(c, "counts");
	char unions[256], split[2048], cat[16];
	unsigned long l1, l2, l3;
	unsigned round = 0;
	my_bool snull = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st;
	size_t i = 0;
	int f, rc = -1;

	if (id == 0 || !json_is_array(counts))
		return err_set(e, "fichier de comptes invalide (scrutin, counts)");
	st = db_query(el, e, "SELECT l.unions, CAST(l.split AS CHAR), s.category, s.round FROM"
	    " candidate_list l JOIN scrutin s ON s.id = l.scrutin_id WHERE l.scrutin_id = ?"
	    " ORDER BY l.position", "u", id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, unions, sizeof(unions) - 1, &l1);
	db_bind(&out[1], MYSQL_TYPE_STRING, split, sizeof(split) - 1, &l2);
	out[1].is_null = &snull;
	db_bind(&out[2], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l3);
	db_bind(&out[3], MYSQL_TYPE_LONG, &round, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(cat, sizeof(cat), l3);
		if (strcmp(cat, "titulaires") != 0 || round != 1) {
			err_set(e, "scrutin %u : seuls les titulaires du premier tour comptent pour la "
			    "représentativité", id);
			goto out;
		}
		if (b->n == REP_MAX_LISTS || i >= json_array_size(counts)) {
			err_set(e, "scrutin %u : comptes et listes ne correspondent pas", id);
			goto out;
		}
		db_cstr(unions, sizeof(unions), l1);
		db_cstr(split, sizeof(split), l2);
		memcpy(b->unions[b->n], unions, sizeof(unions));
		b->splits[b->n] = NULL;
		if (!snull) {
			if (f == MYSQL_DATA_TRUNCATED || (b->splits[b->n] = json_loads(split, 0, NULL)) == NULL) {
				err_set(e, "scrutin %u : clé de répartition illisible pour « %s »", id, unions);
				goto out;
			}
		}
		b->l[b->n].unions = b->unions[b->n];
		b->l[b->n].split = b->splits[b->n];
		b->l[b->n].ballots = json_integer_value(json_array_get(counts, i++));
		b->sve += b->l[b->n++].ballots;
	}
	/* the counts: the lists, blank (and nul), then the candidates */
	if (i == 0)
		rc = err_set(e, "scrutin %u : aucune liste", id);
	else if (json_array_size(counts) <= i)
		rc = err_set(e, "scrutin %u : comptes et listes ne correspondent pas", id);
	else
		rc = 0;
out:
	db_done(st);
	return rc;
}

json_t *
represent_from_counts(MYSQL *el, json_t *const *counts, size_t n, unsigned seats, struct err *e)
{
	struct rep_buf *b = calloc(1, sizeof(*b));
	json_t *out = NULL;

	if (b == NULL) {
		err_set(e, "mémoire insuffisante");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		json_int_t id = json_integer_value(json_object_get(counts[i], "scrutin"));
		if (json_object_get(counts[i], "sub_urn") != NULL) {
			err_set(e, "scrutin %lld : les comptes d'une sous-urne ne sont qu'une partie du "
			    "scrutin", (long long)id);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (json_integer_value(json_object_get(counts[j], "scrutin")) == id) {
				err_set(e, "scrutin %lld compté deux fois", (long long)id);
				goto out;
			}
		if (scrutin_lists(el, counts[i], b, e) == -1)
			goto out;
	}
	out = represent_consolidate(b->l, b->n, b->sve, seats, e);
out:
	for (size_t i = 0; i < b->n; i++)
		json_decref(b->splits[i]);
	free(b);
	return out;
}
