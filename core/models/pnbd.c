/* pnbd — see pnbd.h. */
#include "models/pnbd.h"

#include <math.h>

#include "models/optim.h"

#include "models/specfun.h"

/* log of (alpha+T)^-(r+x) (beta+T)^-s, the "alive at T" term. */
static double log_alive(const double p[4], double x, double T)
{
	return -(p[0] + x) * log(p[1] + T) - p[2] * log(p[3] + T);
}

/* log of s/(r+s+x) A0, the "died between t_x and T" term; -INF when t_x == T. */
static double log_died(const double p[4], double x, double tx, double T)
{
	double r = p[0], al = p[1], s = p[2], be = p[3], rsx = r + s + x;
	double big = al >= be ? al : be, b2 = al >= be ? s + 1 : r + x, d = fabs(al - be);
	double l1 = specfun_log_hyp2f1(rsx, b2, rsx + 1, d / (big + tx)) - rsx * log(big + tx);
	double l2 = specfun_log_hyp2f1(rsx, b2, rsx + 1, d / (big + T)) - rsx * log(big + T);
	if (tx >= T || !(l1 > l2))
		return -INFINITY;
	return log(s / rsx) + l1 + log(-expm1(l2 - l1));
}

static double log_sum(double a, double b)
{
	double m = fmax(a, b);
	return m == -INFINITY ? -INFINITY : m + log(exp(a - m) + exp(b - m));
}

static double value(const double *p, const void *data)
{
	const btyd_data *d = data;
	double r = p[0], al = p[1], s = p[2], be = p[3], ll = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct btyd_row *c = &d->rows[i];
		double head = lgamma(r + c->x) - lgamma(r) + r * log(al) + s * log(be);
		ll += c->w * (head + log_sum(log_alive(p, c->x, c->T), log_died(p, c->x, c->tx, c->T)));
	}
	return ll;
}

double pnbd_loglik(const double p[4], const btyd_data *d, double grad[4])
{
	return optim_central_gradient(value, d, p, 4, grad);
}

double pnbd_p_alive(const double p[4], double x, double tx, double T)
{
	double a = log_alive(p, x, T), b = log_died(p, x, tx, T);
	return 1 / (1 + exp(b - a));
}

double pnbd_expected(const double p[4], double x, double tx, double T, double t)
{
	double r = p[0], al = p[1], s = p[2], be = p[3];
	double rate = (r + x) * (be + T) / ((al + T) * (s - 1));
	return pnbd_p_alive(p, x, tx, T) * rate * -expm1((s - 1) * (log(be + T) - log(be + T + t)));
}

double pnbd_dert(const double p[4], double x, double tx, double T, double delta)
{
	double r = p[0], al = p[1], s = p[2], be = p[3], z = delta * (be + T);
	/* E[1/(delta+mu)] = (beta+T)^s delta^(s-1) U(s, s; z), U(s, s; z) = e^z Gamma(1-s, z) */
	double l = s * log(be + T) + (s - 1) * log(delta) + z + specfun_log_upper_gamma(1 - s, z);
	return pnbd_p_alive(p, x, tx, T) * (r + x) / (al + T) * exp(l);
}
