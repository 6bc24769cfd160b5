/* rfm — see rfm.h. */
#include "segments/rfm.h"

#include <math.h>
#include <stdlib.h>

#include "base/err.h"

/* Put the k-th smallest of v[lo..hi] at v[k] (quickselect, Hoare partition). */
static void select_kth(double *v, size_t lo, size_t hi, size_t k)
{
	while (lo < hi) {
		double pivot = v[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				double t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

void rfm_cuts(const double *values, size_t n, int bins, double *cuts)
{
	double *v = xmalloc((n + 1) * sizeof *v);
	size_t k = 0, lo = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(values[i]))
			v[k++] = values[i];
	/* the cut points in rising order: each selection leaves the larger values above it */
	for (int c = 1; c < bins; c++) {
		size_t pos = (size_t)c * k / (size_t)bins;
		if (k)
			select_kth(v, lo, k - 1, pos);
		cuts[c - 1] = k ? v[pos] : 0;
		lo = pos;
	}
	free(v);
}

int rfm_score(double v, const double *cuts, int bins, int reverse)
{
	int above = 0;
	for (int c = 0; c < bins - 1; c++)
		above += v > cuts[c];
	return reverse ? bins - above : 1 + above;
}
