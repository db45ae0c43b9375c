/* voter.h: what an authenticated elector may see of themselves: identity
 * summary and their scrutins with "voted / to vote" (R-VOTE-1). */
#ifndef ISOLOIR_VOTER_H
#define ISOLOIR_VOTER_H

#include <jansson.h>
#include <mysql.h>

#include "err.h"

/* Current credential generation of an elector (0 when none): a session
 * whose generation differs was opened with reissued credentials. */
int voter_generation(MYSQL *db, unsigned elector_id, unsigned *gen, struct err *e);
/* {"prenom","nom","scrutins":[{"id","etablissement","college","categorie",
 * "tour","etat","a_vote"}]}; NULL with e filled on error. */
json_t *voter_summary(MYSQL *db, unsigned elector_id, struct err *e);

/* 1 when the elector votes in this scrutin, 0 when not, -1 on error. */
int voter_in_scrutin(MYSQL *db, unsigned elector_id, unsigned scrutin_id, struct err *e);

/* When the elector voted in this scrutin (R-VOTE-6, the receipt
 * downloaded again), "2026-11-30T14:42:10Z" in out: 1, 0 when they have
 * not voted there, -1 on error. */
int voter_voted_at(MYSQL *db, unsigned elector_id, unsigned scrutin_id, char out[32],
    struct err *e);

/* The elector's own data (R-VOTE-9): identity, establishment, collège,
 * statut, postal address, e-mail and telephone (masked), as on file. */
json_t *voter_own_data(MYSQL *db, unsigned elector_id, struct err *e);
/* The published lists of the operation's scrutins, for anyone, before and
 * during the vote (R-VOTE-9): [{"scrutin","listes":[{"nom","syndicats",
 * "candidats":[{"nom","prenom"}]}]}]. */
json_t *voter_published_lists(MYSQL *db, struct err *e);

#endif
