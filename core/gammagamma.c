/* gammagamma — see gammagamma.h. */
#include "gammagamma.h"

#include <math.h>

#include "specfun.h"

double gammagamma_loglik(const double p[3], const btyd_data *d, double grad[3])
{
	double P = p[0], q = p[1], g = p[2], ll = 0;
	if (grad)
		grad[0] = grad[1] = grad[2] = 0;
	for (size_t i = 0; i < d->n; i++) {
		double x = d->rows[i].x, m = d->rows[i].tx, w = d->rows[i].w, px = P * x;
		ll += w * (lgamma(px + q) - lgamma(px) - lgamma(q) + q * log(g) + (px - 1) * log(m) +
			   px * log(x) - (px + q) * log(g + x * m));
		if (grad) {
			double pq = specfun_digamma(px + q);
			grad[0] += w * x * (pq - specfun_digamma(px) + log(m) + log(x) - log(g + x * m));
			grad[1] += w * (pq - specfun_digamma(q) + log(g) - log(g + x * m));
			grad[2] += w * (q / g - (px + q) / (g + x * m));
		}
	}
	return ll;
}

double gammagamma_mean(const double p[3], double x, double m)
{
	double P = p[0], q = p[1], g = p[2];
	if (x <= 0 || m <= 0)
		return P * g / (q - 1);
	return (g + m * x) * P / (P * x + q - 1);
}
