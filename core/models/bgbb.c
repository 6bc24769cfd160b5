/* bgbb — see bgbb.h. */
#include "models/bgbb.h"

#include <math.h>

#include "models/optim.h"

static double lbeta(double a, double b) { return lgamma(a) + lgamma(b) - lgamma(a + b); }

static double log_add(double a, double b)
{
	double m = fmax(a, b);
	return m == -INFINITY ? -INFINITY : m + log(exp(a - m) + exp(b - m));
}

/* log L for one history (FHS 2010, eq. 5). */
static double log_lik(const double p[4], double x, double tx, double n)
{
	double al = p[0], be = p[1], ga = p[2], de = p[3];
	double base = -lbeta(al, be) - lbeta(ga, de);
	double l = lbeta(al + x, be + n - x) + lbeta(ga, de + n);
	for (double i = 0; i <= n - tx - 1; i++)
		l = log_add(l, lbeta(al + x, be + tx - x + i) + lbeta(ga + 1, de + tx + i));
	return base + l;
}

static double value(const double *p, const void *data)
{
	const btyd_data *d = data;
	double ll = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct btyd_row *c = &d->rows[i];
		if (c->x > c->tx || c->tx > c->T || c->x != floor(c->x) || c->T != floor(c->T))
			return NAN; /* not discrete opportunities */
		ll += c->w * log_lik(p, c->x, c->tx, c->T);
	}
	return ll;
}

double bgbb_loglik(const double p[4], const btyd_data *d, double grad[4])
{
	return optim_central_gradient(value, d, p, 4, grad);
}

double bgbb_p_alive(const double p[4], double x, double tx, double n)
{
	double al = p[0], be = p[1], ga = p[2], de = p[3];
	return exp(lbeta(al + x, be + n - x) - lbeta(al, be) + lbeta(ga, de + n + 1) - lbeta(ga, de) -
		   log_lik(p, x, tx, n));
}

double bgbb_expected(const double p[4], double x, double tx, double n, double t)
{
	double al = p[0], be = p[1], ga = p[2], de = p[3];
	double head = lbeta(al + x + 1, be + n - x) - lbeta(al, be) - log_lik(p, x, tx, n);
	double g = lgamma(ga + de) - lgamma(1 + de);
	double a = exp(lgamma(1 + de + n) - lgamma(ga + de + n) + g);
	double b = exp(lgamma(1 + de + n + t) - lgamma(ga + de + n + t) + g);
	return exp(head) * de / (ga - 1) * (a - b);
}
