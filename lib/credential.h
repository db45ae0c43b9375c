/* credential.h: electors' credentials (R-AUTH-1/2): random identifier and
 * password drawn from a typo-proof alphabet, stored only as a keyed digest
 * (identifier) and an Argon2id hash (password); login checks. */
#ifndef ISOLOIR_CREDENTIAL_H
#define ISOLOIR_CREDENTIAL_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* No 0/O, 1/I/L, and uppercase only: read aloud or typed from a letter
 * without ambiguity. 31 symbols, about 4.95 bits each. */
#define CRED_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define CRED_ID_SYMBOLS 12   /* ~59 bits, shown as XXXX-XXXX-XXXX */
#define CRED_PW_SYMBOLS 16   /* ~79 bits, shown as XXXX-XXXX-XXXX-XXXX */
#define CRED_TEXT_MAX 32     /* room for the grouped form and NUL */
#define CRED_HASH_MAX 128    /* Argon2id encoded hash */
#define CRED_DIGEST_LEN 32

/* Argon2id cost of an elector's password: m = 8 MiB, t = 2, p = 1, ~8 ms on
 * one core of the reference machine. Below OWASP's profiles on purpose:
 * those are for passwords people choose; ours are 16 random symbols
 * (~79 bits), so an offline search of a stolen table costs 2^78 hashes
 * whatever the hash, and the cost only needs to stop precomputation (the
 * salt does) while leaving cores for casts on polling day (performance.md:
 * >= 50 logins/s per core without starving casts). Hashes carry their own
 * parameters, so older ones still verify. Bureau codes, chosen by people,
 * keep a high cost (bureau.h). */
struct cred_cost {
	uint32_t t_cost;
	uint32_t m_kib;
	uint32_t lanes;
};
extern const struct cred_cost cred_cost_default;

/* Fresh random identifier / password in grouped form ("ABCD-EFGH-JKMN"). */
int cred_generate(char out[CRED_TEXT_MAX], size_t symbols, struct err *e);
/* Canonical form of what a user typed: uppercase, spaces and dashes removed,
 * and the look-alikes folded (O→0 is refused: 0 is not in the alphabet).
 * -1 when a character is outside the alphabet or the length is wrong. */
int cred_normalize(const char *in, size_t symbols, char out[CRED_TEXT_MAX],
    struct err *e);
/* HMAC-SHA256(key, normalized identifier): the lookup key of the
 * credential row; without the key a stolen table does not give identifiers. */
int cred_login_digest(const unsigned char *key, size_t keylen,
    const char *normalized_id, unsigned char out[CRED_DIGEST_LEN], struct err *e);
/* Argon2id encoded hash of a normalized password, random salt. */
int cred_hash_password(const char *normalized_pw, const struct cred_cost *cost,
    char out[CRED_HASH_MAX], struct err *e);
/* 1 = match, 0 = no match, -1 = malformed hash (e filled). */
int cred_verify_password(const char *encoded, const char *normalized_pw,
    struct err *e);
/* Constant-time comparison of the challenge answer (e.g. NIR key). */
int cred_challenge_ok(const char *expected, const char *given);

#endif
