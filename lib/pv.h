/* pv.h: the procès-verbal des élections (R-RES-3, R-BUR-7/8): from the
 * counting law's output (rules-schema.md) and a header describing the
 * election (establishment, dates, bureau, seals, observations, journal) to
 * a PDF in the layout of CERFA 15822 (titulaires) / 15823 (suppléants), a PV
 * de carence (CERFA 15248) for categories without any list, and a CSV of
 * the same numbers. The inputs are validated into the structs below
 * (pv_model.c); the PDF (pv.c, pv_draw.c) and the CSV (pv_csv.c) only
 * read them. Strings point into the JSON documents held by struct pv_doc. */
#ifndef ISOLOIR_PV_H
#define ISOLOIR_PV_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <mysql.h>

#include "err.h"

struct pv_cand {
	const char *name;
	char sex;                       /* 'F' or 'H' */
	int64_t votes, strikes, effective;
	int counted, rank, elected;
};

struct pv_list {
	const char *name;
	const char *syndicat, *affiliation;   /* from the header; may be "" */
	int64_t ballots;
	const char *average, *average_decimal, *pct;  /* pct may be NULL */
	int representative;
	int64_t seats_quotient, seats_remainder, seats_total, seats_unfilled;
	size_t ncand;
	struct pv_cand *cand;
};

struct pv_round {
	int64_t seat;
	const char *winner;             /* NULL: vacant */
	int filled;
	const char *tie_break;          /* NULL, "votes", "age", "list_order", "lot" */
	char tied[512];                 /* the lists the law left tied, "A, B" */
};

struct pv_cat {
	const char *college;
	int suppleants;                 /* 0: titulaires (15822), 1: 15823 */
	int carence;                    /* no list at all: PV de carence */
	int no_valid_votes;             /* SVE = 0 */
	int64_t seats, inscrits, votants, blancs, nuls, sve;
	int64_t seats_filled, vacant_seats;
	const char *qe, *qe_decimal;
	char quorum_threshold[32];
	int quorum_reached;
	size_t nlists, nrounds, nwarnings;
	struct pv_list *lists;
	struct pv_round *rounds;
	const char **warnings;
};

struct pv_member { const char *nom, *qualite; };
struct pv_seal { const char *label, *date, *fingerprint; };
struct pv_event { const char *date, *text; };

/* The header document (docs/operations.md, "Procès-verbal"). */
struct pv_header {
	const char *raison_sociale, *etablissement, *adresse, *siret, *idcc;
	const char *representant;       /* the employer's, signs a carence */
	const char *institution;        /* default "Comité social et économique" */
	int tour;                       /* 1 or 2 */
	const char *ouverture, *cloture; /* "AAAA-MM-JJ HH:MM" */
	const char *lieu, *date_pv;     /* "Fait à ..., le ..." */
	const char *carence_tour1, *carence_tour2; /* PV de carence dates */
	size_t nbureau, nseals, nobs, njournal;
	struct pv_member *bureau;
	struct pv_seal *seals;
	struct pv_event *obs, *journal;
	int64_t journal_total;          /* entries in the whole journal */
	const char *journal_head;       /* hash at the head of the chain */
};

struct pv_doc {
	json_t *rules, *header;         /* held: the strings point into them */
	const char *surplus;            /* "pass" or "vacant" */
	char digest[65];                /* SHA-256 of the canonical rules JSON */
	struct pv_header h;
	size_t ncat;
	struct pv_cat *cat;
};

/* Validate both documents (references are taken); NULL on error with the
 * offending field named in e. */
struct pv_doc *pv_doc_new(json_t *rules, json_t *header, struct err *e);
/* Same, from files (UTF-8 JSON). */
struct pv_doc *pv_doc_load(const char *rules_path, const char *header_path, struct err *e);
void pv_doc_free(struct pv_doc *d);

/* The PDF: one PV per collège and category, then the PV de carence if some
 * category has no list, then the annexes. */
int pv_pdf_write(const struct pv_doc *d, const char *path, struct err *e);

/* Free the font caches the PDF filled (they live for the whole process
 * otherwise): a program calls it once, when it has written its PDFs, so
 * that the leak checker of the sanitizer build sees a clean exit. */
void pv_release(void);

/* The CSV (RFC 4180, ';', UTF-8): one row per candidate, the scrutin's and
 * the list's numbers repeated on each row; a carence gives one row. */
int pv_csv_write(const struct pv_doc *d, const char *path, struct err *e);

/* The header of a scrutin from the databases (pv_db.c): round, opening
 * and closing in French time, bureau members, seals, journal size, head
 * and latest entries (the bureau's "observation" and "decision" entries as
 * observations), the lists' unions; base (may be NULL) gives what the
 * databases do not hold, and wins for the establishment's name and the
 * unions' names. New reference, or NULL with e filled. */
json_t *pv_header_from_db(MYSQL *el, MYSQL *urn, unsigned scrutin, const json_t *base, struct err *e);

/* "AAAA-MM-JJ HH:MM[:SS]" in UTC → "AAAA-MM-JJ HH:MM" in Europe/Paris
 * (CET, CEST from the last Sunday of March to the last Sunday of October,
 * 01:00 UTC); copied as is when not a date. */
void pv_utc_to_paris(const char *utc, char *out, size_t len);

/* "2026-11-23 09:00" → "23/11/2026 à 09 h 00" (copied as is otherwise). */
void pv_format_datetime(const char *in, char *out, size_t len);

#endif
