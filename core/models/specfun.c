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

/* 2F1(1, e; c; z) = sum_n (e)_n / (c)_n z^n, 0 < e < c: into s[0] the sum, s[1] the
 * terms times sum_{k<n} 1/(e+k), s[2] times sum_{k<n} 1/(c+k), s[3] times n.
 * Each term is below the one before, so none overflows. */
static int euler_series(double e, double c, double z, double s[4])
{
	double t = 1, de = 0, dc = 0;
	s[0] = 1, s[1] = s[2] = s[3] = 0;
	for (int n = 0; n < 100000; n++) {
		double ie = 1 / (e + n), ic = 1 / (c + n);
		t *= (e + n) * ic * z;
		de += ie;
		dc += ic;
		s[0] += t;
		s[1] += t * de;
		s[2] += t * dc;
		s[3] += (n + 1) * t;
		if (t <= 1e-16 * s[0] && n > 2)
			return 0;
	}
	return -1;
}

/* 2F1(a, b; a + 1; z) = sum_n a / (a + n) (b)_n / n! z^n, 0 < b <= 1: s[0] the sum,
 * s[1] the terms times 1/a - 1/(a+n), s[2] times sum_{k<n} 1/(b+k), s[3] times n. */
static int plain_series(double a, double b, double z, double s[4])
{
	double t = 1, db = 0, ia = 1 / a;
	s[0] = 1, s[1] = s[2] = s[3] = 0;
	for (int n = 0; n < 100000; n++) {
		double ic = 1 / (a + 1 + n);
		t *= (a + n) * (b + n) * ic / (n + 1) * z;
		db += 1 / (b + n);
		s[0] += t;
		s[1] += t * (n + 1) * ic * ia;
		s[2] += t * db;
		s[3] += (n + 1) * t;
		if (t <= 1e-16 * s[0] && n > 2)
			return 0;
	}
	return -1;
}

double specfun_log_hyp2f1_a1(double a, double b, double z, double d[3])
{
	double s[4];
	if (!(a > 0 && b > 0 && b < a + 1 && z >= 0 && z < 1))
		return NAN;
	if (z == 0) {
		d[0] = d[1] = 0;
		d[2] = a * b / (a + 1);
		return 0;
	}
	if (b > 1) { /* Euler: (1 - z)^(1 - b) 2F1(1, a + 1 - b; a + 1; z) */
		double l1z = log1p(-z);
		if (euler_series(a + 1 - b, a + 1, z, s) < 0)
			return NAN;
		d[0] = (s[1] - s[2]) / s[0];
		d[1] = -l1z - s[1] / s[0];
		d[2] = (b - 1) / (1 - z) + s[3] / (z * s[0]);
		return (1 - b) * l1z + log(s[0]);
	}
	if (plain_series(a, b, z, s) < 0)
		return NAN;
	d[0] = s[1] / s[0];
	d[1] = s[2] / s[0];
	d[2] = s[3] / (z * s[0]);
	return log(s[0]);
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
		int sign; /* lgamma_r: lgamma writes the sign to a global, and this runs on threads */
		for (int n = 1; n < 100000 && fabs(term) > 1e-17 * fabs(sum); n++) {
			term *= z / (a + n);
			sum += term;
		}
		return exp(lgamma_r(a, &sign)) - exp(a * log(z) - z) * sum;
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
