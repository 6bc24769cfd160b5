/*
 * textstore — copies of short texts kept together, freed at once.
 *
 * A tool that keeps one text per customer (cm-report's ids) would otherwise
 * make a million small allocations and free them one by one.  Copies are
 * NUL-terminated and stay where they are until textstore_free; the store
 * owns them.  A store is for one thread at a time.
 */
#ifndef CM_TEXTSTORE_H
#define CM_TEXTSTORE_H

#include <stddef.h>

typedef struct textstore textstore;

textstore *textstore_new(void);
/* A copy of s[0..n) and a NUL, owned by the store. */
const char *textstore_copy(textstore *t, const char *s, size_t n);
void textstore_free(textstore *t);

#endif
