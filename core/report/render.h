/*
 * render — the report (report_table.h) written out: text for a terminal or a cron
 * mail (tables within 80 columns), Markdown, JSON (every figure as a number,
 * identifiers untranslated), CSV (one long table: section, row, column,
 * value) and one self-contained HTML page with inline CSS and SVG charts.
 */
#ifndef CM_RENDER_H
#define CM_RENDER_H

#include "io/fileio.h"
#include "report/lang.h"
#include "report/report_table.h"

enum render_format { RENDER_TEXT, RENDER_MARKDOWN, RENDER_JSON, RENDER_CSV, RENDER_HTML };

int render_format_parse(const char *name); /* -1 if unknown */
/* csv_verbatim: the CSV's text cells as they are, a formula too (else a cell
 * a spreadsheet would run gets a ' before it: csvio_formula). */
void render(const report_doc *d, int format, const struct lang_opts *l, int csv_verbatim, fileio_out *out);

/* A growing buffer for text made on the way out. */
struct rbuf {
	char *s;
	size_t len, cap;
};
/* s as a reader may see it (owned by b, valid until b's next use): control
 * characters, C1 controls and the invisible characters that reorder or hide
 * text (bidi overrides such as U+202E, zero-width spaces) as visible escapes,
 * \x1b or \u202e; with markdown, also the characters that would make links,
 * HTML or emphasis (\ ` * _ [ ] < > | ! ~ & and # at the start) behind a
 * backslash. */
const char *render_visible(const char *s, int markdown, struct rbuf *b);
/* s with each byte that is not UTF-8 replaced by U+FFFD (owned by b). */
const char *render_utf8(const char *s, struct rbuf *b);
/* Append n bytes of s (kept NUL-terminated). */
void render_put(struct rbuf *b, const char *s, size_t n);

/* Shared by the renderers: a cell as display text (buf of 128 bytes or more). */
const char *render_at(const struct lang_opts *l, const struct report_table *t, size_t r, size_t col, char *buf,
		      size_t cap);
size_t render_width(const char *s); /* characters, not bytes */
int render_numeric(int kind);        /* a count, money, share or number: aligned right */
void render_text(const report_doc *d, const struct lang_opts *l, fileio_out *out, int markdown);
void render_json(const report_doc *d, const struct lang_opts *l, fileio_out *out);
/* In German (l->lang) with ';' between the fields and a decimal comma, as a
 * German spreadsheet reads it. */
void render_csv(const report_doc *d, const struct lang_opts *l, int verbatim, fileio_out *out);
void render_html(const report_doc *d, const struct lang_opts *l, fileio_out *out);

#endif
