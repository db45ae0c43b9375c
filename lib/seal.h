/* seal.h: the seal (scellement, R-BUR-3) of a scrutin: SHA-256 over the
 * canonical serialisation of its parameters, lists and candidates, electors,
 * program binaries, journal head and previous seal (docs/model.md). Stored
 * in urn.seal with its component digests so a mismatch names what changed. */
#ifndef ISOLOIR_SEAL_H
#define ISOLOIR_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <mysql.h>

#include "buf.h"
#include "err.h"

#define SEAL_LEN 32
#define SEAL_MAX_BINARIES 8
#define SEAL_PATH_MAX 1024

struct seal_binary {
	char path[SEAL_PATH_MAX];
	unsigned char digest[SEAL_LEN];
};

/* Everything a fingerprint covers, as component digests. */
struct seal_parts {
	unsigned scrutin_id;
	char kind[33];                       /* "sealed", "sealed_after_count" */
	unsigned char params[SEAL_LEN];      /* operation + scrutin */
	unsigned char lists[SEAL_LEN];       /* lists, unions, candidates */
	unsigned char electors[SEAL_LEN];    /* the scrutin's electors rows */
	size_t nbin;
	struct seal_binary bin[SEAL_MAX_BINARIES];
	uint64_t journal_seq;                /* electors journal head */
	unsigned char journal_hash[SEAL_LEN];
	unsigned char prev[SEAL_LEN];        /* previous seal, zeros if none */
};

/* Field encoding of the canonical rows: a NULL is "~", a value is the
 * netstring "<len>:<bytes>,"; a row ends with ";". */
void seal_field(struct buf *b, const char *s, size_t n);
void seal_null(struct buf *b);
void seal_row_end(struct buf *b);

/* The fingerprint of p (pure). */
void seal_fingerprint(const struct seal_parts *p, unsigned char out[SEAL_LEN]);
/* seal.content: JSON with every component digest (new reference). */
json_t *seal_content(const struct seal_parts *p);
/* Parse seal.content back; -1 with e filled when malformed. */
int seal_content_parse(const char *json, struct seal_parts *p, struct err *e);
/* Compare a sealed record with a recomputation: 0 when equal, else -1 and
 * a French reason naming every component that changed. */
int seal_compare(const struct seal_parts *sealed, const struct seal_parts *now,
    struct err *e);

/* SHA-256 of a file's content (program binaries). */
int seal_file_digest(const char *path, unsigned char out[SEAL_LEN], struct err *e);

/* Recompute every component from the electors database (inside the
 * caller's transaction when there is one) and hash the binaries. prev and
 * the journal head are left to the caller. */
int seal_compute(MYSQL *el, unsigned scrutin_id, const char *const *bins,
    size_t nbin, struct seal_parts *p, struct err *e);

/* Create a seal of the scrutin: compute, chain to the previous seal, store
 * in urn.seal with the time and who authorised it. fp may be NULL. */
int seal_create(MYSQL *el, MYSQL *urn, unsigned scrutin_id, const char *kind,
    const char *const *bins, size_t nbin, const char *authorised_by,
    unsigned char fp[SEAL_LEN], struct err *e);

/* Check the latest seal of the scrutin: its stored fingerprint against its
 * content, its chaining to the previous seal, every component recomputed
 * now (the binaries at the paths recorded in it), and the journal up to the
 * sealed head. -1 with a French reason naming what changed (paramètres,
 * listes, électeurs, binaires, journal, chaînage) or when there is no seal. */
int seal_verify(MYSQL *el, MYSQL *urn, unsigned scrutin_id, struct err *e);
/* seal_verify on demand, its outcome journaled (electors journal) either
 * way: "scellement_verifie" or "scellement_non_conforme". */
int seal_check(MYSQL *el, MYSQL *urn, unsigned scrutin_id, const char *actor,
    struct err *e);

#endif
