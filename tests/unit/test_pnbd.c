/* Pareto/NBD: the 2F1 series with its derivatives and the analytic gradient of
 * the log-likelihood against mpmath at 40 digits (an independent source: the
 * likelihood as the integral it is, no 2F1 in it), against central differences
 * on both sides of alpha = beta, and the same bits on one thread and on all. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/threads.h"
#include "models/btyd.h"
#include "models/pnbd.h"
#include "models/specfun.h"
#include "check.h"

#define NEAR(a, b, tol) (fabs((a) - (b)) <= (tol))

/* log 2F1(a, b; a + 1; z) and its derivatives in a (c = a + 1 with it), b, z:
 * mpmath's hyp2f1 and diff.  Euler's branch (b > 1) and the plain series. */
static void test_series(void)
{
	static const struct {
		double a, b, z, want[4];
	} t[] = {
		{1.5, 1.6, 0.3, {0.33615813016721203, 0.086981999375158108, 0.21711236147149233, 1.32152004423794}},
		{3.2, 0.4, 0.8, {0.41394858307497181, 0.039708349282826988, 1.0607309028401654, 1.0335270593191696}},
		{0.7, 0.5, 0.05, {0.010489618840044634, 0.0088235596258984692, 0.021038092156504807, 0.21381470131057874}},
		{52.1, 1.52, 0.24, {0.40819488516516462, 0.00016690533600810853, 0.26857429990241499, 1.951423604168315}},
		{0.3, 1.2, 0.6, {0.24967095813676811, 0.60513898337572965, 0.24838667282174698, 0.6696806227673054}},
		{2.6, 1.0, 0.5, {0.47273465998650065, 0.052979174673214488, 0.48442840135185514, 1.2822725183521051}},
		{2.3, 3.2, 0.999, {15.241430349311486, 0.43395256889323981, 6.4541083090140858, 2200.0827497769268}},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		double d[3], v = specfun_log_hyp2f1_a1(t[i].a, t[i].b, t[i].z, d), got[4] = {v, d[0], d[1], d[2]};
		for (int k = 0; k < 4; k++)
			CHECK(NEAR(got[k], t[i].want[k], 1e-12 * fmax(1, fabs(t[i].want[k]))),
			      "2F1(%g, %g; a+1; %g) part %d: %.17g, mpmath %.17g", t[i].a, t[i].b, t[i].z, k, got[k],
			      t[i].want[k]);
		CHECK(NEAR(v, specfun_log_hyp2f1(t[i].a, t[i].b, t[i].a + 1, t[i].z), 1e-14 * fmax(1, fabs(v))),
		      "2F1(%g, %g; a+1; %g): the general series agrees", t[i].a, t[i].b, t[i].z);
	}
	{ /* z = 0: 2F1 = 1, its slope ab/(a+1); b = a + 1 is outside (a term would be 0/0) */
		double d[3], v = specfun_log_hyp2f1_a1(2, 1.5, 0, d);
		CHECK(v == 0 && d[0] == 0 && d[1] == 0 && NEAR(d[2], 1, 1e-15), "2F1 at z = 0");
		CHECK(isnan(specfun_log_hyp2f1_a1(2, 3, 0.5, d)), "2F1(a, a+1; a+1; z) refused");
	}
}

/* One history's log-likelihood and gradient in (r, alpha, s, beta) against
 * mpmath: log[Gamma(r+x)/Gamma(r) alpha^r beta^s ((alpha+T)^-(r+x) (beta+T)^-s
 * + s int_tx^T (alpha+t)^-(r+x) (beta+t)^-(s+1) dt)], its derivatives by diff. */
static void test_histories(void)
{
	static const struct {
		double p[4], x, tx, T, want[5];
	} t[] = {
		{{0.5974, 11.5857, 0.5222, 8.8278}, 2, 30.43, 38.86,
		 {-9.5194629662968453, 0.84093815615241522, -0.00059163420886775605, -1.4424585738769224, 0.04522896894538827}},
		{{0.5974, 11.5857, 0.5222, 8.8278}, 0, 0, 38.86,
		 {-0.52294956515580653, -0.78610206136355552, 0.024481767878506476, 0.43723200862207656, -0.016995033095012515}},
		{{0.5974, 11.5857, 0.5222, 8.8278}, 80, 38.7, 38.86,
		 {-43.924316648614385, 4.4622344400457893, -1.5461477767901559, -1.6829401627192049, 0.048161637072146987}},
		{{0.5532, 10.5763, 0.6063, 11.6715}, 0, 0, 38.86, /* alpha < beta, r + x <= 1: the plain series */
		 {-0.52118735242967883, -0.85476741591596529, 0.026374229432714158, 0.3566357673874233, -0.012904133254393577}},
		{{0.5532, 10.5763, 0.6063, 11.6715}, 26, 30.86, 31,
		 {-39.130245557725444, 3.6138725453954189, -0.58635858274290146, -1.2929435622394191, 0.037689577338521869}},
		{{0.2, 5, 1, 20}, 0.5, 3, 10,
		 {-2.919644566796059, 3.0620150691612679, -0.012028532028458890, -0.088679581060137995, 0.0044687844496032862}},
		{{1.7, 3.1, 2.2, 3.1000001}, 7, 20, 20.14, /* alpha just below beta */
		 {-19.800352014029201, -0.11822707124093096, 0.17401700620731413, -2.008270317419194, 0.61442407874403021}},
		{{0.5532, 10.5763, 0.6063, 11.6715}, 5, 31, 31, /* t_x = T: alive at T, no series */
		 {-16.611623014266293, 1.9753095119716074, -0.081260852248145345, -1.2963812773427137, 0.03773850381957634}},
		{{0.05, 30, 3, 0.5}, 1, 0.1428, 27.2,
		 {-7.1664278612136771, 19.985064599898166, -0.032818540157864653, -0.24610483484373293, 1.3165586410404467}},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		btyd_data d;
		double g[4], got[5];
		btyd_init(&d);
		btyd_add(&d, t[i].x, t[i].tx, t[i].T, 1);
		got[0] = pnbd_loglik(t[i].p, &d, NULL, g);
		for (int k = 0; k < 4; k++)
			got[k + 1] = g[k];
		for (int k = 0; k < 5; k++)
			CHECK(NEAR(got[k], t[i].want[k], 1e-12 * fmax(1, fabs(t[i].want[k]))),
			      "Pareto/NBD history %zu, %s %d: %.17g, mpmath %.17g", i, k ? "gradient" : "value", k - 1,
			      got[k], t[i].want[k]);
		btyd_free(&d);
	}
}

/* Histories of every kind: no repeat, t_x = T, whole and fractional x, many weeks. */
static void simulate(btyd_data *d, int n)
{
	uint64_t st = 20250101;
	btyd_init(d);
	for (int i = 0; i < n; i++) {
		double T = 1 + check_rand(&st, 52 * 7) / 7.0, x = check_rand(&st, 4) ? check_rand(&st, 30) : 0;
		double tx = x ? T * check_rand(&st, 1001) / 1000 : 0;
		if (i % 97 == 0)
			x += 0.5;
		btyd_add(d, x, tx, T, 1 + check_rand(&st, 3));
	}
}

/* The gradient against central differences (Richardson over h and 2h), on the
 * log scale, where the differences' rounding is about 1e-12 of the value. */
static void test_gradient(const btyd_data *d)
{
	static const double at[][4] = {
		{1, 1, 1, 1}, {0.5, 10, 0.5, 10}, {0.5, 10, 0.5, 10 * (1 + 1e-9)}, {0.5, 10 * (1 + 1e-9), 0.5, 10},
		{2, 50, 0.5, 5}, {0.2, 5, 1, 20}, {0.05, 30, 3, 0.5}, {3, 2, 0.1, 40}, {0.6, 11.6, 0.5, 8.8},
	};
	pnbd_points *pts = pnbd_points_new(d);
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		const double *p = at[k];
		double g[4], ll = pnbd_loglik(p, d, pts, g);
		for (int i = 0; i < 4; i++) {
			double q[4] = {p[0], p[1], p[2], p[3]}, cd[2];
			for (int s = 0; s < 2; s++) {
				double h = (s + 1) * 1e-4 * p[i], up, down;
				q[i] = p[i] + h;
				up = pnbd_loglik(q, d, pts, NULL);
				q[i] = p[i] - h;
				down = pnbd_loglik(q, d, pts, NULL);
				q[i] = p[i];
				cd[s] = (up - down) / (2 * h);
			}
			cd[0] = (4 * cd[0] - cd[1]) / 3;
			CHECK(NEAR(p[i] * g[i], p[i] * cd[0], 1e-9 * fabs(ll) + 1e-8 * fabs(p[i] * g[i])),
			      "Pareto/NBD gradient %d at (%g, %g, %g, %g): %.12g, differences %.12g", i, p[0], p[1], p[2],
			      p[3], g[i], cd[0]);
		}
	}
	pnbd_points_free(pts);
}

/* The points made once give what a call that makes its own gives; one thread what all do. */
static void test_same_bits(const btyd_data *d)
{
	static const double p[4] = {0.6, 11.6, 0.5, 8.8};
	double g1[4], g2[4], g3[4], l1, l2, l3;
	pnbd_points *pts = pnbd_points_new(d);
	l1 = pnbd_loglik(p, d, pts, g1);
	l2 = pnbd_loglik(p, d, NULL, g2);
	threads_serial(1);
	l3 = pnbd_loglik(p, d, pts, g3);
	threads_serial(0);
	CHECK(l1 == l2 && l1 == l3 && !memcmp(g1, g2, sizeof g1) && !memcmp(g1, g3, sizeof g1),
	      "Pareto/NBD: the same bits with its points made once, for the call, and on one thread: %.17g %.17g %.17g",
	      l1, l2, l3);
	pnbd_points_free(pts);
}

/* A curve at once: each point that of its own time, P(alive) worked out once. */
static void test_curve(void)
{
	static const double p[4] = {0.5532, 10.5763, 0.6063, 11.6715}, at[3] = {13, 39, 78};
	double curve[3];
	pnbd_expected_at(p, 2, 30.43, 38.86, at, 3, curve);
	for (int k = 0; k < 3; k++)
		CHECK(curve[k] == pnbd_expected(p, 2, 30.43, 38.86, at[k]), "Pareto/NBD curve at t = %g", at[k]);
	CHECK(curve[0] < curve[1] && curve[1] < curve[2], "Pareto/NBD: expected orders rise with t");
}

void test_pnbd(void)
{
	btyd_data d;
	test_series();
	test_histories();
	test_curve();
	simulate(&d, 6000);
	CHECK(d.n > 4096, "more than one block of histories: %zu", d.n);
	test_gradient(&d);
	test_same_bits(&d);
	btyd_free(&d);
}
