/* lifecycle — see lifecycle.h. */
#include "segments/lifecycle.h"

const struct lifecycle_opts lifecycle_defaults = {90, 365, 0.1, 0.5, 0.5, 2, 2};

static const char *const names[LC_N] = {"prospect", "lost", "new", "reactivated", "at_risk", "regular",
					"occasional"};

const char *lifecycle_name(int state) { return names[state]; }

int lifecycle_classify(const struct lifecycle_in *c, const struct lifecycle_opts *o)
{
	if (c->orders <= 0 && c->has_idle) /* returns only: not a prospect */
		return c->idle > o->lost_days ? LC_LOST : LC_AT_RISK;
	if (c->orders <= 0)
		return LC_PROSPECT;
	if (c->idle > o->lost_days || (c->has_p && c->p_alive < o->lost_p))
		return LC_LOST;
	if (c->age <= o->new_days)
		return LC_NEW;
	if (c->has_gap && c->last_gap > o->lost_days)
		return LC_REACTIVATED;
	if ((c->previous > 0 && c->recent < o->risk_drop * c->previous) ||
	    (c->repeat >= 1 && c->idle > o->risk_gap * (c->active / c->repeat)) ||
	    (c->has_p && c->p_alive < o->risk_p))
		return LC_AT_RISK;
	if (c->recent >= o->regular_orders)
		return LC_REGULAR;
	return LC_OCCASIONAL;
}
