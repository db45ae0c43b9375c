/* keyfile.h: a key holder's secret share at rest (docs/protocol.md §8):
 * scrypt (N = 2^15, r = 8, p = 1) derives a 256-bit key from the
 * passphrase; AES-256-GCM seals the share's hex, with the election
 * fingerprint and holder number as associated data. */
#ifndef ISOLOIR_KEYFILE_H
#define ISOLOIR_KEYFILE_H

#include <jansson.h>
#include <openssl/bn.h>

#include "err.h"

/* A passphrase has 12 to KEYFILE_PASS_MAX bytes. */
#define KEYFILE_PASS_MAX 511

/* {"version","election","holder","threshold","holders","kdf","cipher"} */
json_t *keyfile_seal(const char *election_hex, unsigned holder, unsigned k, unsigned n,
    const BIGNUM *share, const char *passphrase, struct err *e);
/* The share, or -1 ("phrase secrète incorrecte ou fichier altéré"). */
int keyfile_open(const json_t *kf, const char *passphrase, BIGNUM *share, struct err *e);

#endif
