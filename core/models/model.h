/*
 * model — a fitted customer-lifetime model and its JSON file.
 *
 * The file (cm-clv --save-model, read by --model) holds:
 *   "model"      "bgnbd", "mbgnbd", "pnbd", "bgbb" or "retention" (the transaction model)
 *   "unit"       "day", "week", "month" (365.25/12 days) or "year" (365.25
 *                days): the time unit of the parameters (for bgbb, of one
 *                opportunity); customer tables are in days and are converted
 *   "params"     {"r", "alpha", "a", "b"}; for pnbd {"r", "alpha", "s", "beta"};
 *                for bgbb {"alpha", "beta", "gamma", "delta"}; for retention
 *                {"retention"}: the share of customers active in one window who
 *                are active in the next, and "window_days", the window's length
 *   "se"         standard errors of the same (null when not available)
 *   "loglik", "aic", "bic", "n" (customers), "iterations", "converged",
 *   "gradient_norm"
 *   "spend"      {"model": "gg" | "none", "params": {"p", "q", "gamma"}, "se",
 *                 "loglik", "n", "excluded"} (customers left out of its fit)
 *   "horizon"    in units; "discount" annual rate; "as_of" YYYY-MM-DD (the
 *                table's, last_date + idle_days) or null
 *   "cm_version"
 * A file with another unit than asked for, an unknown model or spend model,
 * a missing or non-positive parameter, a horizon that is not a number above 0
 * and at most a hundred years, a discount rate outside 0 to 10 is refused
 * with the key and the value.  Numbers are written with 17 digits, so a model
 * read back scores exactly as the fit it came from.
 */
#ifndef CM_MODEL_H
#define CM_MODEL_H

#include <stdint.h>

#include "base/err.h"
#include "models/fit.h"

#define MODEL_HORIZON_MAX_DAYS 36525.0 /* a hundred years */
#define MODEL_DISCOUNT_MAX 10.0           /* an annual rate of 1000% */

enum model_kind { MODEL_BGNBD, MODEL_MBGNBD, MODEL_PNBD, MODEL_BGBB, MODEL_RETENTION, MODEL_NKINDS };
enum model_unit { UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR, UNIT_NUNITS };

struct model {
	int kind, unit;
	struct fit tx;
	int has_spend;
	struct fit spend;
	long spend_excluded;
	double horizon;      /* in units */
	double window_days;  /* retention: the window the rate is per (cm-import --window) */
	double discount;     /* annual rate; model_load gives -1 when the file has none */
	int32_t as_of;       /* DAY_NONE when unknown */
};

const char *model_kind_name(int kind);
/* The names of the transaction model's parameters, in order, and how many. */
const char *const *model_param_names(int kind);
size_t model_param_count(int kind);
int model_kind_parse(const char *name);      /* -1 if unknown */
const char *model_unit_name(int unit);
int model_unit_parse(const char *name);      /* -1 if unknown */
double model_unit_days(int unit);
/* "52w", "12m", "365d", "2y", or a plain number of units; -1 if invalid. */
double model_parse_horizon(const char *s, int unit);

int model_save(const struct model *m, const char *path, cm_error *e);
int model_load(struct model *m, const char *path, cm_error *e);

#endif
