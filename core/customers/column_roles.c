/* column_roles — see column_roles.h. */
#include "customers/column_roles.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[ROLE_N] = {"id", "date", "amount", "margin",
					       "quantity", "price", "order", "channel", "category", "currency", "name"};

/* Known names per role, normalised (see norm), in the order of preference:
 * a net amount before a plain one, a gross one last; the document date before
 * the posting date. */
static const char *const known[ROLE_N][32] = {
	[ROLE_ID] = {"customerid", "customerno", "customernumber", "custid", "customer", "cust",
		     "clientid", "client", "kundennummer", "kundennr", "kundenid", "kunde", "debitor",
		     "debitornr", "debitorennummer", "householdid", "userid", "memberid", "accountid", "mitgliedsnummer", "mitgliedsnr", NULL},
	[ROLE_DATE] = {"date", "orderdate", "invoicedate", "transactiondate", "purchasedate",
		       "transactiontimestamp", "timestamp", "datum", "belegdatum", "rechnungsdatum",
		       "auftragsdatum", "bestelldatum", "buchungsdatum", "postingdate", NULL},
	[ROLE_AMOUNT] = {"netamount", "netsales", "netrevenue", "netvalue", "nettobetrag", "nettoumsatz",
			 "nettowert", "netto", "net", "amount", "revenue", "sales", "salesvalue", "value", "total",
			 "totalamount", "dollarvalue", "umsatz", "betrag", "wert", "grossamount", "grosssales",
			 "grossrevenue", "grossvalue", "gross", "bruttobetrag", "bruttoumsatz", "bruttowert",
			 "brutto", "rechnungsbetrag", NULL},
	[ROLE_MARGIN] = {"margin", "grossmargin", "contributionmargin", "profit", "deckungsbeitrag",
			 "db", "db1", "marge", "rohertrag", NULL},
	[ROLE_QUANTITY] = {"quantity", "qty", "units", "numberofcds", "menge", "anzahl", NULL},
	[ROLE_PRICE] = {"price", "unitprice", "netprice", "preis", "einzelpreis", "stueckpreis", "nettopreis", NULL},
	[ROLE_ORDER] = {"orderid", "order", "ordernumber", "orderno", "invoiceno", "invoice",
			"invoiceid", "invoicenumber", "basketid", "transactionid", "belegnummer", "belegnr",
			"rechnungsnummer", "rechnungsnr", "auftragsnummer", "auftragsnr", "bestellnummer", NULL},
	[ROLE_CHANNEL] = {"channel", "saleschannel", "kanal", "vertriebskanal", "vertriebsweg", NULL},
	[ROLE_CATEGORY] = {"category", "productcategory", "categoryname", "productgroup", "department",
			   "kategorie", "warengruppe", "produktgruppe", "artikelgruppe", "sortiment", NULL},
	[ROLE_NAME] = {"customername", "kundenname", "name1", "firma", "firmenname", "company", "companyname",
		       "clientname", NULL},
	/* Währung without its umlaut: names are compared by their ASCII letters */
	[ROLE_CURRENCY] = {"currency", "currencycode", "curr", "whrung", "waehrung", "whrungscode",
			   "waehrungscode", "belegwhrung", "belegwaehrung", NULL},
};

const char *column_roles_role_name(int role) { return role_names[role]; }

/* The name without case, and without anything but letters and digits. */
static char *norm(const char *s)
{
	size_t k = 0;
	char *out = xmalloc(strlen(s) + 1);
	for (; *s; s++)
		if (isalnum((unsigned char)*s))
			out[k++] = (char)tolower((unsigned char)*s);
	out[k] = '\0';
	return out;
}

static char **norm_all(const char *const *names, size_t ncols)
{
	char **n = xcalloc(ncols + 1, sizeof *n);
	for (size_t i = 0; i < ncols; i++)
		n[i] = norm(names[i]);
	return n;
}

static void free_all(char **n, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++)
		free(n[i]);
	free(n);
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* The column whose name is want: exactly (pass 0) or normalised among the
 * normalised names (pass 1); -1 none, -2 two (message). */
static long match(const char *want, const char *const *names, char **normed, size_t ncols, int pass, cm_error *e)
{
	char *a = norm(want);
	long found = -1;
	for (size_t i = 0; i < ncols; i++) {
		if (pass == 0 ? strcmp(want, names[i]) != 0 : !a[0] || strcmp(a, normed[i]) != 0)
			continue;
		if (found >= 0) {
			err_set(e, "column name '%s' is ambiguous: columns %ld ('%s') and %zu ('%s')", want, found + 1,
				names[found], i + 1, names[i]);
			found = -2;
			break;
		}
		found = (long)i;
	}
	free(a);
	return found;
}

long column_roles_find(const char *want, const char *const *names, size_t ncols, cm_error *e)
{
	char **normed = norm_all(names, ncols);
	long c = match(want, names, normed, ncols, 0, e);
	if (c == -1 && all_digits(want)) {
		long k = strtol(want, NULL, 10);
		c = k >= 1 && (size_t)k <= ncols ? k - 1 : -1;
	} else if (c == -1) {
		c = match(want, names, normed, ncols, 1, e);
	}
	free_all(normed, ncols);
	return c;
}

/* Where a normalised name stands in a list of known names, or -1. */
static int rank_of(const char *const *list, const char *normed)
{
	for (int k = 0; list[k]; k++)
		if (strcmp(list[k], normed) == 0)
			return k;
	return -1;
}

/* The role's column by its known names: the best ranked; the others that
 * could have been it in also[] (up to COLUMN_ROLES_ALSO); -2 if two share the best
 * rank (message). */
static long recognise_in(const char *const *list, const char *what, const char *const *names, char **normed,
			 size_t ncols, long *also, cm_error *e)
{
	long best = -1, twin = -1;
	int best_rank = 0;
	size_t nalso = 0;
	for (size_t i = 0; i < ncols; i++) {
		int r = rank_of(list, normed[i]);
		if (r < 0)
			continue;
		if (best < 0 || r < best_rank) {
			if (best >= 0 && nalso < COLUMN_ROLES_ALSO)
				also[nalso++] = best;
			best = (long)i;
			best_rank = r;
			twin = -1;
		} else if (r == best_rank && twin < 0) {
			twin = (long)i;
		} else if (nalso < COLUMN_ROLES_ALSO) {
			also[nalso++] = (long)i;
		}
	}
	for (size_t k = nalso; k < COLUMN_ROLES_ALSO; k++)
		also[k] = -1;
	if (twin >= 0) {
		err_set(e, "columns %ld ('%s') and %ld ('%s') could both be the %s; name one with --%s", best + 1,
			names[best], twin + 1, names[twin], what, what);
		return -2;
	}
	return best;
}

static long recognise(int role, const char *const *names, char **normed, size_t ncols, long *also, cm_error *e)
{
	return recognise_in(known[role], role_names[role], names, normed, ncols, also, e);
}

long column_roles_pick(const char *given, const char *const *known_names, const char *what,
		       const char *const *names, size_t ncols, long also[COLUMN_ROLES_ALSO], cm_error *e)
{
	long c;
	char **normed;
	for (size_t k = 0; k < COLUMN_ROLES_ALSO; k++)
		also[k] = -1;
	if (given) {
		c = column_roles_find(given, names, ncols, e);
		if (c == -1)
			err_set(e, "no column '%s' for --%s (columns: %zu)", given, what, ncols);
		return c == -1 ? -2 : c;
	}
	normed = norm_all(names, ncols);
	c = recognise_in(known_names, what, names, normed, ncols, also, e);
	free_all(normed, ncols);
	return c;
}

long column_roles_recognise(int role, const char *const *names, size_t ncols, cm_error *e)
{
	long also[COLUMN_ROLES_ALSO];
	char **normed = norm_all(names, ncols);
	long c = recognise(role, names, normed, ncols, also, e);
	free_all(normed, ncols);
	return c;
}

int column_roles_resolve(column_roles *m, const char *const *given, const char *const *names, size_t ncols,
		   cm_error *e)
{
	char **normed = norm_all(names, ncols);
	int rc = 0;
	for (int r = 0; r < ROLE_N && rc == 0; r++) {
		m->guessed[r] = !given[r];
		for (size_t k = 0; k < COLUMN_ROLES_ALSO; k++)
			m->also[r][k] = -1;
		m->col[r] = given[r] ? column_roles_find(given[r], names, ncols, e)
				     : recognise(r, names, normed, ncols, m->also[r], e);
		if (m->col[r] == -2)
			rc = -1;
		else if (m->col[r] == -1 && given[r])
			rc = err_set(e, "no column '%s' for --%s (columns: %zu)", given[r], role_names[r], ncols);
	}
	free_all(normed, ncols);
	if (rc < 0)
		return -1;
	/* A recognised column already given to another role is not reused. */
	for (int r = 0; r < ROLE_N; r++)
		for (int s = 0; s < ROLE_N; s++)
			if (r != s && m->guessed[r] && m->col[r] >= 0 && m->col[r] == m->col[s] && !m->guessed[s]) {
				m->col[r] = -1;
				for (size_t k = 0; k < COLUMN_ROLES_ALSO; k++)
					m->also[r][k] = -1;
			}
	if (m->col[ROLE_ID] < 0)
		return err_set(e, "no customer id column found; name it with --id");
	if (m->col[ROLE_DATE] < 0)
		return err_set(e, "no date column found; name it with --date");
	return 0;
}

int column_roles_say_also(const char *file, const char *what, const char *const *names, long col, const long *also,
			  int strict, int quiet, cm_error *e)
{
	char list[512];
	size_t k = 0;
	if (col < 0 || also[0] < 0)
		return 0;
	for (size_t i = 0; i < COLUMN_ROLES_ALSO && also[i] >= 0 && k < sizeof list; i++)
		k += (size_t)snprintf(list + k, sizeof list - k, "%s'%.60s'", i ? ", " : "", names[also[i]]);
	if (strict)
		return err_set(e, "%s: the %s could be column '%s' or %s: name one with --%s (--strict)", file, what,
			       names[col], list, what);
	if (!quiet)
		err_warn("%s: %s = column '%s'; not taken: %s (--%s names another)", file, what, names[col], list, what);
	return 0;
}
