/* receipt.h: the accusé de réception (R-VOTE-6): what the server signs to
 * prove a vote was recorded, never the choice. At cast time it carries the
 * ballot tracker; when downloaded again later it carries only the scrutin
 * and the émargement time (the server keeps no elector → tracker link, by
 * design: see docs/protocol.md, "Receipts"). ECDSA P-256 / SHA-256. */
#ifndef ISOLOIR_RECEIPT_H
#define ISOLOIR_RECEIPT_H

#include <stddef.h>

#include <openssl/evp.h>

#include "err.h"

#define RECEIPT_SIG_MAX 128   /* base64url of a DER ECDSA signature */

struct receipt {
	const char *operation;   /* operation code */
	unsigned scrutin_id;
	const char *scrutin;     /* "Siège — Cadres — Titulaires" */
	const char *voted_at;    /* ISO 8601 UTC, to the second */
	const char *tracker;     /* hex SHA-256 of the ballot, or "" */
};

/* The exact bytes signed: one "key=value" line per field, in this order,
 * each value with \n and \\ escaped. Caller frees. */
char *receipt_canonical(const struct receipt *r);
/* Load a PEM private key (P-256); NULL with e filled. */
EVP_PKEY *receipt_key_load(const char *path, struct err *e);
/* Load a PEM public key (what the mailer checks receipts with). */
EVP_PKEY *receipt_pubkey_load(const char *path, struct err *e);
int receipt_sign(EVP_PKEY *key, const struct receipt *r,
    char sig[RECEIPT_SIG_MAX], struct err *e);
/* 1 valid, 0 invalid, -1 error. key may be a public key. */
int receipt_verify(EVP_PKEY *key, const struct receipt *r, const char *sig,
    struct err *e);
/* The receipt and its signature as a one-page PDF in French (Europe/Paris
 * time; an empty tracker is explained), never the choice. Caller frees;
 * *len is its size (receipt_pdf.c, on lib/textpdf.c). */
char *receipt_pdf(const struct receipt *r, const char *operation_name, const char *sig,
    size_t *len);
/* "le 30 novembre 2026 à 15 h 42 min 10 s (heure de Paris)" from
 * "2026-11-30T14:42:10Z" (the text itself when it is not such a time). */
void receipt_when_fr(const char *iso, char *out, size_t cap);

#endif
