/* specfun — see specfun.h. */
#include "models/specfun.h"

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

double specfun_c_hyp2f1(double a, double b, double c, double z)
{
	double c1 = c + 1, f1, f2;
	if (c > 0)
		return c * exp(specfun_log_hyp2f1(a, b, c, z));
	if (!(c > -1))
		return NAN;
	/* Gauss's relation between c - 1, c and c + 1, written at c + 1, times c */
	f1 = exp(specfun_log_hyp2f1(a, b, c1, z));
	f2 = exp(specfun_log_hyp2f1(a, b, c1 + 1, z));
	return -(c1 * (c1 - 1 - (2 * c1 - a - b - 1) * z) * f1 + (c1 - a) * (c1 - b) * z * f2) / (c1 * (z - 1));
}

/* Gamma(a, z) for a > 0: the series of the lower function when z < a + 1, else
 * the continued fraction (modified Lentz). */
static double upper_positive(double a, double z)
{
	if (z < a + 1) {
		double term = 1 / a, sum = term;
		for (int n = 1; n < 100000 && fabs(term) > 1e-17 * fabs(sum); n++) {
			term *= z / (a + n);
			sum += term;
		}
		return exp(lgamma(a)) - exp(a * log(z) - z) * sum;
	}
	{
		double b = z + 1 - a, c = 1e300, d = 1 / b, h = d;
		for (int i = 1; i < 100000; i++) {
			double an = -i * (i - a), del;
			b += 2;
			d = an * d + b;
			d = fabs(d) < 1e-300 ? 1e-300 : d;
			c = b + an / c;
			c = fabs(c) < 1e-300 ? 1e-300 : c;
			d = 1 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1) < 1e-16)
				break;
		}
		return exp(a * log(z) - z) * h;
	}
}

double specfun_log_upper_gamma(double a, double z)
{
	double v;
	int k = 0;
	if (!(z > 0))
		return NAN;
	if (a <= 0 && a == floor(a))
		a += 1e-9;
	while (a + k <= 0)
		k++;
	v = upper_positive(a + k, z);
	for (int i = k - 1; i >= 0; i--) /* down the recurrence to a */
		v = (v - exp((a + i) * log(z) - z)) / (a + i);
	return v > 0 ? log(v) : NAN;
}
