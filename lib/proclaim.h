/* proclaim.h: the bureau proclaims a scrutin's results (R-BUR-8): with its
 * codes, once the scrutin is counted; the seats are computed again here
 * from the decrypted counts by the counting law; a tie the law leaves
 * undecided (same average, same age) needs the bureau's draw by lot,
 * recorded. The proclamation is stored once (never changed), journaled
 * with the SHA-256 of the canonical result; only then may the public
 * bulletin board be published (lib/board_site.c). */
#ifndef ISOLOIR_PROCLAIM_H
#define ISOLOIR_PROCLAIM_H

#include <jansson.h>
#include <mysql.h>

#include "bureau.h"
#include "err.h"

#define PROCLAIM_SHA_HEX 65

/* Whether the scrutin's results may be proclaimed now (counted, not yet
 * proclaimed), and the bureau whose codes proclaim them; -1 with the French
 * reason otherwise. proclaim() checks it again. */
int proclaim_may(MYSQL *el, unsigned scrutin, unsigned *bureau, struct err *e);
/* lots: the bureau's draws for the seats the law leaves tied,
 * [{"seat": n, "winner": list}] (NULL when none); a tie left without a
 * draw refuses the proclamation, naming each seat and its tied lists.
 * *result gets the counting law's output (new reference). */
int proclaim(MYSQL *el, unsigned scrutin, const json_t *counts, const struct bureau_auth *auth,
    const char *actor, const json_t *lots, json_t **result, char sha[PROCLAIM_SHA_HEX],
    struct err *e);
/* The counting law's input for these counts with the draws by lot of the
 * proclamation, if any (the PV and the bulletin board show exactly what
 * was proclaimed); a sub-urn's counts (R-ORG-5) get none. */
json_t *proclaim_rules_input(MYSQL *el, unsigned scrutin, const json_t *counts, struct err *e);
/* The counting law's output for these counts before the proclamation, as
 * the bureau sees it: with the draws `lots` it is about to enter (NULL:
 * those already stored, if any). */
json_t *proclaim_preview(MYSQL *el, unsigned scrutin, const json_t *counts, const json_t *lots,
    struct err *e);
/* The seats the law leaves tied and no draw decided (the engine took the
 * list order): "siège 6 (A, B), …" in buf; 0 when there is none. */
int proclaim_undecided_ties(const json_t *result, char *buf, size_t len);
/* Parse "SEAT:LIST" (the console's --lot) into *lots (created if NULL). */
int proclaim_lot_parse(const char *arg, json_t **lots, struct err *e);
/* The SHA-256 of the canonical JSON (compact, keys sorted) of a document. */
void proclaim_digest(const json_t *doc, char sha[PROCLAIM_SHA_HEX]);
/* What may be shown in public once, and only once, the bureau proclaimed
 * (R-BUR-8, R-OPS-7): {"proclame_le" ISO UTC, "inscrits", "votants",
 * "blancs", "nuls", "sve", "sieges", "quorum_atteint", "listes": [{"nom",
 * "voix", "sieges", "elus": [names]}]} as *summary; 1 proclaimed, 0 not
 * (nothing to show), -1 error. */
int proclaim_public(MYSQL *el, unsigned scrutin, json_t **summary, struct err *e);
/* The proclaimed result's digest: 1 found, 0 not proclaimed, -1 error. */
int proclaim_get(MYSQL *el, unsigned scrutin, char sha[PROCLAIM_SHA_HEX], struct err *e);

#endif
