/* kdf.h: the Argon2id computations of a process (credentials, bureau
 * codes), optionally run by a few dedicated threads.
 *
 * Each Argon2id computation takes m KiB (8 MiB for electors' passwords),
 * allocated by the thread that runs it; glibc keeps that memory in the
 * thread's arena once freed. A worker whose N request threads each hashed
 * once would hold N × 8 MiB for good (issue 6: 75 MB at 8 threads). With
 * kdf_pool_start(k), the computations run on k threads of their own (the
 * caller waits, as it would while computing): memory ~k × m whatever N,
 * and at most k computations at once (more would only share the same
 * cores). Without a pool (console, tools) they run in the caller. */
#ifndef ISOLOIR_KDF_H
#define ISOLOIR_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Start k ≥ 1 computing threads; 0, or -1 with e filled. */
int kdf_pool_start(unsigned k, struct err *e);
/* Stop them (no computation may be pending). */
void kdf_pool_stop(void);

/* argon2id_verify and argon2id_hash_encoded (argon2.h), their return
 * codes. */
int kdf_verify(const char *encoded, const void *pw, size_t pwlen);
int kdf_hash_encoded(uint32_t t_cost, uint32_t m_kib, uint32_t lanes,
    const void *pw, size_t pwlen, const void *salt, size_t saltlen,
    size_t hashlen, char *out, size_t outlen);

/* For tests: the most computations that ran at once since the last
 * kdf_pool_start (or the process's start). */
unsigned kdf_peak(void);

#endif
