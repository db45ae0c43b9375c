/* results.h: from decrypted counts to the counting law's input
 * (rules-schema.md): a scrutin's seats, inscrits, lists and candidates
 * from the electors database, its votes from the counts of
 * count_combine() (slots: lists, blank, [nul]; then candidates). */
#ifndef ISOLOIR_RESULTS_H
#define ISOLOIR_RESULTS_H

#include <jansson.h>
#include <mysql.h>

#include "err.h"

/* The input document of isoloir-rules for this scrutin; NULL on error
 * (unknown scrutin, counts of another shape). */
json_t *results_rules_input(MYSQL *db, unsigned scrutin, const json_t *count, struct err *e);

#endif
