/* board.h: the public bulletin board of one scrutin (R-BUR-8, R-VOTE-5/6,
 * docs/protocol.md §10): one JSON document holding everything needed to
 * recheck the count without trusting the platform (election key
 * transcript, every ballot with its tracker, totals, partial decryptions,
 * counts, seats), its export from the databases and its verifier. */
#ifndef ISOLOIR_BOARD_H
#define ISOLOIR_BOARD_H

#include <stddef.h>

#include <jansson.h>
#include <mysql.h>
#include <openssl/ec.h>

#include "ballot.h"
#include "err.h"
#include "threshold.h"

#define BOARD_FORMAT "isoloir-tableau"
#define BOARD_VERSION 2
/* Partial decryption files one export takes: two groups' holders, for
 * the whole urn and two sub-urns. */
#define BOARD_MAX_PARTIALS (6 * THR_MAX)

/* What a successful verification established, for the summary line. */
struct board_summary {
	unsigned scrutin;
	unsigned long ballots;
	char holders[192];              /* the holders combined, for people */
	size_t partials;                /* partial decryptions checked (whole urn) */
	size_t sub_urns;                /* 0, or 2 (R-ORG-5) */
	unsigned long sub_ballots[2];
	int result_checked;             /* the seats were recomputed */
};

/* The election key from the holders' deals (docs/protocol.md §8), every
 * proof of knowledge checked: y = Σ C_x,0 and vk[i] = Y_{i+1} for
 * i < holders. Points allocated by the caller. */
int board_keys(const json_t *deals, const unsigned char fp[32], size_t k, size_t n,
    EC_POINT *y, EC_POINT **vk, struct err *e);
/* "liste 2", "blanc", "nul", "liste 1, candidat 3" for total position i. */
void board_position(const struct ballot_shape *s, size_t i, char *out, size_t len);

/* The board of a scrutin from the databases, the holders' public deals
 * (deal-X.json of isoloir-trustee) and their partial decryptions of the
 * whole urn's totals, written to path in board_text()'s layout with the
 * ballots streamed from the urn (bounded memory, docs/protocol.md §10.4);
 * verified (board_verify_file) before it takes that name. 0, or -1 with
 * e filled. */
int board_export(MYSQL *electors, MYSQL *urn, unsigned scrutin, json_t *const *deals,
    size_t ndeals, json_t *const *partials, size_t npartials, const char *path,
    struct board_summary *sum, struct err *e);

/* The board's published text: sorted keys, one-space indentation (the
 * file and the site serve these very bytes). Free with free(). */
char *board_text(const json_t *board);

/* The site's copy of a board (docs/protocol.md §10.5): the file's bytes
 * in chunks of at most chunk_bytes, each hashed and chained, c_0 = 0³²,
 * c_i = SHA-256(c_{i-1} ‖ SHA-256(chunk_i)); the last c is the chunks'
 * fingerprint, kept with the file's SHA-256, the document without its
 * ballots (the page's summary) and one row per tracker (its rank, its
 * sub-urn) for the page and the lookup. */
#define BOARD_CHUNK_DEFAULT (8u << 20)
#define BOARD_CHUNK_MIN 1024u
/* Publish the board file at path (verified again, streaming): only once
 * the scrutin is counted and proclaimed, only a board of this scrutin's
 * election; written once, journaled with both fingerprints. */
int board_publish(MYSQL *electors, MYSQL *urn, const char *path, size_t chunk_bytes,
    const char *actor, struct err *e);

/* What the site knows of a published board without reading its chunks. */
struct board_meta {
	unsigned scrutin;
	unsigned long long bytes;       /* the file's size */
	unsigned chunks;
	unsigned long ballots;
	char sha256[65], chain[65];     /* hex */
	json_t *summary;                /* the document, "ballots": [] */
	char recourse[32];              /* end of the recourse period, or "" */
};
/* The file's SHA-256 and chained fingerprint as the site would store it
 * in chunks of chunk bytes (m->sha256, chain, chunks, bytes): anyone
 * recomputes the journaled values (isoloir-verify chain). */
int board_chunks(const char *path, size_t chunk, struct board_meta *m, struct err *e);
/* 1 with m filled (free m->summary), 0 none published, -1 error. */
int board_meta_get(MYSQL *urn, unsigned scrutin, int with_summary, struct board_meta *m,
    struct err *e);
/* Chunk i's bytes (xmalloc'd, *len), its chain link checked against
 * prev (32 bytes, updated); NULL with e filled. */
char *board_chunk_get(MYSQL *urn, unsigned scrutin, unsigned i, unsigned char prev[32],
    size_t *len, struct err *e);
/* One page of trackers: ranks from `first` (0-based), at most max;
 * trackers[i] 65 bytes, subs[i] the sub-urn (0 none); -1 on error. */
int board_trackers(MYSQL *urn, unsigned scrutin, unsigned long first, size_t max,
    char (*trackers)[65], unsigned *subs, size_t *n, struct err *e);
/* Whether tracker (64 hex digits) is on the scrutin's published board:
 * 1 yes, 0 no, -2 no board published, -1 database error. */
int board_lookup(MYSQL *urn, unsigned scrutin, const char *tracker, struct err *e);

/* The published boards: ids and titles (xstrdup'd, free each) of at
 * most max scrutins, in id order; -1 on a database error. */
int board_published_list(MYSQL *urn, unsigned *ids, char **titles, size_t max, size_t *n,
    struct err *e);

/* HTML views of a published board (board_html.c): the page of a scrutin
 * (its trackers BOARD_HTML_PER_PAGE a page, page from 1) and the index of
 * the published scrutins. French, no script, noindex. Free with free(). */
#define BOARD_HTML_PER_PAGE 50
char *board_html(const struct board_meta *m, size_t page, char (*trackers)[65],
    const unsigned *subs, size_t n);
char *board_html_index(const unsigned *ids, char *const *titles, size_t n);

/* Check everything, in the order of docs/protocol.md §10; stop at the
 * first failure (e says what and where, in French). 0 OK, -1 failure. */
int board_verify(const json_t *board, struct board_summary *sum, struct err *e);
/* The same on a board file, in two passes and bounded memory (one ballot
 * at a time, 65 bytes per tracker for the duplicates): *hdr (when not
 * NULL) gets the document without its ballots. */
int board_verify_file(const char *path, struct board_summary *sum, json_t **hdr,
    struct err *e);
/* The same with the ballots checked on jobs threads (0: one per online
 * CPU, 1: on the caller's alone): the same verdict and the same first
 * failure (the earliest ballot in board order), a few ballots per thread
 * held (lib/board_pool.h). board_verify_file is jobs 0. */
int board_verify_file_jobs(const char *path, unsigned jobs,
    struct board_summary *sum, json_t **hdr, struct err *e);

#endif
