/*
 * report_table — the report as data: a list of titled tables whose cells are typed
 * (text, count, money, share, number), so every renderer formats the same
 * figures its own way and the JSON keeps them as numbers.
 *
 * Tables and their cells are owned by the report_doc; text is copied in.
 */
#ifndef CM_REPORT_TABLE_H
#define CM_REPORT_TABLE_H

#include <stddef.h>

enum report_cell_kind { RC_EMPTY, RC_TEXT, RC_COUNT, RC_MONEY, RC_SHARE, RC_NUMBER, RC_LABEL };

struct report_cell {
	int kind;
	double v;          /* counts, money, shares (0..1), numbers */
	char *s;           /* text; for RC_LABEL an identifier the renderer translates */
};

struct report_table {
	char *id;          /* snake_case: the JSON key and the label to translate */
	char *chart;       /* the HTML chart to draw above it, or NULL */
	size_t ncols, nrows, cap, filled; /* filled: cells set in the last row */
	char **cols;       /* column identifiers, translated by the renderer */
	struct report_cell *cells; /* nrows x ncols */
	char *note;        /* a line under the table as JSON carries it, or NULL */
	int note_kind;     /* the same for people (lang_note): NOTE_MEASURE or NOTE_CUT */
	char *note_word;   /* NOTE_MEASURE: the measure the ABC classes were formed by */
	long note_n[2];    /* NOTE_CUT, NOTE_LATEST: rows shown, of how many */
	unsigned long minor; /* bit c: column c may be left out of the text form when it is too wide */
};
enum { NOTE_NONE, NOTE_MEASURE, NOTE_CUT, NOTE_LATEST };

typedef struct report_doc {
	struct report_table **t;
	size_t n, cap;
	char *as_of;
	char since[11];    /* the data's earliest first purchase, "" when unknown */
	char currency[4];  /* the table's currency (a code), "" when it names none */
	char **skipped;    /* sections left out and why, for -v */
	size_t nskipped;
} report_doc;

struct report_table *report_doc_table(report_doc *d, const char *id, const char *const *cols, size_t ncols);
/* Start a row; then set its cells left to right. */
void report_table_row(struct report_table *t);
void report_table_text(struct report_table *t, const char *s);
void report_table_label(struct report_table *t, const char *id);
void report_table_num(struct report_table *t, int kind, double v);
void report_table_empty(struct report_table *t);
struct report_cell *report_table_cell(const struct report_table *t, size_t row, size_t col);
void report_doc_skip(report_doc *d, const char *why);
/* The tables and skipped sections of from moved after those of into (two
 * parts of a report built at the same time); from is left empty. */
void report_doc_append(report_doc *into, report_doc *from);
void report_doc_free(report_doc *d);

#endif
