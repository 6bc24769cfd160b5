/* contract_import — see contract_import.h. */
#include "customers/contract_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/text_store.h"
#include "customers/column_roles.h"
#include "customers/customer.h"
#include "io/date.h"
#include "io/num.h"

/* Known column names, normalised (column_roles.h), in the order of preference. */
static const char *const known[CONTRACT_COLS][24] = {
	[CC_START] = {"contractstart", "startdate", "start", "begin", "begindate", "since", "membersince",
		      "subscribedat", "vertragsbeginn", "beginn", "vertragsstart", "eintrittsdatum", "eintritt",
		      "mitgliedseit", "abonniertam", NULL},
	[CC_END] = {"contractend", "enddate", "end", "cancellationdate", "cancelledat", "canceledat", "cancelledon",
		    "churndate", "vertragsende", "ende", "kuendigungsdatum", "kndigungsdatum", "austrittsdatum",
		    "austritt", "gekuendigtzum", "gekndigtzum", NULL},
	[CC_STATUS] = {"status", "contractstatus", "subscriptionstatus", "state", "vertragsstatus", "zustand", NULL},
	[CC_FEE] = {"periodmargin", "fee", "periodfee", "monthlyfee", "annualfee", "price", "beitrag", "gebuehr",
		    "gebhr", "monatsbeitrag", "jahresbeitrag", "preis", NULL},
};
static const char *const col_names[CONTRACT_COLS] = {"id", "start", "end", "status", "fee"};

const char *contract_col_name(int col) { return col_names[col]; }

const char *contract_unit_name(int unit)
{
	return unit == CONTRACT_YEAR ? "year" : unit == CONTRACT_WEEK ? "week" : "month";
}

struct held {                      /* a contract as read, its cells kept */
	const char *cell[CONTRACT_COLS]; /* NULL: no such column */
	size_t len[CONTRACT_COLS];
	size_t file;
	long line;
};

struct contract {                  /* a contract as taken */
	const char *id;
	size_t idlen;
	int32_t start, end;            /* end DAY_NONE: none */
	int status;                    /* 1 runs, 0 ended, -1 not said */
	int64_t fee;
	int has_fee;
	char cur[4];                   /* the fee's currency, "" when it names none */
	long line;
	size_t file;
};

struct run {
	const struct contract_opts *o;
	char **names;                  /* per file: its name in messages (<stdin> for -) */
	char ***colnames;              /* per file: the column names of each role, NULL when absent */
	struct contract_stats *st;
	text_store *text;
	struct held *rows;
	size_t n, cap;
	struct contract *c;
	size_t nc;
	int slash, decimal, has_fee;
	char cur[4];                   /* the fees' currency, once one names it */
	int stopped;                   /* a bad row stopped the run */
};

enum { ROW_STOP = -1, ROW_OK = 0, ROW_SKIP = 1 };

/* A row that cannot be taken: ROW_STOP (message in e), or with skip_errors
 * ROW_SKIP (said, and counted as rejected). */
static int bad(struct run *r, size_t file, long line, int col, const char *why, const char *value, cm_error *e)
{
	char msg[512];
	const char *name = col >= 0 && r->colnames[file][col] ? r->colnames[file][col] : "";
	if (col >= 0)
		snprintf(msg, sizeof msg, "%s:%ld: %s '%.60s' in column '%s'", r->names[file], line, why, value ? value : "",
			 name);
	else
		snprintf(msg, sizeof msg, "%s:%ld: %s", r->names[file], line, why);
	if (!r->o->skip_errors) {
		err_set(e, "%s", msg);
		r->stopped = 1;
		return ROW_STOP;
	}
	err_warn("%s (row skipped)", msg);
	r->st->rejected++;
	return ROW_SKIP;
}

/* ---- reading: the rows held, the formats learned ------------------------ */

/* A fee column named yearly (Jahresbeitrag, annual_fee) with periods of a
 * month, or monthly with periods of a year: said (period_margin is the margin
 * of one period), an error under strict. */
static int fee_period_differs(const char *name, int unit, int strict, const char *file, cm_error *e)
{
	static const char *const yearly[] = {"jahr", "annual", "year", NULL}, *const monthly[] = {"monat", "month", NULL};
	const char *const *words = unit == CONTRACT_YEAR ? monthly : yearly;
	char low[128];
	size_t k = 0;
	for (; name[k] && k + 1 < sizeof low; k++)
		low[k] = (char)((name[k] >= 'A' && name[k] <= 'Z') ? name[k] + 32 : name[k]);
	low[k] = 0;
	for (int i = 0; words[i]; i++)
		if (strstr(low, words[i])) {
			if (strict)
				return err_set(e, "%s: the fee column '%s' is not per %s, the period (--period; --strict)", file,
					       name, contract_unit_name(unit));
			err_warn("%s: the fee column '%s' does not look like a fee per %s, the period: give --period %s if "
				 "it is", file, name, contract_unit_name(unit), unit == CONTRACT_YEAR ? "month" : "year");
			return 0;
		}
	return 0;
}

static int find_cols(struct run *r, table_reader *in, size_t file, long col[CONTRACT_COLS], cm_error *e)
{
	const char *const *names = table_reader_colnames(in);
	size_t n = table_reader_ncols(in);
	long also[CONTRACT_COLS][COLUMN_ROLES_ALSO];
	cm_error inner;
	col[CC_ID] = r->o->given[CC_ID] ? column_roles_pick(r->o->given[CC_ID], NULL, "id", names, n, also[CC_ID], &inner)
					: column_roles_recognise(ROLE_ID, names, n, &inner);
	for (int k = CC_START; k < CONTRACT_COLS; k++)
		col[k] = -1;
	for (int k = CC_START; k < CONTRACT_COLS && col[CC_ID] >= 0; k++)
		if ((col[k] = column_roles_pick(r->o->given[k], known[k], col_names[k], names, n, also[k], &inner)) == -2)
			break;
	for (int k = 0; k < CONTRACT_COLS; k++)
		if (col[k] == -2)
			return err_set(e, "%s: %s", r->names[file], inner.msg);
	if (col[CC_ID] < 0)
		return err_set(e, "%s: no customer id column found; name it with --id", r->names[file]);
	if (col[CC_START] < 0)
		return err_set(e, "%s: no contract start column found (contract_start, start_date, Vertragsbeginn, "
				  "...); name it with --start", r->names[file]);
	r->colnames[file] = xcalloc(CONTRACT_COLS, sizeof *r->colnames[file]);
	for (int k = 0; k < CONTRACT_COLS; k++)
		if (col[k] >= 0)
			r->colnames[file][k] = xstrdup(names[col[k]]);
	r->has_fee |= col[CC_FEE] >= 0;
	for (int k = CC_START; k < CONTRACT_COLS; k++)
		if (!r->o->given[k] && column_roles_say_also(r->names[file], col_names[k], names, col[k], also[k],
							     r->o->strict, r->o->quiet, e) < 0)
			return -1;
	if (col[CC_FEE] >= 0 && fee_period_differs(names[col[CC_FEE]], r->o->unit, r->o->strict, r->names[file], e) < 0)
		return -1;
	if (r->o->verbose) {
		char said[1024];
		size_t k = 0;
		for (int i = 0; i < CONTRACT_COLS; i++)
			k += (size_t)snprintf(said + k, sizeof said - k, "%s%s = %s%s%s", i ? ", " : "", col_names[i],
					      col[i] >= 0 ? "'" : "", col[i] >= 0 ? names[col[i]] : "none",
					      col[i] >= 0 ? "'" : "");
		err_warn("%s: %s", r->names[file], said);
	}
	return 0;
}

static void learn(struct run *r, const struct held *h)
{
	for (int k = CC_START; k <= CC_END && r->slash == DATE_SLASH_UNKNOWN; k++)
		if (h->cell[k])
			r->slash = date_slash_hint(h->cell[k], h->len[k]);
	if (r->decimal == NUM_AUTO && h->cell[CC_FEE])
		r->decimal = num_decimal_hint(h->cell[CC_FEE], h->len[CC_FEE]);
}

static void hold(struct run *r, const cm_record *rec, const long col[CONTRACT_COLS], size_t file)
{
	struct held *h;
	xgrow((void **)&r->rows, &r->cap, r->n + 1, sizeof *r->rows);
	h = &r->rows[r->n++];
	memset(h, 0, sizeof *h);
	h->file = file;
	h->line = rec->line;
	for (int k = 0; k < CONTRACT_COLS; k++)
		if (col[k] >= 0) {
			const char *s = rec->f[col[k]];
			size_t n = rec->len[col[k]];
			while (n > 0 && (*s == ' ' || *s == '\t'))
				s++, n--;
			while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
				n--;
			h->cell[k] = text_store_copy(r->text, s, n);
			h->len[k] = n;
		}
	learn(r, h);
}

/* Is a held row a footer line: no start date, and no id or a word of totals? */
static int footer_like(const struct held *h)
{
	static const char *const words[] = {"summe", "total", "gesamt", "anzahl", "count", "seite", "page", "stand", NULL};
	int32_t day;
	if (h->len[CC_START] && date_parse(h->cell[CC_START], h->len[CC_START], DATE_SLASH_DMY, &day) == DATE_OK)
		return 0;
	if (h->len[CC_ID] == 0)
		return 1;
	for (int i = 0; words[i]; i++)
		if (strncasecmp(h->cell[CC_ID], words[i], strlen(words[i])) == 0)
			return 1;
	return 0;
}

/* The last rows of a file that are its footer: --skip-footer's N, else the
 * footer-like rows at its end (at most ten); not rows, counted apart. */
static void drop_footer(struct run *r, size_t first)
{
	long n = 0;
	if (r->o->skip_footer > 0)
		n = r->n - first < (size_t)r->o->skip_footer ? (long)(r->n - first) : r->o->skip_footer;
	else
		while (n < 10 && r->n - (size_t)n > first && footer_like(&r->rows[r->n - (size_t)n - 1]))
			n++;
	r->n -= (size_t)n;
	r->st->read -= n;
	r->st->footer += n;
}

static int read_file(struct run *r, size_t file, const char *const *paths, cm_error *e)
{
	table_reader *in = table_reader_open(paths[file], &r->o->in, e);
	long col[CONTRACT_COLS];
	cm_record rec;
	size_t first;
	int rc;
	if (!in)
		return -1;
	r->names[file] = xstrdup(table_reader_name(in));
	if (find_cols(r, in, file, col, e) < 0) {
		table_reader_close(in);
		return -1;
	}
	first = r->n;
	while ((rc = table_reader_next(in, &rec, e)) != TABLE_EOF && rc != TABLE_ERROR) {
		r->st->read++;
		if (rc == TABLE_BADROW) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			rc = bad(r, file, rec.line, -1, why, NULL, e);
		} else if (rec.n != table_reader_ncols(in)) {
			char why[64];
			snprintf(why, sizeof why, "expected %zu fields, found %zu", table_reader_ncols(in), rec.n);
			rc = bad(r, file, rec.line, -1, why, NULL, e);
		} else {
			hold(r, &rec, col, file);
			rc = ROW_OK;
		}
		if (rc == ROW_STOP)
			break;
	}
	r->st->title += table_reader_title_lines(in);
	table_reader_close(in);
	if (rc >= 0)
		drop_footer(r, first);
	return rc < 0 ? -1 : 0;
}

/* ---- taking the rows ---------------------------------------------------- */

int contract_status_of(const char *raw)
{
	char s[64];
	size_t k = 0;
	for (; raw[k] && k + 1 < sizeof s; k++) /* Ä Ö Ü as ä ö ü: strcasecmp folds ASCII only */
		s[k] = k > 0 && (unsigned char)raw[k - 1] == 0xC3 && (raw[k] == '\x84' || raw[k] == '\x96' || raw[k] == '\x9C')
			       ? (char)(raw[k] + 0x20)
			       : raw[k];
	s[k] = 0;
	static const char *const runs[] = {"active", "aktiv", "laufend", "running", "current", "yes", "ja", "1",
					   "true", "y", "j", NULL};
	static const char *const ended[] = {"cancelled", "canceled", "gekündigt", "gekuendigt", "ended", "beendet",
					    "churned", "inactive", "inaktiv", "terminated", "expired", "abgelaufen",
					    "no", "nein", "0", "false", "n", NULL};
	for (int i = 0; runs[i]; i++)
		if (strcasecmp(s, runs[i]) == 0)
			return 1;
	for (int i = 0; ended[i]; i++)
		if (strcasecmp(s, ended[i]) == 0)
			return 0;
	return -1;
}

/* A date cell into *day (DAY_NONE when empty and not the start). */
static int date_cell(struct run *r, const struct held *h, int k, int32_t *day, cm_error *e)
{
	int rc;
	*day = DAY_NONE;
	if (!h->cell[k] || h->len[k] == 0)
		return k == CC_START ? bad(r, h->file, h->line, k, "missing date", "", e) : ROW_OK;
	rc = date_parse(h->cell[k], h->len[k], r->slash, day);
	if (rc == DATE_OK)
		return ROW_OK;
	return bad(r, h->file, h->line, k,
		   rc == DATE_AMBIGUOUS ? "ambiguous date (no value tells the order; give --date-format)" : "invalid date",
		   h->cell[k], e);
}

static int fee_cell(struct run *r, const struct held *h, struct contract *c, cm_error *e)
{
	int rc;
	if (!h->cell[CC_FEE] || h->len[CC_FEE] == 0)
		return ROW_OK;
	rc = num_parse_money(h->cell[CC_FEE], h->len[CC_FEE], r->decimal, &c->fee, c->cur);
	if (rc == NUM_OK && c->cur[0] && r->cur[0] && strcmp(c->cur, r->cur) != 0) {
		char why[96];
		snprintf(why, sizeof why, "a fee in %s after fees in %s (convert the fees to one currency):", c->cur, r->cur);
		return bad(r, h->file, h->line, CC_FEE, why, h->cell[CC_FEE], e);
	}
	if (rc == NUM_OK && c->cur[0])
		memcpy(r->cur, c->cur, sizeof r->cur);
	if (rc != NUM_OK || c->fee < 0)
		return bad(r, h->file, h->line, CC_FEE,
			   rc == NUM_AMBIGUOUS ? "ambiguous number (give --decimal-comma or --decimal-point)"
			   : rc == NUM_OK	? "negative fee"
						: "invalid number",
			   h->cell[CC_FEE], e);
	c->has_fee = 1;
	return ROW_OK;
}

/* A held row into a contract. */
static int take(struct run *r, const struct held *h, struct contract *c, cm_error *e)
{
	int rc;
	memset(c, 0, sizeof *c);
	c->line = h->line;
	c->file = h->file;
	c->id = h->cell[CC_ID];
	c->idlen = customer_clean_id(&c->id, h->len[CC_ID], r->o->keep_id);
	if (c->idlen == 0)
		return bad(r, h->file, h->line, CC_ID, "missing customer id", "", e);
	if (customer_id_lost_digits(c->id, c->idlen))
		return bad(r, h->file, h->line, CC_ID, "customer id in scientific notation", h->cell[CC_ID], e);
	if ((rc = date_cell(r, h, CC_START, &c->start, e)) != ROW_OK || (rc = date_cell(r, h, CC_END, &c->end, e)) != ROW_OK ||
	    (rc = fee_cell(r, h, c, e)) != ROW_OK)
		return rc;
	c->status = h->cell[CC_STATUS] && h->len[CC_STATUS] ? contract_status_of(h->cell[CC_STATUS]) : -1;
	if (h->cell[CC_STATUS] && h->len[CC_STATUS] && c->status < 0)
		return bad(r, h->file, h->line, CC_STATUS,
			   "a status neither running (active, aktiv) nor ended (cancelled, gekündigt):", h->cell[CC_STATUS], e);
	if (c->end != DAY_NONE && c->end < c->start)
		return bad(r, h->file, h->line, CC_END, "a contract that ends before it starts:", h->cell[CC_END], e);
	return ROW_OK;
}

/* The latest start or end date up to today: the state the export shows. */
static int32_t default_as_of(const struct run *r)
{
	int32_t today = (int32_t)(time(NULL) / 86400), latest = DAY_NONE;
	for (size_t i = 0; i < r->nc; i++) {
		int32_t d[2] = {r->c[i].start, r->c[i].end};
		for (int k = 0; k < 2; k++)
			if (d[k] != DAY_NONE && d[k] <= today && (latest == DAY_NONE || d[k] > latest))
				latest = d[k];
	}
	return latest;
}

#define FAR_AHEAD 3653 /* days: ten years */

/* Does the contract run at the as-of date (*runs)?  Its status and dates
 * may disagree: a bad row. */
static int runs_at(struct run *r, const struct contract *c, int32_t as_of, int *runs, cm_error *e)
{
	char day[11];
	if (c->status == 1 && c->end != DAY_NONE && c->end <= as_of) {
		date_format(c->end, day);
		return bad(r, c->file, c->line, CC_END, "a running contract that ended by the as-of date:", day, e);
	}
	if (c->status == 0 && c->end == DAY_NONE)
		return bad(r, c->file, c->line, CC_END, "an ended contract without its end date:", "", e);
	if (c->end != DAY_NONE && c->end > as_of + FAR_AHEAD) {
		date_format(c->end, day);
		return bad(r, c->file, c->line, CC_END, "an end more than ten years after the as-of date (a placeholder?):",
			   day, e);
	}
	*runs = c->status >= 0 ? c->status : c->end == DAY_NONE || c->end > as_of;
	return ROW_OK;
}

/* ---- periods ------------------------------------------------------------ */

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : days[m - 1];
}

/* Whole periods from a to b (b >= a), and whether b lies on a boundary. */
static long whole_periods(int unit, int32_t a, int32_t b, int *exact)
{
	int ya, ma, da, yb, mb, db;
	long months;
	if (unit == CONTRACT_WEEK) {
		*exact = (b - a) % 7 == 0;
		return (b - a) / 7;
	}
	date_ymd(a, &ya, &ma, &da);
	date_ymd(b, &yb, &mb, &db);
	if (da > days_in_month(yb, mb)) /* started on the 31st: the month's last day is its day */
		da = days_in_month(yb, mb);
	months = (long)(yb - ya) * 12 + (mb - ma) - (db < da);
	*exact = db == da;
	if (unit == CONTRACT_YEAR) {
		*exact = *exact && months % 12 == 0;
		return months / 12;
	}
	return months;
}

/* The periods of a customer from start: to as-of if still there (the
 * current one included), else to its end (the one it ends in). */
static long periods(int unit, int32_t start, int32_t end, int active, int32_t as_of)
{
	int exact;
	long n;
	if (active)
		return whole_periods(unit, start, as_of, &exact) + 1;
	n = whole_periods(unit, start, end, &exact);
	n += !exact;
	return n < 1 ? 1 : n;
}

/* ---- the table ---------------------------------------------------------- */

static int by_id_then_start(const void *a, const void *b)
{
	const struct contract *x = a, *y = b;
	size_t n = x->idlen < y->idlen ? x->idlen : y->idlen;
	int c = memcmp(x->id, y->id, n);
	if (c != 0)
		return c;
	if (x->idlen != y->idlen)
		return x->idlen < y->idlen ? -1 : 1;
	if (x->start != y->start)
		return (x->start > y->start) - (x->start < y->start);
	if (x->end != y->end) /* the same start: by the content, never the rows' order */
		return (x->end > y->end) - (x->end < y->end);
	if (x->status != y->status)
		return (x->status > y->status) - (x->status < y->status);
	if (x->has_fee != y->has_fee)
		return x->has_fee - y->has_fee;
	return (x->fee > y->fee) - (x->fee < y->fee);
}

static void declare(const struct run *r, table_writer *out)
{
	table_writer_column(out, "customer_id", 0);
	table_writer_column(out, "start_date", 0);
	table_writer_column(out, "end_date", 0);
	table_writer_column(out, "periods", 1);
	table_writer_column(out, "active", 1);
	if (r->has_fee)
		table_writer_column(out, "period_margin", 1);
	table_writer_column(out, "period_unit", 0);
	if (r->cur[0])
		table_writer_column(out, "currency", 0);
	table_writer_header(out);
}

static void put_day(table_writer *out, int32_t day)
{
	char buf[11];
	if (day == DAY_NONE) {
		table_writer_cell(out, "", 0);
		return;
	}
	date_format(day, buf);
	table_writer_cstr(out, buf);
}

/* One customer: contracts c[0..n) (sorted by start), each with its run flag in act[]. */
static void write_customer(const struct run *r, const struct contract *c, const int *act, size_t n, table_writer *out)
{
	int32_t end = DAY_NONE;
	int active = 0;
	char buf[32];
	for (size_t i = 0; i < n; i++) {
		active |= act[i];
		if (!act[i] && (end == DAY_NONE || c[i].end > end))
			end = c[i].end;
	}
	table_writer_cell(out, c[0].id, c[0].idlen);
	put_day(out, c[0].start);
	put_day(out, active ? DAY_NONE : end);
	snprintf(buf, sizeof buf, "%ld", periods(r->o->unit, c[0].start, end, active, r->st->as_of));
	table_writer_cstr(out, buf);
	table_writer_cstr(out, active ? "1" : "0");
	if (r->has_fee) { /* the latest contract's fee that is given */
		size_t k = n;
		while (k > 0 && !c[k - 1].has_fee)
			k--;
		table_writer_plain_end(out, k ? num_format(c[k - 1].fee, table_writer_plain(out, 32)) : 0);
	}
	table_writer_cstr(out, contract_unit_name(r->o->unit));
	if (r->cur[0])
		table_writer_cstr(out, r->cur);
	table_writer_end_row(out);
	r->st->customers++;
	r->st->active += active;
}

/* The contracts that started by the as-of date, each with whether it runs
 * (run[]), sorted; the bad ones left out.  -1 to stop. */
static int keep_started(struct run *r, int *act, cm_error *e)
{
	size_t k = 0;
	for (size_t i = 0; i < r->nc; i++) {
		int rc, runs = 0;
		if (r->c[i].start > r->st->as_of) {
			r->st->filtered++;
			continue;
		}
		if ((rc = runs_at(r, &r->c[i], r->st->as_of, &runs, e)) == ROW_STOP)
			return -1;
		if (rc == ROW_SKIP)
			continue;
		r->c[i].status = runs; /* from here on: runs at as-of */
		r->c[k++] = r->c[i];
	}
	r->nc = k;
	qsort(r->c, r->nc, sizeof *r->c, by_id_then_start);
	for (size_t i = 0; i < r->nc; i++)
		act[i] = r->c[i].status;
	r->st->accepted = (long)r->nc;
	return 0;
}

static int take_all(struct run *r, cm_error *e)
{
	r->c = xcalloc(r->n + 1, sizeof *r->c);
	for (size_t i = 0; i < r->n; i++) {
		int rc = take(r, &r->rows[i], &r->c[r->nc], e);
		if (rc == ROW_STOP)
			return -1;
		r->nc += rc == ROW_OK;
	}
	return 0;
}

static void write_all(struct run *r, const int *act, table_writer *out)
{
	declare(r, out);
	for (size_t i = 0; i < r->nc;) {
		size_t j = i + 1;
		while (j < r->nc && r->c[j].idlen == r->c[i].idlen && memcmp(r->c[j].id, r->c[i].id, r->c[i].idlen) == 0)
			j++;
		write_customer(r, &r->c[i], &act[i], j - i, out);
		i = j;
	}
}

static void run_free(struct run *r, size_t npaths)
{
	for (size_t f = 0; f < npaths; f++) {
		for (int k = 0; r->colnames[f] && k < CONTRACT_COLS; k++)
			free(r->colnames[f][k]);
		free(r->colnames[f]);
	}
	for (size_t f = 0; f < npaths; f++)
		free(r->names[f]);
	free(r->names);
	free(r->colnames);
	free(r->rows);
	free(r->c);
	text_store_free(r->text);
}

int contract_import(const struct contract_opts *o, const char *const *paths, size_t npaths, table_writer *out,
		    struct contract_stats *st, cm_error *e)
{
	struct run r;
	int *act = NULL, rc = 0;
	memset(&r, 0, sizeof r);
	memset(st, 0, sizeof *st);
	st->as_of = DAY_NONE;
	r.o = o;
	r.st = st;
	r.names = xcalloc(npaths + 1, sizeof *r.names);
	r.text = text_store_new();
	r.colnames = xcalloc(npaths + 1, sizeof *r.colnames);
	r.slash = o->slash;
	r.decimal = o->decimal;
	for (size_t f = 0; f < npaths && rc == 0; f++)
		rc = read_file(&r, f, paths, e);
	if (rc == 0 && r.n == 0 && !o->allow_empty)
		rc = err_set(e, "%s: no contracts (a header and no rows; --allow-empty takes that as none)", paths[0]);
	if (rc == 0)
		rc = take_all(&r, e);
	if (rc == 0) {
		st->as_of = o->as_of != DAY_NONE ? o->as_of : default_as_of(&r);
		if (st->as_of == DAY_NONE && r.nc > 0)
			rc = err_set(e, "%s: every contract starts after today; give --as-of", paths[0]);
	}
	if (rc == 0) {
		act = xcalloc(r.nc + 1, sizeof *act);
		rc = keep_started(&r, act, e);
	}
	if (rc == 0)
		write_all(&r, act, out);
	if (rc < 0) { /* nothing written: every row read is rejected, filtered or left unwritten */
		st->rejected += r.stopped;
		st->accepted = 0;
		st->unwritten = st->read - st->rejected - st->filtered;
	}
	free(act);
	run_free(&r, npaths);
	return rc;
}
