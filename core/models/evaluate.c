/* evaluate — see evaluate.h. */
#include "models/evaluate.h"

#include <math.h>
#include <stdio.h>

void evaluate_add(struct evaluation *v, double x, double predicted, double actual, double w)
{
	int g = x >= EVAL_GROUPS - 1 ? EVAL_GROUPS - 1 : (int)x;
	double d = predicted - actual;
	v->n[g] += w;
	v->pred[g] += w * predicted;
	v->actual[g] += w * actual;
	v->count += w;
	v->abs += w * fabs(d);
	v->sq += w * d * d;
	v->sp += w * predicted;
	v->sa += w * actual;
	v->spp += w * predicted * predicted;
	v->saa += w * actual * actual;
	v->spa += w * predicted * actual;
}

static double correlation(const struct evaluation *v)
{
	double n = v->count, cov = v->spa / n - (v->sp / n) * (v->sa / n);
	double vp = v->spp / n - (v->sp / n) * (v->sp / n), va = v->saa / n - (v->sa / n) * (v->sa / n);
	return vp > 0 && va > 0 ? cov / sqrt(vp * va) : NAN;
}

static void put(fileio_out *out, const char *s)
{
	fileio_puts(out, s);
}

static void write_json(const struct evaluation *v, fileio_out *out)
{
	char buf[256];
	double r = correlation(v);
	snprintf(buf, sizeof buf, "{\"customers\":%.0f,\"predicted\":%.4f,\"actual\":%.0f,\"mae\":%.6f,\"rmse\":%.6f,",
		 v->count, v->sp, v->sa, v->abs / v->count, sqrt(v->sq / v->count));
	put(out, buf);
	if (isfinite(r))
		snprintf(buf, sizeof buf, "\"correlation\":%.6f,\"by_frequency\":[", r);
	else
		snprintf(buf, sizeof buf, "\"correlation\":null,\"by_frequency\":[");
	put(out, buf);
	for (int g = 0; g < EVAL_GROUPS; g++) {
		snprintf(buf, sizeof buf, "%s{\"repeat_orders\":\"%d%s\",\"customers\":%.0f,\"predicted\":%.4f,\"actual\":%.0f}",
			 g ? "," : "", g, g == EVAL_GROUPS - 1 ? "+" : "", v->n[g], v->pred[g], v->actual[g]);
		put(out, buf);
	}
	put(out, "]}\n");
}

void evaluate_write(const struct evaluation *v, fileio_out *out, int json)
{
	char buf[256], corr[40] = "n/a";
	double r = correlation(v);
	if (isfinite(r))
		snprintf(corr, sizeof corr, "%.4f", r);
	if (v->count <= 0) {
		put(out, json ? "{\"customers\":0}\n" : "no customers to evaluate\n");
		return;
	}
	if (json) {
		write_json(v, out);
		return;
	}
	put(out, "repeat orders  customers  predicted  actual  predicted/customer  actual/customer\n");
	for (int g = 0; g < EVAL_GROUPS; g++) {
		double n = v->n[g];
		snprintf(buf, sizeof buf, "%11d%-2s %10.0f %10.1f %7.0f %19.3f %16.3f\n", g, g == EVAL_GROUPS - 1 ? "+" : "",
			 n, v->pred[g], v->actual[g], n > 0 ? v->pred[g] / n : 0, n > 0 ? v->actual[g] / n : 0);
		put(out, buf);
	}
	snprintf(buf, sizeof buf, "%13s %10.0f %10.1f %7.0f %19.3f %16.3f\n", "all", v->count, v->sp, v->sa,
		 v->sp / v->count, v->sa / v->count);
	put(out, buf);
	snprintf(buf, sizeof buf, "per customer: MAE %.4f, RMSE %.4f, correlation %s\n", v->abs / v->count,
		 sqrt(v->sq / v->count), corr);
	put(out, buf);
}
