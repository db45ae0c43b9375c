/* ceremony.c: the checklists of the ceremonies and their ordering rules
 * (ceremony.h), without database; lib/ceremony_db.c does the steps. */
#include "config.h"

#include <string.h>

#include "ceremony.h"

/* The sealing meeting follows R-BUR-10 and the seeds' « étapes de la
 * réunion de scellement »: lists → keys → test vote → reset → PV de
 * scellement provisoire → seal; the journal's chain closes it. */
static const struct cer_step_def cer_sealing[] = {
    {"listes",
        "Listes de candidats complètes et dans l'ordre du tirage au sort",
        CER_CHECK},
    {"professions_de_foi", "Professions de foi et logos renseignés",
        CER_STATEMENT},
    {"cles", "Clés de chiffrement installées, empreinte F conforme", CER_CHECK},
    {"vote_blanc", "Vote à blanc : résultats conformes au plan", CER_CHECK},
    {"remise_a_zero", "Remise à zéro : urne et émargement vides", CER_CHECK},
    {"pv_provisoire",
        "Paramétrage et listes validés sur le PV de scellement provisoire",
        CER_STATEMENT},
    {"scellement", "Scellement (codes du président et de deux membres)",
        CER_ACTION},
    {"journal", "Journal : chaînage intact", CER_CHECK},
};

static const struct cer_step_def cer_opening[] = {
    {"scellement", "Scellement vérifié : conforme", CER_CHECK},
    {"urne_vide", "Urne vide et émargement vierge", CER_CHECK},
    {"ouverture",
        "Ouverture du scrutin (codes du bureau, ou ouverture automatique "
        "constatée)",
        CER_ACTION},
    {"journal", "Journal : chaînage intact", CER_CHECK},
};

static const struct cer_step_def cer_closing[] = {
    {"cloture",
        "Clôture du scrutin (codes du bureau, ou clôture automatique "
        "constatée)",
        CER_ACTION},
    {"gel", "Urne et émargement figés et horodatés : empreinte", CER_CHECK},
    {"participation", "Participation contrôlée par le bureau", CER_STATEMENT},
    {"journal", "Journal : chaînage intact", CER_CHECK},
};

/* R-BUR-8: seal and integrity → expert's conclusion → decryption →
 * proclamation → sealed again. */
static const struct cer_step_def cer_counting[] = {
    {"scellement", "Scellement et intégrité vérifiés avant le dépouillement",
        CER_CHECK},
    {"expert", "Conclusion de l'expert : aucune altération", CER_STATEMENT},
    {"depouillement",
        "Dépouillement : déchiffrement des totaux par les détenteurs de clés",
        CER_ACTION},
    {"proclamation", "Résultats validés et proclamés par le bureau", CER_CHECK},
    {"scellement_final", "Scellement après dépouillement", CER_ACTION},
    {"journal", "Journal : chaînage intact", CER_CHECK},
};

struct cer_kind_info {
	const char *name, *alias, *alias2, *label, *title;
	const char *the; /* with its article, for messages */
	const struct cer_step_def *steps;
	size_t n;
};

#define CER_N(a) (sizeof(a) / sizeof((a)[0]))

static const struct cer_kind_info cer_kinds[CER_NKINDS] = {
    [CER_SEALING] = {"sealing", "scellement", "scellement",
        "réunion de scellement", "Procès-verbal de scellement",
        "la réunion de scellement", cer_sealing, CER_N(cer_sealing)},
    [CER_OPENING] = {"opening", "ouverture", "ouverture",
        "ouverture du scrutin", "Procès-verbal d'ouverture du scrutin",
        "l'ouverture du scrutin", cer_opening, CER_N(cer_opening)},
    [CER_CLOSING] = {"closing", "cloture", "clôture", "clôture du scrutin",
        "Procès-verbal de clôture du scrutin", "la clôture du scrutin",
        cer_closing, CER_N(cer_closing)},
    [CER_COUNTING] = {"counting", "depouillement", "dépouillement",
        "dépouillement", "Procès-verbal des opérations de dépouillement",
        "le dépouillement", cer_counting, CER_N(cer_counting)},
};

const char *
ceremony_kind_name(enum cer_kind k)
{
	return k < CER_NKINDS ? cer_kinds[k].name : "?";
}

const char *
ceremony_kind_label(enum cer_kind k)
{
	return k < CER_NKINDS ? cer_kinds[k].label : "?";
}

const char *
ceremony_kind_title(enum cer_kind k, int complete)
{
	if (k == CER_SEALING && !complete)
		return "Procès-verbal de scellement provisoire";
	return k < CER_NKINDS ? cer_kinds[k].title : "?";
}

int
ceremony_kind_parse(const char *s, enum cer_kind *k, struct err *e)
{
	for (int i = 0; i < CER_NKINDS; i++) {
		if (strcmp(s, cer_kinds[i].name) == 0 ||
		    strcmp(s, cer_kinds[i].alias) == 0 ||
		    strcmp(s, cer_kinds[i].alias2) == 0) {
			*k = (enum cer_kind)i;
			return 0;
		}
	}
	return err_set(e,
	    "cérémonie inconnue « %s » (scellement, ouverture, cloture, "
	    "depouillement)",
	    s);
}

const struct cer_step_def *
ceremony_steps(enum cer_kind k, size_t *n)
{
	if (k >= CER_NKINDS) {
		*n = 0;
		return NULL;
	}
	*n = cer_kinds[k].n;
	return cer_kinds[k].steps;
}

const char *
ceremony_how_label(enum cer_how h)
{
	static const char *const labels[] = {"contrôle du système",
	    "constat du bureau", "action avec les codes du bureau"};

	return h <= CER_ACTION ? labels[h] : "?";
}

int
ceremony_order_check(
    enum cer_kind k, size_t done, const char *key, size_t *index, struct err *e)
{
	const struct cer_step_def *s;
	size_t n, i;

	if ((s = ceremony_steps(k, &n)) == NULL)
		return err_set(e, "cérémonie invalide");
	for (i = 0; i < n && strcmp(s[i].key, key) != 0; i++)
		;
	if (i == n)
		return err_set(
		    e, "Étape « %s » inconnue pour %s.", key, cer_kinds[k].the);
	if (i < done)
		return err_set(e, "L'étape « %s » est déjà faite.", s[i].label);
	if (done >= n)
		return err_set(
		    e, "La cérémonie est terminée (%s).", cer_kinds[k].the);
	if (i > done)
		return err_set(e,
		    "L'étape « %s » ne peut pas être faite avant « %s ».",
		    s[i].label, s[done].label);
	*index = i;
	return 0;
}

/* The states a ceremony may start from: the sealing meeting before the
 * seal (lists imported at least), the opening once sealed (or already
 * opened automatically: the bureau then records what it finds), the
 * closing while open or once closed, the counting once closed. */
int
ceremony_start_check(
    enum cer_kind k, enum lc_state s, const char *label, struct err *e)
{
	int ok;

	switch (k) {
	case CER_SEALING:
		ok = s == LC_LISTS_IMPORTED || s == LC_KEYS_GENERATED ||
		     s == LC_TEST_VOTE || s == LC_RESET;
		break;
	case CER_OPENING: ok = s == LC_SEALED || s == LC_OPEN; break;
	case CER_CLOSING:
		ok = s == LC_OPEN || s == LC_SUSPENDED || s == LC_CLOSED;
		break;
	case CER_COUNTING: ok = s == LC_CLOSED || s == LC_COUNTED; break;
	default: return err_set(e, "cérémonie invalide");
	}
	if (!ok)
		return err_set(e,
		    "Le scrutin « %s » est « %s » : %s ne peut pas "
		    "commencer.",
		    label, lifecycle_state_label(s), cer_kinds[k].the);
	return 0;
}
