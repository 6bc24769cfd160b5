/*
 * specfun — the special functions the customer-lifetime models need.
 *
 * specfun_digamma: psi(x) for x > 0 (recurrence up to x >= 6, then the
 * asymptotic series), to about 1e-13.
 * specfun_log_hyp2f1: log of the Gauss hypergeometric 2F1(a, b; c; z) for
 * 0 <= z < 1 and c > 0, where the series terms stay positive (a, b > -1 and
 * the uses in BG/NBD and Pareto/NBD).  Large a, b (a customer with many
 * purchases) make the plain series slow and its terms huge, so Euler's
 * transformation 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) is applied
 * when it makes the parameters smaller.  Returns NAN when the series does
 * not converge in 100,000 terms; callers report that, never print it.
 */
#ifndef CM_SPECFUN_H
#define CM_SPECFUN_H

double specfun_digamma(double x);
/* log of the upper incomplete gamma function Gamma(a, z) for z > 0 and any real a
 * (a <= 0 by the recurrence Gamma(a, z) = (Gamma(a+1, z) - z^a e^-z) / a; at a
 * non-positive whole number a is moved by 1e-9).  NAN where it cannot be had. */
double specfun_log_upper_gamma(double a, double z);
double specfun_log_hyp2f1(double a, double b, double c, double z);
/* log 2F1(a, b; a + 1; z), the Pareto/NBD case, for a > 0, 0 < b < a + 1 and
 * 0 <= z < 1, with its derivatives in the same pass: d[0] in a (c = a + 1
 * moving with it), d[1] in b, d[2] in z.  The series is specfun_log_hyp2f1's,
 * Euler-transformed when b > 1 (its rule for these a, b); either way every
 * term is positive and at most 1, so it needs no rescaling, and the
 * derivatives in a and b are the terms times sums of 1/(a + k), 1/(b + k)
 * carried along.  NAN (d untouched) outside the domain or after 100,000 terms. */
double specfun_log_hyp2f1_a1(double a, double b, double z, double d[3]);
/* c 2F1(a, b; c; z) for 0 <= z < 1, a, b > 0 and c > -1, c <= 0 included:
 * there 2F1 has a pole (c = 0) or changes sign, and its series no log, but
 * c times it is finite and is what BG/NBD needs when a + b <= 1.  For c <= 0
 * it comes from c + 1 and c + 2, where the series is positive, by Gauss's
 * contiguous relation c(c-1)(z-1) F(c-1) + c[c-1-(2c-a-b-1)z] F(c)
 * + (c-a)(c-b) z F(c+1) = 0.  In linear terms: for small a, b only. */
double specfun_c_hyp2f1(double a, double b, double c, double z);

#endif
