/* testvote.h: the test vote (scrutin « en vote à blanc », R-BUR-2) on the
 * real platform with fictitious test electors only: the console creates
 * them for one scrutin with their credentials; they may log in before the
 * opening while a test vote runs, and cast only in a scrutin « en vote à
 * blanc », where real electors cannot; the reset (lifecycle.c) empties
 * urn and émargement and removes them with their credentials. */
#ifndef ISOLOIR_TESTVOTE_H
#define ISOLOIR_TESTVOTE_H

#include <stdio.h>

#include <jansson.h>
#include <mysql.h>

#include "err.h"

/* n test electors of the scrutin (state « en vote à blanc »): their
 * credentials to out as "matricule;identifiant;mot_de_passe;cle;consigne;
 * choix;conserves", journaled (without them). Each gets a line of the
 * test vote's plan (stored, replacing any earlier plan): the cases cycle
 * through each list, blank, nul (when enabled), a struck name and every
 * name struck (which the ballot page turns into blank); "choix" is the
 * list from 0, -1 blank, -2 nul, "conserves" the kept names ("101"). */
int testvote_create(MYSQL *el, unsigned scrutin, unsigned n, const unsigned char login_key[32],
    const char *actor, FILE *out, struct err *e);
/* Is any scrutin « en vote à blanc »? (the login before the opening) */
int testvote_running(MYSQL *el, int *running, struct err *e);
/* Is this elector a test elector? */
int testvote_is_test(MYSQL *el, unsigned elector, int *test, struct err *e);
/* At the reset: the scrutin's test electors and their credentials go. */
int testvote_remove(MYSQL *el, unsigned scrutin, long long *removed, struct err *e);

/* One case of the plan. */
struct tv_case {
	int choice;                 /* list from 0, -1 blank, -2 nul */
	char kept[64];              /* "101": 1 kept, 0 struck */
	char label[1024];           /* French instruction */
};
#define TV_MAX_CASES 40

/* Pure: the cases that cover a ballot, from its page's "listes" (as
 * scrutin_ballot_json) and the nul option; returns their number. */
size_t testvote_cases(const json_t *lists, int nul, struct tv_case *out, size_t cap);
/* Pure: the expected counts (lists, blank, [nul]; then candidates, as
 * count_combine) of plan rows (choice, kept) into a new array. */
json_t *testvote_expected(const json_t *lists, int nul, const struct tv_case *rows, size_t n);
/* Pure: compare expected and actual counts; fills *conformes and returns
 * the comparison [{"ligne","attendu","obtenu"}] and a French report. */
json_t *testvote_diff(const json_t *lists, int nul, const json_t *expected,
    const json_t *actual, int *conformes, char *report, size_t cap);

/* The ballot page of the scrutin (scrutin_ballot_json) and its nul option. */
json_t *testvote_page(MYSQL *el, unsigned scrutin, int *nul, struct err *e);

/* Compare the decrypted results of the test vote (isoloir-verify count's
 * output) with the plan; stored and journaled either way. Only while the
 * scrutin is « en vote à blanc », and the results must be those of the
 * urn as it is (same number of ballots). On a mismatch 0
 * is returned too, with *conformes 0: the sealing meeting refuses it.
 * report gets « conformes … » or the differences. */
int testvote_compare(MYSQL *el, MYSQL *urn, unsigned scrutin, const json_t *count, const char *actor,
    int *conformes, json_t **comparison, char *report, size_t cap, struct err *e);

#endif
