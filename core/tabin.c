/* tabin — see tabin.h. */
#include "tabin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvio.h"
#include "encoding.h"
#include "fileio.h"
#include "jsonio.h"
#include "linein.h"

#define SNIFF_BYTES (1 << 16)
#define SNIFF_LINES 20

struct tabin {
	fileio_in *in;
	linein *lr;
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

/* Choose the delimiter whose count is the same, and highest, on the sampled lines. */
static int sniff_delim(const char *s, size_t n)
{
	static const char cand[] = ",;\t|";
	int best = 0, best_count = 0, best_consistent = 0;
	for (const char *c = cand; *c; c++) {
		const char *p = s, *end = s + n;
		int head = count_outside_quotes(p, n, *c), consistent = 1, lines = 0;
		while (lines < SNIFF_LINES) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				break; /* the last sampled line may be cut short */
			if (lines++ > 0 && (nl - p) > 1 && count_outside_quotes(p, (size_t)(nl - p), *c) != head)
				consistent = 0;
			p = nl + 1;
		}
		if (head > 0 && (consistent > best_consistent ||
				 (consistent == best_consistent && head > best_count))) {
			best = *c;
			best_count = head;
			best_consistent = consistent;
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

static int looks_binary(const unsigned char *s, size_t n, cm_error *e, const char *name)
{
	size_t ctrl = 0;
	if (n >= 4 && memcmp(s, "PK\3\4", 4) == 0)
		return err_set(e, "%s: this is a ZIP or Excel file, not a table; export it as CSV", name);
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return err_set(e, "%s: UTF-16 text is not supported; convert it with iconv -f UTF-16 -t UTF-8", name);
	for (size_t i = 0; i < n && i < 4096; i++)
		ctrl += s[i] == 0 || (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t');
	if (ctrl * 20 > (n < 4096 ? n : 4096))
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

static int sniff(tabin *t, cm_error *e)
{
	const char *s;
	size_t n, i = 0;
	if (linein_peek(t->lr, SNIFF_BYTES, &s, &n, e) < 0)
		return -1;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		linein_skip(t->lr, 3);
		s += 3;
		n -= 3;
	}
	if (n == 0)
		return err_set(e, "%s: empty input", tabin_name(t));
	if (looks_binary((const unsigned char *)s, n, e, tabin_name(t)) < 0)
		return -1;
	if (looks_html(s, n))
		return err_set(e, "%s: an HTML page, not a table (a download that failed?)", tabin_name(t));
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (t->format == TAB_AUTO)
		t->format = i < n && s[i] == '[' ? TAB_JSON : i < n && s[i] == '{' ? TAB_JSONL : TAB_CSV;
	if (t->format == TAB_CSV && !t->delim)
		t->delim = sniff_delim(s + i, n - i);
	return 0;
}

/* ---- reading ----------------------------------------------------------- */

static const char *utf8_line(tabin *t, const char *line, size_t *n)
{
	if (t->enc == ENC_UTF8)
		return line;
	*n = encoding_to_utf8(t->enc, line, *n, &t->conv, &t->convcap);
	return t->conv;
}

static int next_csv(tabin *t, cm_record *rec, cm_error *e)
{
	const char *line;
	size_t n;
	int got;
	while (!(got = csvio_next(t->csv, rec))) {
		int rc;
		if (t->at_eof)
			return TABIN_EOF;
		rc = linein_next(t->lr, &line, &n, e);
		if (rc < 0)
			return TABIN_ERROR;
		if (rc == 0) {
			t->at_eof = 1;
			if (csvio_finish(t->csv, e) < 0) {
				cm_error inner = *e;
				err_set(e, "%s:%s", tabin_name(t), inner.msg);
				return TABIN_ERROR;
			}
			continue;
		}
		line = utf8_line(t, line, &n);
		csvio_feed(t->csv, line, n, linein_lineno(t->lr));
	}
	if (got < 0) {
		err_set(e, "%s", csvio_why(t->csv));
		return TABIN_BADROW;
	}
	return TABIN_ROW;
}

static int next_jsonl(tabin *t, cm_record *rec, cm_error *e)
{
	const char *line;
	size_t n;
	for (;;) {
		int rc = linein_next(t->lr, &line, &n, e);
		cm_error inner;
		if (rc <= 0)
			return rc < 0 ? TABIN_ERROR : TABIN_EOF;
		line = utf8_line(t, line, &n);
		rc = jsonio_parse_line(t->json, line, n, linein_lineno(t->lr), rec, &inner);
		if (rc > 0)
			return TABIN_ROW;
		if (rc < 0) {
			rec->n = 0;
			rec->line = linein_lineno(t->lr);
			err_set(e, "%s", inner.msg);
			return TABIN_BADROW;
		}
	}
}

static int next_json(tabin *t, cm_record *rec, cm_error *e)
{
	cm_error inner;
	int rc = jsonio_next_element(t->json, rec, &inner);
	if (rc < 0) {
		rec->n = 0;
		err_set(e, "%s", inner.msg);
		return TABIN_BADROW;
	}
	return rc ? TABIN_ROW : TABIN_EOF;
}

static int next_any(tabin *t, cm_record *rec, cm_error *e)
{
	if (t->format == TAB_JSONL)
		return next_jsonl(t, rec, e);
	if (t->format == TAB_JSON)
		return next_json(t, rec, e);
	return next_csv(t, rec, e);
}

int tabin_next(tabin *t, cm_record *rec, cm_error *e)
{
	if (t->pending) {
		t->pending = 0;
		*rec = t->first;
		return TABIN_ROW;
	}
	return next_any(t, rec, e);
}

/* ---- opening: the header ----------------------------------------------- */

static void set_names_numbered(tabin *t, size_t n)
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

static void set_names_from(tabin *t, const cm_record *r)
{
	t->names = xcalloc(r->n + 1, sizeof *t->names);
	for (size_t i = 0; i < r->n; i++)
		t->names[i] = trimmed(r->f[i], r->len[i]);
	t->ncols = r->n;
}

static int slurp(tabin *t, char **buf, size_t *len, cm_error *e)
{
	const char *line;
	size_t n, cap = 0;
	int rc;
	*buf = NULL;
	*len = 0;
	while ((rc = linein_next(t->lr, &line, &n, e)) > 0) {
		line = utf8_line(t, line, &n);
		xgrow((void **)buf, &cap, *len + n + 1, 1);
		memcpy(*buf + *len, line, n);
		*len += n;
	}
	return rc;
}

static int read_header(tabin *t, cm_error *e)
{
	int rc;
	if (t->format == TAB_JSON) {
		char *doc;
		size_t len;
		cm_error inner;
		if (slurp(t, &doc, &len, e) < 0)
			return -1;
		rc = jsonio_load_array(t->json, doc, len, &inner);
		free(doc);
		if (rc < 0)
			return err_set(e, "%s:%s", tabin_name(t), inner.msg);
	}
	rc = next_any(t, &t->first, e);
	if (rc == TABIN_BADROW) {
		cm_error inner = *e;
		return err_set(e, "%s:%ld: %s", tabin_name(t), t->first.line, inner.msg);
	}
	if (rc == TABIN_ERROR)
		return -1;
	if (rc == TABIN_EOF)
		return err_set(e, "%s: empty input", tabin_name(t));
	if (t->format != TAB_CSV) {
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
		tabin_guard(t, t->csv);
	return 0;
}

static void describe(tabin *t)
{
	if (t->format == TAB_JSONL)
		snprintf(t->describe, sizeof t->describe, "json lines");
	else if (t->format == TAB_JSON)
		snprintf(t->describe, sizeof t->describe, "json array");
	else if (t->delim == CSVIO_WHITESPACE)
		snprintf(t->describe, sizeof t->describe, "aligned columns (whitespace)");
	else if (t->delim == '\t')
		snprintf(t->describe, sizeof t->describe, "delimited, TAB");
	else
		snprintf(t->describe, sizeof t->describe, "delimited, '%c'", t->delim);
}

tabin *tabin_open(const char *path, const struct tabin_opts *o, cm_error *e)
{
	tabin *t;
	fileio_in *in = fileio_open_in(path, e);
	if (!in)
		return NULL;
	t = xcalloc(1, sizeof *t);
	t->in = in;
	t->lr = linein_new(in);
	linein_set_max(t->lr, o->max_line);
	t->max_line = o->max_line ? o->max_line : LINEIN_MAX_DEFAULT;
	t->max_field_lines = o->max_field_lines ? o->max_field_lines : TABIN_FIELD_LINES;
	t->format = o->format;
	t->delim = o->delim;
	t->enc = o->encoding;
	t->no_header = o->no_header;
	if (sniff(t, e) < 0)
		goto fail;
	if (t->format == TAB_CSV)
		t->csv = csvio_reader_new(t->delim);
	else
		t->json = jsonio_reader_new();
	if (read_header(t, e) < 0)
		goto fail;
	describe(t);
	return t;
fail:
	tabin_close(t);
	return NULL;
}

int tabin_by_lines(const tabin *t)
{
	return t->format == TAB_CSV && t->delim != CSVIO_WHITESPACE && !t->pending && !t->at_eof && csvio_idle(t->csv);
}

long long tabin_data_offset(const tabin *t)
{
	return tabin_by_lines(t) && fileio_in_plain_fd(t->in) >= 0 ? linein_offset(t->lr) : -1;
}

int tabin_line(tabin *t, const char **line, size_t *n, long *lineno, cm_error *e)
{
	int rc = linein_next(t->lr, line, n, e);
	if (rc > 0) {
		*line = utf8_line(t, *line, n);
		*lineno = linein_lineno(t->lr);
	}
	return rc;
}

void tabin_unread_line(tabin *t, const char *line, size_t n, long lineno) { csvio_feed(t->csv, line, n, lineno); }

int tabin_fd(const tabin *t) { return fileio_in_plain_fd(t->in); }

void tabin_guard(const tabin *t, csvio_reader *r) { csvio_guard(r, t->ncols, t->max_field_lines, t->max_line); }
int tabin_encoding(const tabin *t) { return t->enc; }

size_t tabin_ncols(const tabin *t) { return t->ncols; }
const char *tabin_colname(const tabin *t, size_t i) { return t->names[i]; }
const char *const *tabin_colnames(const tabin *t) { return (const char *const *)t->names; }
const char *tabin_name(const tabin *t) { return fileio_in_name(t->in); }
const char *tabin_describe(const tabin *t) { return t->describe; }
int tabin_delim(const tabin *t) { return t->format == TAB_CSV ? t->delim : ','; }
long tabin_extra_keys(const tabin *t) { return t->json ? jsonio_extra_keys(t->json) : 0; }

void tabin_close(tabin *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->names[i]);
	free(t->names);
	free(t->conv);
	csvio_reader_free(t->csv);
	jsonio_reader_free(t->json);
	linein_free(t->lr);
	fileio_close_in(t->in);
	free(t);
}
