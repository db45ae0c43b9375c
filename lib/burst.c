/* burst.c: casts per address and window, alert in the journal. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "burst.h"
#include "db.h"
#include "group.h"
#include "journal.h"

int
burst_note(MYSQL *db, const unsigned char key[32], const char *addr, unsigned threshold,
    int64_t now, unsigned *count, struct err *e)
{
	unsigned char mac[32];
	unsigned int ml = sizeof(mac);
	uint64_t window = (uint64_t)(now - now % BURST_WINDOW_S);
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	char hex[33], detail[256];

	*count = 0;
	HMAC(EVP_sha256(), key, 32, (const unsigned char *)addr, strlen(addr), mac, &ml);
	if (db_run(db, e, "INSERT INTO cast_burst (ip_hash, window_start, casts) VALUES (?, ?, 1)"
	    " ON DUPLICATE KEY UPDATE casts = casts + 1", "bU", mac, (size_t)16, window) < 0)
		return -1;
	if ((st = db_query(db, e, "SELECT casts FROM cast_burst WHERE ip_hash = ? AND window_start = ?",
	    "bU", mac, (size_t)16, window)) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, count, 0, NULL);
	mysql_stmt_bind_result(st, out);
	mysql_stmt_fetch(st);
	db_done(st);
	if (threshold == 0 || *count != threshold)
		return 0;
	group_hex(mac, 16, hex);
	snprintf(detail, sizeof(detail), "alerte : %u votes depuis une même adresse en moins de "
	    "%d minutes (adresse %.8s…)", *count, BURST_WINDOW_S / 60, hex);
	return journal_append(db, "web", "burst_alert", 0, detail, NULL, e);
}
