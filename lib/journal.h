/* journal.h: the append-only, hash-chained journal of every action
 * (R-BUR-7), in either database: canonical form of an entry, append under
 * the head lock, verification of the whole chain, JSON-lines export. The
 * format is specified in docs/model.md. */
#ifndef ISOLOIR_JOURNAL_H
#define ISOLOIR_JOURNAL_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>
#include <mysql.h>

#include "buf.h"
#include "err.h"

#define JOURNAL_HASH_LEN 32
#define JOURNAL_AT_LEN 26   /* "YYYY-MM-DD HH:MM:SS.ffffff" */

/* One entry as stored. scrutin_id 0 means "no scrutin" (NULL in SQL). */
struct journal_entry {
	uint64_t seq;
	char at[JOURNAL_AT_LEN + 1];
	const char *actor;
	const char *action;
	unsigned scrutin_id;
	const char *detail;
	unsigned char prev_hash[JOURNAL_HASH_LEN];
	unsigned char hash[JOURNAL_HASH_LEN];
};

/* Append the canonical serialisation of je (without the hashes) to out. */
void journal_canonical(const struct journal_entry *je, struct buf *out);
/* SHA-256(prev_hash || canonical(je)) into out. */
void journal_hash(const struct journal_entry *je, unsigned char out[JOURNAL_HASH_LEN]);

/* Append an entry inside the caller's open transaction: locks the head
 * row until the caller commits or rolls back. seq may be NULL. */
int journal_append_tx(MYSQL *m, const char *actor, const char *action,
    unsigned scrutin_id, const char *detail, uint64_t *seq, struct err *e);
/* journal_append_tx with a JSON detail (compact, keys sorted); takes the
 * reference of detail, NULL meaning a failed json_pack. */
int journal_append_json_tx(MYSQL *m, const char *actor, const char *action,
    unsigned scrutin_id, json_t *detail, struct err *e);
/* The same in a transaction of its own (the connection must be in
 * autocommit mode with no transaction open). */
int journal_append(MYSQL *m, const char *actor, const char *action,
    unsigned scrutin_id, const char *detail, uint64_t *seq, struct err *e);

/* Current head (seq 0 and a zero hash for an empty journal). */
int journal_head(MYSQL *m, uint64_t *seq, unsigned char hash[JOURNAL_HASH_LEN],
    struct err *e);

/* Recompute the chain from entry 1. upto 0 checks the journal up to the
 * entry the head row names (read first, so concurrent appends are no
 * false alarm) and that entry's hash; upto > 0 stops there and, when
 * want is not NULL, checks that entry upto's hash is want. On success
 * *count holds the number of entries checked (count may be NULL); -1
 * names the first bad entry in French. */
int journal_verify(MYSQL *m, uint64_t upto, const unsigned char *want,
    uint64_t *count, struct err *e);

/* Every entry as one JSON object per line: {"seq","at","acteur","action",
 * "scrutin" (null when none),"detail","hash_precedent","hash"}. */
int journal_export(MYSQL *m, FILE *out, struct err *e);

/* Lowercase hex of n bytes into out (2n + 1 bytes). */
void journal_hex(const unsigned char *p, size_t n, char *out);

#endif
