/* election.h: a scrutin's election fingerprint F (docs/protocol.md §6.1):
 * SHA-256 of a domain tag and the canonical JSON of its parameters (the
 * operation, the scrutin and its place, the seats, the "nul" option, the
 * lists in drawn order with their unions and candidates). Every proof,
 * every key share and every partial decryption is bound to F, so a key
 * ceremony held for other lists, or a ballot made for them, is refused.
 * And the key installation: F checked against the ceremony's public.json,
 * the public key, the trustees' verification keys stored, state
 * « clés générées ». */
#ifndef ISOLOIR_ELECTION_H
#define ISOLOIR_ELECTION_H

#include <jansson.h>
#include <mysql.h>

#include "err.h"

#define ELECTION_FP_LEN 32

/* The canonical parameters (new reference) and F; nul: the ballot has a
 * "nul" slot. NULL with e filled (unknown scrutin). */
json_t *election_params(MYSQL *el, unsigned scrutin, int nul, struct err *e);
/* Canonical text: compact, keys sorted, UTF-8 as is. Caller frees. */
char *election_canonical(const json_t *params);
int election_fingerprint(const json_t *params, unsigned char fp[ELECTION_FP_LEN],
    struct err *e);

/* Install the keys of a ceremony (the public.json of isoloir-trustee
 * public) for a scrutin whose lists are imported: checks its election
 * fingerprint against the scrutin's, the public key is a point of the
 * group, the threshold; stores them and moves the scrutin to
 * « clés générées », journaled. The "nul" option comes from the operation's
 * settings ("bulletin_nul": true). */
int election_install_keys(MYSQL *el, unsigned scrutin, const json_t *public_json,
    const char *actor, struct err *e);
/* The operation's "bulletin_nul" setting for this scrutin: 0 or 1. */
int election_nul_setting(MYSQL *el, unsigned scrutin, int *nul, struct err *e);
/* A boolean setting of the scrutin's operation ("president_requis"...). */
int election_setting(MYSQL *el, unsigned scrutin, const char *key, int *on, struct err *e);

/* The keys installed for a scrutin, as stored by election_install_keys:
 * {"public_key", "fingerprint", "threshold", "holders", "groups"?} (the
 * groups of the président requis: [{"group","threshold","holders"}...]),
 * or JSON null when none is installed; NULL with e on error. */
json_t *election_keys_info(MYSQL *el, unsigned scrutin, struct err *e);
/* Whether the scrutin's ballots are filed by statut (R-ORG-5: set at the
 * keys' installation for round-1 titulaires when the operation's setting
 * `sous_urnes_statut` is on). */
int election_sub_urns(MYSQL *el, unsigned scrutin, int *on, struct err *e);
/* The scrutin's round: 1 or 2. */
int election_round(MYSQL *el, unsigned scrutin, int *round, struct err *e);
/* The installed ceremony's public.json (public key, threshold, holders'
 * verification keys, groups), for count_combine; NULL with e when no key
 * is installed. */
json_t *election_public_json(MYSQL *el, unsigned scrutin, struct err *e);

#endif
