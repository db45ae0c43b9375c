/* text.h: text helpers for imports: UTF-8 validation, Windows-1252 to
 * UTF-8, and folding for case- and accent-insensitive comparison. */
#ifndef ISOLOIR_TEXT_H
#define ISOLOIR_TEXT_H

#include <stddef.h>

#include "buf.h"

/* 1 when the n bytes are valid UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *s, size_t n);
/* 1 when every byte is ASCII. */
int text_ascii(const char *s, size_t n);
/* Append the UTF-8 form of n Windows-1252 bytes. */
void text_cp1252_to_utf8(struct buf *out, const char *s, size_t n);
/* Append a NUL-terminated UTF-8 string as Windows-1252 (the PDF standard
 * fonts' WinAnsi encoding); a character it lacks becomes '?'. Returns how
 * many were replaced. */
int text_utf8_to_cp1252(struct buf *out, const char *s);
/* Lowercase ASCII, common Latin accents removed (é → e, Œ → oe),
 * spaces and '-' '_' turned into '_', trimmed: "Prénom " → "prenom",
 * "Nom d'usage" → "nom_d'usage". Returns a new string. */
char *text_fold(const char *s);
/* Cut a UTF-8 string that snprintf truncated back to its last whole
 * character, so that a message quoting a long value stays valid UTF-8
 * (jansson refuses invalid UTF-8; terminals show garbage). */
void text_utf8_cut(char *s);

#endif
