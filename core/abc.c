/* abc — see abc.h. */
#include "abc.h"

#include <stdlib.h>

#include "err.h"
#include "radix.h"

static char class_of(double before, double a, double b)
{
	return before < a - 1e-12 ? 'A' : before < a + b - 1e-12 ? 'B' : 'C';
}

size_t abc_classify(const double *m, size_t n, const struct abc_opts *o, char *cls, double *share, size_t *rank)
{
	size_t *order = xmalloc((n + 1) * sizeof *order), nonpos = 0, i = 0;
	double total = 0, cum = 0;
	for (size_t k = 0; k < n; k++)
		total += m[k] > 0 ? m[k] : 0;
	radix_order_desc(m, n, order);
	while (i < n) {
		size_t j = i;
		double v = m[order[i]], before = cum;
		while (j < n && m[order[j]] == v)
			j++;
		if (v > 0)
			cum += v * (double)(j - i);
		for (size_t k = i; k < j; k++) {
			size_t c = order[k];
			rank[c] = i + 1;
			share[c] = v > 0 && total > 0 ? cum / total : 1;
			cls[c] = v <= 0 ? 'C'
				 : o->by_count ? class_of((double)i / (double)n, o->a, o->b)
					       : class_of(total > 0 ? before / total : 1, o->a, o->b);
			nonpos += v <= 0;
		}
		i = j;
	}
	free(order);
	return nonpos;
}
