/*
 * bytes — equality of two short byte strings, inline.
 *
 * The import compares a customer id or a date with the one before on every
 * line: strings of a few bytes, where a call to memcmp costs more than the
 * compare.  Up to sixteen bytes this is two overlapping word loads per side,
 * never a byte outside either string; longer strings go to memcmp.
 */
#ifndef CM_BYTES_H
#define CM_BYTES_H

#include <stdint.h>
#include <string.h>

static inline int bytes_equal(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	if (n >= 8 && n <= 16) {
		uint64_t x0, y0, x1, y1;
		memcpy(&x0, x, 8), memcpy(&y0, y, 8), memcpy(&x1, x + n - 8, 8), memcpy(&y1, y + n - 8, 8);
		return ((x0 ^ y0) | (x1 ^ y1)) == 0;
	}
	if (n >= 4 && n < 8) {
		uint32_t x0, y0, x1, y1;
		memcpy(&x0, x, 4), memcpy(&y0, y, 4), memcpy(&x1, x + n - 4, 4), memcpy(&y1, y + n - 4, 4);
		return ((x0 ^ y0) | (x1 ^ y1)) == 0;
	}
	if (n < 4) {
		for (size_t i = 0; i < n; i++)
			if (x[i] != y[i])
				return 0;
		return 1;
	}
	return memcmp(a, b, n) == 0;
}

#endif
