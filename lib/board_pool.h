/* board_pool.h: the ballots of a board checked on several threads with
 * the verdict of one (docs/protocol.md §10.4): the reader hands each
 * ballot's raw text over in board order, worker threads check them in any
 * order, and the results are taken back in board order, so that the first
 * failure reported is the earliest ballot's, whatever thread saw it first.
 * At most a few ballots per thread are held (a ring of slots). */
#ifndef ISOLOIR_BOARD_POOL_H
#define ISOLOIR_BOARD_POOL_H

#include <stddef.h>

#include "err.h"

/* Most threads a pool runs (and slots per thread held). */
#define BPOOL_MAX_JOBS 64
#define BPOOL_SLOTS_PER_JOB 4

/* On a worker thread: check ballot i (raw, NUL-terminated) with that
 * worker's own state ws, writing what the combiner needs into res. */
typedef void (*bpool_work_fn)(
    void *ws, size_t i, const char *raw, size_t len, void *res);
/* On the caller's thread, ballot after ballot in board order: 0 to go on,
 * -1 (e filled) to stop at this ballot. */
typedef int (*bpool_take_fn)(void *arg, size_t i, void *res, struct err *e);

struct bpool;

/* jobs 0: one per online CPU. ws[j] is worker j's state (jobs entries:
 * call bpool_jobs first to size it); res_size the bytes of a result. */
unsigned bpool_jobs(unsigned jobs);
struct bpool *bpool_new(unsigned jobs, void **ws, size_t res_size,
    bpool_work_fn work, bpool_take_fn take, void *arg);
/* Hand ballot i (the next one) over; may wait for a free slot, taking the
 * results ready meanwhile. -1 when a take said stop (e filled). */
int bpool_put(
    struct bpool *p, size_t i, const char *raw, size_t len, struct err *e);
/* Wait for every ballot handed over and take their results: 0, or -1
 * when a take said stop (e filled). */
int bpool_finish(struct bpool *p, struct err *e);
/* Stop the threads (the ballots in progress are finished, not taken) and
 * free the pool. */
void bpool_free(struct bpool *p);

#endif
