/* fuzz.h: what the libFuzzer targets of tests/fuzz/ share: invariant
 * checks that abort (libFuzzer then saves the input as a crash), and the
 * ways of handing the fuzz input to a decoder (C string, JSON, file). */
#ifndef ISOLOIR_FUZZ_H
#define ISOLOIR_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the decoder under test: abort with its statement. */
#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* With FUZZ_VERBOSE=1 in the environment, say why an input was refused
 * (to check that a seed gets as far as it should). */
#define FUZZ_NOTE(...) do { \
	if (getenv("FUZZ_VERBOSE") != NULL) \
		fprintf(stderr, __VA_ARGS__); \
} while (0)

/* The input as a C string (cut at its first NUL, as a C caller would see it). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	FUZZ_CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The input as JSON, parsed as the worker parses request bodies. */
static inline json_t *
fuzz_json(const uint8_t *data, size_t size)
{
	json_error_t je;

	return json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
}

/* The input as a file for decoders that take a path: an anonymous memfd
 * named /proc/self/fd/N (path has room for 32 bytes). Close the fd after. */
static inline int
fuzz_file(const uint8_t *data, size_t size, char path[32])
{
	int fd = memfd_create("fuzz", 0);
	size_t off = 0;

	FUZZ_CHECK(fd >= 0);
	while (off < size) {
		ssize_t n = write(fd, data + off, size - off);
		FUZZ_CHECK(n > 0);
		off += (size_t)n;
	}
	snprintf(path, 32, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
