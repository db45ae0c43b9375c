/* scrutin.h: what the ballot page shows and what a cast ballot is checked
 * against: the scrutin's title, its lists and candidates in drawn order,
 * its ballot shape, public key and fingerprint. */
#ifndef ISOLOIR_SCRUTIN_H
#define ISOLOIR_SCRUTIN_H

#include <jansson.h>
#include <mysql.h>
#include <openssl/ec.h>

#include "ballot.h"
#include "err.h"
#include "group.h"

struct scrutin_params {
	struct ballot_shape shape;
	struct ballot_election election;  /* election.y points to y below */
	EC_POINT *y;
	char title[600];                   /* "Siège — Cadres — Titulaires" */
	char state[32];
	/* Y and the fingerprint as stored: what a cast's locked read compares
	 * (lib/cast.h, struct cast_expect) */
	char key_hex[GROUP_POINT_HEX + 1];
	char fp_hex[65];
};

/* Load a scrutin's parameters; -1 with e filled when unknown or not keyed. */
int scrutin_params_load(MYSQL *db, unsigned id, struct scrutin_params *p, struct err *e);
void scrutin_params_free(struct scrutin_params *p);
/* The ballot page: {"id","titre","etat","election":{"fingerprint","y"},
 * "forme":{"scrutin","candidates":[n_l],"nul"},"listes":[{"nom","syndicats",
 * "candidats":[{"nom","prenom"}]}]}. */
json_t *scrutin_ballot_json(MYSQL *db, const struct scrutin_params *p, struct err *e);

#endif
