/* letters.c: the electors' letters as PDF (letters.h), drawn with the PV's
 * page machinery (pv_draw.c). The CSV is read twice: once to count the
 * letters (the footer says "n / N", so a missing page shows), once to draw. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "letters.h"
#include "pv_draw.h"

/* Columns of the two files written by credgen.c. */
static const char *const id_cols[] = { "matricule", "civilite", "prenom", "nom", "adresse",
	"code_postal", "ville", "identifiant", "site" };
static const char *const pw_cols[] = { "matricule", "canal", "destination", "code_postal",
	"ville", "prenom", "nom", "mot_de_passe" };

struct letter {
	const char *matricule, *civilite, *prenom, *nom, *adresse, *cp, *ville, *secret, *site;
};

static int
check_header(const struct csv_record *h, enum letters_kind k, struct err *e)
{
	const char *const *cols = k == LETTERS_IDENTIFIER ? id_cols : pw_cols;
	size_t n = k == LETTERS_IDENTIFIER ? 9 : 8;

	if (h->n != n)
		return err_set(e, "en-tête inattendu : %zu colonnes au lieu de %zu (fichier de la "
		    "génération des identifiants attendu)", h->n, n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(h->field[i], cols[i]) != 0)
			return err_set(e, "en-tête inattendu : colonne %zu « %s » au lieu de « %s »", i + 1,
			    h->field[i], cols[i]);
	return 0;
}

/* A row as a letter; 0 when the row is not for a letter (password by
 * email or SMS). */
static int
row_letter(const struct csv_record *r, enum letters_kind k, struct letter *l)
{
	memset(l, 0, sizeof(*l));
	if (k == LETTERS_IDENTIFIER) {
		*l = (struct letter){ r->field[0], r->field[1], r->field[2], r->field[3], r->field[4],
			r->field[5], r->field[6], r->field[7], r->field[8] };
		return 1;
	}
	if (strcmp(r->field[1], "courrier") != 0)
		return 0;
	*l = (struct letter){ r->field[0], "", r->field[5], r->field[6], r->field[2], r->field[3],
		r->field[4], r->field[7], NULL };
	return 1;
}

static void
draw_letter(struct pvd *d, enum letters_kind k, const struct letter *l,
    const struct letters_info *in, unsigned long n)
{
	char buf[1024];

	snprintf(d->footer, sizeof(d->footer), "%s — courrier n° %lu — matricule %s",
	    k == LETTERS_IDENTIFIER ? "Identifiant de vote" : "Mot de passe de vote", n, l->matricule);
	pvd_new_page(d);
	/* sender, top left */
	pvd_text_at(d, PVD_MARGIN, PVD_MARGIN, PVD_WIDTH * 0.5, in->operation, PVD_BOLD, PVD_LEFT, 1);
	pvd_text_at(d, PVD_MARGIN, PVD_MARGIN + 28, PVD_WIDTH * 0.5,
	    "Vote électronique par internet\nCellule d'assistance technique", PVD_SMALL, PVD_LEFT, 1);
	/* recipient, in the right window of a DL envelope (about 110 mm, 50 mm) */
	snprintf(buf, sizeof(buf), "%s%s%s %s\n%s\n%s %s", l->civilite, *l->civilite ? " " : "",
	    l->prenom, l->nom, l->adresse, l->cp, l->ville);
	pvd_text_at(d, 312, 150, 240, buf, PVD_NORMAL, PVD_LEFT, 1);
	pvd_text_at(d, 312, 232, 240, "Personnel et confidentiel", PVD_BOLD, PVD_LEFT, 1);
	d->y = 290;
	if (k == LETTERS_IDENTIFIER) {
		pvd_para(d, "Votre identifiant pour voter par internet", PVD_TITLE, PVD_LEFT);
		pvd_space(d, 10);
		snprintf(buf, sizeof(buf), "Madame, Monsieur, vous êtes électeur ou électrice aux "
		    "élections « %s ». Le vote a lieu par internet du %s au %s (heure de Paris). "
		    "Voici votre identifiant personnel :", in->operation, in->opens, in->closes);
		pvd_para(d, buf, PVD_NORMAL, PVD_LEFT);
		pvd_space(d, 10);
		snprintf(buf, sizeof(buf), "Identifiant : %s", l->secret);
		pvd_notice(d, buf);
		pvd_space(d, 10);
		snprintf(buf, sizeof(buf), "Pour voter : 1. ouvrez %s ; 2. saisissez cet identifiant, "
		    "votre mot de passe et la clé de votre numéro de sécurité sociale (les deux "
		    "derniers chiffres) ; 3. choisissez une liste ou votez blanc, rayez des noms si "
		    "vous le souhaitez ; 4. vérifiez le récapitulatif, confirmez, et gardez votre "
		    "récépissé.", l->site);
		pvd_para(d, buf, PVD_NORMAL, PVD_LEFT);
		pvd_space(d, 8);
		pvd_para(d, "Votre mot de passe vous parvient séparément (courriel, SMS ou second "
		    "courrier) : ne gardez jamais les deux ensemble et ne les confiez à personne. Votre "
		    "vote est chiffré sur votre appareil ; personne, pas même l'organisateur, ne peut "
		    "savoir pour qui vous avez voté.", PVD_NORMAL, PVD_LEFT);
	} else {
		pvd_para(d, "Votre mot de passe pour voter par internet", PVD_TITLE, PVD_LEFT);
		pvd_space(d, 10);
		snprintf(buf, sizeof(buf), "Madame, Monsieur, pour les élections « %s » (vote du %s "
		    "au %s, heure de Paris), voici votre mot de passe. Votre identifiant vous a été "
		    "envoyé par un autre courrier.", in->operation, in->opens, in->closes);
		pvd_para(d, buf, PVD_NORMAL, PVD_LEFT);
		pvd_space(d, 10);
		snprintf(buf, sizeof(buf), "Mot de passe : %s", l->secret);
		pvd_notice(d, buf);
		pvd_space(d, 10);
		pvd_para(d, "Ne gardez jamais ce courrier avec celui de l'identifiant et ne le confiez à "
		    "personne. Les lettres et chiffres ne se confondent pas : il n'y a ni 0, ni O, ni "
		    "1, ni I, ni L.", PVD_NORMAL, PVD_LEFT);
	}
	pvd_space(d, 8);
	if (in->hotline != NULL) {
		snprintf(buf, sizeof(buf), "Une question, un courrier perdu ? Assistance : %s. "
		    "Après vérification de votre identité, de nouveaux codes peuvent vous être "
		    "envoyés tant que vous n'avez pas voté.", in->hotline);
		pvd_para(d, buf, PVD_ITALIC, PVD_LEFT);
	}
}

/* One pass: count (d NULL) or draw. */
static int
pass(enum letters_kind k, const char *csv, const struct letters_info *in, struct pvd *d,
    unsigned long *count, struct err *e)
{
	struct csv_reader r;
	struct csv_record rec;
	struct letter l;
	size_t width = k == LETTERS_IDENTIFIER ? 9 : 8;
	int rc;

	*count = 0;
	if (csv_open(&r, csv, e) == -1)
		return -1;
	if ((rc = csv_next(&r, &rec, e)) == 1 && check_header(&rec, k, e) == -1)
		rc = -1;
	while (rc == 1 && (rc = csv_next(&r, &rec, e)) == 1) {
		if (rec.n != width) {
			err_set(e, "ligne %lu : %zu champs au lieu de %zu", rec.line, rec.n, width);
			rc = -1;
			break;
		}
		if (!row_letter(&rec, k, &l))
			continue;
		++*count;
		if (d != NULL)
			draw_letter(d, k, &l, in, *count);
	}
	csv_close(&r);
	return rc == -1 ? -1 : 0;
}

int
letters_pdf(enum letters_kind k, const char *csv, const struct letters_info *in,
    const char *pdf, unsigned long *count, struct err *e)
{
	struct pvd d;
	unsigned long total, drawn;

	*count = 0;
	if (pass(k, csv, in, NULL, &total, e) == -1)
		return -1;
	*count = total;
	if (total == 0)
		return 0;          /* nothing to print: no file */
	if (pvd_open(&d, pdf, (int)total, e) == -1)
		return -1;
	pvd_set_title(&d, k == LETTERS_IDENTIFIER ? "Identifiants de vote" : "Mots de passe de vote",
	    in->operation);
	if (pass(k, csv, in, &d, &drawn, e) == -1) {
		struct err ignored;
		pvd_close(&d, &ignored);
		remove(pdf);
		return -1;
	}
	return pvd_close(&d, e);
}
