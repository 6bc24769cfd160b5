/*
 * cm-segment — ABC, RFM, lifecycle and portfolio strategies appended to a
 * customer table.  Options and flow only; the work is in core/segments/segment.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "customers/customer_reader.h"
#include "base/err.h"
#include "io/fileio.h"
#include "segments/segment.h"
#include "base/threads.h"
#include "io/table_writer.h"

static const char usage[] =
	"usage: cm-segment [options] [FILE]\n"
	"Append abc, abc_share, r_score, f_score, m_score, rfm, rfm_segment, lifecycle,\n"
	"segment, strategy, abc_by, loss_maker, potential_class, portfolio_cell and\n"
	"share_of_wallet to a customer table (from cm-import, with or without cm-clv).\n"
	"\n"
	"ABC:\n"
	"      --abc-by COLUMN      revenue (default), margin, db2, db3, clv or any numeric\n"
	"                           column\n"
	"      --abc A,B            cumulative shares in % (default 50,25; also 80,15)\n"
	"      --abc-top A%,B%      classes by customer counts instead (e.g. 10%,30%)\n"
	"      --key-accounts N|P%  the top N (or P%) customers by the ABC measure\n"
	"RFM:\n"
	"      --rfm-bins N         scores 1..N, N from 3 to 10 (default 5)\n"
	"      --m-by COLUMN        revenue (default), margin, avg_order_value, ...\n"
	"      --r-cuts, --f-cuts, --m-cuts V,V,...   explicit cut points (N-1 values)\n"
	"      --rfm-rules FILE     named RFM segments (default: the R rfm package's)\n"
	"Lifecycle (days; see the man page for the order of the rules):\n"
	"      --new-days D (90)  --lost-days D (365)  --lost-p P (0.1)  --risk-p P (0.5)\n"
	"      --risk-drop F (0.5)  --risk-gap F (2)  --regular-orders N (2)\n"
	"Portfolio: the ABC class against the potential (a master list's potential\n"
	"column, else clv): star, development, cash, maintain, take_along;\n"
	"loss_maker when the last contribution level (db3, db2, margin) is below 0\n"
	"Strategies:\n"
	"      --rules FILE         portfolio rules (JSON; default: built in)\n"
	"      --print-rules WHICH  print the built-in rfm or portfolio rules and exit\n"
	"Output:\n"
	"  -o, --output FILE        write to FILE (atomically; .gz compresses)\n"
	"      --format F           csv (default), tsv or jsonl\n"
	"      --threads N          read and segment on N threads (default: the number of\n"
	"                           cores); the output is the same on any number\n"
	"  -q, --quiet              no summary on stderr\n"
	"  -v, --verbose            show the RFM cut points\n"
	"  -h, --help               show this help\n"
	"      --version            show the version\n"
	"Environment: CM_SPOOL_MEMORY=MB (default 512, or an eighth of the memory if\n"
	"less) keeps the rows in memory between the two passes; the rest wait in a\n"
	"temporary file in TMPDIR (/tmp).\n";

enum { O_ABCBY = 256, O_ABC, O_ABCTOP, O_KEY, O_BINS, O_MBY, O_RCUTS, O_FCUTS, O_MCUTS, O_RFMRULES, O_NEW,
       O_LOST, O_LOSTP, O_RISKP, O_DROP, O_GAP, O_REGULAR, O_RULES, O_PRINT, O_FORMAT, O_THREADS, O_VERSION };

static const struct option longopts[] = {
	{"abc-by", required_argument, NULL, O_ABCBY}, {"abc", required_argument, NULL, O_ABC},
	{"abc-top", required_argument, NULL, O_ABCTOP}, {"key-accounts", required_argument, NULL, O_KEY},
	{"rfm-bins", required_argument, NULL, O_BINS}, {"m-by", required_argument, NULL, O_MBY},
	{"r-cuts", required_argument, NULL, O_RCUTS}, {"f-cuts", required_argument, NULL, O_FCUTS},
	{"m-cuts", required_argument, NULL, O_MCUTS}, {"rfm-rules", required_argument, NULL, O_RFMRULES},
	{"new-days", required_argument, NULL, O_NEW}, {"lost-days", required_argument, NULL, O_LOST},
	{"lost-p", required_argument, NULL, O_LOSTP}, {"risk-p", required_argument, NULL, O_RISKP},
	{"risk-drop", required_argument, NULL, O_DROP}, {"risk-gap", required_argument, NULL, O_GAP},
	{"regular-orders", required_argument, NULL, O_REGULAR}, {"rules", required_argument, NULL, O_RULES},
	{"print-rules", required_argument, NULL, O_PRINT}, {"output", required_argument, NULL, 'o'},
	{"format", required_argument, NULL, O_FORMAT}, {"threads", required_argument, NULL, O_THREADS},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, O_VERSION}, {NULL, 0, NULL, 0},
};

struct config {
	struct segment_opts s;
	const char *output;
	int format;
	char *cut_args[3];
};

/* "50,25" or "10%,30%": two shares as fractions. */
static void two_shares(const char *arg, const char *opt, double *a, double *b)
{
	char *end;
	*a = strtod(arg, &end) / 100;
	end += *end == '%';
	if (*end != ',')
		err_usage("invalid value '%s' for %s (two percentages, e.g. 50,25)", arg, opt);
	*b = strtod(end + 1, &end) / 100;
	end += *end == '%';
	if (*end || !(*a > 0) || !(*b >= 0) || *a + *b > 1)
		err_usage("invalid value '%s' for %s (two percentages adding up to 100 or less)", arg, opt);
}

static void cut_points(const char *arg, const char *opt, int bins, double *cuts)
{
	const char *p = arg;
	for (int k = 0; k < bins - 1; k++) {
		char *end;
		cuts[k] = strtod(p, &end);
		if (end == p || (k < bins - 2 && *end != ',') || (k > 0 && cuts[k] < cuts[k - 1]))
			err_usage("invalid value '%s' for %s (%d rising cut points)", arg, opt, bins - 1);
		p = end + 1;
		if (k == bins - 2 && *end)
			err_usage("invalid value '%s' for %s (%d cut points)", arg, opt, bins - 1);
	}
}

static void print_rules(const char *which)
{
	const char *text = segment_default_rules(which);
	if (!text)
		err_usage("unknown rule set '%s' (use rfm or portfolio)", which);
	fputs(text, stdout);
	exit(fflush(stdout) == 0 && !ferror(stdout) ? CM_EXIT_OK : CM_EXIT_DATA);
}

static void set_option(struct config *c, int opt, const char *arg)
{
	struct segment_opts *s = &c->s;
	switch (opt) {
	case O_ABCBY: s->abc_by = arg; break;
	case O_ABC: two_shares(arg, "--abc", &s->abc.a, &s->abc.b); s->abc.by_count = 0; break;
	case O_ABCTOP: two_shares(arg, "--abc-top", &s->abc.a, &s->abc.b); s->abc.by_count = 1; break;
	case O_KEY:
		s->key_share = arg[0] && arg[strlen(arg) - 1] == '%';
		if (s->key_share) {
			char *copy = xstrndup(arg, strlen(arg) - 1);
			s->key_accounts = cli_double(copy, 0, 100, "--key-accounts") / 100;
			free(copy);
		} else {
			s->key_accounts = (double)cli_long(arg, 0, 1000000000, "--key-accounts");
		}
		break;
	case O_BINS: s->bins = (int)cli_long(arg, 3, RFM_MAXBINS, "--rfm-bins"); break;
	case O_MBY: s->m_by = arg; break;
	case O_RCUTS: case O_FCUTS: case O_MCUTS: c->cut_args[opt - O_RCUTS] = (char *)arg; break;
	case O_RFMRULES: s->rfm_rules_path = arg; break;
	case O_NEW: s->life.new_days = cli_double(arg, 0, 1e6, "--new-days"); break;
	case O_LOST: s->life.lost_days = cli_double(arg, 0, 1e6, "--lost-days"); break;
	case O_LOSTP: s->life.lost_p = cli_double(arg, 0, 1, "--lost-p"); break;
	case O_RISKP: s->life.risk_p = cli_double(arg, 0, 1, "--risk-p"); break;
	case O_DROP: s->life.risk_drop = cli_double(arg, 0, 1, "--risk-drop"); break;
	case O_GAP: s->life.risk_gap = cli_double(arg, 0, 1e6, "--risk-gap"); break;
	case O_REGULAR: s->life.regular_orders = cli_double(arg, 0, 1e6, "--regular-orders"); break;
	case O_RULES: s->rules_path = arg; break;
	case O_PRINT: print_rules(arg); break;
	case 'o': c->output = arg; break;
	case O_FORMAT: c->format = cli_format(arg); break;
	case O_THREADS: s->threads = (int)cli_long(arg, 1, 256, "--threads"); break;
	case 'q': s->quiet = 1; break;
	case 'v': s->verbose = 1; break;
	case 'h': fputs(usage, stdout); exit(CM_EXIT_OK);
	case O_VERSION: cli_version();
	default: err_usage_hint();
	}
}

static void parse_options(struct config *c, int argc, char **argv)
{
	int opt;
	memset(c, 0, sizeof *c);
	c->s.abc_by = "revenue";
	c->s.m_by = "revenue";
	c->s.abc = (struct abc_opts){0, 0.50, 0.25};
	c->s.bins = 5;
	c->s.life = lifecycle_defaults;
	c->s.threads = threads_cores();
	while ((opt = getopt_long(argc, argv, "o:qvh", longopts, NULL)) != -1)
		set_option(c, opt, optarg);
	for (int k = 0; k < 3; k++)
		if (c->cut_args[k]) {
			static const char *const names[] = {"--r-cuts", "--f-cuts", "--m-cuts"};
			cut_points(c->cut_args[k], names[k], c->s.bins, c->s.cuts[k]);
			c->s.has_cuts[k] = 1;
		}
}

int main(int argc, char **argv)
{
	struct config c;
	customer_reader *in;
	fileio_out *f;
	table_writer *out;
	cm_error e;
	int rc;

	err_init(argv[0]);
	parse_options(&c, argc, argv);
	argc -= optind;
	argv += optind;
	in = cli_open_table(argc, argv, c.s.threads);
	f = cli_open_output(c.output);
	out = table_writer_new(f, c.format);
	rc = segment_run(in, &c.s, out, &e);
	if (rc < 0)
		err_warn("%s", e.msg);
	table_writer_free(out);
	if (fileio_close_out(f, rc == 0, &e) < 0 && rc == 0) {
		err_warn("%s", e.msg);
		rc = -1;
	}
	customer_reader_close(in);
	return rc == 0 ? CM_EXIT_OK : CM_EXIT_DATA;
}
