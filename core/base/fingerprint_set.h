/*
 * fingerprint_set — a set of 64-bit fingerprints (for dropping exact duplicate rows).
 *
 * Costs about 16 bytes per distinct row: the one structure of cm that grows
 * with transactions, used only when --dedupe asks for it.
 */
#ifndef CM_FINGERPRINT_SET_H
#define CM_FINGERPRINT_SET_H

#include <stddef.h>
#include <stdint.h>

typedef struct fingerprint_set fingerprint_set;

fingerprint_set *fingerprint_set_new(void);
/* 1 if fp was new (and is now in), 0 if it was there. */
int fingerprint_set_add(fingerprint_set *s, uint64_t fp);
uint64_t fingerprint_set_hash(const char *const *fields, const size_t *lens, size_t n);
void fingerprint_set_free(fingerprint_set *s);

#endif
