/* currency — see currency.h. */
#include "customers/currency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customers/column_roles.h"
#include "io/date.h"
#include "io/num.h"

/* ---- counting ---------------------------------------------------------- */

static int add(struct currency_counts *c, const char *code, long rows)
{
	int i = 0;
	while (i < c->n && strcmp(c->code[i], code) != 0)
		i++;
	if (i == c->n) {
		if (c->n == CURRENCY_MAX)
			return -1;
		memcpy(c->code[c->n], code, 4);
		c->rows[c->n++] = 0;
	}
	c->rows[i] += rows;
	return 0;
}

int currency_count(struct currency_counts *c, const char *code) { return add(c, code, 1); }

int currency_room(const struct currency_counts *c, const char *code)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->code[i], code) == 0)
			return 1;
	return c->n < CURRENCY_MAX;
}

int currency_counts_merge(struct currency_counts *to, const struct currency_counts *from)
{
	for (int i = 0; i < from->n; i++)
		if (add(to, from->code[i], from->rows[i]) < 0)
			return -1;
	return 0;
}

/* Most rows first; equal counts by code. */
static int most_first(const struct currency_counts *c, int a, int b)
{
	if (c->rows[a] != c->rows[b])
		return c->rows[a] > c->rows[b];
	return strcmp(c->code[a], c->code[b]) < 0;
}

void currency_counts_text(const struct currency_counts *c, char *buf, size_t cap)
{
	int order[CURRENCY_MAX];
	size_t len = 0;
	for (int i = 0; i < c->n; i++) { /* insertion: a few codes */
		int j = i;
		for (; j > 0 && most_first(c, i, order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	buf[0] = 0;
	for (int i = 0; i < c->n && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s %ld row%s", i ? ", " : "", c->code[order[i]],
					c->rows[order[i]], c->rows[order[i]] == 1 ? "" : "s");
}

const char *currency_symbol(const char *code)
{
	static const char *const map[][2] = {
		{"EUR", "\xE2\x82\xAC"}, {"USD", "$"}, {"GBP", "\xC2\xA3"}, {"JPY", "\xC2\xA5"}, {NULL, NULL}};
	for (int i = 0; map[i][0]; i++)
		if (strcmp(code, map[i][0]) == 0)
			return map[i][1];
	return code;
}

/* ---- rates ------------------------------------------------------------- */

struct rate {
	char code[4];
	int32_t from;      /* the first day it holds: INT32_MIN for always */
	int64_t mant;      /* the rate is mant / 10^scale */
	int scale;
};

struct currency_rates {
	struct rate *r;
	size_t n;
	char base[4];
};

__extension__ typedef __int128 wide; /* an amount times a rate's digits */

static const int64_t pow10s[11] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
				   1000000000, 10000000000};

/* A rate: digits with one '.' or ',' and at most 10 decimals, above 0. */
static int parse_rate(const char *s, size_t n, struct rate *r)
{
	int64_t m = 0;
	int scale = -1, digits = 0;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '.' || s[i] == ',') && scale < 0) {
			scale = 0;
		} else if (s[i] >= '0' && s[i] <= '9' && digits < 18) {
			m = m * 10 + (s[i] - '0');
			digits++;
			scale += scale >= 0;
		} else {
			return -1;
		}
	}
	if (scale < 0)
		scale = 0;
	if (!digits || scale > 10 || m <= 0)
		return -1;
	r->mant = m;
	r->scale = scale;
	return 0;
}

static int by_code_then_day(const void *a, const void *b)
{
	const struct rate *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	if (c)
		return c;
	return x->from < y->from ? -1 : x->from > y->from;
}

/* The first of the names that is a column, or -1. */
static long column_of(table_reader *in, const char *const *names)
{
	for (int k = 0; names[k]; k++) {
		cm_error ignored;
		long c = column_roles_find(names[k], table_reader_colnames(in), table_reader_ncols(in), &ignored);
		if (c >= 0)
			return c;
	}
	return -1;
}

static int read_rates(currency_rates *cr, table_reader *in, long cc, long rc, long dc, cm_error *e)
{
	size_t cap = 0;
	cm_record rec;
	int st;
	while ((st = table_reader_next(in, &rec, e)) == TABLE_ROW) {
		struct rate r;
		const char *name = table_reader_name(in);
		if (rec.n != table_reader_ncols(in))
			return err_set(e, "%s:%ld: expected %zu fields, found %zu", name, rec.line, table_reader_ncols(in),
				       rec.n);
		if (num_currency(rec.f[cc], rec.len[cc], r.code) < 0)
			return err_set(e, "%s:%ld: invalid currency '%.40s' in column '%s'", name, rec.line, rec.f[cc],
				       table_reader_colname(in, (size_t)cc));
		if (parse_rate(rec.f[rc], rec.len[rc], &r) < 0)
			return err_set(e, "%s:%ld: invalid rate '%.40s' in column '%s' (a number above 0, at most 10 "
					  "decimals)", name, rec.line, rec.f[rc], table_reader_colname(in, (size_t)rc));
		r.from = INT32_MIN;
		if (dc >= 0 && rec.len[dc] > 0 && date_parse(rec.f[dc], rec.len[dc], DATE_SLASH_UNKNOWN, &r.from) != DATE_OK)
			return err_set(e, "%s:%ld: invalid date '%.40s' in column '%s' (write it as 2024-03-01)", name,
				       rec.line, rec.f[dc], table_reader_colname(in, (size_t)dc));
		xgrow((void **)&cr->r, &cap, cr->n + 1, sizeof *cr->r);
		cr->r[cr->n++] = r;
	}
	if (st == TABLE_BADROW) {
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", table_reader_name(in), rec.line, inner.msg);
	}
	return st == TABLE_EOF ? 0 : -1;
}

/* The base: given, or the one currency whose every rate is 1. */
static int find_base(currency_rates *cr, const char *path, const char *base, cm_error *e)
{
	if (base) {
		if (num_currency(base, strlen(base), cr->base) < 0)
			return err_set(e, "invalid base currency '%s' (a code such as EUR)", base);
		return 0;
	}
	for (size_t i = 0; i < cr->n; i++) {
		int one = 1;
		for (size_t j = 0; j < cr->n; j++)
			if (strcmp(cr->r[j].code, cr->r[i].code) == 0)
				one &= cr->r[j].mant == pow10s[cr->r[j].scale];
		if (one) {
			memcpy(cr->base, cr->r[i].code, 4);
			return 0;
		}
	}
	return err_set(e, "%s: which currency are the rates in? Add a line with its rate 1 (EUR,1) or give "
			  "--base-currency", path);
}

currency_rates *currency_rates_load(const char *path, const struct table_reader_opts *o, const char *base,
				    cm_error *e)
{
	static const char *const codes[] = {"currency", "currencycode", "curr", "cur", "code", "w\xC3\xA4hrung",
					    "waehrung", "iso", NULL};
	static const char *const rates[] = {"rate", "exchangerate", "kurs", "wechselkurs", "umrechnungskurs",
					    "factor", "faktor", NULL};
	static const char *const dates[] = {"date", "validfrom", "from", "datum", "gueltigab", "g\xC3\xBCltigab", NULL};
	table_reader *in = table_reader_open(path, o, e);
	currency_rates *cr;
	long cc, rc, dc;
	if (!in)
		return NULL;
	cr = xcalloc(1, sizeof *cr);
	cc = column_of(in, codes);
	rc = column_of(in, rates);
	dc = column_of(in, dates);
	if (cc < 0 || rc < 0)
		err_set(e, "%s: a rates file needs a currency column and a rate column (currency,rate[,date])", path);
	if (cc < 0 || rc < 0 || read_rates(cr, in, cc, rc, dc, e) < 0 || find_base(cr, path, base, e) < 0) {
		table_reader_close(in);
		currency_rates_free(cr);
		return NULL;
	}
	table_reader_close(in);
	if (cr->n == 0) {
		err_set(e, "%s: no rates in the rates file", path);
		currency_rates_free(cr);
		return NULL;
	}
	qsort(cr->r, cr->n, sizeof *cr->r, by_code_then_day);
	for (size_t i = 1; i < cr->n; i++)
		if (by_code_then_day(&cr->r[i - 1], &cr->r[i]) == 0) {
			err_set(e, "%s: two rates for %s from the same day", path, cr->r[i].code);
			currency_rates_free(cr);
			return NULL;
		}
	return cr;
}

const char *currency_rates_base(const currency_rates *r) { return r->base; }

int currency_convert(const currency_rates *cr, const char *code, int32_t day, int64_t *amount)
{
	size_t lo = 0, hi = cr->n;
	const struct rate *r;
	wide p, q, v;
	if (strcmp(code, cr->base) == 0)
		return CURRENCY_OK;
	while (lo < hi) { /* the first rate after (code, day) */
		size_t mid = (lo + hi) / 2;
		int c = strcmp(cr->r[mid].code, code);
		if (c < 0 || (c == 0 && cr->r[mid].from <= day))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || strcmp(cr->r[lo - 1].code, code) != 0)
		return CURRENCY_NO_RATE;
	r = &cr->r[lo - 1];
	p = (wide)*amount * r->mant;
	q = (wide)pow10s[r->scale] * (NUM_SCALE / 100); /* to whole cents */
	v = (p >= 0 ? (p + q / 2) / q : -((-p + q / 2) / q)) * (NUM_SCALE / 100);
	if (v > NUM_MAX || v < -NUM_MAX)
		return CURRENCY_RANGE;
	*amount = (int64_t)v;
	return CURRENCY_OK;
}

void currency_rates_free(currency_rates *r)
{
	if (!r)
		return;
	free(r->r);
	free(r);
}
