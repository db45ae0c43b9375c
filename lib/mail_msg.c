/* mail_msg.c: the messages of isoloir-mailer (see mail.h): the receipt
 * (multipart/mixed: text in French and the receipt PDF of
 * lib/receipt_pdf.c) and the new password (text only), base64 (no
 * line-length or 8-bit question for any relay), header words outside ASCII
 * encoded as RFC 2047 UTF-8 "B" words. Never the choice: a receipt carries
 * none. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "mail.h"

/* base64 of n bytes in lines of 76 characters, CRLF after each. */
static void
mail_b64_lines(struct buf *b, const unsigned char *p, size_t n)
{
	unsigned char line[80];

	for (size_t i = 0; i < n; i += 57) {
		size_t k = n - i < 57 ? n - i : 57;
		int w = EVP_EncodeBlock(line, p + i, (int)k);

		buf_append(b, line, (size_t)w);
		buf_puts(b, "\r\n");
	}
}

static int
mail_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r' || *s == '\n')
			return 0;
	return 1;
}

/* A header's text: as is when plain ASCII, else encoded words of at most
 * 45 bytes each (60 base64 characters), cut between UTF-8 characters. */
static void
mail_header_text(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	unsigned char enc[64];

	if (mail_ascii(s)) {
		buf_puts(b, s);
		return;
	}
	for (size_t i = 0; i < n;) {
		size_t k = n - i < 45 ? n - i : 45;

		while (i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
			k--;
		EVP_EncodeBlock(enc, (const unsigned char *)s + i, (int)k);
		buf_printf(b, "%s=?UTF-8?B?%s?=", i > 0 ? "\r\n " : "", enc);
		i += k;
	}
}

/* "Name <addr>" or "addr": the address part (what the envelope uses). */
static void
mail_split_from(
    const char *from, char *name, size_t ncap, char *addr, size_t acap)
{
	const char *lt = strrchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	size_t nl;

	if (lt == NULL || gt == NULL) {
		snprintf(name, ncap, "%s", "");
		snprintf(addr, acap, "%s", from);
		return;
	}
	nl = (size_t)(lt - from);
	while (nl > 0 && from[nl - 1] == ' ')
		nl--;
	snprintf(name, ncap, "%.*s", (int)nl, from);
	snprintf(addr, acap, "%.*s", (int)(gt - lt - 1), lt + 1);
}

void
mail_from_address(const char *from, char *addr, size_t cap)
{
	char name[256];

	mail_split_from(from, name, sizeof(name), addr, cap);
}

static void
mail_text(struct buf *t, const struct mail_job *j, const struct mail_site *s,
    const struct receipt *rc, const char *sig)
{
	char when[128];

	receipt_when_fr(rc->voted_at, when, sizeof(when));
	buf_printf(t, "Bonjour %s %s,\r\n\r\n", j->prenom, j->nom);
	buf_puts(t,
	    "Vous avez demandé à recevoir par courriel l'accusé de réception "
	    "de votre vote.\r\n\r\n");
	buf_printf(t, "Opération : %s\r\n", s->operation);
	buf_printf(t, "Scrutin : %s\r\n", rc->scrutin);
	buf_printf(t, "Vote enregistré %s\r\n", when);
	buf_puts(t, "Empreinte de votre bulletin chiffré :");
	for (size_t i = 0; rc->tracker[i] != '\0'; i++)
		buf_printf(t, "%s%c", i % 8 == 0 ? " " : "", rc->tracker[i]);
	buf_printf(t, "\r\nSignature de la plateforme : %s\r\n\r\n", sig);
	buf_puts(t,
	    "Cet accusé de réception ne contient pas votre choix : votre "
	    "bulletin a été chiffré sur votre appareil avant d'être déposé "
	    "dans l'urne.\r\n");
	if (s->site != NULL && s->site[0] != '\0')
		buf_printf(t,
		    "Vous pouvez vérifier qu'il figure dans l'urne :\r\n"
		    "%s/verifier.html?scrutin=%u&traceur=%s\r\n",
		    s->site, rc->scrutin_id, rc->tracker);
	buf_puts(
	    t, "Le même accusé de réception est joint au format PDF.\r\n\r\n");
	if (s->hotline != NULL && s->hotline[0] != '\0')
		buf_printf(t, "Assistance : %s\r\n", s->hotline);
	buf_puts(t, "Ce message est envoyé automatiquement ; merci de ne pas y "
	            "répondre.\r\n");
}

/* From, To, Subject, Date, Message-ID and the MIME version; rnd gives the
 * Message-ID. */
static void
mail_headers(struct buf *out, const struct mail_job *j,
    const struct mail_site *s, const char *subject, const unsigned char rnd[16])
{
	char name[256], addr[MAIL_ADDR_MAX], date[64];
	time_t now = time(NULL);
	struct tm tm;

	mail_split_from(s->from, name, sizeof(name), addr, sizeof(addr));
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_puts(out, "From: ");
	if (name[0] != '\0') {
		mail_header_text(out, name);
		buf_puts(out, " ");
	}
	buf_printf(out, "<%s>\r\nTo: <%s>\r\nSubject: ", addr, j->to);
	mail_header_text(out, subject);
	buf_printf(out, "\r\nDate: %s\r\n", date);
	buf_printf(out,
	    "Message-ID: <%02x%02x%02x%02x%02x%02x%02x%02x.%llu@%s>\r\n",
	    rnd[12], rnd[13], rnd[14], rnd[15], rnd[0], rnd[1], rnd[2], rnd[3],
	    j->id,
	    strchr(addr, '@') ? strchr(addr, '@') + 1 : "isoloir.invalid");
	buf_puts(
	    out, "Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n");
}

/* R-AUTH-6: the new password, text only; never the identifier (the
 * elector has it; both in one message would be one credential). */
static int
mail_password(const struct mail_job *j, const struct mail_site *s,
    struct buf *out, struct err *e)
{
	struct buf text = BUF_INIT;
	unsigned char rnd[16];
	json_error_t je;
	json_t *p = json_loads(j->payload, 0, &je);
	const char *pw = json_string_value(json_object_get(p, "mot_de_passe"));
	int rc = -1;

	if (pw == NULL || strlen(pw) > 64 || !mail_ascii(pw) ||
	    !mail_ascii(j->to) || strchr(j->to, '@') == NULL) {
		err_set(e, "courriel %llu : demande illisible", j->id);
		goto out;
	}
	if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
		err_set(e, "générateur aléatoire indisponible");
		goto out;
	}
	mail_headers(out, j, s, "Votre nouveau mot de passe de vote", rnd);
	buf_puts(out, "Content-Type: text/plain; charset=UTF-8\r\n"
	              "Content-Transfer-Encoding: base64\r\n\r\n");
	buf_printf(&text, "Bonjour %s %s,\r\n\r\n", j->prenom, j->nom);
	buf_printf(&text,
	    "Vous avez demandé un nouveau mot de passe pour voter (%s).\r\n\r\n"
	    "Nouveau mot de passe : %s\r\n\r\n"
	    "Votre identifiant ne change pas. L'ancien mot de passe ne "
	    "fonctionne plus.\r\n",
	    s->operation, pw);
	if (s->site != NULL && s->site[0] != '\0')
		buf_printf(
		    &text, "Pour voter : %s/connexion.html\r\n", s->site);
	buf_puts(
	    &text, "\r\nSi vous n'avez rien demandé, appelez l'assistance");
	if (s->hotline != NULL && s->hotline[0] != '\0')
		buf_printf(&text, " au %s", s->hotline);
	buf_puts(&text, " : quelqu'un connaît votre identifiant.\r\n"
	                "Ce message est envoyé automatiquement ; merci de ne "
	                "pas y répondre.\r\n");
	mail_b64_lines(out, (const unsigned char *)text.data, text.len);
	rc = 0;
out:
	if (text.data != NULL)
		OPENSSL_cleanse(text.data, text.len);
	buf_free(&text);
	json_decref(p);
	return rc;
}

/* A receipt: the text and the PDF. */
static int
mail_receipt(const struct mail_job *j, const struct mail_site *s,
    struct buf *out, struct err *e)
{
	char subject[700], boundary[40];
	unsigned char rnd[16];
	struct buf text = BUF_INIT;
	struct receipt rc;
	json_error_t je;
	const char *sig;
	char *pdf = NULL;
	size_t pdflen = 0;
	json_t *p;
	int rcode = -1;

	p = json_loads(j->payload, 0, &je);
	rc.operation = json_string_value(json_object_get(p, "operation"));
	rc.scrutin = json_string_value(json_object_get(p, "scrutin"));
	rc.voted_at = json_string_value(json_object_get(p, "horodatage"));
	rc.tracker = json_string_value(json_object_get(p, "empreinte"));
	rc.scrutin_id =
	    (unsigned)json_integer_value(json_object_get(p, "scrutin_id"));
	sig = json_string_value(json_object_get(p, "signature"));
	if (p == NULL || !rc.operation || !rc.scrutin || !rc.voted_at ||
	    !rc.tracker || !sig || rc.scrutin_id != j->scrutin_id ||
	    !mail_ascii(j->to) || strchr(j->to, '@') == NULL) {
		err_set(e, "courriel %llu : demande illisible", j->id);
		goto out;
	}
	/* a row the web worker did not write (its account is the only one that
	 * inserts) is still not sent unless this platform signed it */
	if (s->receipt_pub != NULL &&
	    receipt_verify(s->receipt_pub, &rc, sig, e) != 1) {
		err_set(e,
		    "courriel %llu : accusé de réception non signé par la "
		    "plateforme",
		    j->id);
		goto out;
	}
	if ((pdf = receipt_pdf(&rc, s->operation, sig, &pdflen)) == NULL) {
		err_set(e, "courriel %llu : PDF impossible", j->id);
		goto out;
	}
	if (RAND_bytes(rnd, sizeof(rnd)) != 1) {
		err_set(e, "générateur aléatoire indisponible");
		goto out;
	}
	for (size_t i = 0; i < 12; i++)
		snprintf(boundary + 2 * i, 3, "%02x", rnd[i]);
	snprintf(subject, sizeof(subject),
	    "Accusé de réception de votre vote — %s", rc.scrutin);
	mail_headers(out, j, s, subject, rnd);
	buf_printf(out,
	    "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary);
	buf_printf(out,
	    "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n",
	    boundary);
	mail_text(&text, j, s, &rc, sig);
	mail_b64_lines(out, (const unsigned char *)text.data, text.len);
	buf_printf(out,
	    "--%s\r\nContent-Type: application/pdf; "
	    "name=\"accuse-reception-scrutin-%u.pdf\"\r\n"
	    "Content-Disposition: attachment; "
	    "filename=\"accuse-reception-scrutin-%u.pdf\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n",
	    boundary, rc.scrutin_id, rc.scrutin_id);
	mail_b64_lines(out, (const unsigned char *)pdf, pdflen);
	buf_printf(out, "--%s--\r\n", boundary);
	rcode = 0;
out:
	buf_free(&text);
	free(pdf);
	json_decref(p);
	return rcode;
}

int
mail_message(const struct mail_job *j, const struct mail_site *s,
    struct buf *out, struct err *e)
{
	if (j->box == MAIL_PASSWORDS_SMS)
		return err_set(e, "courriel %llu : un SMS, pas un courriel", j->id);
	return j->box == MAIL_PASSWORDS ? mail_password(j, s, out, e)
	                                : mail_receipt(j, s, out, e);
}
