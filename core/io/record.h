/*
 * record — one row of a table as read: its fields as NUL-terminated UTF-8 text.
 *
 * A record is owned by the reader that returned it and is valid until the
 * reader's next call.  `line` is the 1-based physical line (for CSV, the line
 * the record starts on; for a JSON array, the element's position).
 */
#ifndef CM_RECORD_H
#define CM_RECORD_H

#include <stddef.h>

typedef struct cm_record {
	size_t n;            /* number of fields */
	const char **f;      /* f[i] is NUL-terminated; may contain no NUL byte */
	const size_t *len;   /* len[i] == strlen(f[i]) unless the field held a NUL */
	long line;
} cm_record;

/* Do fields f[0..n) lie one after another in memory, one byte between each
 * (a split line, a row read back)?  Then they can be copied as one block. */
static inline int record_adjacent(const char *const *f, const size_t *len, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (f[i] != f[i - 1] + len[i - 1] + 1)
			return 0;
	return 1;
}

#endif
