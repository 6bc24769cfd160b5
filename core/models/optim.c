/* optim — see optim.h. */
#include "models/optim.h"

#include <math.h>
#include <string.h>

static double norm(const double *g, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += g[i] * g[i];
	return sqrt(s);
}

/* Step along d until f rises enough (Armijo); returns the new value or -INF. */
static double line_search(optim_fn f, void *ctx, const double *x, double fx, const double *g,
			  const double *d, size_t n, double *xn, double *gn)
{
	double slope = 0, t = 1;
	for (size_t i = 0; i < n; i++)
		slope += g[i] * d[i];
	if (!(slope > 0))
		return -INFINITY;
	for (int k = 0; k < 60; k++, t *= 0.5) {
		double v;
		for (size_t i = 0; i < n; i++)
			xn[i] = x[i] + t * d[i];
		v = f(xn, gn, ctx);
		if (isfinite(v) && v >= fx + 1e-4 * t * slope)
			return v;
	}
	return -INFINITY;
}

/* Start from a step of length one (on the log scale) along the gradient. */
static void reset(double H[OPTIM_MAXP][OPTIM_MAXP], size_t n, const double *g)
{
	double scale = 1 / fmax(norm(g, n), 1e-8);
	memset(H, 0, sizeof(double) * OPTIM_MAXP * OPTIM_MAXP);
	for (size_t i = 0; i < n; i++)
		H[i][i] = scale;
}

/* Before the first update, rescale H to the curvature seen (Nocedal & Wright, eq. 6.20). */
static void rescale(double H[OPTIM_MAXP][OPTIM_MAXP], const double *s, const double *y, size_t n)
{
	double sy = 0, yy = 0;
	for (size_t i = 0; i < n; i++) {
		sy += s[i] * y[i];
		yy += y[i] * y[i];
	}
	if (sy > 0 && yy > 0)
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				H[i][j] = i == j ? sy / yy : 0;
}

/* BFGS update of the inverse Hessian of -f with step s and gradient change y (of -f). */
static void update(double H[OPTIM_MAXP][OPTIM_MAXP], const double *s, const double *y, size_t n)
{
	double sy = 0, Hy[OPTIM_MAXP] = {0}, yHy = 0;
	for (size_t i = 0; i < n; i++)
		sy += s[i] * y[i];
	if (!(sy > 1e-12))
		return;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			Hy[i] += H[i][j] * y[j];
	for (size_t i = 0; i < n; i++)
		yHy += y[i] * Hy[i];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			H[i][j] += ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
}

struct optim_result optim_maximise(optim_fn f, void *ctx, double *x, size_t n, double tol, int maxit)
{
	double H[OPTIM_MAXP][OPTIM_MAXP], g[OPTIM_MAXP], gn[OPTIM_MAXP], xn[OPTIM_MAXP], d[OPTIM_MAXP];
	struct optim_result r = {0, 0, 0, 0};
	int fresh = 1, flat = 0;
	r.value = f(x, g, ctx);
	reset(H, n, g);
	for (r.iterations = 0; r.iterations < maxit && isfinite(r.value); r.iterations++) {
		double v, s[OPTIM_MAXP], y[OPTIM_MAXP];
		if ((r.gradnorm = norm(g, n)) < tol) {
			r.converged = 1;
			break;
		}
		for (size_t i = 0; i < n; i++) {
			d[i] = 0;
			for (size_t j = 0; j < n; j++)
				d[i] += H[i][j] * g[j]; /* ascent: H approximates the inverse of -f'' */
		}
		v = line_search(f, ctx, x, r.value, g, d, n, xn, gn);
		if (!isfinite(v)) {
			if (fresh)
				break; /* no progress even along the gradient */
			reset(H, n, g);
			fresh = 1;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			s[i] = xn[i] - x[i];
			y[i] = g[i] - gn[i];
		}
		if (fresh)
			rescale(H, s, y, n);
		update(H, s, y, n);
		memcpy(x, xn, n * sizeof *x);
		memcpy(g, gn, n * sizeof *g);
		/* Rounding limits how far the value can still rise: stop when it no longer does. */
		flat = v - r.value <= 1e-13 * fabs(v) ? flat + 1 : 0;
		r.value = v;
		fresh = 0;
		if (flat >= 5)
			break;
	}
	r.gradnorm = norm(g, n);
	r.converged = r.converged || r.gradnorm < tol;
	return r;
}

void optim_hessian(optim_fn f, void *ctx, const double *x, size_t n, double h[OPTIM_MAXP][OPTIM_MAXP])
{
	double xp[OPTIM_MAXP], gp[OPTIM_MAXP], gm[OPTIM_MAXP];
	for (size_t j = 0; j < n; j++) {
		double e = 1e-5 * fmax(1, fabs(x[j]));
		memcpy(xp, x, n * sizeof *x);
		xp[j] = x[j] + e;
		f(xp, gp, ctx);
		xp[j] = x[j] - e;
		f(xp, gm, ctx);
		for (size_t i = 0; i < n; i++)
			h[i][j] = (gp[i] - gm[i]) / (2 * e);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			h[i][j] = h[j][i] = (h[i][j] + h[j][i]) / 2;
}

int optim_invert(double m[OPTIM_MAXP][OPTIM_MAXP], size_t n)
{
	double a[OPTIM_MAXP][2 * OPTIM_MAXP];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < 2 * n; j++)
			a[i][j] = j < n ? m[i][j] : (j - n == i);
	for (size_t c = 0; c < n; c++) { /* Gauss-Jordan with partial pivoting */
		size_t p = c;
		for (size_t i = c + 1; i < n; i++)
			if (fabs(a[i][c]) > fabs(a[p][c]))
				p = i;
		if (fabs(a[p][c]) < 1e-300)
			return -1;
		for (size_t j = 0; j < 2 * n; j++) {
			double t = a[c][j];
			a[c][j] = a[p][j];
			a[p][j] = t;
		}
		for (size_t i = 0; i < n; i++) {
			double k = a[i][c] / a[c][c];
			if (i == c)
				continue;
			for (size_t j = 0; j < 2 * n; j++)
				a[i][j] -= k * a[c][j];
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			m[i][j] = a[i][j + n] / a[i][i];
	return 0;
}

struct optim_result optim_polish(optim_fn f, void *ctx, double *x, size_t n, double tol, int maxit)
{
	double g[OPTIM_MAXP], gn[OPTIM_MAXP], xn[OPTIM_MAXP], h[OPTIM_MAXP][OPTIM_MAXP];
	struct optim_result r = {0, 0, 0, 0};
	r.value = f(x, g, ctx);
	r.gradnorm = norm(g, n);
	for (r.iterations = 0; r.iterations < maxit && r.gradnorm >= tol; r.iterations++) {
		double v;
		optim_hessian(f, ctx, x, n, h);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < n; j++)
				h[i][j] = -h[i][j];
		if (optim_invert(h, n) < 0)
			break;
		for (size_t i = 0; i < n; i++) {
			xn[i] = x[i];
			for (size_t j = 0; j < n; j++)
				xn[i] += h[i][j] * g[j];
		}
		v = f(xn, gn, ctx);
		if (!isfinite(v) || norm(gn, n) >= r.gradnorm)
			break;
		memcpy(x, xn, n * sizeof *x);
		memcpy(g, gn, n * sizeof *g);
		r.value = v;
		r.gradnorm = norm(g, n);
	}
	r.converged = r.gradnorm < tol;
	return r;
}

double optim_central_gradient(double (*f)(const double *p, const void *ctx), const void *ctx, const double *p,
			      size_t n, double *grad)
{
	double q[OPTIM_MAXP], value = f(p, ctx);
	if (!grad || !isfinite(value))
		return value;
	memcpy(q, p, n * sizeof *q);
	for (size_t i = 0; i < n; i++) {
		double h = 1e-5 * p[i], up, down;
		q[i] = p[i] + h;
		up = f(q, ctx);
		q[i] = p[i] - h;
		down = f(q, ctx);
		q[i] = p[i];
		grad[i] = (up - down) / (2 * h);
	}
	return value;
}

void optim_standard_errors(optim_fn f, void *ctx, const double *lp, const double *p, size_t n, double *se)
{
	double h[OPTIM_MAXP][OPTIM_MAXP];
	optim_hessian(f, ctx, lp, n, h);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			h[i][j] = -h[i][j]; /* observed information */
	if (optim_invert(h, n) < 0) {
		for (size_t i = 0; i < n; i++)
			se[i] = NAN;
		return;
	}
	for (size_t i = 0; i < n; i++)
		se[i] = h[i][i] > 0 ? p[i] * sqrt(h[i][i]) : NAN;
}
