/* bpack.h: the form a ballot's canonical text is stored in, in the urn
 * (ballot.body, docs/protocol.md §9.3): "packed v1", every JSON string of
 * lowercase hex replaced by its raw bytes, half the bytes each cast writes
 * (statement, redo log, binary log, standby). Readers get the canonical
 * text back, byte for byte; a body stored before packing reads as is. */
#ifndef ISOLOIR_BPACK_H
#define ISOLOIR_BPACK_H

#include <stddef.h>

#include <jansson.h>

#include "err.h"

#define BPACK_V1 0x01     /* first byte of a packed body */
#define BPACK_RUN 0x02    /* then the length L (1..255) and L raw bytes */
#define BPACK_RUN_MAX 255 /* bytes in one run: 510 hex digits */

/* Room bpack_pack needs for a text of len bytes (a run is always shorter
 * than its string, the version byte is the one addition). */
#define BPACK_BOUND(len) ((len) + 1)

/* Pack text (printable ASCII, as the canonical form is) into out, which
 * holds BPACK_BOUND(len) bytes; *outlen its length. Every string token of
 * 2 to 510 lowercase hex digits, keys too, becomes a run. -1 (nothing
 * usable in out) when text holds a byte the unpacker would refuse. */
int bpack_pack(const char *text, size_t len, unsigned char *out, size_t *outlen,
    struct err *e);

/* The canonical text of a stored body, packed or not (first byte '{'),
 * NUL-terminated, to free(); *textlen its length. NULL with e filled when
 * the body is neither: never a partial text. */
char *bpack_unpack(
    const unsigned char *body, size_t len, size_t *textlen, struct err *e);

/* The stored body unpacked and parsed (json_loadb): the ballot as the
 * readers of the urn want it, NULL with e filled. */
json_t *bpack_json(const unsigned char *body, size_t len, struct err *e);

#endif
