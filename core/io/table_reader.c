/* table_reader — see table_reader.h. */
#include "io/table_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csvio.h"
#include "io/encoding.h"
#include "io/fileio.h"
#include "io/jsonio.h"
#include "io/line_reader.h"

#define SNIFF_BYTES (1 << 16)
#define SNIFF_LINES 50

struct table_reader {
	fileio_in *in;
	line_reader *lr;
	csvio_reader *csv;
	jsonio_reader *json;
	int format, delim, enc, no_header;
	char **names;
	size_t ncols;
	char *conv;            /* line converted to UTF-8 */
	size_t convcap;
	int pending;           /* the first record is waiting (no header, JSON) */
	cm_record first;
	int at_eof;
	int ascii;             /* ENC_AUTO, only ASCII so far: the first other byte decides */
	long guessed_at;       /* the line that made it Windows-1252, 0 if none did */
	long skipped;          /* lines before the header skipped as a title (or --skip-lines) */
	size_t max_line;
	long max_field_lines;
	char describe[64];
};

/* ---- sniffing ---------------------------------------------------------- */

static int count_outside_quotes(const char *s, size_t n, char c)
{
	int quoted = 0, count = 0;
	for (size_t i = 0; i < n && s[i] != '\n'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == c && !quoted)
			count++;
	}
	return count;
}

/* Each sampled line, one after another (the last, maybe cut short, left out). */
struct sample {
	const char *line[SNIFF_LINES];
	size_t len[SNIFF_LINES], n;
};

static void sample_lines(const char *s, size_t n, struct sample *sm)
{
	const char *p = s, *end = s + n, *nl;
	sm->n = 0;
	while (sm->n < SNIFF_LINES && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		sm->line[sm->n] = p;
		sm->len[sm->n++] = (size_t)(nl - p);
		p = nl + 1;
	}
}

static int blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The count of c most lines have (above 0), and how many lines have it. */
static int modal_count(const struct sample *sm, char c, int *support)
{
	int counts[SNIFF_LINES], best = 0;
	size_t m = 0;
	*support = 0;
	for (size_t i = 0; i < sm->n; i++)
		if (!blank_line(sm->line[i], sm->len[i]))
			counts[m++] = count_outside_quotes(sm->line[i], sm->len[i], c);
	for (size_t i = 0; i < m; i++) {
		int k = 0;
		for (size_t j = 0; j < m; j++)
			k += counts[j] == counts[i];
		if (counts[i] > 0 && (k > *support || (k == *support && counts[i] > best)))
			best = counts[i], *support = k;
	}
	return best;
}

/* The delimiter most lines agree on (a title line above the header, or a
 * total below, agrees with none), and the most of it among those. */
static int sniff_delim(const struct sample *sm, const char *s, size_t n)
{
	static const char cand[] = ",;\t|";
	int best = 0, best_count = 0, best_support = 0;
	for (const char *c = cand; *c; c++) {
		int support, count = modal_count(sm, *c, &support);
		if (count > 0 && (support > best_support || (support == best_support && count > best_count))) {
			best = *c;
			best_count = count;
			best_support = support;
		}
	}
	if (best)
		return best;
	/* No delimiter: several blank-separated words are aligned columns. */
	for (size_t i = 0; i < n && s[i] != '\n'; i++)
		if ((s[i] == ' ' || s[i] == '\t') && i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t' &&
		    s[i + 1] != '\n' && s[i + 1] != '\r') {
			size_t j = i;
			while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
				j--;
			if (j > 0)
				return CSVIO_WHITESPACE;
		}
	return ',';
}

/* Fields of a line that hold something but blanks. */
static int filled_fields(const char *s, size_t n, char delim)
{
	int filled = 0, any = 0, quoted = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || (s[i] == delim && !quoted)) {
			filled += any;
			any = 0;
		} else if (s[i] == '"') {
			quoted = !quoted;
		} else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
			any = 1;
		}
	}
	return filled;
}

/* Lines above the header that are not part of the table: a report's title,
 * its date, empty lines.  The header is the first line as wide as most lines
 * are, with at least two fields and half of them filled. */
static size_t title_lines(const struct sample *sm, char delim)
{
	int support, width = modal_count(sm, delim, &support) + 1;
	for (size_t i = 0; i < sm->n; i++) {
		int filled = filled_fields(sm->line[i], sm->len[i], delim);
		if (count_outside_quotes(sm->line[i], sm->len[i], delim) + 1 == width && filled >= 2 && 2 * filled >= width)
			return i;
	}
	return 0;
}

/* ENC_AUTO: UTF-8 when the sample's text is, Windows-1252 when it is not but
 * is that; with ASCII alone the first other byte decides (utf8_line). */
static void sniff_encoding(table_reader *t, const char *s, size_t n)
{
	size_t ok;
	if (t->enc != ENC_AUTO)
		return;
	t->enc = ENC_UTF8;
	if (encoding_utf8_check(s, n) == n) {
		size_t i = 0;
		while (i < n && (unsigned char)s[i] < 0x80)
			i++;
		t->ascii = i == n;
		return;
	}
	ok = encoding_utf8_check(s, n);
	if (n - ok < 4 && n == SNIFF_BYTES) /* a character cut by the sample's end */
		return;
	for (size_t i = 0; i < n;) { /* UTF-8 characters beside bytes that are not: mixed, no guess */
		size_t k = (unsigned char)s[i] >= 0x80 ? encoding_utf8_char(s + i, n - i) : 1;
		if (k > 1)
			return;
		i += k ? k : 1;
	}
	if (encoding_cp1252_check(s, n))
		t->enc = ENC_CP1252, t->guessed_at = 1;
}

static int looks_binary(const unsigned char *s, size_t n, cm_error *e, const char *name)
{
	size_t ctrl = 0;
	if (n >= 4 && memcmp(s, "PK\3\4", 4) == 0)
		return err_set(e, "%s: this is a ZIP or Excel file, not a table; export it as CSV", name);
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return err_set(e, "%s: UTF-16 text is not supported; convert it with iconv -f UTF-16 -t UTF-8", name);
	size_t odd_nul = 0, even_nul = 0, m = n < 4096 ? n : 4096;
	for (size_t i = 0; i < m; i++) {
		ctrl += s[i] == 0 || (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t');
		odd_nul += s[i] == 0 && i % 2;
		even_nul += s[i] == 0 && !(i % 2);
	}
	if (m >= 8 && (odd_nul * 5 > m * 2 || even_nul * 5 > m * 2) && (odd_nul == 0 || even_nul == 0))
		return err_set(e, "%s: UTF-16 text without a byte-order mark (every other byte is zero), not supported; "
			       "convert it with iconv -f UTF-16%s -t UTF-8", name, odd_nul ? "LE" : "BE");
	if (ctrl * 20 > m)
		return err_set(e, "%s: binary data, not a table", name);
	return 0;
}

static int looks_html(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return n - i >= 5 && (strncasecmp(s + i, "<!doc", 5) == 0 || strncasecmp(s + i, "<html", 5) == 0);
}

/* The first n lines, not part of the table. */
static int skip_lines(table_reader *t, long n, cm_error *e)
{
	const char *line;
	size_t len;
	for (long k = 0; k < n; k++)
		if (line_reader_next(t->lr, &line, &len, e) < 0)
			return -1;
	return 0;
}

static int sniff(table_reader *t, cm_error *e)
{
	const char *s;
	size_t n, i = 0;
	if (line_reader_peek(t->lr, SNIFF_BYTES, &s, &n, e) < 0)
		return -1;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		line_reader_skip(t->lr, 3);
		s += 3;
		n -= 3;
	}
	if (n == 0) /* on a pipe: the tool before it failed, and said why above */
		return err_set(e, "%s: empty input%s", table_reader_name(t),
			       strcmp(table_reader_name(t), "<stdin>") == 0 ? " (nothing came down the pipe)" : "");
	if (looks_binary((const unsigned char *)s, n, e, table_reader_name(t)) < 0)
		return -1;
	if (looks_html(s, n))
		return err_set(e, "%s: an HTML page, not a table (a download that failed?)", table_reader_name(t));
	sniff_encoding(t, s, n);
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (t->format == IN_AUTO)
		t->format = i < n && s[i] == '[' ? IN_JSON : i < n && s[i] == '{' ? IN_JSONL : IN_CSV;
	if (t->format == IN_CSV) {
		struct sample sm;
		sample_lines(s, n, &sm);
		if (!t->delim)
			t->delim = sniff_delim(&sm, s + i, n - i);
		if (t->skipped < 0)
			t->skipped = t->delim == CSVIO_WHITESPACE ? 0 : (long)title_lines(&sm, (char)t->delim);
	}
	if (t->skipped < 0)
		t->skipped = 0;
	return skip_lines(t, t->skipped, e);
}

/* ---- reading ----------------------------------------------------------- */

static const char *utf8_line(table_reader *t, const char *line, size_t *n)
{
	if (t->ascii) { /* ASCII so far: does this line settle it? */
		size_t i = 0;
		while (i < *n && (unsigned char)line[i] < 0x80)
			i++;
		if (i < *n) {
			t->ascii = 0;
			if (encoding_utf8_check(line, *n) != *n && encoding_cp1252_check(line, *n)) {
				t->enc = ENC_CP1252;
				t->guessed_at = line_reader_lineno(t->lr);
			}
		}
	}
	if (t->enc == ENC_UTF8)
		return line;
	*n = encoding_to_utf8(t->enc, line, *n, &t->conv, &t->convcap);
	return t->conv;
}

static int next_csv(table_reader *t, cm_record *rec, cm_error *e)
{
	const char *line;
	size_t n;
	int got;
	while (!(got = csvio_next(t->csv, rec))) {
		int rc;
		if (t->at_eof)
			return TABLE_EOF;
		rc = line_reader_next(t->lr, &line, &n, e);
		if (rc < 0)
			return TABLE_ERROR;
		if (rc == 0) {
			t->at_eof = 1;
			if (csvio_finish(t->csv, e) < 0) {
				cm_error inner = *e;
				err_set(e, "%s:%s", table_reader_name(t), inner.msg);
				return TABLE_ERROR;
			}
			continue;
		}
		line = utf8_line(t, line, &n);
		csvio_feed(t->csv, line, n, line_reader_lineno(t->lr));
	}
	if (got < 0) {
		err_set(e, "%s", csvio_why(t->csv));
		return TABLE_BADROW;
	}
	return TABLE_ROW;
}

static int next_jsonl(table_reader *t, cm_record *rec, cm_error *e)
{
	const char *line;
	size_t n;
	for (;;) {
		int rc = line_reader_next(t->lr, &line, &n, e);
		cm_error inner;
		if (rc <= 0)
			return rc < 0 ? TABLE_ERROR : TABLE_EOF;
		line = utf8_line(t, line, &n);
		rc = jsonio_parse_line(t->json, line, n, line_reader_lineno(t->lr), rec, &inner);
		if (rc > 0)
			return TABLE_ROW;
		if (rc < 0) {
			rec->n = 0;
			rec->line = line_reader_lineno(t->lr);
			err_set(e, "%s", inner.msg);
			return TABLE_BADROW;
		}
	}
}

static int next_json(table_reader *t, cm_record *rec, cm_error *e)
{
	cm_error inner;
	int rc = jsonio_next_element(t->json, rec, &inner);
	if (rc < 0) {
		rec->n = 0;
		err_set(e, "%s", inner.msg);
		return TABLE_BADROW;
	}
	return rc ? TABLE_ROW : TABLE_EOF;
}

static int next_any(table_reader *t, cm_record *rec, cm_error *e)
{
	if (t->format == IN_JSONL)
		return next_jsonl(t, rec, e);
	if (t->format == IN_JSON)
		return next_json(t, rec, e);
	return next_csv(t, rec, e);
}

int table_reader_next(table_reader *t, cm_record *rec, cm_error *e)
{
	if (t->pending) {
		t->pending = 0;
		*rec = t->first;
		return TABLE_ROW;
	}
	return next_any(t, rec, e);
}

/* ---- opening: the header ----------------------------------------------- */

static void set_names_numbered(table_reader *t, size_t n)
{
	char buf[24];
	t->names = xcalloc(n + 1, sizeof *t->names);
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "%zu", i + 1);
		t->names[i] = xstrdup(buf);
	}
	t->ncols = n;
}

static char *trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static void set_names_from(table_reader *t, const cm_record *r)
{
	t->names = xcalloc(r->n + 1, sizeof *t->names);
	for (size_t i = 0; i < r->n; i++)
		t->names[i] = trimmed(r->f[i], r->len[i]);
	t->ncols = r->n;
}

static int slurp(table_reader *t, char **buf, size_t *len, cm_error *e)
{
	const char *line;
	size_t n, cap = 0;
	int rc;
	*buf = NULL;
	*len = 0;
	while ((rc = line_reader_next(t->lr, &line, &n, e)) > 0) {
		line = utf8_line(t, line, &n);
		xgrow((void **)buf, &cap, *len + n + 1, 1);
		memcpy(*buf + *len, line, n);
		*len += n;
	}
	return rc;
}

static int read_header(table_reader *t, cm_error *e)
{
	int rc;
	if (t->format == IN_JSON) {
		char *doc;
		size_t len;
		cm_error inner;
		if (slurp(t, &doc, &len, e) < 0)
			return -1;
		rc = jsonio_load_array(t->json, doc, len, &inner);
		free(doc);
		if (rc < 0)
			return err_set(e, "%s:%s", table_reader_name(t), inner.msg);
	}
	rc = next_any(t, &t->first, e);
	if (rc == TABLE_BADROW) {
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", table_reader_name(t), t->first.line, inner.msg);
	}
	if (rc == TABLE_ERROR)
		return -1;
	if (rc == TABLE_EOF)
		return err_set(e, "%s: empty input", table_reader_name(t));
	if (t->format != IN_CSV) {
		t->ncols = jsonio_ncols(t->json);
		t->names = xcalloc(t->ncols + 1, sizeof *t->names);
		for (size_t i = 0; i < t->ncols; i++)
			t->names[i] = xstrdup(jsonio_colname(t->json, i));
		t->pending = 1;
	} else if (t->no_header) {
		set_names_numbered(t, t->first.n);
		t->pending = 1;
	} else {
		set_names_from(t, &t->first);
	}
	if (t->csv)
		table_reader_guard(t, t->csv);
	return 0;
}

static void describe(table_reader *t)
{
	if (t->format == IN_JSONL)
		snprintf(t->describe, sizeof t->describe, "json lines");
	else if (t->format == IN_JSON)
		snprintf(t->describe, sizeof t->describe, "json array");
	else if (t->delim == CSVIO_WHITESPACE)
		snprintf(t->describe, sizeof t->describe, "aligned columns (whitespace)");
	else if (t->delim == '\t')
		snprintf(t->describe, sizeof t->describe, "delimited, TAB");
	else
		snprintf(t->describe, sizeof t->describe, "delimited, '%c'", t->delim);
}

table_reader *table_reader_open(const char *path, const struct table_reader_opts *o, cm_error *e)
{
	table_reader *t;
	fileio_in *in = fileio_open_in(path, e);
	if (!in)
		return NULL;
	t = xcalloc(1, sizeof *t);
	t->in = in;
	t->lr = line_reader_new(in);
	line_reader_set_max(t->lr, o->max_line);
	t->max_line = o->max_line ? o->max_line : LINE_READER_MAX_DEFAULT;
	t->max_field_lines = o->max_field_lines ? o->max_field_lines : TABLE_FIELD_LINES;
	t->format = o->format;
	t->delim = o->delim;
	t->enc = o->encoding;
	t->no_header = o->no_header;
	t->skipped = o->skip_lines > 0 ? o->skip_lines : o->skip_lines == 0 && o->find_title ? -1 : 0;
	if (sniff(t, e) < 0)
		goto fail;
	if (t->format == IN_CSV)
		t->csv = csvio_reader_new(t->delim);
	else
		t->json = jsonio_reader_new();
	if (read_header(t, e) < 0)
		goto fail;
	describe(t);
	return t;
fail:
	table_reader_close(t);
	return NULL;
}

int table_reader_by_lines(const table_reader *t)
{
	return t->format == IN_CSV && t->delim != CSVIO_WHITESPACE && !t->pending && !t->at_eof && csvio_idle(t->csv);
}

long long table_reader_data_offset(const table_reader *t)
{
	return table_reader_by_lines(t) && fileio_in_plain_fd(t->in) >= 0 ? line_reader_offset(t->lr) : -1;
}

int table_reader_line(table_reader *t, const char **line, size_t *n, long *lineno, cm_error *e)
{
	int rc = line_reader_next(t->lr, line, n, e);
	if (rc > 0) {
		*line = utf8_line(t, *line, n);
		*lineno = line_reader_lineno(t->lr);
	}
	return rc;
}

void table_reader_unread_line(table_reader *t, const char *line, size_t n, long lineno) { csvio_feed(t->csv, line, n, lineno); }

int table_reader_fd(const table_reader *t) { return fileio_in_plain_fd(t->in); }

int table_reader_check_rest(table_reader *t, cm_error *e) { return fileio_in_check_rest(t->in, e); }

void table_reader_guard(const table_reader *t, csvio_reader *r) { csvio_guard(r, t->ncols, t->max_field_lines, t->max_line); }
int table_reader_encoding(const table_reader *t) { return t->enc; }
long table_reader_guessed(const table_reader *t) { return t->guessed_at; }
long table_reader_title_lines(const table_reader *t) { return t->skipped; }

size_t table_reader_ncols(const table_reader *t) { return t->ncols; }
const char *table_reader_colname(const table_reader *t, size_t i) { return t->names[i]; }
const char *const *table_reader_colnames(const table_reader *t) { return (const char *const *)t->names; }
const char *table_reader_name(const table_reader *t) { return fileio_in_name(t->in); }
const char *table_reader_describe(const table_reader *t) { return t->describe; }
int table_reader_delim(const table_reader *t) { return t->format == IN_CSV ? t->delim : ','; }
long table_reader_extra_keys(const table_reader *t) { return t->json ? jsonio_extra_keys(t->json) : 0; }

void table_reader_close(table_reader *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->names);
	free(t->conv);
	csvio_reader_free(t->csv);
	jsonio_reader_free(t->json);
	line_reader_free(t->lr);
	fileio_close_in(t->in);
	free(t);
}
