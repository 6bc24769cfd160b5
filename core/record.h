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

#endif
