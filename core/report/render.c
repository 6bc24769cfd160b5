/* render — see render.h; the text and Markdown forms. */
#include "report/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/encoding.h"
#include "base/err.h"

#define PAGE 80

int render_format_parse(const char *name)
{
	static const char *const names[] = {"text", "markdown", "json", "csv", "html", NULL};
	for (int i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

void render(const report_doc *d, int format, const struct lang_opts *l, int csv_verbatim, fileio_out *out)
{
	switch (format) {
	case RENDER_JSON: render_json(d, l, out); break;
	case RENDER_CSV: render_csv(d, l, csv_verbatim, out); break;
	case RENDER_HTML: render_html(d, l, out); break;
	default: render_text(d, l, out, format == RENDER_MARKDOWN);
	}
}

const char *render_at(const struct lang_opts *l, const struct report_table *t, size_t r, size_t col, char *buf,
		      size_t cap)
{
	const struct report_cell *c = report_table_cell(t, r, col);
	switch (c->kind) {
	case RC_EMPTY: return "";
	case RC_TEXT: /* a date column in the language's form */
		return strcmp(t->cols[col], "last_purchase") == 0 ? lang_date(l, c->s, buf, cap) : c->s;
	case RC_LABEL: return lang_value(l, t->cols[col], c->s, buf, cap);
	default:
		if (strcmp(t->cols[col], "change") == 0)
			lang_change(l, c->kind, c->v, buf, cap);
		else
			lang_number(l, c->kind, c->v, buf, cap);
		return buf;
	}
}

void render_put(struct rbuf *b, const char *s, size_t n)
{
	xgrow((void **)&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* The code point of the character that must not reach a reader raw at s, or
 * 0; *n its length in bytes. */
static unsigned hidden(const unsigned char *s, size_t *n)
{
	unsigned cp;
	*n = 1;
	if (s[0] < 0x20 || s[0] == 0x7f) /* not NUL: the caller stops there */
		return s[0];
	if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) /* C1 controls */
		return *n = 2, (unsigned)(s[1] & 0x3F) | 0x80;
	if (s[0] == 0xD8 && s[1] == 0x9C) /* U+061C arabic letter mark */
		return *n = 2, 0x61C;
	if (s[0] != 0xE2 && s[0] != 0xEF)
		return 0;
	if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	cp = (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (unsigned)(s[2] & 0x3F);
	if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF)
		return *n = 3, cp;
	return 0;
}

const char *render_visible(const char *s, int markdown, struct rbuf *b)
{
	b->len = 0;
	render_put(b, "", 0);
	for (const char *p = s; *p;) {
		size_t n;
		unsigned cp = hidden((const unsigned char *)p, &n);
		char esc[16];
		if (!cp && (unsigned char)*p >= 0x80 && !(n = encoding_utf8_char(p, strlen(p) < 4 ? strlen(p) : 4)))
			cp = (unsigned char)*p, n = 1; /* a byte that is not UTF-8: shown as \xNN */
		if (cp) {
			snprintf(esc, sizeof esc, cp < 0x100 ? "\\x%02x" : "\\u%04x", cp);
			render_put(b, esc, strlen(esc));
		} else if (markdown && (strchr("\\`*_[]<>|!~&", *p) || (*p == '#' && p == s))) {
			render_put(b, "\\", 1);
			render_put(b, p, 1);
		} else {
			render_put(b, p, n);
		}
		p += n;
	}
	return b->s;
}

const char *render_utf8(const char *s, struct rbuf *b)
{
	size_t n = strlen(s), at = 0, ok;
	b->len = 0;
	render_put(b, "", 0);
	while ((ok = encoding_utf8_check(s + at, n - at)) < n - at) {
		render_put(b, s + at, ok);
		render_put(b, "\xEF\xBF\xBD", 3); /* U+FFFD for the byte that is not UTF-8 */
		at += ok + 1;
	}
	render_put(b, s + at, n - at);
	return b->s;
}

size_t render_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

int render_numeric(int kind) { return kind == RC_COUNT || kind == RC_MONEY || kind == RC_SHARE || kind == RC_NUMBER; }

/* The byte offset of character k of s (UTF-8). */
static size_t char_at(const char *s, size_t k)
{
	size_t bytes = 0;
	for (size_t chars = 0; s[bytes] && chars < k; chars++)
		do
			bytes++;
		while (((unsigned char)s[bytes] & 0xC0) == 0x80);
	return bytes;
}

/* Write s in a field of width w, padded left or right (right < 0: the last
 * column, left-aligned, not padded).  Text longer than w keeps its start and
 * its end around "...", whole characters, so names that differ at the end
 * still look different. */
static void field(fileio_out *out, const char *s, size_t w, int right)
{
	size_t len = render_width(s);
	if (len > w) {
		size_t head = (w - 3 + 1) / 2, tail = w - 3 - head, from = char_at(s, len - tail);
		fileio_write(out, s, char_at(s, head));
		fileio_puts(out, "...");
		fileio_puts(out, s + from);
		return;
	}
	for (size_t i = len; right > 0 && i < w; i++)
		fileio_putc(out, ' ');
	fileio_puts(out, s);
	for (size_t i = len; right == 0 && i < w; i++)
		fileio_putc(out, ' ');
}

/* A cell as the text or Markdown form shows it. */
static const char *shown(const struct lang_opts *l, const struct report_table *t, size_t r, size_t c, int markdown,
			 struct rbuf *b)
{
	char buf[160];
	const char *s = render_at(l, t, r, c, buf, sizeof buf);
	return render_visible(s, markdown, b);
}

/* Is the last column text that wraps (rather than being cut) in the text form? */
static int wraps(const struct report_table *t)
{
	return t->ncols > 1 && t->nrows && !render_numeric(report_table_cell(t, 0, t->ncols - 1)->kind);
}

#define WRAP_MIN 24 /* a wrapping column keeps at least this width */

/* The widths of the columns for the text form (markdown: as wide as they are);
 * a minor column left out (width 0, hidden) while the table is too wide. */
static void widths(const struct report_table *t, const struct lang_opts *l, size_t *w, char *hidden, int markdown)
{
	char buf[160];
	size_t total = 0, widest = 0, last = t->ncols - 1;
	struct rbuf b = {0};
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = render_width(lang_label(l, t->cols[c], buf, sizeof buf));
		for (size_t r = 0; r < t->nrows; r++) {
			size_t k = render_width(shown(l, t, r, c, markdown, &b));
			w[c] = k > w[c] ? k : w[c];
		}
		total += w[c] + (c ? 2 : 0);
		widest = w[c] > w[widest] ? c : widest;
	}
	for (size_t c = t->ncols; !markdown && total > PAGE && c-- > 0;)
		if (c < 8 * sizeof t->minor && (t->minor >> c & 1)) {
			hidden[c] = 1;
			total -= w[c] + 2;
			w[c] = 0;
		}
	if (!markdown && total > PAGE && wraps(t) && w[last] > WRAP_MIN) { /* the last text column wraps first */
		size_t cut = total - PAGE < w[last] - WRAP_MIN ? total - PAGE : w[last] - WRAP_MIN;
		w[last] -= cut;
		total -= cut;
	}
	for (;;) { /* then the widest other text column gives way, down to 8; numbers never do */
		size_t cut;
		widest = t->ncols;
		for (size_t c = 0; c < t->ncols; c++)
			if (!hidden[c] && !(t->nrows && render_numeric(report_table_cell(t, 0, c)->kind)) && w[c] > 8 &&
			    !(c == last && wraps(t)) && (widest == t->ncols || w[c] > w[widest]))
				widest = c;
		if (markdown || total <= PAGE || widest == t->ncols)
			break;
		cut = total - PAGE < w[widest] - 8 ? total - PAGE : w[widest] - 8;
		w[widest] -= cut;
		total -= cut;
	}
	free(b.s);
}

static void title(fileio_out *out, const char *s, int markdown, char under)
{
	if (markdown) {
		fileio_puts(out, under == '=' ? "# " : "## ");
		fileio_puts(out, s);
		fileio_puts(out, "\n\n");
		return;
	}
	fileio_puts(out, s);
	fileio_putc(out, '\n');
	for (size_t i = render_width(s); i > 0; i--)
		fileio_putc(out, under);
	fileio_puts(out, "\n\n");
}

/* A cell of visible text (render_visible), its '|' escaped already. */
static void md_cell(fileio_out *out, const char *s)
{
	fileio_puts(out, " ");
	fileio_puts(out, s);
	fileio_puts(out, " |");
}

static void table_md(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	struct rbuf b = {0};
	fileio_putc(out, '|');
	for (size_t c = 0; c < t->ncols; c++)
		md_cell(out, render_visible(lang_label(l, t->cols[c], buf, sizeof buf), 1, &b));
	fileio_puts(out, "\n|");
	for (size_t c = 0; c < t->ncols; c++)
		fileio_puts(out, t->nrows && render_numeric(report_table_cell(t, 0, c)->kind) ? " ---: |" : " --- |");
	fileio_putc(out, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		fileio_putc(out, '|');
		for (size_t c = 0; c < t->ncols; c++)
			md_cell(out, shown(l, t, r, c, 1, &b));
		fileio_putc(out, '\n');
	}
	free(b.s);
}

/* The last column's text in lines of at most w characters, broken at blanks
 * (a word longer than w is cut), each line after the first indented to the column. */
static void wrapped(fileio_out *out, const char *s, size_t w, size_t indent)
{
	while (render_width(s) > w) {
		size_t end = char_at(s, w), brk = end;
		while (brk > 0 && s[brk] != ' ')
			brk--;
		if (brk == 0)
			brk = end;
		fileio_write(out, s, brk);
		fileio_putc(out, '\n');
		for (size_t i = 0; i < indent; i++)
			fileio_putc(out, ' ');
		s += brk;
		while (*s == ' ')
			s++;
	}
	fileio_puts(out, s);
}

static void table_text(const struct report_table *t, const struct lang_opts *l, fileio_out *out)
{
	char buf[160];
	struct rbuf b = {0};
	size_t *w = xcalloc(t->ncols + 1, sizeof *w), last = 0;
	char *hidden = xcalloc(t->ncols + 1, 1);
	widths(t, l, w, hidden, 0);
	for (size_t c = 0; c < t->ncols; c++)
		last = hidden[c] ? last : c;
	for (size_t c = 0, first = 1; c < t->ncols; c++) {
		int num = t->nrows && render_numeric(report_table_cell(t, 0, c)->kind);
		if (hidden[c])
			continue;
		fileio_puts(out, first ? "" : "  ");
		first = 0;
		field(out, lang_label(l, t->cols[c], buf, sizeof buf), w[c], num ? 1 : c == last ? -1 : 0);
	}
	fileio_putc(out, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		size_t end = last + 1, indent = 0; /* empty cells at the end of a row: no trailing blanks */
		while (end > 1 && (hidden[end - 1] || report_table_cell(t, r, end - 1)->kind == RC_EMPTY))
			end--;
		for (size_t c = 0, first = 1; c < end; c++) {
			const struct report_cell *cell = report_table_cell(t, r, c);
			if (hidden[c])
				continue;
			fileio_puts(out, first ? "" : "  ");
			indent += first ? 0 : 2;
			first = 0;
			if (c == last && wraps(t) && !hidden[t->ncols - 1])
				wrapped(out, shown(l, t, r, c, 0, &b), w[c], indent);
			else
				field(out, shown(l, t, r, c, 0, &b), w[c], render_numeric(cell->kind) ? 1 : c + 1 == end ? -1 : 0);
			indent += w[c];
		}
		fileio_putc(out, '\n');
	}
	free(hidden);
	free(w);
	free(b.s);
}

void render_text(const report_doc *d, const struct lang_opts *l, fileio_out *out, int markdown)
{
	char buf[160], head[256], day[16];
	snprintf(head, sizeof head, "%s%s%s", lang_label(l, "report", buf, sizeof buf), d->as_of ? " - " : "",
		 d->as_of ? lang_date(l, d->as_of, day, sizeof day) : "");
	title(out, head, markdown, '=');
	for (size_t i = 0; i < d->n; i++) {
		const struct report_table *t = d->t[i];
		title(out, lang_label(l, t->id, buf, sizeof buf), markdown, '-');
		if (t->nrows == 0) {
			fileio_puts(out, lang_label(l, "none", buf, sizeof buf));
			fileio_putc(out, '\n');
		}
		else if (markdown)
			table_md(t, l, out);
		else
			table_text(t, l, out);
		if (t->note) {
			struct rbuf b = {0};
			fileio_puts(out, markdown ? "\n_" : "(");
			fileio_puts(out, render_visible(lang_note(l, t, buf, sizeof buf), markdown, &b));
			fileio_puts(out, markdown ? "_\n" : ")\n");
			free(b.s);
		}
		fileio_putc(out, '\n');
	}
}
