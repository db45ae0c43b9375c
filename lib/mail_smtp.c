/* mail_smtp.c: one message to the platform's mail relay with libcurl's
 * SMTP client (see mail.h). The relay (the platform's MTA) does the
 * delivery, retries and DKIM; this only hands over, and says why not. Only
 * isoloir-mailer links it (and libcurl). */
#include "config.h"

#include <string.h>

#include <curl/curl.h>

#include "mail.h"

struct mail_reader {
	const struct buf *msg;
	size_t off;
};

static size_t
mail_read(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct mail_reader *r = arg;
	size_t room = size * nmemb, left = r->msg->len - r->off;
	size_t n = left < room ? left : room;

	memcpy(ptr, r->msg->data + r->off, n);
	r->off += n;
	return n;
}

int
mail_smtp_send(const char *url, int starttls, const char *cafile,
    const char *from, const char *to, const struct buf *msg, struct err *e)
{
	struct mail_reader rd = {msg, 0};
	char addr[MAIL_ADDR_MAX], envfrom[MAIL_ADDR_MAX + 2],
	    rcpt[MAIL_ADDR_MAX + 2];
	char detail[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpts = NULL;
	CURLcode c;
	CURL *h;
	int rc = -1;

	if ((h = curl_easy_init()) == NULL)
		return err_set(e, "client SMTP indisponible");
	mail_from_address(from, addr, sizeof(addr));
	snprintf(envfrom, sizeof(envfrom), "<%s>", addr);
	snprintf(rcpt, sizeof(rcpt), "<%s>", to);
	if ((rcpts = curl_slist_append(NULL, rcpt)) == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, envfrom);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, mail_read);
	curl_easy_setopt(h, CURLOPT_READDATA, &rd);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (cafile != NULL && cafile[0] != '\0')
		curl_easy_setopt(h, CURLOPT_CAINFO, cafile);
	if ((c = curl_easy_perform(h)) != CURLE_OK) {
		err_set(e, "relais de messagerie %s : %s", url,
		    detail[0] != '\0' ? detail : curl_easy_strerror(c));
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(h);
	return rc;
}
