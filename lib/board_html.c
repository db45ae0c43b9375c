/* board_html.c: the published bulletin board of a scrutin as a French
 * HTML page (R-BUR-8, R-VOTE-6): parameters, the election key's
 * fingerprint, the trackers (paginated), the encrypted totals, the partial
 * decryptions and the result, readable without JavaScript; noindex. The
 * JSON it is drawn from is the one anyone verifies (isoloir-verify). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "board.h"
#include "buf.h"

static void
bh_head(struct buf *b, const char *title)
{
	buf_puts(b,
	    "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>");
	buf_put_html(b, title);
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" "
	            "href=\"/style.css\">\n</head>\n<body>\n"
	            "<header><p><a href=\"/\">Élections — vote "
	            "électronique</a></p></header>\n"
	            "<main id=\"contenu\" class=\"tableau\">\n");
}

static void
bh_foot(struct buf *b)
{
	buf_puts(b, "</main>\n</body>\n</html>\n");
}

/* A definition row: term and a value in code when mono. */
static void
bh_dd(struct buf *b, const char *term, const char *value, int mono)
{
	buf_puts(b, "<dt>");
	buf_put_html(b, term);
	buf_puts(b, mono ? "</dt><dd><code class=\"empreinte\">" : "</dt><dd>");
	buf_put_html(b, value != NULL ? value : "—");
	buf_puts(b, mono ? "</code></dd>\n" : "</dd>\n");
}

static const json_t *
bh_category(const json_t *doc, const char *part)
{
	const json_t *c = json_array_get(
	    json_object_get(
	        json_object_get(json_object_get(doc, "result"), part),
	        "colleges"),
	    0);

	return json_object_get(c, "titulaires")
	           ?: json_object_get(c, "suppleants");
}

static void
bh_params(struct buf *b, const json_t *doc)
{
	const json_t *el = json_object_get(doc, "election"),
	             *sc = json_object_get(doc, "scrutin");
	char v[128];

	buf_puts(b, "<section aria-labelledby=\"t-param\">\n<h2 "
	            "id=\"t-param\">Paramètres du scrutin</h2>\n<dl>\n");
	snprintf(v, sizeof(v), "%lld",
	    (long long)json_integer_value(json_object_get(sc, "id")));
	bh_dd(b, "Scrutin n°", v, 0);
	bh_dd(
	    b, "Intitulé", json_string_value(json_object_get(sc, "title")), 0);
	snprintf(v, sizeof(v), "%zu liste(s)%s",
	    json_array_size(json_object_get(sc, "candidates")),
	    json_is_true(json_object_get(sc, "nul")) ? ", case « vote nul »"
	                                             : "");
	bh_dd(b, "Bulletin", v, 0);
	if (json_object_get(el, "groups") == NULL) {
		snprintf(v, sizeof(v), "%lld détenteurs sur %lld",
		    (long long)json_integer_value(
		        json_object_get(el, "threshold")),
		    (long long)json_integer_value(
		        json_object_get(el, "holders")));
		bh_dd(b, "Déchiffrement à plusieurs clés", v, 0);
	} else {
		/* "president required": one key per group, both needed */
		const json_t *g;
		size_t i;
		json_array_foreach(json_object_get(el, "groups"), i, g)
		{
			snprintf(v, sizeof(v),
			    "groupe « %s » : %lld détenteurs sur %lld",
			    json_string_value(json_object_get(g, "group"))
			        ?: "?",
			    (long long)json_integer_value(
			        json_object_get(g, "threshold")),
			    (long long)json_integer_value(
			        json_object_get(g, "holders")));
			bh_dd(b,
			    "Déchiffrement à plusieurs clés (président requis)",
			    v, 0);
		}
	}
	bh_dd(b, "Empreinte de l'élection (SHA-256)",
	    json_string_value(json_object_get(el, "fingerprint")), 1);
	bh_dd(b, "Clé publique de l'élection",
	    json_string_value(json_object_get(el, "public_key")), 1);
	buf_puts(b, "</dl>\n</section>\n");
}

static void
bh_pager(struct buf *b, unsigned scrutin, size_t page, size_t pages)
{
	buf_puts(b, "<nav aria-label=\"Pages des traceurs\"><p>");
	if (page > 1)
		buf_printf(b,
		    "<a href=\"/tableau/%u.html?page=%zu\" rel=\"prev\">← Page "
		    "précédente</a> ",
		    scrutin, page - 1);
	buf_printf(b, "Page %zu sur %zu", page, pages);
	if (page < pages)
		buf_printf(b,
		    " <a href=\"/tableau/%u.html?page=%zu\" rel=\"next\">Page "
		    "suivante →</a>",
		    scrutin, page + 1);
	buf_puts(b, "</p></nav>\n");
}

static const char *
bh_sub_name(unsigned sub)
{
	return sub == 1 ? "salariés" : sub == 2 ? "fonctionnaires" : "";
}

/* One page of trackers, read from the site's tracker index (never from
 * the whole board). */
static void
bh_trackers(struct buf *b, const struct board_meta *m, size_t page, char (*trackers)[65],
    const unsigned *subs, size_t n)
{
	size_t total = m->ballots,
	       pages = total == 0 ? 1 : (total + BOARD_HTML_PER_PAGE - 1) / BOARD_HTML_PER_PAGE;
	int with_subs = json_is_true(json_object_get(json_object_get(m->summary, "scrutin"), "sub_urns"));

	buf_printf(b,
	    "<section aria-labelledby=\"t-bulletins\">\n<h2 "
	    "id=\"t-bulletins\">Bulletins "
	    "chiffrés : %zu</h2>\n<p>Chaque électeur retrouve ici le traceur "
	    "imprimé sur son accusé "
	    "de réception (<a href=\"/verifier.html?scrutin=%u\">vérifier un "
	    "traceur</a>). Les "
	    "bulletins sont rangés par traceur : leur ordre ne dit rien de "
	    "l'ordre des votes.</p>\n",
	    total, m->scrutin);
	bh_pager(b, m->scrutin, page, pages);
	buf_printf(b, "<table>\n<thead><tr><th scope=\"col\">N°</th><th "
	            "scope=\"col\">Traceur</th>%s</tr></thead>\n<tbody>\n",
	    with_subs ? "<th scope=\"col\">Sous-urne</th>" : "");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "<tr><td>%zu</td><td><code>",
		    (page - 1) * BOARD_HTML_PER_PAGE + i + 1);
		buf_put_html(b, trackers[i]);
		buf_puts(b, "</code></td>");
		if (with_subs)
			buf_printf(b, "<td>%s</td>", bh_sub_name(subs[i]));
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
	bh_pager(b, m->scrutin, page, pages);
	buf_puts(b, "</section>\n");
}

/* The label of count slot i: lists, blank, [nul], then candidates. */
static void
bh_slot(const json_t *doc, size_t i, char *out, size_t len)
{
	const json_t *lists =
	    json_object_get(bh_category(doc, "input"), "lists");
	size_t nl = json_array_size(lists),
	       k = nl + 1 +
	           (json_is_true(
	                json_object_get(json_object_get(doc, "scrutin"), "nul"))
	                   ? 1
	                   : 0);

	if (i < nl)
		snprintf(out, len, "%s",
		    json_string_value(
		        json_object_get(json_array_get(lists, i), "name"))
		        ?: "?");
	else if (i == nl)
		snprintf(out, len, "blancs");
	else if (i < k)
		snprintf(out, len, "nuls");
	else {
		i -= k;
		for (size_t l = 0; l < nl; l++) {
			const json_t *c = json_object_get(
			    json_array_get(lists, l), "candidates");
			if (i < json_array_size(c)) {
				snprintf(out, len, "%s (maintenu sur %s)",
				    json_string_value(json_object_get(
				        json_array_get(c, i), "name"))
				        ?: "?",
				    json_string_value(json_object_get(
				        json_array_get(lists, l), "name"))
				        ?: "?");
				return;
			}
			i -= json_array_size(c);
		}
		snprintf(out, len, "case %zu", i);
	}
}

/* The totals and counts of the whole urn (urn = doc) or of a sub-urn. */
static void
bh_totals_table(struct buf *b, const json_t *doc, const json_t *urn)
{
	const json_t *tot = json_object_get(
	                 json_object_get(urn, "tally"), "totals"),
	             *t, *counts = json_object_get(urn, "counts");
	char label[600];
	size_t i;

	buf_puts(b, "<table>\n<thead>"
	            "<tr><th scope=\"col\">Case</th><th scope=\"col\">Total "
	            "chiffré (a, b)</th>"
	            "<th scope=\"col\">Décompte</th></tr></thead>\n<tbody>\n");
	json_array_foreach(tot, i, t)
	{
		bh_slot(doc, i, label, sizeof(label));
		buf_puts(b, "<tr><td>");
		buf_put_html(b, label);
		buf_puts(b, "</td><td><code class=\"empreinte\">");
		buf_put_html(
		    b, json_string_value(json_object_get(t, "a")) ?: "");
		buf_puts(b, "<br>");
		buf_put_html(
		    b, json_string_value(json_object_get(t, "b")) ?: "");
		buf_printf(b, "</code></td><td>%lld</td></tr>\n",
		    (long long)json_integer_value(json_array_get(counts, i)));
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

static void
bh_totals(struct buf *b, const json_t *doc)
{
	buf_puts(b, "<section aria-labelledby=\"t-totaux\">\n<h2 "
	            "id=\"t-totaux\">Totaux chiffrés et "
	            "décompte</h2>\n<p>Les bulletins ne sont jamais déchiffrés "
	            "un à un : leurs chiffrés sont "
	            "additionnés case par case, puis seuls ces totaux sont "
	            "déchiffrés.</p>\n");
	bh_totals_table(b, doc, doc);
	buf_puts(b, "</section>\n");
}

/* R-ORG-5: the sub-urns by statut, each counted and decrypted apart (the
 * fonctionnaires' results and PV come from sub-urn 2). */
static void
bh_sub_urns(struct buf *b, const json_t *doc)
{
	const json_t *subs = json_object_get(doc, "sub_urns"), *u;
	size_t i;

	if (!json_is_array(subs))
		return;
	buf_puts(b, "<section aria-labelledby=\"t-sous-urnes\">\n<h2 "
	            "id=\"t-sous-urnes\">Sous-urnes par statut</h2>\n<p>Les "
	            "bulletins des salariés et ceux des fonctionnaires sont aussi "
	            "additionnés et déchiffrés à part, chacun avec ses preuves ; "
	            "les sièges se calculent sur l'urne entière.</p>\n");
	json_array_foreach(subs, i, u)
	{
		unsigned s = (unsigned)json_integer_value(json_object_get(u, "sub_urn"));
		buf_printf(b, "<h3 id=\"t-sous-urne-%u\">Sous-urne %u (%s) : %lld bulletin(s), "
		    "%zu déchiffrement(s) partiel(s)</h3>\n", s, s, bh_sub_name(s),
		    (long long)json_integer_value(json_object_get(json_object_get(u, "tally"), "ballots")),
		    json_array_size(json_object_get(u, "partials")));
		bh_totals_table(b, doc, u);
	}
	buf_puts(b, "</section>\n");
}

static void
bh_partials(struct buf *b, const json_t *doc)
{
	const json_t *p;
	size_t i;

	buf_puts(b,
	    "<section aria-labelledby=\"t-partiels\">\n<h2 "
	    "id=\"t-partiels\">Déchiffrements "
	    "partiels</h2>\n<p>Chaque détenteur de clé a déchiffré sa part des "
	    "totaux, avec une preuve "
	    "que chacun peut vérifier sans connaître sa clé.</p>\n<ul>\n");
	json_array_foreach(json_object_get(doc, "partials"), i, p) buf_printf(b,
	    "<li>Détenteur n° %lld : %zu déchiffrement(s) partiel(s) avec "
	    "preuve</li>\n",
	    (long long)json_integer_value(json_object_get(p, "holder")),
	    json_array_size(json_object_get(p, "partials")));
	buf_puts(b, "</ul>\n</section>\n");
}

static void
bh_result(struct buf *b, const json_t *doc)
{
	const json_t *cat = bh_category(doc, "output"), *l, *r, *el;
	size_t i, j;

	buf_puts(b, "<section aria-labelledby=\"t-resultat\">\n<h2 "
	            "id=\"t-resultat\">Résultat "
	            "proclamé</h2>\n");
	buf_printf(b,
	    "<p>Inscrits : %lld ; votants : %lld ; blancs : %lld ; nuls : %lld "
	    "; suffrages "
	    "valablement exprimés : %lld ; sièges : %lld.</p>\n",
	    (long long)json_integer_value(json_object_get(cat, "inscrits")),
	    (long long)json_integer_value(json_object_get(cat, "votants")),
	    (long long)json_integer_value(json_object_get(cat, "blancs")),
	    (long long)json_integer_value(json_object_get(cat, "nuls")),
	    (long long)json_integer_value(json_object_get(cat, "sve")),
	    (long long)json_integer_value(json_object_get(cat, "seats")));
	buf_puts(b, "<table>\n<thead><tr><th scope=\"col\">Liste</th><th "
	            "scope=\"col\">Bulletins</th>"
	            "<th scope=\"col\">Moyenne</th><th "
	            "scope=\"col\">Sièges</th><th scope=\"col\">Élus</th>"
	            "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(cat, "lists"), i, l)
	{
		buf_puts(b, "<tr><td>");
		buf_put_html(
		    b, json_string_value(json_object_get(l, "name")) ?: "");
		buf_printf(b, "</td><td>%lld</td><td>",
		    (long long)json_integer_value(
		        json_object_get(l, "ballots")));
		buf_put_html(
		    b, json_string_value(json_object_get(l, "average_decimal"))
		           ?: "");
		buf_printf(b, "</td><td>%lld</td><td>",
		    (long long)json_integer_value(
		        json_object_get(l, "seats_total")));
		json_array_foreach(json_object_get(l, "elected"), j, el)
		{
			if (j > 0)
				buf_puts(b, ", ");
			buf_put_html(b, json_string_value(el) ?: "");
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
	json_array_foreach(json_object_get(cat, "remainder_rounds"), i, r)
	{
		const char *tb =
		    json_string_value(json_object_get(r, "tie_break"));
		if (tb == NULL || strcmp(tb, "lot") != 0)
			continue;
		buf_printf(b,
		    "<p>Siège n° %lld : égalité complète, attribué à « ",
		    (long long)json_integer_value(json_object_get(r, "seat")));
		buf_put_html(
		    b, json_string_value(json_object_get(r, "winner")) ?: "");
		buf_puts(b, " » par tirage au sort du bureau.</p>\n");
	}
	buf_puts(b, "</section>\n");
}

/* The chunks' fingerprints and the recourse period (R-OPS-5). */
static void
bh_publication(struct buf *b, const struct board_meta *m)
{
	char v[160];

	buf_puts(b, "<section aria-labelledby=\"t-publication\">\n<h2 "
	            "id=\"t-publication\">Publication</h2>\n<dl>\n");
	bh_dd(b, "Empreinte du fichier (SHA-256)", m->sha256, 1);
	snprintf(v, sizeof(v), "%u morceau(x), %llu octets", m->chunks, m->bytes);
	bh_dd(b, "Stockage", v, 0);
	bh_dd(b, "Empreinte chaînée des morceaux", m->chain, 1);
	if (m->recourse[0] != '\0') {
		snprintf(v, sizeof(v), "jusqu'au %s (UTC), prolongé en cas de contestation", m->recourse);
		bh_dd(b, "Délai de recours", v, 0);
	}
	buf_puts(b, "</dl>\n</section>\n");
}

char *
board_html(const struct board_meta *m, size_t page, char (*trackers)[65], const unsigned *subs,
    size_t n)
{
	const json_t *doc = m->summary, *sc = json_object_get(doc, "scrutin");
	unsigned id = m->scrutin;
	struct buf b = BUF_INIT;
	char title[512];

	snprintf(title, sizeof(title), "Tableau public — scrutin n° %u — %s",
	    id, json_string_value(json_object_get(sc, "title")) ?: "");
	bh_head(&b, title);
	buf_puts(&b, "<h1>");
	buf_put_html(&b, title);
	buf_printf(&b,
	    "</h1>\n<p>Tout ce qui a permis le décompte, sans aucune identité "
	    ": chacun peut "
	    "le recalculer avec <code>isoloir-verify election</code> à partir "
	    "du <a href=\"/tableau/"
	    "%u.json\">tableau complet (JSON)</a>. <a href=\"/tableau/\">Tous "
	    "les scrutins publiés</a>."
	    "</p>\n",
	    id);
	bh_params(&b, doc);
	bh_result(&b, doc);
	bh_trackers(&b, m, page, trackers, subs, n);
	bh_totals(&b, doc);
	bh_sub_urns(&b, doc);
	bh_partials(&b, doc);
	bh_publication(&b, m);
	bh_foot(&b);
	return buf_take(&b);
}

char *
board_html_index(const unsigned *ids, char *const *titles, size_t n)
{
	struct buf b = BUF_INIT;

	bh_head(&b, "Tableau public des bulletins — scrutins publiés");
	buf_puts(&b, "<h1>Tableau public des bulletins</h1>\n<p>Les scrutins "
	             "dont le bureau a "
	             "proclamé les résultats et publié le tableau.</p>\n");
	if (n == 0)
		buf_puts(&b, "<p>Aucun tableau n'est encore publié.</p>\n");
	else
		buf_puts(&b, "<ul>\n");
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b,
		    "<li><a href=\"/tableau/%u.html\">Scrutin n° %u — ", ids[i],
		    ids[i]);
		buf_put_html(&b, titles[i]);
		buf_puts(&b, "</a></li>\n");
	}
	if (n > 0)
		buf_puts(&b, "</ul>\n");
	bh_foot(&b);
	return buf_take(&b);
}
