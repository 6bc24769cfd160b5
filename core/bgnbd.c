/* bgnbd — see bgnbd.h. */
#include "bgnbd.h"

#include <math.h>

#include "specfun.h"

/* One customer's log-likelihood and, when g is given, its gradient added to g. */
static double term(const double p[4], int mod, double x, double tx, double T, double w, double *g)
{
	double r = p[0], al = p[1], a = p[2], b = p[3];
	double bx = mod ? b + x + 1 : b + x; /* the Beta term's second argument */
	int two = mod || x > 0;              /* is the "dropped out after t_x" term there? */
	double A1 = lgamma(r + x) - lgamma(r) + r * log(al);
	double A2 = lgamma(a + b) + lgamma(bx) - lgamma(b) - lgamma(a + bx);
	double A3 = -(r + x) * log(al + T);
	double d4 = mod ? b + x : b + x - 1;
	double A4 = two ? log(a) - log(d4) - (r + x) * log(al + tx) : -INFINITY;
	double m = fmax(A3, A4), e3 = exp(A3 - m), e4 = two ? exp(A4 - m) : 0;
	double p3 = e3 / (e3 + e4), p4 = e4 / (e3 + e4);
	if (g) {
		double psab = specfun_digamma(a + b), psabx = specfun_digamma(a + bx);
		g[0] += w * (specfun_digamma(r + x) - specfun_digamma(r) + log(al) - p3 * log(al + T) -
			     p4 * log(al + tx));
		g[1] += w * (r / al - p3 * (r + x) / (al + T) - p4 * (r + x) / (al + tx));
		g[2] += w * (psab - psabx + p4 / a);
		g[3] += w * (psab + specfun_digamma(bx) - specfun_digamma(b) - psabx - p4 / d4);
	}
	return w * (A1 + A2 + m + log(e3 + e4));
}

double bgnbd_loglik(const double p[4], const btyd_data *d, int modified, double grad[4])
{
	double ll = 0;
	if (grad)
		grad[0] = grad[1] = grad[2] = grad[3] = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct btyd_row *c = &d->rows[i];
		ll += term(p, modified, c->x, c->tx, c->T, c->w, grad);
	}
	return ll;
}

/* a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x), in logs: the odds of having dropped out. */
static double log_dead_odds(const double p[4], int mod, double x, double tx, double T)
{
	if (!mod && x == 0)
		return -INFINITY;
	return log(p[2]) - log(mod ? p[3] + x : p[3] + x - 1) + (p[0] + x) * (log(p[1] + T) - log(p[1] + tx));
}

double bgnbd_p_alive(const double p[4], int modified, double x, double tx, double T)
{
	double lo = log_dead_odds(p, modified, x, tx, T);
	return lo == -INFINITY ? 1 : 1 / (1 + exp(lo));
}

double bgnbd_expected(const double p[4], int modified, double x, double tx, double T, double t)
{
	double r = p[0], al = p[1], a = p[2], b = p[3];
	double c = modified ? a + b + x : a + b + x - 1;
	double z = t / (al + T + t);
	double lh = specfun_log_hyp2f1(r + x, modified ? b + x + 1 : b + x, c, z);
	double L = (r + x) * (log(al + T) - log(al + T + t)) + lh;
	double lo = log_dead_odds(p, modified, x, tx, T);
	double num = c / (a - 1) * -expm1(L);
	return lo == -INFINITY ? num : num / (1 + exp(lo));
}

double bgnbd_unconditional(const double p[4], double t)
{
	double r = p[0], al = p[1], a = p[2], b = p[3];
	double L = r * (log(al) - log(al + t)) + specfun_log_hyp2f1(r, b, a + b - 1, t / (al + t));
	return (a + b - 1) / (a - 1) * -expm1(L);
}
