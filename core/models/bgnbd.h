/*
 * bgnbd — the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers
 * the easy way") and its modified form MBG/NBD (Batislam, Denizel & Filiztekin
 * 2007), in which a customer may also drop out right after the first purchase.
 *
 * Parameters p = {r, alpha, a, b}: purchase rates lambda ~ Gamma(r, alpha),
 * dropout probabilities p ~ Beta(a, b).  The log-likelihood is written as in
 * Hardie's note 027, a log-sum-exp of two terms, so it stays finite when
 * a + b < 1.  Gradients are analytic (digamma).  The expectations hold a
 * 2F1 with c = a + b + x - 1, which for a customer without repeat purchases
 * is at or below 0 when a + b <= 1: they are then taken through c times the
 * 2F1 (specfun_c_hyp2f1), finite where the 2F1 is not.
 */
#ifndef CM_BGNBD_H
#define CM_BGNBD_H

#include "models/btyd.h"

/* Log-likelihood of the data; grad (may be NULL) is d/dp. modified: MBG/NBD. */
double bgnbd_loglik(const double p[4], const btyd_data *d, int modified, double grad[4]);
double bgnbd_p_alive(const double p[4], int modified, double x, double tx, double T);
/* Expected purchases in (T, T + t] given the history. */
double bgnbd_expected(const double p[4], int modified, double x, double tx, double T, double t);
/* The same at each of t[0..n) into e[0..n): the parts that do not depend on
 * t (the odds of having dropped out, log(alpha + T)) worked out once. */
void bgnbd_expected_at(const double p[4], int modified, double x, double tx, double T, const double *t, size_t n,
		       double *e);
/* bgnbd_expected_at in two halves, for histories that share x and T: the
 * expected purchases of a customer alive at T (they do not depend on t_x), and
 * from them a history's (alive may be e). */
void bgnbd_expected_alive(const double p[4], int modified, double x, double T, const double *t, size_t n, double *e);
void bgnbd_expected_given(const double p[4], int modified, double x, double tx, double T, const double *alive,
			  size_t n, double *e);
/* Expected purchases in (0, t] of a new customer (BG/NBD only). */
double bgnbd_unconditional(const double p[4], double t);

#endif
