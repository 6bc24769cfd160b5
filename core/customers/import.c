/* import — see import.h. */
#include "customers/import.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/bytes.h"
#include "customers/customer_feed.h"
#include "io/csvio.h"
#include "io/date.h"
#include "io/date_spread.h"
#include "io/encoding.h"
#include "io/fileio.h"
#include "base/fingerprint_set.h"
#include "io/num.h"
#include "io/range_reader.h"
#include "base/threads.h"

#define MAX_REPORTED 10          /* rejected rows shown on stderr with --on-error skip */
#define MAX_HELD_ROWS 200000     /* rows held while a format question is open */
#define MAX_HELD_BYTES (64u << 20)
#define TRAILER_MAX 10           /* rows at the end of a file that may be taken for its footer */

enum { ROW_OK, ROW_REJECT, ROW_FILTER, ROW_AMBIG };

struct held {
	long line;
	size_t n;
	char **f;
	size_t *len;
};

struct trailer {                 /* a rejected row that may be the file's footer */
	struct held row;
	char *reason, *hint;
	long col;
};

struct rule {                    /* --filter / --exclude */
	char *col, *value;
	size_t vlen;
	int prefix;
	long index;                  /* in the current file */
};

struct row {                     /* one parsed transaction */
	const char *id, *order, *mix[MIX_KINDS], *name; /* mix: channel, category */
	size_t idlen, orderlen, mixlen[MIX_KINDS], namelen;
	int32_t day;
	int64_t amount, margin, quantity, cost;
	int has_quantity, holdout;
	char cur[4];                 /* its currency's code, "" when it names none */
};

struct importer {
	struct import_opts o;
	customer_table *table;
	struct customer_cursor cursor; /* of this importer's thread */
	customer_feed *feed;           /* the fast path: lines go to the table through the feed, as thread `self` */
	size_t self;
	customer_feed *lines;          /* line by line: the table filled a batch at a time (one thread) while no
					  line can be refused, and one line at a time from there */
	uint64_t magnitude;            /* of the lines added: see magnitude_with */
	table_writer **outs;
	size_t nouts;
	int declared;
	fileio_out *rejfile;
	table_writer *rej;
	fingerprint_set *seen;
	struct import_stats st;
	struct rule *filters, *excludes;
	struct rule *costs;          /* --cost NAME=COLUMN: col is the name, value the column */
	int used[ROLE_N];            /* roles mapped in any file */
	/* the current file */
	table_reader *in;
	column_roles map;
	int slash, decimal;
	struct {                     /* the last date parsed: most lines repeat the one before's */
		char text[16];
		size_t len;          /* 0: none */
		int slash;           /* the date format it was read under */
		int32_t day;
	} memo;
	struct held *held;
	size_t nheld, capheld, heldbytes;
	struct trailer *trail;       /* rejected rows that may be the footer, in order */
	size_t ntrail, captrail;
	struct held *delay;          /* --skip-footer: the last rows read, not yet taken */
	size_t ndelay, capdelay;
	int wait_date, wait_num;
	long wait_col;               /* the column whose format is open */
	long reported;
	struct date_spread *spread;  /* the days of the rows accepted (this importer's own) */
	char *recbuf;                /* a rejected record re-joined as text */
	size_t recbufcap;
};

static struct rule *parse_rules(const char **specs, size_t n)
{
	struct rule *r = xcalloc(n + 1, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(specs[i], '=');
		size_t vlen;
		r[i].col = xstrndup(specs[i], eq ? (size_t)(eq - specs[i]) : strlen(specs[i]));
		r[i].value = xstrdup(eq ? eq + 1 : "");
		vlen = strlen(r[i].value);
		r[i].prefix = vlen > 0 && r[i].value[vlen - 1] == '*';
		r[i].vlen = vlen - (size_t)r[i].prefix;
	}
	return r;
}

static void free_rules(struct rule *r, size_t n)
{
	for (size_t i = 0; r && i < n; i++) {
		free(r[i].col);
		free(r[i].value);
	}
	free(r);
}

static int open_reject(importer *im, cm_error *e)
{
	static const char *const cols[] = {"file", "line", "reason", "column", "value", "record"};
	im->rejfile = fileio_open_out(im->o.reject_path, e);
	if (!im->rejfile)
		return -1;
	im->rej = table_writer_new(im->rejfile, OUT_CSV);
	if (!im->o.csv_verbatim)
		table_writer_guard_formulas(im->rej); /* a file for people to open */
	for (size_t i = 0; i < 6; i++)
		table_writer_column(im->rej, cols[i], i == 1);
	table_writer_header(im->rej);
	return 0;
}

importer *import_new(const struct import_opts *o, customer_table *t, cm_error *e)
{
	importer *im = xcalloc(1, sizeof *im);
	im->o = *o;
	im->table = t;
	im->spread = xcalloc(1, sizeof *im->spread);
	im->filters = parse_rules(o->filters, o->nfilters);
	im->costs = parse_rules(o->costs, o->ncosts);
	im->excludes = parse_rules(o->excludes, o->nexcludes);
	if (o->dedupe)
		im->seen = fingerprint_set_new();
	if (o->reject_path && open_reject(im, e) < 0) {
		import_free(im);
		return NULL;
	}
	return im;
}

void import_set_outputs(importer *im, table_writer **outs, size_t n)
{
	im->outs = outs;
	im->nouts = n;
}

const struct import_stats *import_stats(const importer *im) { return &im->st; }

void import_keep_costs(importer *im)
{
	customer_keep_costs(im->table);
}

int32_t import_latest(const importer *im) { return im->spread->rows ? im->spread->max : DAY_NONE; }

void import_dates_apart(const importer *im, struct date_apart *early, struct date_apart *late)
{
	date_spread_apart(im->spread, early, late);
}
int import_has_role(const importer *im, int role) { return im->used[role]; }

/* ---- rejecting a row --------------------------------------------------- */

/* A value fit for a one-line message: control bytes and bytes outside valid
 * UTF-8 escaped as \xNN, cut after 60 bytes. */
static void show(const char *s, size_t n, char *buf, size_t cap)
{
	size_t k = 0, valid = encoding_utf8_check(s, n);
	for (size_t i = 0; i < n && k + 8 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i >= 60) {
			k += (size_t)snprintf(buf + k, cap - k, "...");
			break;
		}
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && i >= valid))
			k += (size_t)snprintf(buf + k, cap - k, "\\x%02x", c);
		else
			buf[k++] = (char)c;
	}
	buf[k] = '\0';
}

static const char *joined(importer *im, const cm_record *r)
{
	size_t len = 0;
	int delim = table_reader_delim(im->in) == CSVIO_WHITESPACE ? ' ' : table_reader_delim(im->in);
	for (size_t i = 0; i < r->n; i++) {
		if (i > 0) {
			xgrow((void **)&im->recbuf, &im->recbufcap, len + 2, 1);
			im->recbuf[len++] = (char)delim;
		}
		len = csvio_format_field(&im->recbuf, &im->recbufcap, len, r->f[i], r->len[i], delim);
	}
	xgrow((void **)&im->recbuf, &im->recbufcap, len + 1, 1);
	im->recbuf[len] = '\0';
	return im->recbuf;
}

static void write_reject(importer *im, const cm_record *r, const char *reason, long col)
{
	char line[24];
	table_writer *t = im->rej;
	snprintf(line, sizeof line, "%ld", r->line);
	table_writer_cstr(t, table_reader_name(im->in));
	table_writer_cstr(t, line);
	table_writer_cstr(t, reason);
	table_writer_cstr(t, col >= 0 ? table_reader_colname(im->in, (size_t)col) : "");
	if (col >= 0 && (size_t)col < r->n)
		table_writer_cell(t, r->f[col], r->len[col]);
	else
		table_writer_cell(t, "", 0);
	table_writer_cstr(t, joined(im, r));
	table_writer_end_row(t);
}

/* Is the row the file's header again (files joined with cat)? */
static int header_again(const importer *im, const cm_record *r)
{
	if (r->n != table_reader_ncols(im->in) || r->n < 2)
		return 0;
	for (size_t i = 0; i < r->n; i++) {
		const char *name = table_reader_colname(im->in, i);
		if (r->len[i] != strlen(name) || memcmp(r->f[i], name, r->len[i]) != 0)
			return 0;
	}
	return 1;
}

/* Count, record and report a bad row; -1 when the run must stop.  The message:
 * "FILE:LINE: REASON 'VALUE' in column 'NAME'[: HINT]" (no value when empty). */
static int reject(importer *im, const cm_record *r, const char *reason, const char *hint, long col,
		  cm_error *e)
{
	char val[300], msg[512];
	size_t k;
	if (header_again(im, r)) {
		reason = "the header again";
		hint = "files joined into one? give them to cm-import one by one, each with its header";
		col = -1;
	}
	im->st.rejected++;
	k = (size_t)snprintf(msg, sizeof msg, "%s:%ld: %s", table_reader_name(im->in), r->line, reason);
	if (col >= 0 && (size_t)col < r->n) {
		show(r->f[col], r->len[col], val, sizeof val);
		if (val[0])
			k += (size_t)snprintf(msg + k, sizeof msg - k, " '%s'", val);
		k += (size_t)snprintf(msg + k, sizeof msg - k, " in column '%s'", table_reader_colname(im->in, (size_t)col));
	}
	if (hint && k < sizeof msg)
		snprintf(msg + k, sizeof msg - k, ": %s", hint);
	if (im->rej)
		write_reject(im, r, reason, col);
	if (!im->o.skip_errors)
		return err_set(e, "%s", msg);
	if (im->reported++ < MAX_REPORTED)
		err_warn("%s", msg);
	return 0;
}

/* ---- reading one row --------------------------------------------------- */

struct verdict {             /* set by bad(), bad_hint() and filtered(); no need to clear */
	const char *reason;
	const char *hint;        /* how to fix it, or NULL */
	long col;
	long *counter;           /* for filtered rows */
	char text[192];
};

static int bad_hint(struct verdict *v, const char *reason, const char *hint, long col)
{
	v->reason = reason;
	v->hint = hint;
	v->col = col;
	return ROW_REJECT;
}

static int bad(struct verdict *v, const char *reason, long col) { return bad_hint(v, reason, NULL, col); }

static int rule_matches(const struct rule *r, const cm_record *rec)
{
	const char *s = rec->f[r->index];
	size_t n = rec->len[r->index];
	if (r->prefix)
		return n >= r->vlen && memcmp(s, r->value, r->vlen) == 0;
	return n == r->vlen && memcmp(s, r->value, n) == 0;
}

static void trim(const char **s, size_t *n)
{
	if (*n > 0 && (unsigned char)(*s)[0] > ' ' && (unsigned char)(*s)[*n - 1] > ' ')
		return; /* the common case: nothing to trim */
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
		(*n)--;
}

/* Is s the date last parsed, under the format known now?  (Then what it
 * tells of the format was learned already, and its day is known.) */
static int same_date(const importer *im, const char *s, size_t n)
{
	return n > 0 && n == im->memo.len && im->memo.slash == im->slash && bytes_equal(s, im->memo.text, n);
}

/* Remember what a value proves about the file's date or number format. */
static void learn(importer *im, const cm_record *r)
{
	static const int numeric[] = {ROLE_AMOUNT, ROLE_MARGIN, ROLE_QUANTITY, ROLE_PRICE};
	long dc = im->map.col[ROLE_DATE];
	if (im->slash == DATE_SLASH_UNKNOWN && dc >= 0 && (size_t)dc < r->n && !same_date(im, r->f[dc], r->len[dc]))
		im->slash = date_slash_hint(r->f[dc], r->len[dc]);
	for (size_t k = 0; k < 4 && im->decimal == NUM_AUTO; k++) {
		long c = im->map.col[numeric[k]];
		if (c >= 0 && (size_t)c < r->n)
			im->decimal = num_decimal_hint(r->f[c], r->len[c]);
	}
}

/* The amount in column c; an empty cell is 0 when empty_zero, else missing.
 * A currency the value names must be the row's (cur), and becomes it. */
static int number_at(importer *im, const cm_record *r, long c, int empty_zero, int64_t *out, char *cur,
		     struct verdict *v)
{
	const char *s = r->f[c];
	size_t n = r->len[c];
	char named[4];
	int rc;
	trim(&s, &n);
	*out = 0;
	if (n == 0)
		return empty_zero ? ROW_OK : bad(v, "missing value", c);
	rc = num_parse_money(s, n, im->decimal, out, named);
	if (rc == NUM_AMBIGUOUS) {
		im->wait_num = 1;
		im->wait_col = c;
		return ROW_AMBIG;
	}
	if (rc == NUM_RANGE)
		return bad(v, "number out of range", c);
	if (rc != NUM_OK)
		return bad(v, "invalid number", c);
	if (named[0] && cur[0] && strcmp(named, cur) != 0) {
		snprintf(v->text, sizeof v->text, "an amount in %s on a row in %s", named, cur);
		return bad(v, v->text, c);
	}
	if (named[0])
		memcpy(cur, named, 4);
	return ROW_OK;
}

static int number(importer *im, const cm_record *r, int role, int64_t *out, char *cur, struct verdict *v)
{
	return number_at(im, r, im->map.col[role], 0, out, cur, v);
}

/* The line's order-related costs: the sum of its cost columns (--cost). */
static int line_costs(importer *im, const cm_record *r, struct row *t, struct verdict *v)
{
	t->cost = 0;
	for (size_t i = 0; i < im->o.ncosts; i++) {
		int64_t x;
		int rc = number_at(im, r, im->costs[i].index, 1, &x, t->cur, v);
		if (rc != ROW_OK)
			return rc;
		if (__builtin_add_overflow(t->cost, x, &t->cost))
			return bad(v, "costs out of range", im->costs[i].index);
	}
	return ROW_OK;
}

static int check_shape(importer *im, const cm_record *r, struct verdict *v)
{
	size_t ncols = table_reader_ncols(im->in);
	if (r->n != ncols) {
		snprintf(v->text, sizeof v->text, "expected %zu fields, found %zu", ncols, r->n);
		return bad(v, v->text, -1);
	}
	for (size_t i = 0; i < r->n; i++) {
		if (memchr(r->f[i], '\0', r->len[i]) || strlen(r->f[i]) != r->len[i])
			return bad(v, "NUL byte", (long)i);
		if (table_reader_encoding(im->in) == ENC_UTF8 && encoding_utf8_check(r->f[i], r->len[i]) != r->len[i])
			return bad_hint(v, "invalid UTF-8",
					encoding_cp1252_check(r->f[i], r->len[i])
						? "a Windows export? try --encoding cp1252"
						: "nor Windows-1252 (a byte it leaves undefined): a damaged or binary value; "
						  "--encoding latin1 reads any byte", (long)i);
	}
	return ROW_OK;
}

static int filtered(struct verdict *v, long *counter)
{
	v->counter = counter;
	return ROW_FILTER;
}

static int apply_rules(importer *im, const cm_record *r, struct verdict *v)
{
	for (size_t i = 0; i < im->o.nfilters; i++)
		if (!rule_matches(&im->filters[i], r))
			return filtered(v, &im->st.not_included);
	for (size_t i = 0; i < im->o.nexcludes; i++)
		if (rule_matches(&im->excludes[i], r))
			return filtered(v, &im->st.excluded);
	return ROW_OK;
}

/* Is the id a total's label (Summe, Total, ...)?  Such a row is a total
 * line, whose amount would count once more as a customer's. */
static int total_id(const char *s, size_t n)
{
	static const char *const words[] = {"summe", "gesamt", "gesamtsumme", "endsumme", "zwischensumme", "total",
					    "totals", "grand total", "sum", NULL};
	if (n < 3 || !strchr("sgezt", s[0] | 0x20)) /* most ids, at a glance */
		return 0;
	if (s[n - 1] == ':')
		n--;
	for (int k = 0; words[k]; k++)
		if (n == strlen(words[k]) && strncasecmp(s, words[k], n) == 0)
			return 1;
	return 0;
}

static int parse_id(importer *im, const cm_record *r, struct row *t, struct verdict *v)
{
	long c = im->map.col[ROLE_ID];
	t->id = r->f[c];
	t->idlen = customer_clean_id(&t->id, r->len[c], im->o.keep_id);
	if (t->idlen > 0 && customer_id_lost_digits(t->id, t->idlen))
		return bad_hint(v, "customer id in scientific notation", CUSTOMER_ID_LOST, c);
	if (!im->o.keep_id && total_id(t->id, t->idlen)) /* at the end, a footer */
		return bad_hint(v, "a total line", "remove it; if it is a customer's, --keep-id takes it", c);
	if (t->idlen > 0) {
		if (!im->o.transactions && !im->feed && !im->lines) /* fetched while the other columns are parsed */
			customer_expect(im->table, &im->cursor, t->id, t->idlen);
		return ROW_OK;
	}
	if (im->o.anon_skip)
		return filtered(v, &im->st.no_id);
	return bad(v, "missing customer id", c);
}

static int parse_date(importer *im, const cm_record *r, struct row *t, struct verdict *v)
{
	long c = im->map.col[ROLE_DATE];
	int rc = DATE_OK;
	if (same_date(im, r->f[c], r->len[c])) {
		t->day = im->memo.day;
	} else if ((rc = date_parse(r->f[c], r->len[c], im->slash, &t->day)) == DATE_OK &&
		   r->len[c] <= sizeof im->memo.text) {
		memcpy(im->memo.text, r->f[c], r->len[c]);
		im->memo.len = r->len[c];
		im->memo.slash = im->slash;
		im->memo.day = t->day;
	}
	if (rc == DATE_AMBIGUOUS) {
		im->wait_date = 1;
		im->wait_col = c;
		return ROW_AMBIG;
	}
	if (rc != DATE_OK)
		return bad(v, r->len[c] ? "invalid date" : "missing date", c);
	if (im->o.holdout_end != DAY_NONE && t->day > im->o.holdout_end)
		return filtered(v, &im->st.after_as_of);
	if (im->o.as_of != DAY_NONE && t->day > im->o.as_of) {
		if (im->o.holdout_end == DAY_NONE || im->o.transactions)
			return filtered(v, &im->st.after_as_of);
		t->holdout = 1;
	}
	return ROW_OK;
}

/* The row's currency column, when there is one and the cell is not empty. */
static int parse_currency(importer *im, const cm_record *r, struct row *t, struct verdict *v)
{
	long c = im->map.col[ROLE_CURRENCY];
	const char *s;
	size_t n;
	if (c < 0)
		return ROW_OK;
	s = r->f[c];
	n = r->len[c];
	trim(&s, &n);
	if (n > 0 && num_currency(s, n, t->cur) < 0)
		return bad_hint(v, "invalid currency", "a code such as EUR, USD, CHF", c);
	return ROW_OK;
}

/* The row's amounts in the base currency (--rates), when it names another. */
static int to_base(importer *im, struct row *t, struct verdict *v)
{
	const currency_rates *cr = im->o.rates;
	long c = im->map.col[ROLE_CURRENCY] >= 0 ? im->map.col[ROLE_CURRENCY]
		 : im->map.col[ROLE_AMOUNT] >= 0 ? im->map.col[ROLE_AMOUNT] : im->map.col[ROLE_PRICE];
	int rc;
	if (!cr || !t->cur[0])
		return ROW_OK;
	if ((rc = currency_convert(cr, t->cur, t->day, &t->amount)) == CURRENCY_OK &&
	    (rc = currency_convert(cr, t->cur, t->day, &t->margin)) == CURRENCY_OK)
		rc = currency_convert(cr, t->cur, t->day, &t->cost);
	if (rc == CURRENCY_NO_RATE) {
		snprintf(v->text, sizeof v->text, "no rate for %s on the row's date", t->cur);
		return bad_hint(v, v->text, "add it to the rates file", c);
	}
	return rc == CURRENCY_OK ? ROW_OK : bad(v, "amount out of range in the base currency", c);
}

static int parse_amounts(importer *im, const cm_record *r, struct row *t, struct verdict *v)
{
	int rc;
	const long *col = im->map.col;
	if ((rc = parse_currency(im, r, t, v)) != ROW_OK)
		return rc;
	if (col[ROLE_AMOUNT] >= 0) {
		if ((rc = number(im, r, ROLE_AMOUNT, &t->amount, t->cur, v)) != ROW_OK)
			return rc;
	}
	if (col[ROLE_QUANTITY] >= 0 && (col[ROLE_AMOUNT] < 0 || r->len[col[ROLE_QUANTITY]] > 0)) {
		char none[4] = ""; /* a quantity names no currency */
		if ((rc = number(im, r, ROLE_QUANTITY, &t->quantity, none, v)) != ROW_OK)
			return rc;
		t->has_quantity = 1;
	}
	if (col[ROLE_AMOUNT] < 0 && col[ROLE_PRICE] >= 0 && col[ROLE_QUANTITY] >= 0) {
		int64_t price;
		if ((rc = number(im, r, ROLE_PRICE, &price, t->cur, v)) != ROW_OK)
			return rc;
		if (num_mul(t->quantity, price, &t->amount) != NUM_OK)
			return bad(v, "quantity times price out of range", col[ROLE_PRICE]);
	}
	if (col[ROLE_MARGIN] >= 0 && (rc = number(im, r, ROLE_MARGIN, &t->margin, t->cur, v)) != ROW_OK)
		return rc;
	if (im->o.ncosts > 0 && (rc = line_costs(im, r, t, v)) != ROW_OK)
		return rc;
	if ((rc = to_base(im, t, v)) != ROW_OK)
		return rc;
	if (im->o.returns_drop && t->amount < 0)
		return filtered(v, &im->st.returns);
	return ROW_OK;
}

static void text_role(importer *im, const cm_record *r, int role, const char **s, size_t *n)
{
	long c = im->map.col[role];
	*s = c >= 0 ? r->f[c] : NULL;
	*n = c >= 0 ? r->len[c] : 0;
	if (*s)
		trim(s, n);
}

/* A row of the right shape and clean text: filters, then the columns. */
static int parse_fields(importer *im, const cm_record *r, struct row *t, struct verdict *v)
{
	int rc;
	memset(t, 0, sizeof *t);
	if ((rc = apply_rules(im, r, v)) != ROW_OK || (rc = parse_id(im, r, t, v)) != ROW_OK ||
	    (rc = parse_date(im, r, t, v)) != ROW_OK || (rc = parse_amounts(im, r, t, v)) != ROW_OK)
		return rc;
	text_role(im, r, ROLE_ORDER, &t->order, &t->orderlen);
	text_role(im, r, ROLE_CHANNEL, &t->mix[MIX_CHANNEL], &t->mixlen[MIX_CHANNEL]);
	text_role(im, r, ROLE_CATEGORY, &t->mix[MIX_CATEGORY], &t->mixlen[MIX_CATEGORY]);
	text_role(im, r, ROLE_NAME, &t->name, &t->namelen);
	if (im->o.by_order && t->orderlen == 0)
		return bad(v, "missing order id", im->map.col[ROLE_ORDER]);
	if (im->seen && !fingerprint_set_add(im->seen, fingerprint_set_hash(r->f, r->len, r->n)))
		return filtered(v, &im->st.duplicates);
	return ROW_OK;
}

static int parse_row(importer *im, const cm_record *r, struct row *t, struct verdict *v)
{
	int rc;
	learn(im, r);
	if ((rc = check_shape(im, r, v)) != ROW_OK)
		return rc;
	return parse_fields(im, r, t, v);
}

/* ---- accepting a row --------------------------------------------------- */

static void declare_transactions(importer *im)
{
	static const struct {
		int role;
		const char *name;
		int numeric;
	} extra[] = {{ROLE_MARGIN, "margin", 1}, {ROLE_QUANTITY, "quantity", 1},
		     {ROLE_ORDER, "order_id", 0}, {ROLE_CHANNEL, "channel", 0}, {ROLE_CATEGORY, "category", 0},
		     {ROLE_CURRENCY, "currency", 0}, {ROLE_NAME, "customer_name", 0}};
	for (size_t b = 0; b < im->nouts; b++) {
		table_writer_column(im->outs[b], "customer_id", 0);
		table_writer_column(im->outs[b], "date", 0);
		table_writer_column(im->outs[b], "amount", 1);
		for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++)
			if (im->used[extra[k].role])
				table_writer_column(im->outs[b], extra[k].name, extra[k].numeric);
		table_writer_header(im->outs[b]);
	}
	im->declared = 1;
}

static void write_transaction(importer *im, const struct row *t)
{
	char buf[32];
	size_t b = im->nouts > 1 ? customer_bucket(t->id, t->idlen, im->nouts) : 0;
	table_writer *out = im->outs[b];
	table_writer_cell(out, t->id, t->idlen);
	date_format(t->day, table_writer_plain(out, 11));
	table_writer_plain_end(out, 10);
	table_writer_plain_end(out, num_format(t->amount, table_writer_plain(out, 32)));
	if (im->used[ROLE_MARGIN]) {
		char *p = table_writer_plain(out, 32);
		table_writer_plain_end(out, im->map.col[ROLE_MARGIN] >= 0 ? num_format(t->margin, p) : 0);
	}
	if (im->used[ROLE_QUANTITY]) {
		num_format_plain(t->quantity, buf);
		table_writer_cstr(out, t->has_quantity ? buf : "");
	}
	if (im->used[ROLE_ORDER])
		table_writer_cell(out, t->order ? t->order : "", t->orderlen);
	if (im->used[ROLE_CHANNEL])
		table_writer_cell(out, t->mix[MIX_CHANNEL] ? t->mix[MIX_CHANNEL] : "", t->mixlen[MIX_CHANNEL]);
	if (im->used[ROLE_CATEGORY])
		table_writer_cell(out, t->mix[MIX_CATEGORY] ? t->mix[MIX_CATEGORY] : "", t->mixlen[MIX_CATEGORY]);
	if (im->used[ROLE_CURRENCY]) /* converted: the base currency */
		table_writer_cstr(out, im->o.rates ? currency_rates_base(im->o.rates) : t->cur);
	if (im->used[ROLE_NAME])
		table_writer_cell(out, t->name ? t->name : "", t->namelen);
	table_writer_end_row(out);
}

/* Every sum the table keeps (a customer's revenue, margin, costs, an
 * occasion's or a channel's revenue) adds amounts, margins or costs of some
 * lines: none can leave the range of amounts while the magnitude of all
 * lines added, the sum of their |amount| + |margin| + |cost|, stays within
 * it (INT64_MAX).  Then no line can be refused, and lines may be added
 * later, a batch at a time. */
static uint64_t size_of(int64_t x) { return x < 0 ? (uint64_t)-(x + 1) + 1 : (uint64_t)x; }

static uint64_t magnitude_with(uint64_t m, const struct row *t)
{
	uint64_t add[3] = {size_of(t->amount), size_of(t->margin), size_of(t->cost)};
	for (int i = 0; i < 3; i++)
		if (__builtin_add_overflow(m, add[i], &m))
			return UINT64_MAX;
	return m;
}

/* Never: a line fed within range cannot be refused. */
static _Noreturn void refused_within_range(void)
{
	err_die(CM_EXIT_DATA, "internal error: a line within the range of amounts was refused");
}

/* The lines fed so far are in the table; lines go one at a time from here. */
static void lines_end(importer *im)
{
	if (!im->lines)
		return;
	customer_feed_done(im->lines, 0);
	if (customer_feed_end(im->lines))
		refused_within_range();
	im->lines = NULL;
}

/* ROW_OK, or ROW_REJECT when the row would take a customer's sum out of
 * the range of amounts (then nothing was added). */
static int accept(importer *im, const struct row *t, struct verdict *v)
{
	const char *sum = NULL;
	uint64_t grown = magnitude_with(im->magnitude, t);
	if (t->cur[0] && !currency_room(&im->st.currencies, t->cur)) {
		snprintf(v->text, sizeof v->text, "a currency beyond %d others (%s)", CURRENCY_MAX, t->cur);
		return bad(v, v->text, im->map.col[ROLE_CURRENCY]);
	}
	struct customer_line line = {t->day, t->amount, t->margin, t->cost, t->orderlen ? t->order : NULL, t->orderlen,
				     {t->mix[0], t->mix[1]}, {t->mixlen[0], t->mixlen[1]}, t->name, t->namelen, t->holdout};
	if (im->o.transactions)
		write_transaction(im, t);
	else if (im->feed) /* added later: a refusal gives the fast path up */
		sum = customer_feed_add(im->feed, im->self, t->id, t->idlen, &line) < 0 ? "revenue" : NULL;
	else if (im->lines && grown <= (uint64_t)INT64_MAX) {
		if (customer_feed_add(im->lines, 0, t->id, t->idlen, &line) < 0) /* added later */
			refused_within_range();
	}
	else {
		lines_end(im);
		sum = customer_add(im->table, &im->cursor, t->id, t->idlen, &line);
	}
	if (!im->o.transactions && !sum)
		im->magnitude = grown;
	if (sum) {
		char id[100];
		show(t->id, t->idlen, id, sizeof id);
		snprintf(v->text, sizeof v->text,
			 "%s of customer '%s' would leave the range of amounts (+/-922,337,203,685,477) with", sum, id);
		return bad_hint(v, v->text, "an article number or EAN in the column?",
				strcmp(sum, "margin") == 0 ? im->map.col[ROLE_MARGIN]
				: im->map.col[ROLE_AMOUNT] >= 0 ? im->map.col[ROLE_AMOUNT] : im->map.col[ROLE_PRICE]);
	}
	im->st.accepted++;
	im->st.holdout += t->holdout;
	if (t->cur[0])
		currency_count(&im->st.currencies, t->cur); /* there is room: said above */
	date_spread_add(im->spread, t->day);
	return ROW_OK;
}

/* ---- holding rows while a format question is open ---------------------- */

/* A copy of a record, kept beyond the reader's next call. */
static void copy_row(struct held *h, const cm_record *r)
{
	h->line = r->line;
	h->n = r->n;
	h->f = xcalloc(r->n + 1, sizeof *h->f);
	h->len = xcalloc(r->n + 1, sizeof *h->len);
	for (size_t i = 0; i < r->n; i++) {
		h->f[i] = xstrndup(r->f[i], r->len[i]);
		h->len[i] = r->len[i];
	}
}

static void free_row(struct held *h)
{
	for (size_t k = 0; k < h->n; k++)
		free(h->f[k]);
	free(h->f);
	free(h->len);
}

static void hold(importer *im, const cm_record *r)
{
	xgrow((void **)&im->held, &im->capheld, im->nheld + 1, sizeof *im->held);
	copy_row(&im->held[im->nheld++], r);
	for (size_t i = 0; i < r->n; i++)
		im->heldbytes += r->len[i] + 16;
}

static void held_record(const struct held *h, cm_record *r)
{
	r->n = h->n;
	r->f = (const char **)h->f;
	r->len = h->len;
	r->line = h->line;
}

static void free_held(struct held *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free_row(&h[i]);
	free(h);
}

static int still_open(const importer *im)
{
	return (im->wait_date && im->slash == DATE_SLASH_UNKNOWN) ||
	       (im->wait_num && im->decimal == NUM_AUTO);
}

/* ---- the flow of rows -------------------------------------------------- */

static int take(importer *im, const cm_record *r, int final, cm_error *e);

/* Why held rows are run through for the last time (take's final). */
enum { HELD_KEPT, HELD_AT_END, HELD_FULL };

/* Run the held rows through again; final (HELD_AT_END or HELD_FULL): what is
 * still open is rejected. */
static int replay(importer *im, int final, cm_error *e)
{
	struct held *h = im->held;
	size_t n = im->nheld;
	int rc = 0;
	im->held = NULL;
	im->nheld = im->capheld = im->heldbytes = 0;
	im->wait_date = im->wait_num = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		cm_record r;
		held_record(&h[i], &r);
		rc = take(im, &r, final, e);
		if (rc < 0) /* the run stops: the rows behind this one were never processed */
			im->st.read -= (long)(n - i - 1);
	}
	free_held(h, n);
	return rc;
}

static int ambiguous(importer *im, const cm_record *r, int final, cm_error *e)
{
	char hint[300];
	const char *none = final == HELD_FULL ? "none of the next 200,000 rows (or 64 MB) held while waiting"
					      : im->wait_date ? "no date in the file" : "no value in the file";
	if (im->wait_date)
		snprintf(hint, sizeof hint, "%s tells whether the day or the month comes first; say which with "
			 "--date-format dmy or mdy", none);
	else
		snprintf(hint, sizeof hint, "%s tells whether ',' or '.' is the decimal mark; say which with "
			 "--decimal-comma or --decimal-point", none);
	return reject(im, r, im->wait_date ? "ambiguous date" : "ambiguous number", hint, im->wait_col, e);
}

/* ---- a footer: rows at the very end that are no data ------------------- */

/* Would a rejected row pass for a footer line: a total, a count, a page
 * number, or a line with at most half of its fields filled, unless it has
 * an id and one more of date, amount and order (a customer's row that lacks a
 * value, rejected as such; a total under a run date has no id)? */
static int footer_like(const importer *im, const cm_record *r)
{
	static const char *const words[] = {"summe", "gesamt", "total", "grand total", "zwischensumme", "sum",
					    "seite", "page", "anzahl", "count", "ende", "end of", "*", NULL};
	static const int roles[] = {ROLE_ID, ROLE_DATE, ROLE_AMOUNT, ROLE_ORDER}; /* the id first */
	size_t filled = 0, known = 0, id = 0;
	for (size_t i = 0; i < r->n; i++) {
		const char *s = r->f[i];
		size_t n = r->len[i];
		trim(&s, &n);
		filled += n > 0;
		for (int k = 0; words[k] && n > 0; k++) {
			size_t w = strlen(words[k]);
			if (n >= w && strncasecmp(s, words[k], w) == 0 && (n == w || !isalpha((unsigned char)s[w]) ||
									    strcmp(words[k], "gesamt") == 0))
				return 1;
		}
	}
	for (size_t k = 0; k < sizeof roles / sizeof *roles; k++) {
		long c = im->map.col[roles[k]];
		const char *s = c >= 0 && (size_t)c < r->n ? r->f[c] : "";
		size_t n = c >= 0 && (size_t)c < r->n ? r->len[c] : 0;
		trim(&s, &n);
		known += n > 0;
		id += k == 0 && n > 0;
	}
	return 2 * filled <= table_reader_ncols(im->in) && !(id && known >= 2);
}

static void trail_add(importer *im, const cm_record *r, const struct verdict *v)
{
	struct trailer *t;
	xgrow((void **)&im->trail, &im->captrail, im->ntrail + 1, sizeof *im->trail);
	t = &im->trail[im->ntrail++];
	copy_row(&t->row, r);
	t->reason = xstrdup(v->reason);
	t->hint = v->hint ? xstrdup(v->hint) : NULL;
	t->col = v->col;
}

static void trail_free(importer *im)
{
	for (size_t i = 0; i < im->ntrail; i++) {
		free_row(&im->trail[i].row);
		free(im->trail[i].reason);
		free(im->trail[i].hint);
	}
	im->ntrail = 0;
}

/* A row that is no footer came after the held ones: they were bad rows, and
 * are rejected in order.  -1 when the run stops (and `after` more rows read
 * behind them were never taken). */
static int trail_flush(importer *im, long after, cm_error *e)
{
	for (size_t i = 0; i < im->ntrail; i++) {
		cm_record r;
		struct trailer *t = &im->trail[i];
		held_record(&t->row, &r);
		if (reject(im, &r, t->reason, t->hint, t->col, e) < 0) {
			im->st.read -= (long)(im->ntrail - i - 1) + after;
			trail_free(im);
			return -1;
		}
	}
	trail_free(im);
	return 0;
}

/* At the end of a file: the held rows were its footer, no rows at all. */
static void trail_end(importer *im)
{
	im->st.read -= (long)im->ntrail;
	im->st.footer += (long)im->ntrail;
	if (im->ntrail && im->o.verbose)
		err_warn("%s: the last %zu line%s taken for a footer and skipped (line %ld on)",
			 table_reader_name(im->in), im->ntrail, im->ntrail == 1 ? "" : "s", im->trail[0].row.line);
	trail_free(im);
}

/* A row accepted or filtered is counted (and added): 1; else 0, and *rc
 * says why (a row that parsed may still be refused when added). */
static int taken(importer *im, int *rc, const struct row *t, struct verdict *v)
{
	if (*rc == ROW_OK) {
		*rc = accept(im, t, v);
	} else if (*rc == ROW_FILTER) {
		im->st.filtered++;
		(*v->counter)++;
	}
	return *rc == ROW_OK || *rc == ROW_FILTER;
}

static int take(importer *im, const cm_record *r, int final, cm_error *e)
{
	struct row t;
	struct verdict v; /* filled in by the check that decides */
	int rc;
	if (im->nheld > 0) {
		hold(im, r);
		learn(im, r);
		if (!still_open(im))
			return replay(im, HELD_KEPT, e);
		if (im->nheld >= MAX_HELD_ROWS || im->heldbytes >= MAX_HELD_BYTES)
			return replay(im, HELD_FULL, e);
		return 0;
	}
	im->wait_date = im->wait_num = 0;
	rc = parse_row(im, r, &t, &v);
	if (rc == ROW_REJECT && im->ntrail < TRAILER_MAX && footer_like(im, r)) {
		trail_add(im, r, &v); /* a footer, if nothing but more of it follows */
		return 0;
	}
	if (im->ntrail > 0 && trail_flush(im, 1, e) < 0)
		return -1;
	if (taken(im, &rc, &t, &v))
		return 0;
	if (rc == ROW_REJECT)
		return reject(im, r, v.reason, v.hint, v.col, e);
	if (final) /* ROW_AMBIG */
		return ambiguous(im, r, final, e);
	hold(im, r);
	return 0;
}

/* ---- the fast path: a plain file in parts, on threads ------------------ */

/*
 * Most files are clean: every row is taken or filtered.  For those, the rows
 * after the header are read in parts of the file, each part on a thread of
 * its own by a copy of the importer (counters, learned formats and a customer
 * table of its own; the tables are merged at the end).  A part gives up at
 * anything else: a row to reject or to hold, bytes that are not clean text, a
 * record running over a cut.  Then the table is cleared and the file is read the careful way,
 * line by line from the header on, which reports the problem exactly as it
 * would have.  Either way the table is the same: it does not depend on the
 * order of rows (customer.h).
 */

/* Why a part gave up (compared by address). */
static const char NOT_TRIED[] = "not tried", CANNOT_TAKE[] = "a row to reject",
		  OVER_CUT[] = "a quoted field with a newline runs over a cut between parts",
		  SPANNED[] = "a quoted field over a line end";

struct part {
	_Alignas(CACHE_LINE) importer im; /* a copy: counters and learned formats of its own */
	atomic_int *stop;       /* set by the first part that gives up */
	const char *why;        /* why this part gave up, or NULL */
};

static int give_up(struct part *p, const char *why)
{
	if (!p->why)
		p->why = why;
	atomic_store(p->stop, 1);
	customer_feed_stop(p->im.feed);
	return 1;
}

static int fast_row(void *ctx, const cm_record *r)
{
	struct part *p = ctx;
	importer *im = &p->im;
	struct row t;
	struct verdict v; /* filled in by the check that decides */
	int rc;
	if (atomic_load_explicit(p->stop, memory_order_relaxed))
		return 1;
	im->st.read++;
	learn(im, r);
	if (r->n != table_reader_ncols(im->in))
		return give_up(p, CANNOT_TAKE);
	rc = parse_fields(im, r, &t, &v);
	if (taken(im, &rc, &t, &v))
		return 0;
	if (atomic_load(p->stop)) /* another part gave up first (and stopped the feed): its reason is told */
		return 1;
	return give_up(p, rc == ROW_REJECT ? CANNOT_TAKE : "a date or number whose format is still open");
}

static void read_part(void *ctx, int fd, long long from, long long to, int last)
{
	struct part *p = ctx;
	static const char NOT_CLEAN[] = "bytes that are not clean UTF-8 text";
	range_reader *in = range_reader_new(fd, from, to, table_reader_encoding(p->im.in));
	csvio_reader *csv = csvio_pusher_new(table_reader_delim(p->im.in), fast_row, p);
	const char *block;
	size_t n;
	int rc, pushed = 0;
	customer_feed_begin(p->im.feed, p->im.self);
	csvio_push_utf8(csv);
	table_reader_guard(p->im.in, csv);
	while ((rc = range_reader_next(in, &block, &n)) > 0 && !(pushed = csvio_push(csv, block, n)))
		;
	if (csvio_spanned(csv))
		give_up(p, SPANNED);
	else if (rc < 0 || pushed < 0)
		give_up(p, NOT_CLEAN);
	else if (!atomic_load(p->stop) && (rc = csvio_push_end(csv, last)) < 0)
		give_up(p, rc == -2 ? NOT_CLEAN : last ? "a quote left open" : OVER_CUT);
	customer_feed_done(p->im.feed, p->im.self);
	csvio_reader_free(csv);
	range_reader_free(in);
}

/* What the parts learned of the date and number formats must agree: each
 * began with what the options say, and a sequential read learns once. */
static const char *learned(importer *im, const struct part *p, size_t n)
{
	int slash = im->slash, decimal = im->decimal;
	struct currency_counts all = im->st.currencies;
	for (size_t i = 0; i < n; i++) {
		if (currency_counts_merge(&all, &p[i].im.st.currencies) < 0)
			return "the parts name more currencies together than are counted";
		if (p[i].im.slash != im->slash) {
			if (slash != im->slash && slash != p[i].im.slash)
				return "parts of the file tell different date formats";
			slash = p[i].im.slash;
		}
		if (p[i].im.decimal != im->decimal) {
			if (decimal != im->decimal && decimal != p[i].im.decimal)
				return "parts of the file tell different decimal marks";
			decimal = p[i].im.decimal;
		}
	}
	im->slash = slash;
	im->decimal = decimal;
	return NULL;
}

static void add_stats(struct import_stats *to, const struct import_stats *s)
{
	to->read += s->read;
	to->accepted += s->accepted;
	to->rejected += s->rejected;
	to->filtered += s->filtered;
	to->no_id += s->no_id;
	to->excluded += s->excluded;
	to->not_included += s->not_included;
	to->returns += s->returns;
	to->duplicates += s->duplicates;
	to->after_as_of += s->after_as_of;
	to->holdout += s->holdout;
	currency_counts_merge(&to->currencies, &s->currencies); /* there is room: learned() said */
}

static int fast_path_fits(const importer *im)
{
	return im->o.threads > 0 && !im->o.transactions && !im->seen && customer_count(im->table) == 0 &&
	       im->o.skip_footer == 0 && table_reader_data_offset(im->in) >= 0;
}

/* NULL if the rows were read the fast way, else why they are still to be read. */
static const char *read_fast(importer *im)
{
	struct stat st;
	size_t n = (size_t)im->o.threads, k;
	struct part *parts;
	void **ctx;
	atomic_int stop = 0;
	const char *why = NULL;
	customer_feed *feed;
	if (!fast_path_fits(im) || fstat(table_reader_fd(im->in), &st) != 0)
		return NOT_TRIED;
	parts = xcalloc_lines(n, sizeof *parts);
	ctx = xcalloc(n, sizeof *ctx);
	feed = customer_feed_new(im->table, n);
	for (size_t i = 0; i < n; i++) {
		parts[i].im = *im;
		memset(&parts[i].im.st, 0, sizeof parts[i].im.st);
		parts[i].im.spread = xcalloc_lines(1, sizeof *parts[i].im.spread);
		parts[i].im.trail = NULL; /* the footer is the whole file's: held by im */
		parts[i].im.ntrail = parts[i].im.captrail = 0;
		parts[i].im.delay = NULL;
		parts[i].im.ndelay = parts[i].im.capdelay = 0;
		parts[i].im.feed = feed; /* every part fills the one table */
		parts[i].im.magnitude = 0;
		parts[i].im.self = i;
		parts[i].stop = &stop;
		ctx[i] = &parts[i];
	}
	k = threads_split_file(table_reader_fd(im->in), table_reader_data_offset(im->in), (long long)st.st_size, n, read_part, ctx);
	for (size_t i = 0; i < k && !why; i++)
		why = parts[i].why;
	if (customer_feed_end(feed) && !why)
		why = CANNOT_TAKE; /* a sum out of range: the line-by-line read tells which line */
	if (!why)
		why = learned(im, parts, k);
	for (size_t i = 0; i < k && !why; i++) {
		add_stats(&im->st, &parts[i].im.st);
		if (__builtin_add_overflow(im->magnitude, parts[i].im.magnitude, &im->magnitude))
			im->magnitude = UINT64_MAX;
		date_spread_merge(im->spread, parts[i].im.spread);
	}
	for (size_t i = 0; i < n; i++)
		date_spread_free(parts[i].im.spread);
	if (why)
		customer_table_clear(im->table);
	else if (im->o.verbose)
		err_warn("%s: read in %zu part%s on as many threads", table_reader_name(im->in), k, k == 1 ? "" : "s");
	free(parts);
	free(ctx);
	return why;
}

/* ---- one input --------------------------------------------------------- */

static void say_mapping(importer *im)
{
	err_warn("%s: %s, %zu columns", table_reader_name(im->in), table_reader_describe(im->in), table_reader_ncols(im->in));
	for (int r = 0; r < ROLE_N; r++)
		if (im->map.col[r] >= 0)
			err_warn("%s: %s = column %ld '%s'%s", table_reader_name(im->in), column_roles_role_name(r),
				 im->map.col[r] + 1, table_reader_colname(im->in, (size_t)im->map.col[r]),
				 im->map.guessed[r] ? " (recognised)" : "");
}

static int resolve_rules(importer *im, struct rule *rules, size_t n, const char *opt, cm_error *e)
{
	const char *const *names = table_reader_colnames(im->in);
	size_t ncols = table_reader_ncols(im->in);
	for (size_t i = 0; i < n; i++) {
		rules[i].index = column_roles_find(rules[i].col, names, ncols, e);
		if (rules[i].index < 0) {
			cm_error inner = *e;
			if (rules[i].index == -2)
				return err_set(e, "%s: %s", table_reader_name(im->in), inner.msg);
			return err_set(e, "%s: no column '%s' for %s", table_reader_name(im->in), rules[i].col, opt);
		}
	}
	return 0;
}

/* --cost NAME=COLUMN: the columns; and with -v, columns that look like costs
 * but are not taken (a discount already off the net amount must not count twice). */
static int resolve_costs(importer *im, cm_error *e)
{
	static const char *const looks[] = {"rabatt", "fracht", "skonto", "bonus", "discount", "freight", "shipping",
					    "versand", "porto", NULL};
	const char *const *names = table_reader_colnames(im->in);
	size_t ncols = table_reader_ncols(im->in);
	for (size_t i = 0; i < im->o.ncosts; i++) {
		im->costs[i].index = column_roles_find(im->costs[i].value, names, ncols, e);
		if (im->costs[i].index < 0) {
			cm_error inner = *e;
			if (im->costs[i].index == -2)
				return err_set(e, "%s: %s", table_reader_name(im->in), inner.msg);
			return err_set(e, "%s: no column '%s' for --cost %s", table_reader_name(im->in),
				       im->costs[i].value, im->costs[i].col);
		}
	}
	for (size_t c = 0; c < ncols && im->o.verbose; c++) {
		int taken = 0;
		for (size_t i = 0; i < im->o.ncosts; i++)
			taken |= im->costs[i].index == (long)c;
		for (int k = 0; looks[k] && !taken; k++)
			if (strncasecmp(names[c], looks[k], strlen(looks[k])) == 0) {
				err_warn("%s: column '%s' looks like a cost; --cost NAME='%s' would take it off db2",
					 table_reader_name(im->in), names[c], names[c]);
				break;
			}
	}
	return 0;
}

/* A role recognised among several candidates: said, so the choice is never
 * silent, and an error under --strict.  0 or -1. */
static int say_also(importer *im, int role, cm_error *e)
{
	if (!im->map.guessed[role])
		return 0;
	return column_roles_say_also(table_reader_name(im->in), column_roles_role_name(role), table_reader_colnames(im->in),
				     im->map.col[role], im->map.also[role], im->o.strict, im->o.quiet, e);
}

static int map_columns(importer *im, cm_error *e)
{
	cm_error inner;
	int rc = column_roles_resolve(&im->map, im->o.given, table_reader_colnames(im->in), table_reader_ncols(im->in), &inner);
	if (rc < 0)
		return err_set(e, "%s: %s", table_reader_name(im->in), inner.msg);
	if (im->o.by_order && im->map.col[ROLE_ORDER] < 0)
		return err_set(e, "%s: --occasion order needs an order column; name it with --order",
			       table_reader_name(im->in));
	if (im->map.col[ROLE_AMOUNT] < 0 && (im->map.col[ROLE_QUANTITY] < 0 || im->map.col[ROLE_PRICE] < 0)) {
		if (im->o.strict)
			return err_set(e, "%s: no amount column (nor quantity and price); name one with --amount "
					  "(--strict)", table_reader_name(im->in));
		err_warn("%s: no amount column (nor quantity and price): revenue will be 0; name one "
			 "with --amount", table_reader_name(im->in));
	}
	for (int r = 0; r < ROLE_N; r++)
		if (say_also(im, r, e) < 0)
			return -1;
	for (int r = 0; r < ROLE_N; r++)
		im->used[r] |= im->map.col[r] >= 0;
	if (im->used[ROLE_CHANNEL] || im->used[ROLE_CATEGORY] || im->used[ROLE_NAME])
		customer_profiles_paired(im->table);
	if (resolve_rules(im, im->filters, im->o.nfilters, "--filter", e) < 0 ||
	    resolve_rules(im, im->excludes, im->o.nexcludes, "--exclude", e) < 0 || resolve_costs(im, e) < 0)
		return -1;
	if (im->o.verbose)
		say_mapping(im);
	return 0;
}

/* --skip-footer N: a row is taken when N more have been read after it; the
 * last N of the file are never taken.  Without it, at once. */
static int delayed(importer *im, const cm_record *r, cm_error *e)
{
	cm_record oldest;
	int rc;
	if (im->o.skip_footer <= 0)
		return take(im, r, 0, e);
	xgrow((void **)&im->delay, &im->capdelay, im->ndelay + 1, sizeof *im->delay);
	copy_row(&im->delay[im->ndelay++], r);
	if ((long)im->ndelay <= im->o.skip_footer)
		return 0;
	held_record(&im->delay[0], &oldest);
	rc = take(im, &oldest, 0, e);
	free_row(&im->delay[0]);
	memmove(im->delay, im->delay + 1, --im->ndelay * sizeof *im->delay);
	return rc; /* when the run stops, import_file uncounts the rows still kept back */
}

/* The rows --skip-footer kept back at the end of a file: its footer. */
static void delay_end(importer *im)
{
	im->st.read -= (long)im->ndelay;
	im->st.footer += (long)im->ndelay;
	for (size_t i = 0; i < im->ndelay; i++)
		free_row(&im->delay[i]);
	im->ndelay = 0;
}

static int next_rows(importer *im, cm_error *e)
{
	cm_record r;
	int rc;
	for (;;) {
		rc = table_reader_next(im->in, &r, e);
		if (rc == TABLE_EOF) {
			delay_end(im);
			rc = im->nheld ? replay(im, HELD_AT_END, e) : 0;
			if (rc == 0)
				trail_end(im);
			return rc;
		}
		if (rc == TABLE_ERROR)
			return -1;
		im->st.read++;
		if (rc == TABLE_BADROW) {
			cm_error inner = *e;
			if ((im->ntrail > 0 && trail_flush(im, 1, e) < 0) || reject(im, &r, inner.msg, NULL, -1, e) < 0)
				return -1;
			continue;
		}
		if (delayed(im, &r, e) < 0)
			return -1;
	}
}

/* Line by line: into the table through a feed (its lookups a batch at a
 * time, misses overlapping) until a line could be refused. */
static int read_rows(importer *im, cm_error *e)
{
	int rc;
	if (!im->o.transactions) {
		im->lines = customer_feed_new(im->table, 1);
		customer_feed_begin(im->lines, 0);
	}
	rc = next_rows(im, e);
	lines_end(im);
	return rc;
}

/* The rows, the fast way if it can be done, else line by line (-v says why). */
static int read_data(importer *im, cm_error *e)
{
	long rejected = im->st.rejected, footer = im->st.footer;
	const char *why = read_fast(im);
	int rc;
	if (why == NULL)
		return 0;
	rc = read_rows(im, e);
	if (rc == 0 && im->st.rejected == rejected && why == CANNOT_TAKE) /* what the row a part could not take was */
		why = im->st.footer > footer ? "a footer below the rows" : OVER_CUT;
	if (im->o.verbose && why != NOT_TRIED)
		err_warn("%s: read line by line on one thread: %s", table_reader_name(im->in), why);
	return rc;
}

int import_file(importer *im, const char *path, cm_error *e)
{
	int rc;
	im->in = table_reader_open(path, &im->o.in, e);
	if (!im->in)
		return -1;
	im->slash = im->o.slash;
	im->decimal = im->o.decimal;
	im->st.title += table_reader_title_lines(im->in);
	if (im->o.verbose && table_reader_guessed(im->in) == 1)
		err_warn("%s: read as Windows-1252: the text is not valid UTF-8 (--encoding says which)",
			 table_reader_name(im->in));
	if (im->o.verbose && table_reader_title_lines(im->in) > 0)
		err_warn("%s: %ld line%s above the header skipped as a title", table_reader_name(im->in),
			 table_reader_title_lines(im->in), table_reader_title_lines(im->in) == 1 ? "" : "s");
	rc = map_columns(im, e);
	if (rc == 0 && im->o.transactions && !im->declared)
		declare_transactions(im);
	if (rc == 0) {
		long before = im->st.read, rejected = im->st.rejected;
		cm_error gz;
		rc = read_data(im, e);
		if (rc < 0 && im->st.rejected > rejected && table_reader_check_rest(im->in, &gz) < 0) {
			char row[sizeof e->msg];
			snprintf(row, sizeof row, "%s", e->msg);
			rc = err_set(e, "%s; the row refused before it may be garbled by the damage (%s)", gz.msg, row);
		}
		if (rc == 0 && im->st.read == before && !im->o.allow_empty)
			rc = err_set(e, "%s: no data rows, only a header (an export cut short? "
					"--allow-empty accepts it)", path && strcmp(path, "-") ? path : "<stdin>");
	}
	if (im->o.verbose && table_reader_guessed(im->in) > 1)
		err_warn("%s: read as Windows-1252 from line %ld: the text is not valid UTF-8 (--encoding says which)",
			 table_reader_name(im->in), table_reader_guessed(im->in));
	if (rc == 0 && table_reader_extra_keys(im->in) > 0 && im->o.strict)
		rc = err_set(e, "%s: %ld value%s under keys that the first object lacks (--strict)", table_reader_name(im->in),
			     table_reader_extra_keys(im->in), table_reader_extra_keys(im->in) == 1 ? "" : "s");
	else if (rc == 0 && table_reader_extra_keys(im->in) > 0)
		err_warn("%s: %ld value%s under keys that the first object lacks ignored", table_reader_name(im->in),
			 table_reader_extra_keys(im->in), table_reader_extra_keys(im->in) == 1 ? "" : "s");
	im->st.read -= (long)(im->nheld + im->ntrail + im->ndelay); /* held when the run stopped: never taken */
	trail_free(im);
	for (size_t i = 0; i < im->ndelay; i++)
		free_row(&im->delay[i]);
	im->ndelay = 0;
	free_held(im->held, im->nheld);
	im->held = NULL;
	im->nheld = im->capheld = im->heldbytes = 0;
	table_reader_close(im->in);
	im->in = NULL;
	return rc;
}

int import_finish(importer *im, cm_error *e)
{
	int rc = 0;
	if (im->rejfile) {
		table_writer_free(im->rej);
		im->rej = NULL;
		/* The reject file is kept even when the run fails: it says why. */
		rc = fileio_close_out(im->rejfile, 1, e);
		im->rejfile = NULL;
	}
	return rc;
}

void import_free(importer *im)
{
	if (!im)
		return;
	if (im->rejfile)
		fileio_close_out(im->rejfile, 0, NULL);
	table_writer_free(im->rej);
	table_reader_close(im->in);
	free_held(im->held, im->nheld);
	free(im->trail);
	free(im->delay);
	free_rules(im->filters, im->o.nfilters);
	free_rules(im->excludes, im->o.nexcludes);
	free_rules(im->costs, im->o.ncosts);
	fingerprint_set_free(im->seen);
	free(im->recbuf);
	date_spread_free(im->spread);
	free(im);
}
