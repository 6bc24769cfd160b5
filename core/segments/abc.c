/* abc — see abc.h. */
#include "segments/abc.h"

#include <stdlib.h>

#include "base/err.h"
#include "base/radix.h"

static char class_of(double before, double a, double b)
{
	return before < a - 1e-12 ? 'A' : before < a + b - 1e-12 ? 'B' : 'C';
}

/* The classes, shares and ranks go to customers in falling order of their
 * measure: places all over three arrays, asked for a few customers ahead. */
#define AHEAD 16

size_t abc_classify(const double *m, size_t n, const struct abc_opts *o, char *cls, double *share, size_t *rank)
{
	size_t *order = xmalloc((n + 1) * sizeof *order), nonpos = 0, i = 0;
	double *v = xmalloc((n + 1) * sizeof *v); /* m in that order */
	double total = 0, cum = 0;
	for (size_t k = 0; k < n; k++)
		total += m[k] > 0 ? m[k] : 0;
	radix_order_desc(m, n, order, v);
	while (i < n) {
		size_t j = i;
		double before = cum;
		while (j < n && v[j] == v[i])
			j++;
		if (v[i] > 0)
			cum += v[i] * (double)(j - i);
		for (size_t k = i; k < j; k++) {
			size_t c = order[k];
			if (k + AHEAD < n) {
				__builtin_prefetch(&rank[order[k + AHEAD]], 1);
				__builtin_prefetch(&share[order[k + AHEAD]], 1);
				__builtin_prefetch(&cls[order[k + AHEAD]], 1);
			}
			rank[c] = i + 1;
			share[c] = v[i] > 0 && total > 0 ? cum / total : 1;
			cls[c] = v[i] <= 0 ? 'C'
				 : o->by_count ? class_of((double)i / (double)n, o->a, o->b)
					       : class_of(total > 0 ? before / total : 1, o->a, o->b);
			nonpos += v[i] <= 0;
		}
		i = j;
	}
	free(order);
	free(v);
	return nonpos;
}
