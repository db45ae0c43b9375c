/* bureau.c: personal codes of the bureau's members and the quorum of a
 * sensitive action (docs/model.md, "Bureau"). A code is only ever held
 * as an Argon2id hash; a refusal never says whose code was wrong on the
 * screen (the journal does, for the audit). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <jansson.h>
#include <openssl/rand.h>

#include "buf.h"
#include "bureau.h"
#include "kdf.h"
#include "lifecycle.h"
#include "text.h"
#include "db.h"
#include "journal.h"

const struct bureau_cost bureau_cost_default = { 2, 32768, 1 };

static const char *const bureau_roles[][2] = {
	[BUREAU_PRESIDENT] = { "president", "président" },
	[BUREAU_SECRETAIRE] = { "secretaire", "secrétaire" },
	[BUREAU_ASSESSEUR] = { "assesseur", "assesseur" },
	[BUREAU_DELEGUE] = { "delegue", "délégué" },
};

int
bureau_role_parse(const char *s, enum bureau_role *r)
{
	for (int i = BUREAU_PRESIDENT; i <= BUREAU_DELEGUE; i++) {
		if (strcmp(s, bureau_roles[i][0]) == 0) {
			*r = (enum bureau_role)i;
			return 0;
		}
	}
	return -1;
}

const char *
bureau_role_name(enum bureau_role r)
{
	return bureau_roles[r][0];
}

const char *
bureau_role_label(enum bureau_role r)
{
	return bureau_roles[r][1];
}

int
bureau_code_hash(const char *code, const struct bureau_cost *cost,
    char out[BUREAU_HASH_MAX], struct err *e)
{
	unsigned char salt[16];
	size_t n = strlen(code);

	if (n < BUREAU_CODE_MIN || n > BUREAU_CODE_MAX)
		return err_set(e, "Le code personnel doit compter de %d à %d caractères.",
		    BUREAU_CODE_MIN, BUREAU_CODE_MAX);
	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return err_set(e, "générateur aléatoire indisponible");
	if (kdf_hash_encoded(cost->t_cost, cost->m_kib, cost->lanes, code, n,
	    salt, sizeof(salt), 32, out, BUREAU_HASH_MAX) != ARGON2_OK)
		return err_set(e, "calcul de l'empreinte du code impossible");
	return 0;
}

int
bureau_code_check(const char *encoded, const char *code, struct err *e)
{
	int rc = kdf_verify(encoded, code, strlen(code));

	if (rc == ARGON2_OK)
		return 1;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return 0;
	return err_set(e, "empreinte de code personnel invalide");
}

/* ------------------------------------------------------------ quorum */

static int
bureau_find_role(const struct bureau_present *p, size_t n, enum bureau_role r)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].role == r)
			return (int)i;
	return -1;
}

static int
bureau_check_unique(const struct bureau_present *p, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (p[i].member_id == p[j].member_id)
				return err_set(e, "Autorisation refusée : %s a saisi son"
				    " code deux fois.", p[i].name);
	return 0;
}

/* Cut a UTF-8 string to fit cap bytes without splitting a character. */
static void
bureau_copy_utf8(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
bureau_summary(const struct bureau_present *p, size_t n, struct bureau_quorum *q)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s %s (n° %u)", q->by_secretary ?
	    "secrétaire remplaçant le président absent :" : "président :",
	    p[q->chair].name, p[q->chair].member_id);
	buf_puts(&b, " ; autres membres :");
	for (size_t i = 0, k = 0; i < n; i++) {
		if ((int)i == q->chair)
			continue;
		buf_printf(&b, "%s %s %s (n° %u)", k++ == 0 ? "" : ",",
		    bureau_role_label(p[i].role), p[i].name, p[i].member_id);
	}
	bureau_copy_utf8(q->summary, sizeof(q->summary), b.data);
	buf_free(&b);
}

int
bureau_quorum_eval(const struct bureau_present *p, size_t n, unsigned min_others,
    struct bureau_quorum *q, struct err *e)
{
	memset(q, 0, sizeof(*q));
	if (bureau_check_unique(p, n, e) == -1)
		return -1;
	q->chair = bureau_find_role(p, n, BUREAU_PRESIDENT);
	if (q->chair < 0) {
		q->chair = bureau_find_role(p, n, BUREAU_SECRETAIRE);
		q->by_secretary = 1;
	}
	if (q->chair < 0)
		return err_set(e, "Autorisation refusée : il faut le code du président,"
		    " ou du secrétaire qui le remplace.");
	q->others = (unsigned)n - 1;
	if (q->others < min_others)
		return err_set(e, "Autorisation refusée : il faut, outre celui du %s, les"
		    " codes d'au moins %u autres membres du bureau (%u saisi%s).",
		    q->by_secretary ? "secrétaire" : "président", min_others, q->others,
		    q->others > 1 ? "s" : "");
	bureau_summary(p, n, q);
	return 0;
}

void
bureau_decide(unsigned pour, unsigned contre, int chair_pour, struct bureau_decision *d)
{
	d->casting_vote_used = pour == contre;
	d->adopted = d->casting_vote_used ? chair_pour != 0 : pour > contre;
}

/* ------------------------------------------------------------ database */

/* What the ceremony needs of one member's row. */
struct bureau_row {
	struct bureau_present who;
	char hash[BUREAU_HASH_MAX + 1];
	int has_hash;
	unsigned failures;
};

static int
bureau_load_member(MYSQL *el, unsigned bureau_id, unsigned member_id,
    struct bureau_row *r, struct err *e)
{
	char role[16];
	unsigned long l[3] = { 0 };
	my_bool hnull = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st;
	int f, rc = -1;

	st = db_query(el, e, "SELECT role, CONCAT(prenom, ' ', nom), code_hash, code_failures"
	    " FROM bureau_member WHERE id = ? AND bureau_id = ?", "uu", member_id, bureau_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, role, sizeof(role) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, r->who.name, sizeof(r->who.name) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, r->hash, sizeof(r->hash) - 1, &l[2]);
	out[2].is_null = &hnull;
	db_bind(&out[3], MYSQL_TYPE_LONG, &r->failures, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0 || ((f = mysql_stmt_fetch(st)) != 0 &&
	    f != MYSQL_NO_DATA)) {
		err_set(e, "membre du bureau illisible (%s)", mysql_stmt_error(st));
		goto out;
	}
	if (f == MYSQL_NO_DATA) {
		err_set(e, "Autorisation refusée : le membre n° %u n'appartient pas à ce"
		    " bureau de vote.", member_id);
		goto out;
	}
	db_cstr(role, sizeof(role), l[0]);
	db_cstr(r->who.name, sizeof(r->who.name), l[1]);
	db_cstr(r->hash, sizeof(r->hash), l[2]);
	r->who.member_id = member_id;
	r->has_hash = !hnull;
	rc = bureau_role_parse(role, &r->who.role) == 0 ? 0 :
	    err_set(e, "rôle inconnu « %s »", role);
out:
	db_done(st);
	return rc;
}

static int
bureau_min_others(MYSQL *el, unsigned bureau_id, unsigned *min, struct err *e)
{
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int rc = -1;

	st = db_query(el, e, "SELECT min_others FROM bureau WHERE id = ?", "u", bureau_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, min, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0 || mysql_stmt_fetch(st) != 0)
		err_set(e, "Bureau de vote n° %u inconnu.", bureau_id);
	else
		rc = 0;
	db_done(st);
	return rc;
}

/* Journal a refusal, naming the members whose code failed. */
static void
bureau_journal_refusal(MYSQL *el, const char *actor, const char *action,
    unsigned scrutin_id, json_t *failed, const char *why)
{
	json_t *d = json_pack("{s:s,s:O,s:s}", "action", action, "codes_invalides",
	    failed, "motif", why);
	char *s = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct err ignored;

	if (s != NULL)
		journal_append(el, actor, "autorisation_refusee", scrutin_id, s, NULL, &ignored);
	free(s);
	json_decref(d);
}

/* Check one code; counts failures and clears them on success. 1 ok, 0 no. */
static int
bureau_try_code(MYSQL *el, const struct bureau_row *r, const char *code,
    struct err *e)
{
	int ok = bureau_code_check(r->hash, code, e);

	if (ok == -1)
		return -1;
	if (ok == 0)
		db_run(el, e, "UPDATE bureau_member SET code_failures = code_failures + 1"
		    " WHERE id = ?", "u", r->who.member_id);
	else if (r->failures != 0)
		db_run(el, e, "UPDATE bureau_member SET code_failures = 0 WHERE id = ?",
		    "u", r->who.member_id);
	return ok;
}

/* Load and check every code (all of them, whatever the first outcome). */
static int
bureau_check_codes(MYSQL *el, unsigned bureau_id, const struct bureau_code *codes,
    size_t n, struct bureau_present *p, json_t *failed, struct err *e)
{
	struct bureau_row r;

	for (size_t i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		if (bureau_load_member(el, bureau_id, codes[i].member_id, &r, e) == -1)
			return -1;
		if (!r.has_hash)
			return err_set(e, "Autorisation refusée : %s n'a pas encore défini"
			    " son code personnel.", r.who.name);
		if (r.failures >= BUREAU_MAX_FAILURES)
			return err_set(e, "Autorisation refusée : le code de %s est bloqué après"
			    " %d échecs ; il doit être redéfini.", r.who.name, BUREAU_MAX_FAILURES);
		switch (bureau_try_code(el, &r, codes[i].code, e)) {
		case -1:
			return -1;
		case 0:
			json_array_append_new(failed, json_string(r.who.name));
			break;
		}
		p[i] = r.who;
	}
	return 0;
}

int
bureau_authorise(MYSQL *el, unsigned bureau_id, const struct bureau_code *codes,
    size_t n, const char *actor, const char *action, unsigned scrutin_id,
    struct bureau_auth *out, struct err *e)
{
	struct bureau_present p[BUREAU_MAX_CODES];
	json_t *failed = json_array();
	unsigned min;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (n > BUREAU_MAX_CODES) {
		err_set(e, "Autorisation refusée : trop de codes (%d au plus).", BUREAU_MAX_CODES);
		goto out;
	}
	if (bureau_min_others(el, bureau_id, &min, e) == -1 ||
	    bureau_check_codes(el, bureau_id, codes, n, p, failed, e) == -1)
		goto out;
	if (json_array_size(failed) != 0)
		err_set(e, "Autorisation refusée : au moins un code personnel est invalide ;"
		    " chaque membre doit ressaisir le sien.");
	else if (bureau_quorum_eval(p, n, min, &out->quorum, e) == 0)
		rc = 0;
	if (rc == 0)
		out->bureau_id = bureau_id;
	else
		bureau_journal_refusal(el, actor, action, scrutin_id, failed,
		    e != NULL ? e->msg : "");
out:
	json_decref(failed);
	return rc;
}

int
bureau_set_code(MYSQL *el, unsigned member_id, const char *code,
    const struct bureau_cost *cost, const char *actor, struct err *e)
{
	char hash[BUREAU_HASH_MAX], detail[64];

	if (bureau_code_hash(code, cost, hash, e) == -1)
		return -1;
	snprintf(detail, sizeof(detail), "{\"membre\":%u}", member_id);
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	/* a reset's token is used up by the code it let set */
	if (db_run(el, e, "UPDATE bureau_member SET code_hash = ?, code_failures = 0,"
	    " code_set_at = UTC_TIMESTAMP(6), reset_token_hash = NULL, reset_expires_at = NULL,"
	    " reset_failures = 0 WHERE id = ?", "su", hash, member_id) != 1) {
		mysql_query(el, "ROLLBACK");
		return err_set(e, "Membre du bureau n° %u inconnu.", member_id);
	}
	if (journal_append_tx(el, actor, "code_defini", 0, detail, NULL, e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		mysql_query(el, "ROLLBACK");
		return -1;
	}
	return 0;
}

json_t *
bureau_members(MYSQL *el, unsigned bureau_id, struct err *e)
{
	char role[16], name[BUREAU_NAME_MAX];
	unsigned long l[2] = { 0 };
	unsigned id = 0;
	enum bureau_role r;
	MYSQL_BIND out[3];
	MYSQL_STMT *st;
	json_t *list;
	int f;

	st = db_query(el, e, "SELECT id, role, CONCAT(prenom, ' ', nom) FROM bureau_member"
	    " WHERE bureau_id = ? ORDER BY FIELD(role, 'president', 'secretaire', 'assesseur',"
	    " 'delegue'), id", "u", bureau_id);
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, role, sizeof(role) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, name, sizeof(name) - 1, &l[1]);
	list = json_array();
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(role, sizeof(role), l[0]);
		db_cstr(name, sizeof(name), l[1]);
		json_array_append_new(list, json_pack("{s:i,s:s,s:s}", "id", (int)id, "role",
		    bureau_role_parse(role, &r) == 0 ? bureau_role_label(r) : role, "nom", name));
	}
	if (f != MYSQL_NO_DATA) {
		err_set(e, "membres du bureau illisibles (%s)", mysql_stmt_error(st));
		json_decref(list);
		list = NULL;
	}
	db_done(st);
	return list;
}

int
bureau_has_code(MYSQL *el, unsigned member_id, int *has, struct err *e)
{
	long long n = 0;
	int f = db_fetch_int(db_query(el, e, "SELECT code_hash IS NOT NULL FROM bureau_member"
	    " WHERE id = ?", "u", member_id), &n, e);

	if (f == 0)
		return err_set(e, "Membre du bureau n° %u inconnu.", member_id);
	if (f == -1)
		return -1;
	*has = n != 0;
	return 0;
}

int
bureau_change_code(MYSQL *el, unsigned member_id, const char *old, const char *code,
    const struct bureau_cost *cost, const char *actor, struct err *e)
{
	char hash[BUREAU_HASH_MAX];
	unsigned long len = 0;
	my_bool isnull = 1;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f, ok, pending;

	st = db_query(el, e, "SELECT code_hash FROM bureau_member WHERE id = ?", "u", member_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, hash, sizeof(hash) - 1, &len);
	out[0].is_null = &isnull;
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA)
		return err_set(e, "Membre du bureau n° %u inconnu.", member_id);
	if (f != 0)
		return err_set(e, "base des électeurs : lecture du membre impossible");
	if (!isnull) {
		/* R-BUR-3: whoever runs the console cannot put a code of their own
		 * in a member's place: the member gives the current one */
		db_cstr(hash, sizeof(hash), len);
		if (old == NULL)
			return err_set(e, "Le membre n° %u a déjà un code personnel : il ne le change qu'en "
			    "donnant le code actuel.", member_id);
		if ((ok = bureau_code_check(hash, old, e)) == -1)
			return -1;
		if (!ok)
			return err_set(e, "Code actuel incorrect : rien n'a changé.");
	} else {
		/* R-BUR-3: after a reset, only the member holding the token */
		if (bureau_reset_pending(el, member_id, &pending, e) == -1)
			return -1;
		if (pending && old == NULL)
			return err_set(e, "Le code du membre n° %u a été réinitialisé : le nouveau code "
			    "se choisit avec le jeton remis au membre.", member_id);
		if (pending && bureau_reset_redeem(el, member_id, old, actor, e) == -1)
			return -1;
	}
	return bureau_set_code(el, member_id, code, cost, actor, e);
}

int
bureau_record(MYSQL *el, unsigned scrutin, const struct bureau_auth *auth, const char *actor,
    int decision, const char *text, struct err *e)
{
	char detail[2600];
	unsigned bureau;
	size_t n = strlen(text);

	if (n == 0 || n > 2000 || !text_utf8_valid(text, n))
		return err_set(e, "texte de %s vide, trop long (2000 octets au plus) ou mal codé",
		    decision ? "la décision" : "l'observation");
	if (lifecycle_authority(el, scrutin, LC_OPEN, &bureau, e) == -1)
		return -1;
	if (auth == NULL || auth->bureau_id != bureau)
		return err_set(e, "une %s du bureau exige les codes du président et de ses membres",
		    decision ? "décision" : "observation");
	/* plain text: the PV prints it as the bureau wrote it */
	snprintf(detail, sizeof(detail), "%s (%s)", text, auth->quorum.summary);
	return journal_append(el, actor, decision ? "decision" : "observation", scrutin, detail,
	    NULL, e);
}
