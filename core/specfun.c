/* specfun — see specfun.h. */
#include "specfun.h"

#include <math.h>

double specfun_digamma(double x)
{
	double r = 0, f, t;
	if (!(x > 0))
		return NAN;
	while (x < 6) {
		r -= 1 / x;
		x += 1;
	}
	f = 1 / (x * x);
	t = f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240 + f * (-1.0 / 132 +
	    f * (691.0 / 32760 + f * (-1.0 / 12)))))));
	return r + log(x) - 0.5 / x + t;
}

/* log of the plain series sum_n (a)_n (b)_n / (c)_n z^n / n!, summed with a
 * running scale so large terms do not overflow. */
static double log_series(double a, double b, double c, double z)
{
	double term = 1, sum = 1, logscale = 0;
	if (z == 0)
		return 0;
	for (int n = 0; n < 100000; n++) {
		term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
		sum += term;
		if (sum > 1e250) { /* rescale */
			logscale += log(sum);
			term /= sum;
			sum = 1;
		}
		if (fabs(term) <= 1e-16 * fabs(sum) && n > 2)
			return sum > 0 ? logscale + log(sum) : NAN;
	}
	return NAN;
}

double specfun_log_hyp2f1(double a, double b, double c, double z)
{
	double ea = c - a, eb = c - b;
	if (!(z >= 0 && z < 1) || !(c > 0))
		return NAN;
	/* Euler's transformation when it shrinks the parameters and keeps terms positive. */
	if (fabs(ea) + fabs(eb) < fabs(a) + fabs(b) && ea > -1 && eb > -1)
		return (c - a - b) * log1p(-z) + log_series(ea, eb, c, z);
	return log_series(a, b, c, z);
}
