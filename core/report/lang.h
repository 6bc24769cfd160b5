/*
 * lang — the report's words and numbers in English or German: labels for the
 * snake_case identifiers (sections, columns, lifecycle states, segments) and
 * number formats (1,234.56 or 1.234,56; 12.5% or 12,5 %; money with the
 * currency sign before (en) or after (de)).  An identifier without a
 * translation is shown as it is, underscores as blanks.
 */
#ifndef CM_LANG_H
#define CM_LANG_H

#include <stddef.h>

enum lang { LANG_EN, LANG_DE };

struct lang_opts {
	int lang;
	const char *currency; /* "" for none */
};

int lang_parse(const char *name); /* -1 if unknown */
/* The label of an identifier; buf holds it when it must be built (its
 * underscores as blanks).  An identifier too long for buf is returned as it
 * is: a label is never cut. */
const char *lang_label(const struct lang_opts *o, const char *id, char *buf, size_t cap);
/* The label of a value in a column: the column's own word for it
 * ("rfm_segment:lost", an RFM segment, is not the lifecycle's "lost"), else
 * lang_label's. */
const char *lang_value(const struct lang_opts *o, const char *column, const char *id, char *buf, size_t cap);
/* A date (YYYY-MM-DD) as the language writes it: 28.06.2024 in German. */
const char *lang_date(const struct lang_opts *o, const char *iso, char *buf, size_t cap);
/* A change (signed: +12, -3,5 %; a share's in percentage points: +2,0 Pp.). */
void lang_change(const struct lang_opts *o, int kind, double v, char *buf, size_t cap);
/* Format a cell value of rcell kind into buf (64 bytes). */
void lang_number(const struct lang_opts *o, int kind, double v, char *buf, size_t cap);
struct report_table;
/* The line under a table (its note) in the language: "classes by DB III",
 * "die ersten 10 von 42". */
const char *lang_note(const struct lang_opts *o, const struct report_table *t, char *buf, size_t cap);

#endif
