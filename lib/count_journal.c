/* count_journal.c: the count's steps in the electors' journal (R-BUR-8,
 * "every step journaled"): the encrypted totals computed from the urn and
 * the counts the key holders' partial decryptions gave, each with the
 * SHA-256 of its canonical JSON, so that a recount, the bulletin board and
 * the PV can be tied to the urn sealed at the closing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "count.h"
#include "journal.h"
#include "proclaim.h"

static int
count_journal(MYSQL *el, const char *actor, const char *action,
    const json_t *doc, json_t *detail, struct err *e)
{
	unsigned scrutin =
	    (unsigned)json_integer_value(json_object_get(doc, "scrutin"));
	json_int_t sub = json_integer_value(json_object_get(doc, "sub_urn"));
	char sha[PROCLAIM_SHA_HEX];
	char *s;
	int rc;

	if (detail == NULL)
		return err_set(e, "mémoire insuffisante");
	proclaim_digest(doc, sha);
	json_object_set_new(detail, "sha256", json_string(sha));
	json_object_set_new(
	    detail, "bulletins", json_incref(json_object_get(doc, "ballots")));
	if (sub > 0)
		json_object_set_new(detail, "sous_urne", json_integer(sub));
	if ((s = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		json_decref(detail);
		return err_set(e, "mémoire insuffisante");
	}
	rc = journal_append(el, actor, action, scrutin, s, NULL, e);
	free(s);
	json_decref(detail);
	return rc;
}

int
count_journal_totals(
    MYSQL *el, const json_t *totals, const char *actor, struct err *e)
{
	return count_journal(el, actor, "totaux", totals, json_object(), e);
}

int
count_journal_counts(
    MYSQL *el, const json_t *counts, const char *actor, struct err *e)
{
	return count_journal(el, actor, "dechiffrement", counts,
	    json_pack(
	        "{s:O}", "detenteurs", json_object_get(counts, "holders")),
	    e);
}
