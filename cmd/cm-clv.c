/*
 * cm-clv — fit or load a customer-lifetime model and append p_alive,
 * expected_orders, expected_value and clv to a customer table.
 * Options and flow only; the run is core/models/clvrun.c, the models core/models/bgnbd.c,
 * pnbd.c, bgbb.c, gammagamma.c, fit.c, clv.c.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "models/clvrun.h"
#include "models/contracts.h"
#include "customers/customer_reader.h"
#include "customers/customer.h"
#include "base/err.h"
#include "base/threads.h"
#include "io/fileio.h"
#include "models/model.h"
#include "io/table_writer.h"

static const char usage[] =
	"usage: cm-clv [options] [FILE]\n"
	"Fit a customer-lifetime model to a customer table (from cm-import) or load one,\n"
	"and append p_alive, expected_orders, expected_value and clv.\n"
	"\n"
	"Model:\n"
	"      --fit M              bgnbd (default), mbgnbd, pnbd (Pareto/NBD), bgbb\n"
	"                           (discrete opportunities; needs --columns), retention\n"
	"                           (Gupta & Lehmann: CLV = m r / (1 + d - r)), or sbg\n"
	"                           (contract customers: a survival table period,alive or\n"
	"                           a contract table periods,active; --unit is the period)\n"
	"      --retention R        retention rate per window for --fit retention\n"
	"                           (default: estimated from orders_previous/orders_recent)\n"
	"      --window DAYS        the window of cm-import's orders_recent (default 365)\n"
	"      --spend S            gg (Gamma-Gamma, default) or none (the customer's own mean)\n"
	"      --model FILE         load a saved model instead of fitting\n"
	"      --save-model FILE    write the fitted model (JSON)\n"
	"      --unit U             week (default), day, month (365.25/12 days) or year\n"
	"Value:\n"
	"      --horizon H          52w (default), 12m, 365d, 2y, or a number of units\n"
	"      --discount D         annual discount rate (default 0.10)\n"
	"      --margin-rate R      share of revenue that is margin (default: margin/revenue\n"
	"                           when the table has margin, else 1: CLV on revenue)\n"
	"Input:\n"
	"      --columns X,TX,T[,M] read a BTYD summary: columns already in model units\n"
	"      --weight COLUMN      weight each row (a row stands for that many customers)\n"
	"      --sample N           fit on a random sample of N customers (seeded: the same\n"
	"                           table gives the same sample); all are scored\n"
	"      --dert               with pnbd: add a column dert, the discounted expected\n"
	"                           transactions over the customer's whole future\n"
	"      --evaluate           compare predictions over --horizon with holdout_orders\n"
	"                           (cm-import --holdout-end): a table instead of the rows\n"
	"Output:\n"
	"  -o, --output FILE        write to FILE (atomically; .gz compresses)\n"
	"      --format F           csv (default), tsv or jsonl\n"
	"      --threads N          read and score the table on N threads (default: the\n"
	"                           number of cores); the output is the same on any number\n"
	"  -q, --quiet              no fit report on stderr\n"
	"  -h, --help               show this help\n"
	"      --version            show the version\n"
	"Environment: CM_SPOOL_MEMORY=MB (default 512, or an eighth of the memory if\n"
	"less) keeps the rows in memory between reading and scoring; the rest wait in a\n"
	"temporary file in TMPDIR (/tmp).  CM_FIT_EXPLORE_ALL=1 explores every starting\n"
	"point of a fit on all histories, not the one a sample picks (for checking).\n";

enum { O_FIT = 256, O_SPEND, O_MODEL, O_SAVE, O_UNIT, O_HORIZON, O_DISCOUNT, O_MARGIN, O_COLUMNS,
       O_WEIGHT, O_FORMAT, O_VERSION, O_EVALUATE, O_RETENTION, O_WINDOW, O_SAMPLE, O_DERT, O_THREADS };

static const struct option longopts[] = {
	{"fit", required_argument, NULL, O_FIT}, {"spend", required_argument, NULL, O_SPEND},
	{"model", required_argument, NULL, O_MODEL}, {"save-model", required_argument, NULL, O_SAVE},
	{"unit", required_argument, NULL, O_UNIT}, {"horizon", required_argument, NULL, O_HORIZON},
	{"discount", required_argument, NULL, O_DISCOUNT}, {"margin-rate", required_argument, NULL, O_MARGIN},
	{"columns", required_argument, NULL, O_COLUMNS}, {"weight", required_argument, NULL, O_WEIGHT}, {"evaluate", no_argument, NULL, O_EVALUATE},
	{"retention", required_argument, NULL, O_RETENTION}, {"sample", required_argument, NULL, O_SAMPLE},
	{"dert", no_argument, NULL, O_DERT}, {"window", required_argument, NULL, O_WINDOW},
	{"output", required_argument, NULL, 'o'}, {"format", required_argument, NULL, O_FORMAT},
	{"threads", required_argument, NULL, O_THREADS},
	{"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, O_VERSION}, {NULL, 0, NULL, 0},
};

static void split_columns(struct clv_run *c, const char *arg)
{
	char *copy = xstrdup(arg), *save = NULL, *tok;
	int k = 0;
	for (tok = strtok_r(copy, ",", &save); tok && k < 4; tok = strtok_r(NULL, ",", &save))
		c->columns[k++] = xstrdup(tok);
	free(copy);
	if (k < 3 || tok)
		err_usage("invalid value '%s' for --columns (X,TX,T or X,TX,T,M)", arg);
}

static int sbg; /* --fit sbg: contract customers (contracts.h), not a transaction model */

static void set_option(struct clv_run *c, int opt, const char *arg)
{
	static const char *const spends[] = {"gg", "none", NULL};
	switch (opt) {
	case O_FIT:
		if (strcmp(arg, "sbg") == 0)
			sbg = 1;
		else if ((c->m.kind = model_kind_parse(arg)) < 0)
			err_usage("unknown model '%s' (use bgnbd, mbgnbd, pnbd, bgbb, retention or sbg)", arg);
		break;
	case O_SPEND: c->spend_none = cli_choice(arg, spends, "--spend"); break;
	case O_MODEL: c->model_path = arg; break;
	case O_SAVE: c->save_path = arg; break;
	case O_UNIT:
		if ((c->m.unit = model_unit_parse(arg)) < 0)
			err_usage("unknown unit '%s' (use day, week, month or year)", arg);
		c->unit_given = 1;
		break;
	case O_HORIZON:
		c->horizon = arg;
		c->horizon_given = 1;
		break;
	case O_DISCOUNT:
		c->m.discount = cli_double(arg, 0, MODEL_DISCOUNT_MAX, "--discount");
		c->discount_given = 1;
		break;
	case O_MARGIN: c->margin_rate = cli_double(arg, 0, 1, "--margin-rate"); break;
	case O_COLUMNS: split_columns(c, arg); break;
	case O_WEIGHT: c->weight = arg; break;
	case O_EVALUATE: c->evaluate = 1; break;
	case O_DERT: c->dert = 1; break;
	case O_SAMPLE: c->sample = cli_long(arg, 1, 1000000000, "--sample"); break;
	case O_RETENTION: c->retention = cli_double(arg, 0, 0.999999, "--retention"); break;
	case O_WINDOW: c->m.window_days = (double)cli_long(arg, 1, 100000, "--window"); break;
	case 'o': c->output = arg; break;
	case O_FORMAT: c->format = cli_format(arg); break;
	case O_THREADS: c->threads = (int)cli_long(arg, 1, 256, "--threads"); break;
	case 'q': c->quiet = 1; break;
	case 'h': fputs(usage, stdout); exit(CM_EXIT_OK);
	case O_VERSION: cli_version();
	default: err_usage_hint();
	}
}

static void parse_options(struct clv_run *c, int argc, char **argv)
{
	int opt;
	memset(c, 0, sizeof *c);
	c->m.kind = MODEL_BGNBD;
	c->m.unit = UNIT_WEEK;
	c->m.discount = 0.10;
	c->m.as_of = DAY_NONE;
	c->margin_rate = -1;
	c->retention = -1;
	c->m.window_days = 365;
	c->horizon = "52w";
	c->threads = threads_cores();
	while ((opt = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1)
		set_option(c, opt, optarg);
	if (c->model_path && c->save_path)
		err_usage("--model loads a model and --save-model saves a fitted one: use one of them");
	if (sbg && (c->model_path || c->save_path || c->columns[0] || c->evaluate || c->dert || c->weight || c->sample))
		err_usage("--fit sbg fits contract customers and scores them in one run: --model, --save-model, "
			  "--columns, --weight, --sample, --evaluate and --dert go with the transaction models");
	if (sbg) {
		if (!c->unit_given)
			c->m.unit = UNIT_YEAR;
		return;
	}
	if (model_parse_horizon(c->horizon, c->m.unit) <= 0 ||
	    model_parse_horizon(c->horizon, c->m.unit) * model_unit_days(c->m.unit) > MODEL_HORIZON_MAX_DAYS)
		err_usage("invalid horizon '%s' (e.g. 52w, 12m, 365d, 2y; at most 100y)", c->horizon);
	c->m.horizon = model_parse_horizon(c->horizon, c->m.unit);
	c->m.has_spend = !c->spend_none;
	if (c->m.kind == MODEL_BGBB && !c->columns[0] && !c->model_path)
		err_usage("bgbb counts discrete opportunities: give them with --columns X,TX,N");
	if (c->m.kind == MODEL_BGBB)
		c->m.horizon = round(c->m.horizon);
	if (c->dert && c->m.kind != MODEL_PNBD && !c->model_path)
		err_usage("--dert goes with --fit pnbd");
	if (c->m.kind == MODEL_RETENTION && c->columns[0])
		err_usage("retention reads a cm-import table (orders_recent, orders_previous), not --columns");
	if (c->m.kind == MODEL_RETENTION)
		c->m.has_spend = 0; /* the formula uses each customer's own order value */
}

int main(int argc, char **argv)
{
	struct clv_run c;
	customer_reader *in;
	fileio_out *f;
	table_writer *out;
	cm_error e;
	int rc;

	err_init(argv[0]);
	parse_options(&c, argc, argv);
	argc -= optind;
	argv += optind;
	if (c.model_path && clvrun_load(&c, &e) < 0)
		err_die(CM_EXIT_DATA, "%s", e.msg);
	in = cli_open_table(argc, argv, c.threads);
	f = cli_open_output(c.output);
	out = table_writer_new(f, c.format);
	if (sbg) {
		struct contracts_opts o = {c.m.unit, c.unit_given, c.m.discount, 0, c.quiet};
		if (c.horizon_given && (o.horizon = (int)model_parse_horizon(c.horizon, c.m.unit)) < 1)
			err_usage("invalid horizon '%s' for sbg (a number of periods)", c.horizon);
		rc = contracts_run(&o, in, out, &e);
	} else {
		rc = clvrun(&c, &in, out, f, &e);
	}
	if (rc < 0)
		err_warn("%s", e.msg);
	table_writer_free(out);
	if (fileio_close_out(f, rc == 0, &e) < 0 && rc == 0) {
		err_warn("%s", e.msg);
		rc = -1;
	}
	customer_reader_close(in);
	for (int i = 0; i < 4; i++)
		free(c.columns[i]);
	return rc == 0 ? CM_EXIT_OK : CM_EXIT_DATA;
}
