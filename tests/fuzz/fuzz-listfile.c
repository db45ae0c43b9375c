/* fuzz-listfile: the checks of the lists' logos and professions de foi
 * (lib/listfile.c), files that unions hand in. Input: one byte choosing
 * the kind and name (.png logo, .svg logo, .pdf profession de foi), then
 * the file. Invariants: an accepted file is within its size cap, has the
 * type its kind allows and, for PNG and PDF, the magic bytes; an accepted
 * SVG is UTF-8 without "<script" nor "javascript:" in any case; a refusal
 * names the file in valid UTF-8 (it is printed to the operator). */
#include "config.h"

#include <ctype.h>

#include "fuzz.h"
#include "listfile.h"
#include "text.h"

static int
has_folded(const unsigned char *d, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++) {
		size_t j = 0;
		while (j < k && tolower(d[i + j]) == needle[j])
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "logo.png", "logo.svg", "profession.pdf" };
	const char *type = NULL, *name;
	enum listfile_kind k;
	struct err e;
	char want[64];

	if (size < 1)
		return 0;
	name = names[data[0] % 3];
	k = data[0] % 3 == 2 ? LISTFILE_PROFESSION : LISTFILE_LOGO;
	data++, size--;
	if (listfile_check(k, name, data, size, &type, &e) == -1) {
		snprintf(want, sizeof(want), "fichier « %s » :", name);
		FUZZ_CHECK(strncmp(e.msg, want, strlen(want)) == 0);
		FUZZ_CHECK(text_utf8_valid(e.msg, strlen(e.msg)));
		return 0;
	}
	FUZZ_CHECK(size > 0 && size <= (k == LISTFILE_LOGO ? LISTFILE_LOGO_MAX : LISTFILE_PDF_MAX));
	if (k == LISTFILE_PROFESSION) {
		FUZZ_CHECK(strcmp(type, "application/pdf") == 0 && memcmp(data, "%PDF-", 5) == 0);
	} else if (strcmp(type, "image/png") == 0) {
		FUZZ_CHECK(data[0] == 0x89 && memcmp(data + 1, "PNG\r\n\x1a\n", 7) == 0);
	} else {
		FUZZ_CHECK(strcmp(type, "image/svg+xml") == 0 && strcmp(name, "logo.svg") == 0);
		FUZZ_CHECK(text_utf8_valid((const char *)data, size));
		FUZZ_CHECK(!has_folded(data, size, "<script") && !has_folded(data, size, "javascript:"));
	}
	return 0;
}
