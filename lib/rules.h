/* rules.h: the counting law of French CSE elections (../shared/brief/
 * rules.md, rules-schema.md): quotient électoral, plus forte moyenne, the
 * 10 % strike rule, ties, surplus, quorum, representativeness. Exact
 * rational arithmetic only: no floating point anywhere. The allocation
 * works on typed structs (rules_allocate); rules_json.c is the boundary
 * (input validation, output document) used by isoloir-rules and the count. */
#ifndef ISOLOIR_RULES_H
#define ISOLOIR_RULES_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define RULES_MAX_LISTS 64
#define RULES_MAX_CANDIDATES 128
/* Far above the seats of any CSE: bounds the work and memory of an input. */
#define RULES_MAX_SEATS 1000
/* Draws by lot the bureau may enter for one category (R-BUR-8). */
#define RULES_MAX_LOTS 32

enum rules_surplus { RULES_PASS, RULES_VACANT };

struct rules_candidate {
	const char *name;
	char sex;                 /* 'F' or 'H' */
	int birth;                /* YYYYMMDD: smaller is older */
	int64_t strikes;
	/* results */
	int64_t votes;            /* ballots − strikes */
	int strikes_counted;
	int64_t effective;
	int rank;                 /* 1 = first to be elected */
	int elected;
};

struct rules_list {
	const char *name;
	int64_t ballots;
	size_t ncand;
	struct rules_candidate cand[RULES_MAX_CANDIDATES];
	/* results */
	int64_t avg_num, avg_den;      /* average = Σ votes / ncand, reduced */
	int seats_quotient, seats_remainder, seats_unfilled;
	size_t order[RULES_MAX_CANDIDATES]; /* designation order (indices) */
};

/* The bureau's draw by lot for one seat the law leaves tied (same
 * value, same average, same age): the list drawn takes that seat. */
struct rules_lot {
	int seat;
	const char *winner;
	/* results */
	int used;                      /* the seat was tied and the winner among the tied */
	int not_tied;                  /* the winner drawn is not one of the tied lists */
};

/* One seat handed out at the plus forte moyenne. */
struct rules_round {
	int seat;
	int winner;                    /* list index, or -1 */
	int filled;
	/* NULL, "votes", "age", "list_order" (undecided: the engine took
	 * the first list), "lot" (the bureau's draw) */
	const char *tie_break;
	int tied[RULES_MAX_LISTS];     /* the lists the law could not separate */
	int competing[RULES_MAX_LISTS];
	int64_t val_num[RULES_MAX_LISTS], val_den[RULES_MAX_LISTS];
};

struct rules_category {
	int64_t seats, inscrits, votants, blancs, nuls;
	size_t nlists;
	struct rules_list lists[RULES_MAX_LISTS];
	size_t nlots;
	struct rules_lot lots[RULES_MAX_LOTS];
	/* results */
	int64_t sve;
	int no_valid_votes;
	int quorum_reached;
	int seats_filled;
	size_t nrounds;
	struct rules_round *rounds;    /* allocated by rules_allocate */
	char warnings[8][256];
	size_t nwarnings;
};

/* Compute everything (the input must be valid). */
void rules_allocate(struct rules_category *c, enum rules_surplus surplus);
void rules_category_free(struct rules_category *c);

/* Boundary: read the input document, print the output document
 * (rules-schema.md). Returns a new reference; `valid` tells which. */
json_t *rules_run_json(const json_t *input);

/* rules.md: below the quorum at round 1 nobody is elected by that round;
 * the seats and names computed are for information (the PV says so). */
int rules_indicative(int round, int quorum_reached);

/* "p/q" in lowest terms and the 6-decimal half-up form. */
void rules_fraction(int64_t num, int64_t den, char *out, size_t len);
void rules_decimal(int64_t num, int64_t den, int digits, char *out, size_t len);

#endif
