/* rfm — see rfm.h. */
#include "rfm.h"

#include <math.h>
#include <stdlib.h>

#include "err.h"

static int ascending(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

void rfm_cuts(const double *values, size_t n, int bins, double *cuts)
{
	double *v = xmalloc((n + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(values[i]))
			v[k++] = values[i];
	qsort(v, k, sizeof *v, ascending);
	for (int c = 1; c < bins; c++)
		cuts[c - 1] = k ? v[(size_t)c * k / (size_t)bins] : 0;
	free(v);
}

int rfm_score(double v, const double *cuts, int bins, int reverse)
{
	int above = 0;
	for (int c = 0; c < bins - 1; c++)
		above += v > cuts[c];
	return reverse ? bins - above : 1 + above;
}
