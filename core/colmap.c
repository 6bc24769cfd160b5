/* colmap — see colmap.h. */
#include "colmap.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[ROLE_N] = {"id", "date", "amount", "margin",
					       "quantity", "price", "order", "channel"};

/* Known names per role, normalised (see norm), most specific first. */
static const char *const known[ROLE_N][24] = {
	[ROLE_ID] = {"customerid", "customerno", "customernumber", "custid", "customer", "cust",
		     "clientid", "client", "kundennummer", "kundennr", "kundenid", "kunde", "debitor",
		     "debitornr", "debitorennummer", "householdid", "userid", "memberid", "accountid", NULL},
	[ROLE_DATE] = {"date", "orderdate", "invoicedate", "transactiondate", "purchasedate",
		       "transactiontimestamp", "timestamp", "datum", "belegdatum", "rechnungsdatum",
		       "buchungsdatum", "auftragsdatum", "bestelldatum", NULL},
	[ROLE_AMOUNT] = {"amount", "revenue", "sales", "salesvalue", "value", "total", "netamount",
			 "totalamount", "dollarvalue", "umsatz", "betrag", "nettobetrag", "nettoumsatz",
			 "rechnungsbetrag", "wert", NULL},
	[ROLE_MARGIN] = {"margin", "grossmargin", "contributionmargin", "profit", "deckungsbeitrag",
			 "db", "db1", "marge", "rohertrag", NULL},
	[ROLE_QUANTITY] = {"quantity", "qty", "units", "numberofcds", "menge", "anzahl", NULL},
	[ROLE_PRICE] = {"price", "unitprice", "preis", "einzelpreis", "stueckpreis", NULL},
	[ROLE_ORDER] = {"orderid", "order", "ordernumber", "orderno", "invoiceno", "invoice",
			"invoiceid", "invoicenumber", "basketid", "transactionid", "belegnummer", "belegnr",
			"rechnungsnummer", "rechnungsnr", "auftragsnummer", "auftragsnr", "bestellnummer", NULL},
	[ROLE_CHANNEL] = {"channel", "saleschannel", "kanal", "vertriebskanal", "vertriebsweg", NULL},
};

const char *colmap_role_name(int role) { return role_names[role]; }

static void norm(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	for (; *s && k + 1 < cap; s++)
		if (isalnum((unsigned char)*s))
			out[k++] = (char)tolower((unsigned char)*s);
	out[k] = '\0';
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

/* Columns whose name equals want (exactly, else normalised); -2 if two do. */
static long match(const char *want, const char *const *names, size_t ncols, int normalised, cm_error *e)
{
	char a[128], b[128];
	long found = -1;
	norm(want, a, sizeof a);
	for (size_t i = 0; i < ncols; i++) {
		int eq = normalised ? (norm(names[i], b, sizeof b), a[0] && strcmp(a, b) == 0)
				    : strcmp(want, names[i]) == 0;
		if (!eq)
			continue;
		if (found >= 0) {
			err_set(e, "column name '%s' is ambiguous: columns %ld ('%s') and %zu ('%s')", want,
				found + 1, names[found], i + 1, names[i]);
			return -2;
		}
		found = (long)i;
	}
	return found;
}

long colmap_find(const char *want, const char *const *names, size_t ncols, cm_error *e)
{
	long c = match(want, names, ncols, 0, e);
	if (c != -1)
		return c;
	if (all_digits(want)) {
		long k = strtol(want, NULL, 10);
		return k >= 1 && (size_t)k <= ncols ? k - 1 : -1;
	}
	return match(want, names, ncols, 1, e);
}

long colmap_recognise(int role, const char *const *names, size_t ncols, cm_error *e)
{
	for (int k = 0; known[role][k]; k++) {
		long c = match(known[role][k], names, ncols, 1, e);
		if (c == -2) {
			size_t first = 0, i;
			char a[128], b[128];
			norm(known[role][k], a, sizeof a);
			for (; first < ncols && (norm(names[first], b, sizeof b), strcmp(a, b)); first++)
				;
			for (i = first + 1; i < ncols && (norm(names[i], b, sizeof b), strcmp(a, b)); i++)
				;
			err_set(e, "columns %zu ('%s') and %zu ('%s') could both be the %s; name one with --%s",
				first + 1, names[first], i + 1, names[i], role_names[role], role_names[role]);
		}
		if (c != -1)
			return c;
	}
	return -1;
}

int colmap_resolve(colmap *m, const char *const *given, const char *const *names, size_t ncols,
		   cm_error *e)
{
	for (int r = 0; r < ROLE_N; r++) {
		m->guessed[r] = !given[r];
		m->col[r] = given[r] ? colmap_find(given[r], names, ncols, e) : colmap_recognise(r, names, ncols, e);
		if (m->col[r] == -2)
			return -1;
		if (m->col[r] == -1 && given[r])
			return err_set(e, "no column '%s' for --%s (columns: %zu)", given[r], role_names[r], ncols);
	}
	/* A recognised column already given to another role is not reused. */
	for (int r = 0; r < ROLE_N; r++)
		for (int s = 0; s < ROLE_N; s++)
			if (r != s && m->guessed[r] && m->col[r] >= 0 && m->col[r] == m->col[s] && !m->guessed[s])
				m->col[r] = -1;
	if (m->col[ROLE_ID] < 0)
		return err_set(e, "no customer id column found; name it with --id");
	if (m->col[ROLE_DATE] < 0)
		return err_set(e, "no date column found; name it with --date");
	return 0;
}
