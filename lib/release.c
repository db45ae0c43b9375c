/* release.c: the certified release's reference digests (release.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "db.h"
#include "election.h"
#include "group.h"
#include "journal.h"
#include "release.h"

static const char *
release_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static int
release_by_name(const void *a, const void *b)
{
	return strcmp(
	    json_string_value(json_object_get(*(json_t *const *)a, "nom")),
	    json_string_value(json_object_get(*(json_t *const *)b, "nom")));
}

json_t *
release_manifest(const char *const *paths, size_t n, struct err *e)
{
	json_t *items[RELEASE_MAX_PROGRAMS], *arr = NULL;
	unsigned char d[SEAL_LEN];
	char hex[2 * SEAL_LEN + 1];
	size_t k = 0;

	if (n == 0 || n > RELEASE_MAX_PROGRAMS) {
		err_set(e, "de 1 à %d programmes", RELEASE_MAX_PROGRAMS);
		return NULL;
	}
	for (; k < n; k++) {
		if (seal_file_digest(paths[k], d, e) == -1)
			goto fail;
		group_hex(d, SEAL_LEN, hex);
		items[k] = json_pack(
		    "{s:s, s:s}", "nom", release_base(paths[k]), "sha256", hex);
	}
	qsort(items, n, sizeof(*items), release_by_name);
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, items[i]);
	k = 0;
	for (size_t i = 1; i < n; i++)
		if (release_by_name(&items[i - 1], &items[i]) == 0) {
			err_set(e, "deux programmes nommés « %s »",
			    json_string_value(
			        json_object_get(items[i], "nom")));
			json_decref(arr);
			return NULL;
		}
	return json_pack("{s:s, s:i, s:o}", "format", RELEASE_FORMAT, "version",
	    1, "programmes", arr);
fail:
	for (size_t i = 0; i < k; i++)
		json_decref(items[i]);
	return NULL;
}

static int
release_hex64(const char *s)
{
	if (s == NULL || strlen(s) != 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int
release_manifest_check(const json_t *m, struct err *e)
{
	const char *fmt, *prev = NULL;
	json_int_t ver;
	json_t *progs, *p;
	json_error_t je;
	size_t i;

	if (json_unpack_ex((json_t *)m, &je, JSON_STRICT, "{s:s, s:I, s:o}",
	        "format", &fmt, "version", &ver, "programmes", &progs) == -1)
		return err_set(e, "manifeste mal formé (%s)", je.text);
	if (strcmp(fmt, RELEASE_FORMAT) != 0 || ver != 1)
		return err_set(e,
		    "manifeste : format inconnu (%s, version %lld)", fmt,
		    (long long)ver);
	if (!json_is_array(progs) || json_array_size(progs) == 0 ||
	    json_array_size(progs) > RELEASE_MAX_PROGRAMS)
		return err_set(e, "manifeste : de 1 à %d programmes attendus",
		    RELEASE_MAX_PROGRAMS);
	json_array_foreach(progs, i, p)
	{
		const char *name, *sha;
		if (json_unpack_ex(p, &je, JSON_STRICT, "{s:s, s:s}", "nom",
		        &name, "sha256", &sha) == -1)
			return err_set(e,
			    "manifeste : programme n° %zu mal formé (%s)",
			    i + 1, je.text);
		if (*name == '\0' || strchr(name, '/') != NULL ||
		    strlen(name) > 255)
			return err_set(e,
			    "manifeste : programme n° %zu : nom de fichier "
			    "invalide",
			    i + 1);
		if (!release_hex64(sha))
			return err_set(e,
			    "manifeste : « %s » : empreinte SHA-256 invalide "
			    "(64 chiffres hexadécimaux "
			    "en minuscules attendus)",
			    name);
		if (prev != NULL && strcmp(prev, name) >= 0)
			return err_set(e,
			    "manifeste : programmes non classés par nom ou en "
			    "double (« %s »)",
			    name);
		prev = name;
	}
	return 0;
}

static void
release_digest(const json_t *m, char hex[65])
{
	char *text = json_dumps(m, JSON_COMPACT | JSON_SORT_KEYS);
	unsigned char d[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)text, strlen(text), d);
	group_hex(d, sizeof(d), hex);
	free(text);
}

int
release_certify(MYSQL *el, const json_t *manifest, const char *expert,
    const char *actor, struct err *e)
{
	char *text = NULL, sha[65];
	long long sealed = 0;
	struct err ignored;
	int rc = -1;

	if (release_manifest_check(manifest, e) == -1)
		return -1;
	if (expert == NULL || *expert == '\0' || strlen(expert) > 255)
		return err_set(
		    e, "le nom de l'expert qui certifie la version est requis");
	release_digest(manifest, sha);
	text = json_dumps(manifest, JSON_COMPACT | JSON_SORT_KEYS);
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	/* FOR UPDATE: a sealing running now waits for this decision */
	if (db_fetch_int(
	        db_query(el, e,
	            "SELECT COUNT(*) FROM scrutin WHERE state NOT IN ('draft',"
	            " 'lists_imported', 'keys_generated', 'test_vote', "
	            "'reset') FOR UPDATE",
	            ""),
	        &sealed, e) != 1)
		goto fail;
	if (sealed > 0) {
		err_set(e,
		    "%lld scrutin(s) déjà scellé(s) : la version de référence "
		    "se certifie avant la "
		    "réunion de scellement",
		    sealed);
		goto fail;
	}
	if (db_run(el, e,
	        "INSERT INTO release_reference (manifest, sha256, expert, "
	        "certified_at)"
	        " VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
	        "sss", text, sha, expert) != 1 ||
	    journal_append_json_tx(el, actor, "version_certifiee", 0,
	        json_pack("{s:s, s:s, s:I}", "sha256", sha, "expert", expert,
	            "programmes",
	            (json_int_t)json_array_size(
	                json_object_get(manifest, "programmes"))),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	db_exec(el, "ROLLBACK", &ignored);
out:
	free(text);
	return rc;
}

int
release_current(MYSQL *el, json_t **manifest, char sha[65], char *expert,
    size_t explen, struct err *e)
{
	char text[16384];
	unsigned long l1 = 0, l2 = 0, l3 = 0;
	MYSQL_BIND out[3];
	MYSQL_STMT *st;
	json_error_t je;
	int f;

	*manifest = NULL;
	st = db_query(el, e,
	    "SELECT manifest, sha256, expert FROM release_reference ORDER BY "
	    "id DESC LIMIT 1",
	    "");
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, text, sizeof(text) - 1, &l1);
	db_bind(&out[1], MYSQL_TYPE_STRING, sha, 65, &l2);
	db_bind(&out[2], MYSQL_TYPE_STRING, expert, explen - 1, &l3);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	db_done(st);
	if (f == MYSQL_NO_DATA)
		return 0;
	if (f != 0)
		return err_set(e, "version de référence illisible");
	db_cstr(text, sizeof(text), l1);
	db_cstr(sha, 65, l2);
	db_cstr(expert, explen, l3);
	if ((*manifest = json_loads(text, 0, &je)) == NULL)
		return err_set(
		    e, "version de référence illisible (%s)", je.text);
	return 1;
}

int
release_compare(const json_t *manifest, const struct seal_parts *p, struct err *e)
{
	const json_t *progs = json_object_get(manifest, "programmes"), *x;
	char hex[2 * SEAL_LEN + 1];
	size_t i;

	for (size_t b = 0; b < p->nbin; b++) {
		const char *name = release_base(p->bin[b].path), *want = NULL;

		json_array_foreach(progs, i, x) {
			if (strcmp(json_string_value(json_object_get(x, "nom")), name) == 0)
				want = json_string_value(json_object_get(x, "sha256"));
		}
		if (want == NULL)
			return err_set(e, "programme %s absent de la version certifiée par l'expert", name);
		group_hex(p->bin[b].digest, SEAL_LEN, hex);
		if (strcmp(hex, want) != 0)
			return err_set(e, "programme %s : empreinte %.16s… différente de celle de la "
			    "version certifiée par l'expert (%.16s…)", p->bin[b].path, hex, want);
	}
	/* and the seal covers every certified program: a seal of a chosen few
	 * (--bin) would leave the others unchecked */
	json_array_foreach(progs, i, x) {
		const char *name = json_string_value(json_object_get(x, "nom"));
		size_t b = 0;

		while (b < p->nbin && strcmp(release_base(p->bin[b].path), name) != 0)
			b++;
		if (b == p->nbin)
			return err_set(e, "programme %s de la version certifiée absent du scellement : le "
			    "scellement couvre tous les programmes certifiés", name);
	}
	return 0;
}

int
release_check_seal(MYSQL *el, const struct seal_parts *p, struct err *e)
{
	json_t *m = NULL;
	char sha[65], expert[256];
	int found, required = 0, rc;

	if ((found = release_current(el, &m, sha, expert, sizeof(expert), e)) ==
	    -1)
		return -1;
	if (found == 0) {
		if (election_setting(el, p->scrutin_id, "reference_requise",
		        &required, e) == -1)
			return -1;
		return required
		           ? err_set(e, "aucune version certifiée par l'expert "
		                        "n'est enregistrée "
		                        "(réglage reference_requise) : « "
		                        "release certify » avant de sceller")
		           : 0;
	}
	rc = release_compare(m, p, e);
	json_decref(m);
	return rc;
}
