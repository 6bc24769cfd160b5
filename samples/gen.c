/*
 * cm-gen — a seeded generator of realistic transaction exports, for samples,
 * tests and benchmarks.  Built by the Makefile, not installed.
 *
 * Customers follow the BG/NBD story (Fader, Hardie & Lee 2005): each joins on
 * a day of the acquisition period with a first purchase, then buys at a
 * Poisson rate lambda ~ Gamma(r, alpha) per week and, after each repeat
 * purchase, drops out with probability p ~ Beta(a, b).  Order values follow
 * Gamma-Gamma: nu ~ Gamma(q, gamma), each order ~ Gamma(p, nu).  An order
 * becomes one to several lines.  The parameters are printed on stderr, so
 * tests can check that the models recover them.  Same seed, same bytes.
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/date.h"
#include "base/err.h"

static const char usage[] =
	"usage: cm-gen [options]\n"
	"Write a simulated transaction export to standard output.\n"
	"  -n, --customers N    customers (default 1000)\n"
	"  -s, --seed N         random seed (default 1)\n"
	"      --start DATE     first day of the acquisition period (default 2023-01-01)\n"
	"      --acquire DAYS   length of the acquisition period (default 84)\n"
	"      --days DAYS      length of the whole period (default 546)\n"
	"      --bgnbd r,alpha,a,b  purchase process, weeks (default 0.2426,4.4136,0.7929,2.4259)\n"
	"      --gg p,q,gamma   order values (default 6.25,3.74,15.44)\n"
	"      --german         Kundennummer;...;Belegdatum;Umsatz: DD.MM.YYYY, 1.234,56, Windows-1252\n"
	"      --order ORDER    customer (default: a customer's lines together) or date (lines in\n"
	"                       date order, customers mixed within a day, order numbers rising\n"
	"                       with the date, as an ERP writes them)\n"
	"  -h, --help           show this help\n";

/* ---- random numbers: splitmix64 seeding a xoshiro256** generator --------- */

static uint64_t rng[4];

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next_u64(void)
{
	uint64_t r = rotl(rng[1] * 5, 7) * 9, t = rng[1] << 17;
	rng[2] ^= rng[0];
	rng[3] ^= rng[1];
	rng[1] ^= rng[2];
	rng[0] ^= rng[3];
	rng[2] ^= t;
	rng[3] = rotl(rng[3], 45);
	return r;
}

static void seed(uint64_t s)
{
	for (int i = 0; i < 4; i++) {
		uint64_t z = (s += UINT64_C(0x9E3779B97F4A7C15));
		z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
		z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
		rng[i] = z ^ (z >> 31);
	}
}

static double uniform(void) { return ((double)(next_u64() >> 11) + 0.5) / 9007199254740992.0; }

static double normal(void) { return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform()); }

/* Gamma(shape, rate), Marsaglia & Tsang (2000). */
static double gamma_rv(double shape, double rate)
{
	double d, c;
	if (shape < 1)
		return gamma_rv(shape + 1, rate) * pow(uniform(), 1 / shape);
	d = shape - 1.0 / 3;
	c = 1 / sqrt(9 * d);
	for (;;) {
		double x = normal(), v = pow(1 + c * x, 3), u = uniform();
		if (v > 0 && log(u) < 0.5 * x * x + d - d * v + d * log(v))
			return d * v / rate;
	}
}

static double beta_rv(double a, double b)
{
	double x = gamma_rv(a, 1), y = gamma_rv(b, 1);
	return x / (x + y);
}

/* ---- the simulation ---------------------------------------------------- */

struct params {
	long customers;
	uint64_t seed;
	int32_t start;
	int acquire, days, german, by_date;
	double r, alpha, a, b;   /* BG/NBD, per week */
	double p, q, gamma;      /* Gamma-Gamma */
};

static const char *const first_names[] = {"Anna", "Jürgen", "Sören", "Zoë", "Björn", "Chloé",
					  "Günther", "Inès", "Løkke", "Ömer", "Paul", "Maria"};
static const char *const last_names[] = {"Müller", "Weiß", "Schäfer", "Größer", "Dubois",
					 "Smith", "Bäcker & Söhne", "O'Neil", "Nuñez", "Meier"};
static const char *const channels[] = {"web", "store", "phone"};

/* UTF-8 to Windows-1252 for the characters used here (Latin-1 range and the euro). */
static void put_cp1252(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (p[0] == 0xC3 && p[1]) {
			putchar(p[1] + 0x40);
			p++;
		} else if (p[0] == 0xC2 && p[1]) {
			putchar(p[1]);
			p++;
		} else {
			putchar(*p);
		}
	}
}

static void put_amount(long cents, int german)
{
	long a = labs(cents);
	if (!german) {
		printf("%s%ld.%02ld", cents < 0 ? "-" : "", a / 100, a % 100);
		return;
	}
	if (a >= 100000) /* thousands separator, as German exports write it */
		printf("%s%ld.%03ld,%02ld", cents < 0 ? "-" : "", a / 100000, a / 100 % 1000, a % 100);
	else
		printf("%s%ld,%02ld", cents < 0 ? "-" : "", a / 100, a % 100);
}

/* A line as the simulation makes it; kept in memory when lines go out in date order. */
struct line {
	int32_t day;
	uint32_t shuffle; /* the order's place among the day's orders */
	uint32_t id, order, seq;
	int32_t cents, margin;
	uint8_t chan, first, last;
};

static void put_line(const struct params *pr, const struct line *l)
{
	char iso[11], name[64];
	char sep = pr->german ? ';' : ',';
	long id = l->id, order = l->order;
	date_format(l->day, iso);
	snprintf(name, sizeof name, "%s %s", first_names[l->first], last_names[l->last]);
	printf("C%06ld%cO%08ld%c", id, sep, order, sep);
	if (pr->german)
		printf("%.2s.%.2s.%.4s;", iso + 8, iso + 5, iso);
	else
		printf("%s,", iso);
	put_amount(l->cents, pr->german);
	putchar(sep);
	put_amount(l->margin, pr->german);
	printf("%c%s%c", sep, channels[l->chan], sep);
	if (pr->german)
		put_cp1252(name);
	else
		fputs(name, stdout);
	putchar('\n');
}

/* A scramble of n (splitmix64's finaliser). */
static uint32_t mix(uint64_t n)
{
	n = (n ^ (n >> 30)) * 0xbf58476d1ce4e5b9ULL;
	n = (n ^ (n >> 27)) * 0x94d049bb133111ebULL;
	return (uint32_t)(n ^ (n >> 31));
}

/* The lines held back for date order. */
static struct line *held;
static size_t nheld, capheld;

static void hold(const struct line *l)
{
	if (nheld == capheld) {
		capheld = capheld ? capheld * 2 : 1 << 16;
		held = realloc(held, capheld * sizeof *held);
		if (!held)
			err_die(CM_EXIT_DATA, "out of memory holding %zu lines for --order date", nheld);
	}
	held[nheld++] = *l;
}

/* One order, split into 1 + Poisson-ish(1) lines whose cents add up exactly. */
static void put_order(const struct params *pr, struct line *l, double value)
{
	long cents = lround(value * 100), left = cents;
	int lines = 1;
	while (lines < 6 && uniform() < 0.45)
		lines++;
	l->shuffle = mix(l->order); /* not from the generator: both orders hold the same lines */
	for (int i = 0; i < lines; i++) {
		long part = i == lines - 1 ? left : lround(left * uniform() * 0.8);
		l->cents = (int32_t)part;
		l->margin = (int32_t)lround(part * (0.15 + 0.25 * uniform()));
		left -= part;
		if (pr->by_date) {
			l->seq = (uint32_t)nheld;
			hold(l);
		} else {
			put_line(pr, l);
		}
	}
}

static int by_day(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->shuffle != b->shuffle)
		return a->shuffle < b->shuffle ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The held lines by day, the orders of a day in a random order, numbered anew. */
static void put_by_date(const struct params *pr)
{
	uint32_t order = 0, last = 0;
	qsort(held, nheld, sizeof *held, by_day);
	for (size_t i = 0; i < nheld; i++) {
		if (i == 0 || held[i].order != last)
			order++;
		last = held[i].order;
		held[i].order = order;
		put_line(pr, &held[i]);
	}
	free(held);
}

static void simulate(const struct params *pr)
{
	uint32_t order = 0;
	for (long id = 1; id <= pr->customers; id++) {
		double lambda = gamma_rv(pr->r, pr->alpha) / 7; /* per day */
		double dropout = beta_rv(pr->a, pr->b);
		double nu = gamma_rv(pr->q, pr->gamma);
		double t = floor(uniform() * pr->acquire);
		struct line l = {0};
		l.id = (uint32_t)id;
		l.chan = (uint8_t)(uniform() * 3);
		l.last = (uint8_t)(next_u64() % 10); /* drawn in the order the samples were made with */
		l.first = (uint8_t)(next_u64() % 12);
		l.day = pr->start + (int32_t)t;
		l.order = ++order;
		put_order(pr, &l, gamma_rv(pr->p, nu));
		for (;;) { /* BG/NBD: a customer may drop out only after a repeat purchase */
			t += -log(uniform()) / lambda;
			if (t >= pr->days - 1) /* observed up to the start of the last day: T in days is exact */
				break;
			l.day = pr->start + (int32_t)t;
			l.order = ++order;
			put_order(pr, &l, gamma_rv(pr->p, nu));
			if (uniform() < dropout)
				break;
		}
	}
	if (pr->by_date)
		put_by_date(pr);
}

/* ---- options ----------------------------------------------------------- */

static void parse_list(const char *arg, double *v, int n, const char *opt)
{
	char *end;
	for (int i = 0; i < n; i++) {
		v[i] = strtod(arg, &end);
		if (end == arg || !(v[i] > 0) || (i < n - 1 && *end != ','))
			err_usage("invalid value '%s' for %s (%d positive numbers)", arg, opt, n);
		arg = end + 1;
	}
	if (*end)
		err_usage("invalid value for %s", opt);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"customers", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},
		{"start", required_argument, NULL, 'S'}, {"acquire", required_argument, NULL, 'A'},
		{"days", required_argument, NULL, 'D'}, {"bgnbd", required_argument, NULL, 'B'},
		{"gg", required_argument, NULL, 'G'}, {"german", no_argument, NULL, 'g'},
		{"order", required_argument, NULL, 'O'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	struct params pr = {1000, 1, 0, 84, 546, 0, 0, 0.2426, 4.4136, 0.7929, 2.4259, 6.25, 3.74, 15.44};
	double v[4];
	char a[11], b[11];
	int opt;

	err_init(argv[0]);
	pr.start = date_from_ymd(2023, 1, 1);
	while ((opt = getopt_long(argc, argv, "n:s:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'n': pr.customers = cli_long(optarg, 1, 100000000, "--customers"); break;
		case 's': pr.seed = (uint64_t)cli_long(optarg, 0, 1L << 62, "--seed"); break;
		case 'S': pr.start = cli_day(optarg, "--start"); break;
		case 'A': pr.acquire = (int)cli_long(optarg, 1, 100000, "--acquire"); break;
		case 'D': pr.days = (int)cli_long(optarg, 1, 100000, "--days"); break;
		case 'B':
			parse_list(optarg, v, 4, "--bgnbd");
			pr.r = v[0], pr.alpha = v[1], pr.a = v[2], pr.b = v[3];
			break;
		case 'G':
			parse_list(optarg, v, 3, "--gg");
			pr.p = v[0], pr.q = v[1], pr.gamma = v[2];
			break;
		case 'g': pr.german = 1; break;
		case 'O':
			if (strcmp(optarg, "date") != 0 && strcmp(optarg, "customer") != 0)
				err_usage("invalid value '%s' for --order (customer or date)", optarg);
			pr.by_date = strcmp(optarg, "date") == 0;
			break;
		case 'h': fputs(usage, stdout); return 0;
		default: err_usage_hint();
		}
	}
	seed(pr.seed);
	date_format(pr.start, a);
	date_format(pr.start + pr.days - 1, b);
	fprintf(stderr, "cm-gen: seed %llu, %ld customers, %s to %s (first purchases in the first %d days)\n"
			"cm-gen: BG/NBD r %g alpha %g a %g b %g (weeks); Gamma-Gamma p %g q %g gamma %g\n",
		(unsigned long long)pr.seed, pr.customers, a, b, pr.acquire, pr.r, pr.alpha, pr.a, pr.b, pr.p,
		pr.q, pr.gamma);
	if (pr.german)
		puts("Kundennummer;Belegnummer;Belegdatum;Umsatz;Deckungsbeitrag;Kanal;Kundenname");
	else
		puts("customer_id,order_id,date,amount,margin,channel,customer_name");
	simulate(&pr);
	if (fflush(stdout) != 0 || ferror(stdout))
		err_die(CM_EXIT_DATA, "write error");
	return 0;
}
