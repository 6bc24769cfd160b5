/*
 * fpset — a set of 64-bit fingerprints (for dropping exact duplicate rows).
 *
 * Costs about 16 bytes per distinct row: the one structure of cm that grows
 * with transactions, used only when --dedupe asks for it.
 */
#ifndef CM_FPSET_H
#define CM_FPSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct fpset fpset;

fpset *fpset_new(void);
/* 1 if fp was new (and is now in), 0 if it was there. */
int fpset_add(fpset *s, uint64_t fp);
uint64_t fpset_hash(const char *const *fields, const size_t *lens, size_t n);
void fpset_free(fpset *s);

#endif
