/*
 * lifecycle — where a customer stands (Kundenlebenszyklus), decided in this
 * order, the first that applies:
 *   prospect     no purchase yet (orders 0, no row at all)
 *   (returns)    a customer whose rows are all returns (orders 0, idle days
 *                since the last of them): lost when idle longer than
 *                lost_days, else at_risk
 *   lost         idle longer than lost_days, or p_alive below lost_p (when known)
 *   new          first purchase within new_days of the as-of date
 *   reactivated  the last gap between two purchases was longer than lost_days:
 *                lost once, bought again
 *   at_risk      buying less: orders in the last window below risk_drop times
 *                the window before; or idle longer than risk_gap times the
 *                customer's own mean gap between purchases; or p_alive below
 *                risk_p (when known)
 *   regular      at least regular_orders purchases in the last window
 *   occasional   everyone else
 */
#ifndef CM_LIFECYCLE_H
#define CM_LIFECYCLE_H

enum lifecycle { LC_PROSPECT, LC_LOST, LC_NEW, LC_REACTIVATED, LC_AT_RISK, LC_REGULAR, LC_OCCASIONAL, LC_N };

struct lifecycle_opts {
	double new_days, lost_days, lost_p, risk_p, risk_drop, risk_gap, regular_orders;
};

struct lifecycle_in {
	double orders, repeat, active, age, idle, last_gap, recent, previous, p_alive;
	int has_gap, has_p, has_idle;
};

extern const struct lifecycle_opts lifecycle_defaults;
int lifecycle_classify(const struct lifecycle_in *c, const struct lifecycle_opts *o);
const char *lifecycle_name(int state);

#endif
