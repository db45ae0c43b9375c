/* cast.h: recording a verified ballot and its émargement atomically across
 * the two databases (R-VOTE-7, R-AUTH-3), with no persistent link between
 * them: XA-prepared émargement, then ballot + decision row committed in the
 * urn (the decision), then émargement committed and decision row deleted.
 * The urn knows a cast only by HMAC(cast key, xid): the xid of the electors
 * side never reaches the urn's tables or binary log (R-VOTE-5).
 * cast_recover() finishes or aborts casts abandoned by a crash. */
#ifndef ISOLOIR_CAST_H
#define ISOLOIR_CAST_H

#include <stddef.h>
#include <stdint.h>

#include <mysql.h>

#include "calendar.h"
#include "conf.h"
#include "err.h"

#define CAST_TRACKER_LEN 32
/* The cast key: the urn's decision rows are named HMAC(key, xid). Held by
 * the workers and whoever recovers casts (the standby's too), nobody else;
 * the same for the whole vote ([web] cast_key, 64 hex digits). */
#define CAST_KEY_LEN 32

int cast_key_load(
    const struct conf *c, unsigned char key[CAST_KEY_LEN], struct err *e);

/* What the caller verified the ballot and admitted the elector against,
 * from a copy kept between casts (lib/castcache.h). The cast's locked read
 * (shared lock on the scrutin, its key row and the operation rows) reads
 * the same values again; any difference and nothing is recorded
 * (CAST_STALE): a ballot is never recorded after a check against another
 * key, another calendar or another setting than the database's. */
struct cast_expect {
	unsigned operation;       /* whose calendar was checked (R-ORG-4) */
	struct calendar cal;
	int ressaisie;            /* setting ressaisie_mot_de_passe (R-VOTE-4) */
	char public_key[67];      /* scrutin_crypto, as stored */
	char fingerprint[65];
	int nul_slot;
};

/* 1 when a and b hold the same values. */
int cast_expect_same(const struct cast_expect *a, const struct cast_expect *b);

struct cast_ballot {
	unsigned scrutin_id;
	unsigned char tracker[CAST_TRACKER_LEN]; /* SHA-256 of the canonical ballot */
	const char *body;                        /* canonical ballot JSON (stored packed) */
	size_t body_len;
	/* The ciphertext points the verification decoded, for the count
	 * (ballot_verify_points), or NULL: the count then decodes the body. */
	const unsigned char *points;
	size_t points_len;
	/* What it was checked against, or NULL: no such check (tools, tests
	 * of the recording alone). */
	const struct cast_expect *expect;
};

enum cast_outcome {
	CAST_RECORDED,       /* this ballot is now in the urn, elector marked */
	CAST_ALREADY_HERE,   /* a retry: this very ballot was recorded before */
	CAST_ALREADY_VOTED,  /* the elector voted in this scrutin (other ballot) */
	CAST_NOT_OPEN,       /* scrutin not open (suspended, closed...) */
	CAST_NOT_ELECTOR,    /* the elector does not vote in this scrutin */
	CAST_REPLAY,         /* this ballot is already in the urn for someone else */
	CAST_RETRY,          /* lost a race with recovery: nothing stored, retry */
	CAST_STALE,          /* b->expect is not the database's: nothing stored */
};

struct cast_result {
	enum cast_outcome outcome;
	char message[256];   /* French, for the elector */
};

/* Per urn connection: the decision row of its last finished cast, deleted
 * in its next cast's urn transaction instead of a durable commit of its
 * own; the recovery deletes it when no cast follows (zero it at start). */
struct cast_conn {
	unsigned char done[32];
	int has_done;
};

/* Delete the connection's pending decision row now (before closing it). */
void cast_conn_flush(MYSQL *urn, struct cast_conn *cc);

/* cc: the connection's state, or NULL to delete the decision row at once. */
int cast_record(MYSQL *electors, MYSQL *urn,
    const unsigned char key[CAST_KEY_LEN], struct cast_conn *cc,
    unsigned elector_id, const struct cast_ballot *b, struct cast_result *res,
    struct err *e);

struct cast_recovery {
	unsigned committed;  /* prepared émargements whose ballot was committed */
	unsigned aborted;    /* abandoned before the decision */
	unsigned cleaned;    /* decision rows left after completion */
	unsigned busy;       /* old but still held by a live session: left to it */
};

/* Resolve casts prepared more than min_age_s seconds ago, and delete the
 * 'commit' decision rows of casts that finished ('abort' rows stay: they
 * refuse a late commit of the cast they name). Refuses (-1, nothing touched) when
 * key is not the key of the casts recorded in this urn. */
int cast_recover(MYSQL *electors, MYSQL *urn,
    const unsigned char key[CAST_KEY_LEN], unsigned min_age_s,
    struct cast_recovery *st, struct err *e);

/* Fault injection for the crash tests: when built with
 * --enable-fault-injection and ISOLOIR_FAULT names this step, the process
 * kills itself with SIGKILL there; ISOLOIR_FAULT_PAUSE makes it wait 3 s
 * there (time for a test to kill a database). A no-op otherwise. */
void cast_fault(const char *step);

#endif
