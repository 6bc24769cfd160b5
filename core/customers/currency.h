/*
 * currency — the currencies of an export, counted, and converted to one.
 *
 * A row's currency is its currency column's (Währung, currency) or the one
 * its amounts name ("100,00 EUR", "$5": num_parse_money); a row that names
 * none is in the file's one currency.  The accepted rows are counted per
 * currency; an export in more than one is converted by a rates file, or
 * refused by the caller with these counts.
 *
 * A rates file has a currency, a rate (what one unit of it is worth in the
 * base currency: USD,0.92 when the base is EUR), and optionally the date from
 * which the rate holds (each row then takes the latest rate dated on or
 * before its day).  The base currency is given, or the one whose rate is 1.
 * Conversion is exact: the amount times the rate (up to 10 decimals),
 * rounded half away from zero to the cent, as a ledger converts each line.
 */
#ifndef CM_CURRENCY_H
#define CM_CURRENCY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "io/table_reader.h"

#define CURRENCY_MAX 16

struct currency_counts {
	int n;
	char code[CURRENCY_MAX][4];
	long rows[CURRENCY_MAX];
};

/* One more row in code: 0, or -1 when CURRENCY_MAX others are counted. */
int currency_count(struct currency_counts *c, const char *code);
/* Is code counted, or is there room for it? */
int currency_room(const struct currency_counts *c, const char *code);
/* from's counts added to to's: 0, or -1 when they are too many together. */
int currency_counts_merge(struct currency_counts *to, const struct currency_counts *from);
/* "EUR 3120 rows, USD 12 rows": most rows first; at most cap bytes. */
void currency_counts_text(const struct currency_counts *c, char *buf, size_t cap);
/* The symbol a report shows for a code (EUR: the euro sign, USD: $); else the code. */
const char *currency_symbol(const char *code);

typedef struct currency_rates currency_rates;

/* Read a rates file; base NULL to take the currency whose rate is 1.  NULL on
 * error (file, line and value in e). */
currency_rates *currency_rates_load(const char *path, const struct table_reader_opts *o, const char *base,
				    cm_error *e);
const char *currency_rates_base(const currency_rates *r);
enum { CURRENCY_OK, CURRENCY_NO_RATE, CURRENCY_RANGE };
/* *amount in code on day, in the base currency. */
int currency_convert(const currency_rates *r, const char *code, int32_t day, int64_t *amount);
void currency_rates_free(currency_rates *r);

#endif
