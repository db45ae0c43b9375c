/* test-opdef.c: the operation description file (lib/opdef.c,
 * lib/opdef_time.c): what a good file gives, each error with its line,
 * and the Europe/Paris times around the changes of hour. */
#include "config.h"

#include <string.h>

#include "cu.h"
#include "opdef.h"

static const char good[] = "[operation]\n" /* 1 */
                           "code = cse-2026\n"
                           "nom = Élections du CSE\n"
                           "ouverture = 2026-03-10 09:00\n"
                           "cloture = 2026-03-17 17:00\n" /* 5 */
                           "prolongation = 20\n"
                           "[reglages]\n"
                           "bulletin_nul = oui\n"
                           "[etablissement.niort]\n"
                           "nom = Siège de Niort\n" /* 10 */
                           "[college.oe]\n"
                           "nom = Ouvriers et employés\n"
                           "[scrutin.a]\n"
                           "etablissement = niort\n"
                           "college = oe\n" /* 15 */
                           "categories = titulaires, suppléants\n"
                           "sieges = 4\n"
                           "[bureau.niort]\n"
                           "nom = Bureau\n"
                           "etablissement = niort\n" /* 20 */
                           "president = Marchand ; Hélène ; BV-P1\n"
                           "secretaire = Gauthier ; Rémi\n"
                           "assesseur.1 = Lemaire ; Sévérine ; BV-A1\n";

/* The good file with line n replaced by repl ("" deletes it). */
static char *
good_with(int n, const char *repl)
{
	static char out[4096];
	const char *p = good;

	out[0] = '\0';
	for (int line = 1; *p != '\0'; line++) {
		const char *nl = strchr(p, '\n');
		size_t len = (size_t)(nl - p) + 1;
		if (line == n) {
			if (*repl != '\0')
				strcat(strcat(out, repl), "\n");
		} else {
			strncat(out, p, len);
		}
		p += len;
	}
	return out;
}

/* Parse text; expect it refused with exactly one error, want. */
static void
expect_one_error(const char *text, const char *want)
{
	struct opdef_report rep;
	struct err e;

	CU_ASSERT_PTR_NULL(opdef_parse(text, "t.conf", &rep, &e));
	CU_ASSERT_EQUAL(rep.nerrors, 1);
	if (rep.nerrors >= 1) {
		CU_ASSERT_STRING_EQUAL(rep.errors[0], want);
		if (strcmp(rep.errors[0], want) != 0)
			fprintf(stderr, "\n  obtenu : %s\n", rep.errors[0]);
	}
	CU_ASSERT_STRING_EQUAL(
	    e.msg, "t.conf : 1 erreur, rien n'est enregistré");
	opdef_report_free(&rep);
}

static void
test_opdef_good_file_gives_the_model(void)
{
	struct opdef_report rep;
	struct err e;
	struct opdef *d = opdef_parse(good, "t.conf", &rep, &e);
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(rep.nerrors, 0);
	CU_ASSERT_STRING_EQUAL(d->code, "cse-2026");
	CU_ASSERT_EQUAL(d->opens, 1773129600); /* 2026-03-10 08:00:00 UTC */
	CU_ASSERT_EQUAL(d->grace_s, 1200);
	CU_ASSERT_EQUAL(d->nscrutins, 2);
	CU_ASSERT_EQUAL(d->scrutins[0].cat, OPDEF_TITULAIRES);
	CU_ASSERT_EQUAL(d->scrutins[1].cat, OPDEF_SUPPLEANTS);
	CU_ASSERT_EQUAL(d->scrutins[1].seats, 4);
	CU_ASSERT_EQUAL(d->scrutins[1].round, 1);
	CU_ASSERT_EQUAL(d->nbureaux, 1);
	CU_ASSERT_EQUAL(d->bureaux[0].etab, 0);
	CU_ASSERT_EQUAL(d->bureaux[0].min_others, 2);
	CU_ASSERT_EQUAL(d->bureaux[0].nmembers, 3);
	CU_ASSERT_STRING_EQUAL(d->bureaux[0].members[1].prenom, "Rémi");
	CU_ASSERT_STRING_EQUAL(d->bureaux[0].members[1].matricule, "");
	CU_ASSERT_STRING_EQUAL(d->bureaux[0].members[2].matricule, "BV-A1");
	s = json_dumps(d->settings, JSON_COMPACT);
	CU_ASSERT_STRING_EQUAL(s, "{\"bulletin_nul\":true}");
	free(s);
	opdef_free(d);
}

/* R-BUR-9: the recourse period is a setting of the operation. */
static void
test_opdef_recourse_period_setting(void)
{
	struct opdef_report rep;
	struct err e;
	struct opdef *d = opdef_parse(good_with(8, "delai_recours_jours = 30"), "t.conf", &rep, &e);
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	s = json_dumps(d->settings, JSON_COMPACT);
	CU_ASSERT_STRING_EQUAL(s, "{\"delai_recours_jours\":30}");
	free(s);
	opdef_free(d);
	opdef_report_free(&rep);
}

/* R-ORG-5: counting fonctionnaires apart is a setting of the operation. */
static void
test_opdef_sub_urns_setting(void)
{
	struct opdef_report rep;
	struct err e;
	struct opdef *d = opdef_parse(good_with(8, "sous_urnes_statut = oui"), "t.conf", &rep, &e);
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	s = json_dumps(d->settings, JSON_COMPACT);
	CU_ASSERT_STRING_EQUAL(s, "{\"sous_urnes_statut\":true}");
	free(s);
	opdef_free(d);
	opdef_report_free(&rep);
	d = opdef_parse(good_with(8, "sous_urnes_statut = peut-être"), "t.conf", &rep, &e);
	CU_ASSERT_PTR_NULL(d);
	opdef_report_free(&rep);
}

/* R-AUTH-6: the typed mobile number goes with the retrieval only. */
static void
test_opdef_typed_mobile_setting(void)
{
	struct opdef_report rep;
	struct err e;
	struct opdef *d = opdef_parse(
	    good_with(8, "mot_de_passe_oublie = oui\nmobile_saisi = oui"),
	    "t.conf", &rep, &e);
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	s = json_dumps(d->settings, JSON_COMPACT);
	CU_ASSERT_STRING_EQUAL(
	    s, "{\"mot_de_passe_oublie\":true,\"mobile_saisi\":true}");
	free(s);
	opdef_free(d);
	opdef_report_free(&rep);
	expect_one_error(good_with(8, "mobile_saisi = oui"),
	    "ligne 8 : mobile_saisi = oui demande aussi mot_de_passe_oublie = "
	    "oui");
	expect_one_error(good_with(8, "mobile_saisi = si"),
	    "ligne 8 : [reglages] mobile_saisi : « oui » ou « non » attendu, "
	    "pas « si »");
}

static void
test_opdef_errors_name_their_line(void)
{
	expect_one_error(good_with(14, "etablissement = lyon"),
	    "ligne 14 : établissement inconnu « lyon » (décrits : niort)");
	expect_one_error(good_with(17, "sieges = 0"),
	    "ligne 17 : nombre de sièges invalide « 0 » : un entier de 1 à 999 "
	    "attendu");
	expect_one_error(
	    good_with(17, ""), "ligne 13 : [scrutin.a] : « sieges » manquant");
	expect_one_error(good_with(5, "cloture = 2026-03-10 08:59"),
	    "ligne 5 : la clôture (2026-03-10 08:59) n'est pas après "
	    "l'ouverture (2026-03-10 09:00)");
	expect_one_error(good_with(21, ""),
	    "ligne 18 : bureau [bureau.niort] sans président");
	expect_one_error(good_with(16, "categories = délégués"),
	    "ligne 16 : catégories invalides « délégués » (titulaires, "
	    "suppléants ou les deux)");
	expect_one_error(good_with(8, "bulletin_nul = vrai"),
	    "ligne 8 : [reglages] bulletin_nul : « oui » ou « non » attendu, "
	    "pas « vrai »");
	expect_one_error(good_with(8, "delai_recours_jours = 0"),
	    "ligne 8 : délai de recours (jours) invalide « 0 » : un entier de 1 "
	    "à 3650 attendu");
	expect_one_error(good_with(2, "code = CSE 2026"),
	    "ligne 2 : code d'opération invalide « CSE 2026 » (minuscules, "
	    "chiffres, - et _ ; 64 "
	    "au plus)");
	expect_one_error(good_with(11, "[collège.oe]"),
	    "t.conf:11: nom de section invalide");
	expect_one_error(good_with(7, "[site.niort]"),
	    "ligne 7 : section inconnue [site.niort] "
	    "(attendu : operation, reglages, etablissement.X, college.X, "
	    "scrutin.X, bureau.X)");
}

static void
test_opdef_member_in_two_roles(void)
{
	struct opdef_report rep;
	struct err e;
	char text[4096];

	snprintf(text, sizeof(text),
	    "%sassesseur.2 = GAUTHIER ; rémi\nassesseur.3 = X ; Y ; BV-P1\n",
	    good);
	CU_ASSERT_PTR_NULL(opdef_parse(text, "t.conf", &rep, &e));
	CU_ASSERT_EQUAL_FATAL(rep.nerrors, 2);
	CU_ASSERT_STRING_EQUAL(rep.errors[0],
	    "ligne 24 : rémi GAUTHIER est déjà membre de ce "
	    "bureau (ligne 22, secrétaire) : un membre n'a qu'un rôle");
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(rep.errors[1], "ligne 25 : Y X est déjà membre de ce bureau "
	                          "(ligne 21, président)"));
	opdef_report_free(&rep);
}

static void
test_opdef_duplicate_scrutin(void)
{
	char text[4096];
	struct opdef *d;
	struct err e;

	snprintf(text, sizeof(text),
	    "%s[scrutin.b]\netablissement = niort\ncollege = oe\n"
	    "categories = titulaires\nsieges = 2\n",
	    good);
	expect_one_error(text, "ligne 24 : scrutin en double : Siège de Niort, "
	                       "Ouvriers et employés, "
	                       "titulaires, tour 1 déjà décrit ligne 13");
	snprintf(text, sizeof(text),
	    "%s[scrutin.b]\netablissement = niort\ncollege = oe\n"
	    "categories = titulaires\nsieges = 2\ntour = 2\n",
	    good);
	/* the same in round 2 is another scrutin */
	d = opdef_parse(text, "t.conf", NULL, &e);
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_EQUAL(d != NULL ? d->nscrutins : 0, 3);
	opdef_free(d);
}

static void
test_opdef_errors_come_in_line_order(void)
{
	struct opdef_report rep;
	struct err e;
	char text[4096];

	/* the scrutin section is checked after the bureau, its error is
	 * still listed first */
	snprintf(text, sizeof(text), "%s", good_with(17, "sieges = dix"));
	strcpy(text, good_with(21, ""));
	strcpy(text + strlen(text), "[scrutin.b]\netablissement = niort\n");
	CU_ASSERT_PTR_NULL(opdef_parse(text, "t.conf", &rep, &e));
	CU_ASSERT_EQUAL_FATAL(rep.nerrors >= 2, 1);
	for (size_t i = 1; i < rep.nerrors; i++)
		CU_ASSERT(rep.lines[i - 1] <= rep.lines[i]);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "erreurs, rien n'est enregistré"));
	opdef_report_free(&rep);
}

static void
test_opdef_paris_times(void)
{
	int64_t t;
	char s[32];
	struct err e;

	/* winter +1, summer +2 */
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-01-15 12:00", &t, &e), 0);
	CU_ASSERT_EQUAL(t, 1768474800);
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-07-15 12:00:30", &t, &e), 0);
	CU_ASSERT_EQUAL(t, 1784109630);
	/* 2026-03-29: 02:00 -> 03:00; 01:59 exists, 02:00-02:59 do not */
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-03-29 01:59", &t, &e), 0);
	CU_ASSERT_EQUAL(t, 1774745940);
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-03-29 02:00", &t, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "heure inexistante à Paris"));
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-03-29 03:00", &t, &e), 0);
	CU_ASSERT_EQUAL(t, 1774746000);
	/* 2026-10-25: 03:00 -> 02:00; 02:00-02:59 happen twice */
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-10-25 02:30", &t, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "heure ambiguë à Paris"));
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-10-25 03:00", &t, &e), 0);
	CU_ASSERT_EQUAL(t, 1792893600);
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-02-29 10:00", &t, &e), -1);
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2028-02-29 10:00", &t, &e), 0);
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-3-10 9:00", &t, &e), -1);
	CU_ASSERT_EQUAL(opdef_paris_to_utc("2026-03-10 24:00", &t, &e), -1);
	opdef_utc_to_paris(1784109600, s);
	CU_ASSERT_STRING_EQUAL(s, "2026-07-15 12:00");
	opdef_utc_to_paris(
	    1792893599, s); /* the second 02:59:59 (winter time) */
	CU_ASSERT_STRING_EQUAL(s, "2026-10-25 02:59");
	opdef_utc_to_paris(1792893600, s);
	CU_ASSERT_STRING_EQUAL(s, "2026-10-25 03:00");
}

static CU_TestInfo tests[] = {
    {"good file gives the model", test_opdef_good_file_gives_the_model},
    {"errors name their line", test_opdef_errors_name_their_line},
    {"recourse period setting", test_opdef_recourse_period_setting},
    {"sub-urns setting (R-ORG-5)", test_opdef_sub_urns_setting},
    {"typed mobile setting (R-AUTH-6)", test_opdef_typed_mobile_setting},
    {"member in two roles", test_opdef_member_in_two_roles},
    {"duplicate scrutin", test_opdef_duplicate_scrutin},
    {"errors come in line order", test_opdef_errors_come_in_line_order},
    {"Paris times", test_opdef_paris_times},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("opdef", tests);
}
