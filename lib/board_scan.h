/* board_scan.h: a bounded-memory reader of a bulletin board file
 * (docs/protocol.md §10.4): the board is one JSON document of up to
 * gigabytes, nearly all of it the "ballots" array; this reads the other
 * top-level members as JSON values and hands each ballot over as its raw
 * bytes, one at a time, so that no more than one ballot is held. */
#ifndef ISOLOIR_BOARD_SCAN_H
#define ISOLOIR_BOARD_SCAN_H

#include <stdio.h>

#include <jansson.h>

#include "err.h"

/* A ballot entry is far below this (an 8×7 ballot with its proofs is
 * about 93 kB); anything larger is refused rather than buffered. */
#define BSCAN_ENTRY_MAX (4u << 20)
/* The members other than the ballots (keys, partials, result...). */
#define BSCAN_MEMBER_MAX (64u << 20)

/* Called for ballot i (from 0): its raw JSON text, NUL-terminated. */
typedef int (*bscan_ballot_fn)(
    void *arg, size_t i, const char *raw, size_t len, struct err *e);

/* Read the board in f from its start: *hdr (when hdr is not NULL) gets
 * every top-level member but the ballots, parsed, with "ballots": [] in
 * their place when they are there; each ballot goes to on_ballot (when
 * not NULL). A top-level key given twice, bytes after the document or
 * malformed JSON are errors. 0, or -1 with e filled (and *hdr NULL). */
int bscan_board(
    FILE *f, json_t **hdr, bscan_ballot_fn on_ballot, void *arg, struct err *e);

/* Member `key` of the object whose raw text is given (a ballot entry),
 * parsed without parsing the rest (its ballot); NULL when absent or
 * malformed. */
json_t *bscan_member(const char *raw, size_t n, const char *key);

#endif
