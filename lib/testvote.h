/* testvote.h: the test vote (scrutin « en vote à blanc », R-BUR-2) on the
 * real platform with fictitious test electors only: the console creates
 * them for one scrutin with their credentials; they may log in before the
 * opening while a test vote runs, and cast only in a scrutin « en vote à
 * blanc », where real electors cannot; the reset (lifecycle.c) empties
 * urn and émargement and removes them with their credentials. */
#ifndef ISOLOIR_TESTVOTE_H
#define ISOLOIR_TESTVOTE_H

#include <stdio.h>

#include <mysql.h>

#include "err.h"

/* n test electors of the scrutin (state « en vote à blanc »): their
 * credentials to out as "matricule;identifiant;mot_de_passe;cle", journaled
 * (without them). */
int testvote_create(MYSQL *el, unsigned scrutin, unsigned n, const unsigned char login_key[32],
    const char *actor, FILE *out, struct err *e);
/* Is any scrutin « en vote à blanc »? (the login before the opening) */
int testvote_running(MYSQL *el, int *running, struct err *e);
/* Is this elector a test elector? */
int testvote_is_test(MYSQL *el, unsigned elector, int *test, struct err *e);
/* At the reset: the scrutin's test electors and their credentials go. */
int testvote_remove(MYSQL *el, unsigned scrutin, long long *removed, struct err *e);

#endif
