/* request.c: read one FastCGI request (bounded body) and write responses. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worker.h"
#include "xmalloc.h"

static const char *
req_param(struct worker_thread *t, const char *name, const char *def)
{
	const char *v = FCGX_GetParam(name, t->fcgi.envp);

	return v == NULL ? def : v;
}

/* Split REQUEST_URI-less input: nginx passes DOCUMENT_URI and QUERY_STRING. */
int
req_read(struct worker_thread *t, struct req *r)
{
	const char *cl = req_param(t, "CONTENT_LENGTH", "");
	char *end;
	long n = 0;

	memset(r, 0, sizeof(*r));
	r->t = t;
	r->method = req_param(t, "REQUEST_METHOD", "GET");
	r->path = req_param(t, "DOCUMENT_URI", "/");
	r->query = req_param(t, "QUERY_STRING", "");
	if (*cl != '\0') {
		n = strtol(cl, &end, 10);
		if (*end != '\0' || n < 0)
			return -1;
		if (n > t->wc->max_body)
			return -2;
	}
	r->body = xmalloc((size_t)n + 1);
	r->body_len = (size_t)FCGX_GetStr(r->body, (int)n, t->fcgi.in);
	r->body[r->body_len] = '\0';
	return r->body_len == (size_t)n ? 0 : -1;
}

void
req_free(struct req *r)
{
	free(r->body);
	r->body = NULL;
}

static const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 401: return "Unauthorized";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 423: return "Locked";
	case 503: return "Service Unavailable";
	default: return status < 500 ? "Client Error" : "Server Error";
	}
}

void
resp_text(struct req *r, int status, const char *type, const char *body)
{
	char head[256];
	int n;

	/* FCGX_FPrintF is unreliable with some formats: format here. */
	n = snprintf(head, sizeof(head),
	    "Status: %d %s\r\nContent-Type: %s\r\nCache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n",
	    status, resp_reason(status), type);
	FCGX_PutStr(head, n, r->t->fcgi.out);
	if (r->set_cookie[0] != '\0') {
		FCGX_PutS("Set-Cookie: ", r->t->fcgi.out);
		FCGX_PutS(r->set_cookie, r->t->fcgi.out);
		FCGX_PutS("\r\n", r->t->fcgi.out);
	}
	FCGX_PutS("\r\n", r->t->fcgi.out);
	FCGX_PutStr(body, (int)strlen(body), r->t->fcgi.out);
}

void
resp_bytes(struct req *r, const char *type, const char *headers, const void *body, size_t len)
{
	char head[512];
	int n;

	n = snprintf(head, sizeof(head), "Status: 200 OK\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nX-Content-Type-Options: nosniff\r\n%s", type, len, headers);
	FCGX_PutStr(head, n, r->t->fcgi.out);
	if (r->set_cookie[0] != '\0') {
		FCGX_PutS("Set-Cookie: ", r->t->fcgi.out);
		FCGX_PutS(r->set_cookie, r->t->fcgi.out);
		FCGX_PutS("\r\n", r->t->fcgi.out);
	}
	FCGX_PutS("\r\n", r->t->fcgi.out);
	FCGX_PutStr(body, (int)len, r->t->fcgi.out);
}

unsigned
req_query_scrutin(const char *q)
{
	const char *p = strstr(q, "scrutin=");
	char *end;
	unsigned long v;

	/* strtoul alone would take " 12", "+12" and "-18446744073709551615" */
	if (p == NULL || (p != q && p[-1] != '&') || !isdigit((unsigned char)p[8]))
		return 0;
	v = strtoul(p + 8, &end, 10);
	return (*end == '\0' || *end == '&') && v > 0 && v < 1000000 ? (unsigned)v : 0;
}

void
resp_json(struct req *r, int status, json_t *body)
{
	char *s = json_dumps(body, JSON_COMPACT);

	resp_text(r, status, "application/json; charset=utf-8", s != NULL ? s : "{}");
	free(s);
	json_decref(body);
}

void
resp_error(struct req *r, int status, const char *message_fr)
{
	resp_json(r, status, json_pack("{s:s}", "erreur", message_fr));
}

const char *
req_header(struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->t->fcgi.envp);
}

static int
req_json_type(struct req *r)
{
	const char *ct = req_header(r, "CONTENT_TYPE");

	if (ct == NULL || strncmp(ct, "application/json", 16) != 0) {
		resp_error(r, 415, "Format de requête non accepté.");
		return -1;
	}
	return 0;
}

json_t *
req_json_body(struct req *r)
{
	json_error_t jerr;
	json_t *j;

	if (req_json_type(r) == -1)
		return NULL;
	j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL || !json_is_object(j)) {
		json_decref(j);
		resp_error(r, 400, "Requête invalide.");
		return NULL;
	}
	return j;
}

int
req_jt_body(struct req *r, struct jtree *t)
{
	struct err e;

	if (req_json_type(r) == -1)
		return -1;
	if (jt_parse(t, r->body, r->body_len, &e) == -1 || !jt_is(t, JT_ROOT, JT_OBJECT)) {
		jt_free(t);
		resp_error(r, 400, "Requête invalide.");
		return -1;
	}
	return 0;
}
