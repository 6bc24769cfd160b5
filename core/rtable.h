/*
 * rtable — the report as data: a list of titled tables whose cells are typed
 * (text, count, money, share, number), so every renderer formats the same
 * figures its own way and the JSON keeps them as numbers.
 *
 * Tables and their cells are owned by the rdoc; text is copied in.
 */
#ifndef CM_RTABLE_H
#define CM_RTABLE_H

#include <stddef.h>

enum rcell_kind { RC_EMPTY, RC_TEXT, RC_COUNT, RC_MONEY, RC_SHARE, RC_NUMBER, RC_LABEL };

struct rcell {
	int kind;
	double v;          /* counts, money, shares (0..1), numbers */
	char *s;           /* text; for RC_LABEL an identifier the renderer translates */
};

struct rtable {
	char *id;          /* snake_case: the JSON key and the label to translate */
	char *chart;       /* the HTML chart to draw above it, or NULL */
	size_t ncols, nrows, cap, filled; /* filled: cells set in the last row */
	char **cols;       /* column identifiers, translated by the renderer */
	struct rcell *cells; /* nrows x ncols */
	char *note;        /* a line under the table, or NULL */
};

typedef struct rdoc {
	struct rtable **t;
	size_t n, cap;
	char *as_of;
	char **skipped;    /* sections left out and why, for -v */
	size_t nskipped;
} rdoc;

struct rtable *rdoc_table(rdoc *d, const char *id, const char *const *cols, size_t ncols);
/* Start a row; then set its cells left to right. */
void rtable_row(struct rtable *t);
void rtable_text(struct rtable *t, const char *s);
void rtable_label(struct rtable *t, const char *id);
void rtable_num(struct rtable *t, int kind, double v);
void rtable_empty(struct rtable *t);
struct rcell *rtable_cell(const struct rtable *t, size_t row, size_t col);
void rdoc_skip(rdoc *d, const char *why);
/* The tables and skipped sections of from moved after those of into (two
 * parts of a report built at the same time); from is left empty. */
void rdoc_append(rdoc *into, rdoc *from);
void rdoc_free(rdoc *d);

#endif
