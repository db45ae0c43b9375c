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
 * whole urn's totals; verified with board_verify before it is returned.
 * NULL with e filled. */
json_t *board_export(MYSQL *electors, MYSQL *urn, unsigned scrutin, json_t *const *deals,
    size_t ndeals, json_t *const *partials, size_t npartials, struct err *e);

/* The board's published text: sorted keys, one-space indentation (the
 * file and the site serve these very bytes). Free with free(). */
char *board_text(const json_t *board);
/* Put an exported board on the public site (urn table `board`, written
 * once, journaled with its SHA-256): only once the scrutin is counted,
 * and only a board of this scrutin's election that verifies. */
int board_publish(MYSQL *electors, MYSQL *urn, const json_t *board, const char *actor,
    struct err *e);
/* The published text of a scrutin's board, or NULL: *found = 0 when none
 * is published, -1 on a database error (e filled). */
char *board_published(MYSQL *urn, unsigned scrutin, int *found, struct err *e);
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
char *board_html(const json_t *board, size_t page);
char *board_html_index(const unsigned *ids, char *const *titles, size_t n);

/* Check everything, in the order of docs/protocol.md §10; stop at the
 * first failure (e says what and where, in French). 0 OK, -1 failure. */
int board_verify(const json_t *board, struct board_summary *sum, struct err *e);

#endif
