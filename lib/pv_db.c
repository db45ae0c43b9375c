/* pv_db.c: the PV header of a scrutin from the databases (R-RES-3,
 * R-BUR-7): round, opening and closing (stored in UTC, printed in French
 * time), the bureau's members, the scrutin's seals, the journal's size,
 * head and latest entries, the lists' unions. What the databases do not
 * hold (the employer's legal identity, place of signature) comes from a
 * base header document, which may also name the establishment and the
 * unions in full. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "pv.h"

#define PV_DB_COLS 4
#define PV_DB_CELL 1024
#define PV_JOURNAL_LAST 40

typedef void (*pv_row_fn)(char cells[][PV_DB_CELL], void *ctx);

/* Run sql with the scrutin as its only parameter; cb gets each row's
 * string columns (a NULL comes as ""). */
static int
pv_db_rows(MYSQL *m, const char *sql, unsigned scrutin, int ncols, pv_row_fn cb, void *ctx,
    struct err *e)
{
	char cells[PV_DB_COLS][PV_DB_CELL];
	unsigned long len[PV_DB_COLS];
	my_bool nul[PV_DB_COLS];
	MYSQL_BIND out[PV_DB_COLS];
	MYSQL_STMT *st = db_query(m, e, sql, "u", scrutin);
	int rc;

	if (st == NULL)
		return -1;
	for (int i = 0; i < ncols; i++) {
		db_bind(&out[i], MYSQL_TYPE_STRING, cells[i], PV_DB_CELL - 1, &len[i]);
		out[i].is_null = &nul[i];
	}
	mysql_stmt_bind_result(st, out);
	while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
		for (int i = 0; i < ncols; i++)
			if (nul[i])
				cells[i][0] = '\0';
			else
				db_cstr(cells[i], PV_DB_CELL, len[i]);
		cb(cells, ctx);
	}
	db_done(st);
	return 0;
}

static int64_t
pv_days(int64_t y, int64_t m, int64_t d)
{
	/* days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant) */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The last Sunday of a month at 01:00 UTC, in seconds since the epoch:
 * when the EU changes to and from summer time. */
static int64_t
pv_last_sunday(int64_t y, int64_t m)
{
	int64_t last = pv_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	int64_t wday = ((last % 7) + 7 + 4) % 7;  /* 1970-01-01 was a Thursday */

	return (last - wday) * 86400 + 3600;
}

void
pv_utc_to_paris(const char *utc, char *out, size_t len)
{
	int y, mo, d, h, mi;
	int64_t t, z, era, doe, yoe, doy, mp;

	if (sscanf(utc, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) != 5) {
		snprintf(out, len, "%s", utc);
		return;
	}
	t = pv_days(y, mo, d) * 86400 + h * 3600 + mi * 60;
	t += (t >= pv_last_sunday(y, 3) && t < pv_last_sunday(y, 10)) ? 7200 : 3600;
	z = t / 86400 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	y = (int)(yoe + era * 400 + (mo <= 2));
	snprintf(out, len, "%04d-%02d-%02d %02d:%02d", y, mo, d, (int)(t % 86400 / 3600),
	    (int)(t % 3600 / 60));
}

static void
pv_set_default(json_t *o, const char *key, json_t *v)
{
	if (json_object_get(o, key) == NULL)
		json_object_set_new(o, key, v);
	else
		json_decref(v);
}

static void
pv_row_head(char c[][PV_DB_CELL], void *ctx)
{
	json_t *h = ctx;
	char t[64];

	json_object_set_new(h, "tour", json_integer(c[0][0] == '2' ? 2 : 1));
	pv_utc_to_paris(c[1], t, sizeof(t));
	json_object_set_new(h, "ouverture", json_string(t));
	pv_utc_to_paris(c[2], t, sizeof(t));
	json_object_set_new(h, "cloture", json_string(t));
	pv_set_default(json_object_get(h, "entreprise"), "etablissement", json_string(c[3]));
}

static void
pv_row_list(char c[][PV_DB_CELL], void *ctx)
{
	json_t *lists = ctx;

	if (json_object_get(lists, c[0]) == NULL)
		json_object_set_new(lists, c[0], json_pack("{s:s, s:s}", "syndicat", c[1], "affiliation", ""));
}

static void
pv_row_member(char c[][PV_DB_CELL], void *ctx)
{
	static const char *roles[][2] = {
		{ "president", "Président(e)" }, { "secretaire", "Secrétaire" },
		{ "assesseur", "Assesseur" }, { "delegue", "Délégué(e) de liste" },
	};
	const char *q = c[0];
	char nom[2 * PV_DB_CELL + 2];

	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(c[0], roles[i][0]) == 0)
			q = roles[i][1];
	snprintf(nom, sizeof(nom), "%s %s", c[1], c[2]);
	json_array_append_new(ctx, json_pack("{s:s, s:s}", "nom", nom, "qualite", q));
}

static void
pv_row_seal(char c[][PV_DB_CELL], void *ctx)
{
	const char *label = strcmp(c[0], "sealed") == 0 ? "Scellement avant l'ouverture" :
	    strcmp(c[0], "sealed_after_count") == 0 ? "Scellement après le dépouillement" : c[0];
	char t[64];

	pv_utc_to_paris(c[1], t, sizeof(t));
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "libelle", label, "date", t,
	    "empreinte", c[2]));
}

/* Journal entries, newest first: prepended to keep the order of time.
 * The bureau's own entries are its observations too. */
static void
pv_row_event(char c[][PV_DB_CELL], void *ctx)
{
	json_t *h = ctx;
	char t[64], text[3 * PV_DB_CELL];
	const char *action = c[1];
	size_t n = strlen(c[3]);

	/* a summary: long details are cut, never inside a UTF-8 character */
	if (n > 300)
		for (n = 300; n > 0 && ((unsigned char)c[3][n] & 0xc0) == 0x80; n--)
			;
	pv_utc_to_paris(c[0], t, sizeof(t));
	snprintf(text, sizeof(text), "%s — %s — %.*s%s", action, c[2], (int)n, c[3],
	    n < strlen(c[3]) ? "…" : "");
	json_array_insert_new(json_object_get(json_object_get(h, "journal"), "evenements"), 0,
	    json_pack("{s:s, s:s}", "date", t, "texte", text));
	if (strcmp(action, "observation") == 0 || strcmp(action, "decision") == 0)
		json_array_insert_new(json_object_get(h, "observations"), 0,
		    json_pack("{s:s, s:s}", "date", t, "texte", c[3]));
}

static void
pv_row_journal_head(char c[][PV_DB_CELL], void *ctx)
{
	json_t *j = json_object_get(ctx, "journal");

	json_object_set_new(j, "total", json_integer(strtoll(c[0], NULL, 10)));
	json_object_set_new(j, "tete", json_string(c[1]));
}

/* A sealing the setting "scellement_allege" let through without the
 * compared test vote or the meeting (lib/lifecycle.c) is printed among
 * the observations, so nobody signs the PV without seeing it. */
static void
pv_row_relaxed_seal(char c[][PV_DB_CELL], void *ctx)
{
	char t[64], text[2 * PV_DB_CELL];

	pv_utc_to_paris(c[0], t, sizeof(t));
	snprintf(text, sizeof(text), "Scellement allégé (réglage scellement_allege) : %s.", c[1]);
	json_array_append_new(json_object_get(ctx, "observations"),
	    json_pack("{s:s, s:s}", "date", t, "texte", text));
}

static int
pv_db_journal(MYSQL *el, unsigned scrutin, json_t *h, struct err *e)
{
	if (!json_is_array(json_object_get(h, "observations")))
		json_object_set_new(h, "observations", json_array());
	json_object_set_new(h, "journal", json_pack("{s:[]}", "evenements"));
	if (pv_db_rows(el, "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i'), JSON_VALUE(detail,"
	    " '$.scellement_allege') FROM journal WHERE scrutin_id = ? AND action = 'transition'"
	    " AND JSON_VALUE(detail, '$.scellement_allege') IS NOT NULL ORDER BY seq",
	    scrutin, 2, pv_row_relaxed_seal, h, e) == -1)
		return -1;
	/* "? > 0": pv_db_rows always binds the scrutin */
	if (pv_db_rows(el, "SELECT seq, LOWER(HEX(hash)) FROM journal_head WHERE id = 1 AND ? > 0",
	    scrutin, 2, pv_row_journal_head, h, e) == -1)
		return -1;
	return pv_db_rows(el, "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i'), action, actor, detail"
	    " FROM journal WHERE scrutin_id = ? OR scrutin_id IS NULL ORDER BY seq DESC LIMIT 40",
	    scrutin, 4, pv_row_event, h, e);
}

json_t *
pv_header_from_db(MYSQL *el, MYSQL *urn, unsigned scrutin, const json_t *base, struct err *e)
{
	json_t *h = json_is_object(base) ? json_deep_copy(base) : json_object();
	json_t *bureau = json_array(), *seals = json_array();

	if (!json_is_object(json_object_get(h, "entreprise")))
		json_object_set_new(h, "entreprise", json_object());
	if (!json_is_object(json_object_get(h, "listes")))
		json_object_set_new(h, "listes", json_object());
	if (pv_db_rows(el, "SELECT s.round, DATE_FORMAT(o.opens_at, '%Y-%m-%d %H:%i'),"
	    " DATE_FORMAT(o.closes_at, '%Y-%m-%d %H:%i'), es.name FROM scrutin s"
	    " JOIN operation o ON o.id = s.operation_id JOIN establishment es ON es.id = s.establishment_id"
	    " WHERE s.id = ?", scrutin, 4, pv_row_head, h, e) == -1 ||
	    pv_db_rows(el, "SELECT name, unions FROM candidate_list WHERE scrutin_id = ? ORDER BY position",
	    scrutin, 2, pv_row_list, json_object_get(h, "listes"), e) == -1 ||
	    pv_db_rows(el, "SELECT m.role, m.prenom, m.nom FROM bureau_member m JOIN scrutin s"
	    " ON s.bureau_id = m.bureau_id WHERE s.id = ? ORDER BY FIELD(m.role, 'president',"
	    " 'secretaire', 'assesseur', 'delegue'), m.id", scrutin, 3, pv_row_member, bureau, e) == -1 ||
	    pv_db_rows(urn, "SELECT kind, DATE_FORMAT(sealed_at, '%Y-%m-%d %H:%i'), LOWER(HEX(fingerprint))"
	    " FROM seal WHERE scrutin_id = ? ORDER BY id", scrutin, 3, pv_row_seal, seals, e) == -1 ||
	    pv_db_journal(el, scrutin, h, e) == -1)
		goto fail;
	if (json_integer_value(json_object_get(h, "tour")) == 0) {
		err_set(e, "scrutin %u inconnu", scrutin);
		goto fail;
	}
	if (json_array_size(bureau) > 0)
		json_object_set(h, "bureau", bureau);
	json_object_set(h, "scellements", seals);
	json_decref(bureau);
	json_decref(seals);
	return h;
fail:
	json_decref(bureau);
	json_decref(seals);
	json_decref(h);
	return NULL;
}
