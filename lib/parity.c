/* parity.c: gender balance warnings of a candidate list (parity.h). All
 * the arithmetic is on integers: n·w/(w+m) rounded is
 * (2·n·w + (w+m)) / (2·(w+m)). */
#include "config.h"

#include <string.h>

#include "parity.h"

/* Women expected on a list of n, rounded to the nearest (.5 up). */
static unsigned long
expected_women(unsigned long n, unsigned long w, unsigned long m)
{
	return (2 * n * w + (w + m)) / (2 * (w + m));
}

static const char *
plural(unsigned long n, const char *one, const char *many)
{
	return n > 1 ? many : one;
}

/* Is the count of women acceptable for a list of n candidates? 1 yes,
 * 3 yes as the one added candidate of a sex rounded to 0 (who may stand
 * anywhere but first: the alternation does not bind that candidate),
 * 2 no because that added candidate stands first, 0 no. */
static int
count_ok(unsigned long n, unsigned long aw, unsigned long w, unsigned long m, char first)
{
	unsigned long ew = expected_women(n, w, m);

	if (aw == ew)
		return 1;
	/* equal shares and an odd list: the extra place goes to either sex */
	if (w == m && n % 2 == 1 && (aw == n / 2 || aw == n / 2 + 1))
		return 1;
	/* rounding gives 0 for a sex: one may be added, never first */
	if (n >= 2 && aw == 1 && expected_women(n - 1, w, m) == 0)
		return first != 'F' ? 3 : 2;
	if (n >= 2 && aw == n - 1 && expected_women(n - 1, w, m) == n - 1)
		return first != 'M' ? 3 : 2;
	return 0;
}

int
parity_check(const char *sexes, unsigned long women, unsigned long men, struct buf *out)
{
	unsigned long n = strlen(sexes), aw = 0, ew;
	int warnings = 0, ok;

	if (n == 0 || women + men == 0)
		return 0;
	for (unsigned long i = 0; i < n; i++)
		aw += sexes[i] == 'F';
	ew = expected_women(n, women, men);
	ok = count_ok(n, aw, women, men, sexes[0]);
	if (ok == 2) {
		buf_printf(out, "représentation équilibrée : %s, seul%s de son sexe (que l'arrondi "
		    "exclut), ne peut pas être en première position\n",
		    sexes[0] == 'F' ? "la candidate" : "le candidat", sexes[0] == 'F' ? "e" : "");
		warnings++;
	} else if (!ok) {
		buf_printf(out, "représentation équilibrée : %lu femme%s et %lu homme%s sur %lu "
		    "candidat%s, attendu %lu femme%s et %lu homme%s (électeurs : %lu femme%s, %lu "
		    "homme%s)\n", aw, plural(aw, "", "s"), n - aw, plural(n - aw, "", "s"), n,
		    plural(n, "", "s"), ew, plural(ew, "", "s"), n - ew, plural(n - ew, "", "s"),
		    women, plural(women, "", "s"), men, plural(men, "", "s"));
		warnings++;
	}
	/* alternation: two of a sex in a row only once the other is exhausted */
	for (unsigned long i = 1; ok != 3 && ok != 2 && i < n; i++) {
		if (sexes[i] != sexes[i - 1] || strchr(sexes + i, sexes[i] == 'F' ? 'M' : 'F') == NULL)
			continue;
		buf_printf(out, "alternance : les candidats %lu et %lu sont tous deux des %s alors "
		    "qu'il reste %s plus loin sur la liste\n", i, i + 1,
		    sexes[i] == 'F' ? "femmes" : "hommes", sexes[i] == 'F' ? "un homme" : "une femme");
		warnings++;
		break;
	}
	return warnings;
}
