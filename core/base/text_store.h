/*
 * text_store — copies of short texts kept together, freed at once.
 *
 * A tool that keeps one text per customer (cm-report's ids) would otherwise
 * make a million small allocations and free them one by one.  Copies are
 * NUL-terminated and stay where they are until text_store_free; the store
 * owns them.  A store is for one thread at a time.
 */
#ifndef CM_TEXT_STORE_H
#define CM_TEXT_STORE_H

#include <stddef.h>

typedef struct text_store text_store;

text_store *text_store_new(void);
/* A copy of s[0..n) and a NUL, owned by the store. */
const char *text_store_copy(text_store *t, const char *s, size_t n);
void text_store_free(text_store *t);

#endif
