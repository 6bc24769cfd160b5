/* clv — see clv.h. */
#include "clv.h"

#include <math.h>

#include "bgbb.h"
#include "bgnbd.h"
#include "gammagamma.h"
#include "pnbd.h"

#define DAYS_PER_STEP (365.25 / 12) /* discount month by month */
#define MAX_STEPS 1200

static double expected(const struct model *m, const struct clv_customer *c, double t)
{
	if (m->kind == MODEL_PNBD)
		return pnbd_expected(m->tx.p, c->x, c->tx, c->T, t);
	if (m->kind == MODEL_BGBB)
		return bgbb_expected(m->tx.p, c->x, c->tx, c->T, t);
	return bgnbd_expected(m->tx.p, m->kind == MODEL_MBGNBD, c->x, c->tx, c->T, t);
}

static int retention(const struct model *m, const struct clv_customer *c, struct clv_result *r)
{
	double rate = m->tx.p[0], d = pow(1 + m->discount, m->window_days / 365.25) - 1;
	double windows = m->horizon * model_unit_days(m->unit) / m->window_days, sum = 0;
	int active = c->orders_recent > 0;
	for (int k = 1; k <= (int)floor(windows + 1e-9); k++)
		sum += pow(rate, k);
	sum += (windows - floor(windows + 1e-9) > 1e-9) ? (windows - floor(windows)) * pow(rate, ceil(windows)) : 0;
	r->p_alive = active ? rate : 0;
	r->expected_orders = active ? c->orders_recent * sum : 0;
	r->expected_value = c->own_value;
	r->dert = NAN;
	r->clv = active ? c->orders_recent * c->own_value * c->margin_rate * rate / (1 + d - rate) : 0;
	if (isnan(c->own_value))
		return 0;
	return isfinite(r->clv) ? 0 : -1;
}

int clv_predict(const struct model *m, const struct clv_customer *c, struct clv_result *r)
{
	int mod = m->kind == MODEL_MBGNBD, steps;
	double unit_rate = pow(1 + m->discount, model_unit_days(m->unit) / 365.25) - 1;
	double prev = 0, sum = 0, dt;
	if (m->kind == MODEL_RETENTION)
		return retention(m, c, r);
	r->p_alive = m->kind == MODEL_PNBD   ? pnbd_p_alive(m->tx.p, c->x, c->tx, c->T)
		     : m->kind == MODEL_BGBB ? bgbb_p_alive(m->tx.p, c->x, c->tx, c->T)
					     : bgnbd_p_alive(m->tx.p, mod, c->x, c->tx, c->T);
	r->expected_orders = expected(m, c, m->horizon);
	r->expected_value = m->has_spend ? gammagamma_mean(m->spend.p, c->x, c->mean_value) : c->own_value;
	steps = m->kind == MODEL_BGBB ? (int)m->horizon /* opportunities come one at a time */
				      : (int)ceil(m->horizon * model_unit_days(m->unit) / DAYS_PER_STEP - 1e-9);
	if (steps < 1)
		steps = 1;
	if (steps > MAX_STEPS)
		steps = MAX_STEPS;
	dt = m->horizon / steps;
	for (int k = 1; k <= steps; k++) {
		double t = k == steps ? m->horizon : k * dt;
		double e = k == steps ? r->expected_orders : expected(m, c, t);
		sum += (e - prev) / pow(1 + unit_rate, t);
		prev = e;
	}
	r->clv = sum * r->expected_value * c->margin_rate;
	r->dert = m->kind == MODEL_PNBD ? pnbd_dert(m->tx.p, c->x, c->tx, c->T, log1p(unit_rate)) : NAN;
	if (!m->has_spend && isnan(c->own_value))
		return isfinite(r->p_alive) && isfinite(r->expected_orders) ? 0 : -1;
	return isfinite(r->p_alive) && isfinite(r->expected_orders) && isfinite(r->expected_value) &&
			       isfinite(r->clv) ? 0 : -1;
}
