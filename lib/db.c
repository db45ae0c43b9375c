/* db.c: MariaDB Connector/C helpers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"

int
db_params_from_conf(const struct conf *c, const char *section,
    struct db_params *p, struct err *e)
{
	long port, timeout;

	memset(p, 0, sizeof(*p));
	p->name = section;
	p->socket = conf_get(c, section, "socket");
	p->host = conf_get_def(c, section, "host", "127.0.0.1");
	if (conf_get_int(c, section, "port", 0, 0, 65535, &port, e) == -1 ||
	    conf_get_int(c, section, "timeout", 10, 1, 600, &timeout, e) == -1)
		return -1;
	p->port = (unsigned)port;
	p->timeout_s = (unsigned)timeout;
	if (conf_need(c, section, "user", &p->user, e) == -1 ||
	    conf_need(c, section, "database", &p->database, e) == -1)
		return -1;
	p->password = conf_get_def(c, section, "password", "");
	if (p->socket == NULL && p->port == 0)
		return err_set(e, "configuration : [%s] socket ou port requis", section);
	return 0;
}

MYSQL *
db_connect(const struct db_params *p, struct err *e)
{
	unsigned proto = p->socket != NULL ? MYSQL_PROTOCOL_SOCKET : MYSQL_PROTOCOL_TCP;
	MYSQL *m = mysql_init(NULL);

	if (m == NULL) {
		err_set(e, "base %s : mysql_init a échoué", p->name);
		return NULL;
	}
	mysql_options(m, MYSQL_OPT_PROTOCOL, &proto);
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &p->timeout_s);
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &p->timeout_s);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &p->timeout_s);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Connector/C uses TCP for any host but "localhost". */
	if (mysql_real_connect(m, p->socket != NULL ? "localhost" : p->host, p->user, p->password, p->database,
	    p->port, p->socket, 0) == NULL) {
		err_set(e, "base %s : connexion impossible (%s)", p->name, mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

int
db_exec(MYSQL *m, const char *sql, struct err *e)
{
	if (mysql_query(m, sql) != 0)
		return err_set(e, "requête refusée (%s)", mysql_error(m));
	return 0;
}

int
db_schema_version(MYSQL *m, int *version, struct err *e)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	int rc = -1;

	if (mysql_query(m, "SELECT COALESCE(MAX(version), 0) FROM schema_version") != 0)
		return err_set(e, "version du schéma illisible (%s)", mysql_error(m));
	if ((res = mysql_store_result(m)) == NULL)
		return err_set(e, "version du schéma illisible (%s)", mysql_error(m));
	if ((row = mysql_fetch_row(res)) == NULL || row[0] == NULL) {
		err_set(e, "version du schéma absente");
		goto out;
	}
	*version = atoi(row[0]);
	rc = 0;
out:
	mysql_free_result(res);
	return rc;
}

void
db_close(MYSQL *m)
{
	if (m != NULL)
		mysql_close(m);
}
