/* release.h: the reference digests of the certified release (R-BUR-3,
 * R-OPS-5). The expert rebuilds the release from its sealed source
 * archive, certifies a manifest of its programs' SHA-256 digests, and the
 * cellule records it with `release certify`; from then on every seal
 * compares the programs it covers with that reference, so a program that
 * is not the certified one cannot be sealed (and, through the seal, cannot
 * open or count). The manifest names programs by their file name, not
 * their path: the expert's build and the deployment need not share a
 * directory layout. */
#ifndef ISOLOIR_RELEASE_H
#define ISOLOIR_RELEASE_H

#include <stddef.h>

#include <jansson.h>
#include <mysql.h>

#include "err.h"
#include "seal.h"

#define RELEASE_FORMAT "isoloir-reference"
#define RELEASE_MAX_PROGRAMS 32

/* {"format","version":1,"programmes":[{"nom","sha256"}]} of the files at
 * paths, sorted by name; NULL with e filled (unreadable file, two
 * programs of one name). */
json_t *release_manifest(const char *const *paths, size_t n, struct err *e);
/* Check a manifest's form (exact keys, names, 64 hex digits, sorted, no
 * name twice); -1 with the reason in French. */
int release_manifest_check(const json_t *m, struct err *e);
/* Record the expert's certified manifest as the reference (journaled with
 * its SHA-256). Refused once a scrutin has been sealed: the reference is
 * fixed before the sealing meeting. */
int release_certify(MYSQL *el, const json_t *manifest, const char *expert, const char *actor,
    struct err *e);
/* The current reference: 1 and *manifest (a new reference) and its digest
 * in hex, 0 when none was certified, -1 on error. */
int release_current(MYSQL *el, json_t **manifest, char sha[65], char *expert, size_t explen,
    struct err *e);
/* The programs a seal covers and those of the reference must be the same,
 * with the same digests: 0, or -1 naming the first one that is not. */
int release_compare(const json_t *manifest, const struct seal_parts *p, struct err *e);
/* What seal_create asks: with a reference, release_compare; without one,
 * refused when the operation's setting "reference_requise" is on. */
int release_check_seal(MYSQL *el, const struct seal_parts *p, struct err *e);

#endif
