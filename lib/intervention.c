/* intervention.c: technical interventions into the journal
 * (intervention.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "intervention.h"
#include "journal.h"
#include "text.h"

static const char *const itypes[] = { "workers", "redemarrage", "bascule", "reparation_base",
	"reglage", "sauvegarde", "autre", NULL };

int
intervention_record(MYSQL *el, const char *actor, const char *type, const char *detail,
    struct err *e)
{
	json_t *d;
	char *s;
	size_t i;
	int rc;

	for (i = 0; itypes[i] != NULL && strcmp(itypes[i], type) != 0; i++)
		;
	if (itypes[i] == NULL)
		return err_set(e, "type d'intervention inconnu « %s » (workers, redemarrage, bascule, "
		    "reparation_base, reglage, sauvegarde, autre)", type);
	if (detail == NULL || *detail == '\0' || strlen(detail) > 2000 ||
	    !text_utf8_valid(detail, strlen(detail)))
		return err_set(e, "décrivez l'intervention (de 1 à 2000 caractères UTF-8)");
	d = json_pack("{s:s, s:s}", "type", type, "detail", detail);
	s = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(d);
	if (s == NULL)
		return err_set(e, "intervention : détail invalide");
	rc = journal_append(el, actor, "intervention_technique", 0, s, NULL, e);
	free(s);
	return rc;
}
