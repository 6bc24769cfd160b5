/*
 * cm-import — raw sales exports in, a clean customer table (or clean
 * transactions) out.  Options and flow only; the work is in core/customers/import.c.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "customers/column_roles.h"
#include "customers/contract_import.h"
#include "io/csvio.h"
#include "customers/customer.h"
#include "io/date.h"
#include "io/encoding.h"
#include "base/err.h"
#include "io/fileio.h"
#include "customers/import.h"
#include "customers/master_list.h"
#include "base/threads.h"
#include "io/num.h"
#include "io/table_writer.h"

static const char usage[] =
	"usage: cm-import [options] [FILE...]\n"
	"Read sales exports (CSV, TSV, aligned columns, JSON Lines, JSON; gzip or not)\n"
	"and write one row per customer, or with --transactions the clean rows.\n"
	"\n"
	"Input:\n"
	"  -d, --delimiter C        ',' ';' tab '|' or whitespace (default: sniffed)\n"
	"      --input-format F     csv, jsonl or json (default: sniffed)\n"
	"      --no-header          the first row is data; columns are 1, 2, ...\n"
	"      --skip-lines N       N lines above the header are no table (default: a title\n"
	"                           found above the header is skipped)\n"
	"      --skip-footer N      the last N lines of each file are no rows (default: a\n"
	"                           footer of totals at the end is recognised)\n"
	"      --encoding E         auto (default: UTF-8, or Windows-1252 when the text is\n"
	"                           not UTF-8), utf-8, cp1252 or latin1\n"
	"      --max-line-bytes N   refuse a line longer than N bytes (default 64M; k, M, G)\n"
	"      --max-field-lines N  a quoted field may span at most N lines (default 20)\n"
	"Columns (a name or a 1-based number; default: recognised by name):\n"
	"      --id COL  --date COL  --amount COL  --margin COL\n"
	"      --quantity COL  --price COL (amount = quantity x price)\n"
	"      --order COL  --channel COL  --category COL  --currency COL  --name COL\n"
	"Values:\n"
	"      --date-format F      iso, dd.mm.yyyy, yyyymmdd, dmy or mdy (for 03/04/2024)\n"
	"      --decimal-comma      ',' is the decimal mark (1.234,56)\n"
	"      --decimal-point      '.' is the decimal mark (1,234.56)\n"
	"      --keep-id            keep ids verbatim (do not turn 17850.0 into 17850;\n"
	"                           an id Summe or Total is a customer's)\n"
	"      --rates FILE         convert amounts in other currencies (currency,rate[,date];\n"
	"                           rate: one unit in the base currency); without it an\n"
	"                           export in more than one currency is refused\n"
	"      --base-currency CODE the rates' base (default: the currency of rate 1)\n"
	"Rules:\n"
	"      --returns net|drop   negative amounts net against revenue (default) or are dropped\n"
	"      --anonymous reject|skip   rows without a customer id (default: reject)\n"
	"      --filter COL=VALUE   keep only rows where COL is VALUE (VALUE* a prefix)\n"
	"      --exclude COL=VALUE  drop rows where COL is VALUE (VALUE* a prefix)\n"
	"      --dedupe             drop exact duplicate rows\n"
	"Errors:\n"
	"      --on-error stop|skip stop at the first bad row (default) or count and go on\n"
	"      --allow-empty        a file with a header and no rows is not an error\n"
	"      --strict             every warning is an error (status 1): for unattended runs\n"
	"      --reject FILE        write every rejected row with its line and reason\n"
	"      --csv-verbatim       in the reject file, keep cells that a spreadsheet would\n"
	"                           run as formulas (=, +, -, @) as they are, without a '\n"
	"Contribution margin (DB I: the margin column, else revenue x --margin-rate):\n"
	"      --margin-rate R      DB I = revenue x R when the export has no margin column\n"
	"      --cost NAME=COLUMN   an order-related cost column (Rabatt, Fracht, Skonto,\n"
	"                           Bonus), off db2 = DB I - costs; repeat for more\n"
	"      --cost-per-order A, --cost-per-line A, --cost-per-return A\n"
	"                           costs off db2 per order, per line, per return line\n"
	"      --customer-costs FILE  each customer's own costs (customer_id,category,\n"
	"                           amount: visits, care), off db3 = db2 - own costs\n"
	"Output:\n";
/* Two strings: one would exceed what C compilers must take. */
static const char usage_more[] =
	"      --transactions       clean transactions instead of the customer table\n"
	"      --as-of DATE         the reference date (default: the latest date)\n"
	"      --window DAYS        for orders_recent/orders_previous (default 365)\n"
	"      --max-age DAYS       warn when the data end more than DAYS before the as-of\n"
	"                           date (default 30), or without --as-of before today\n"
	"      --occasion day|order an order is a day with a purchase (default) or an order id\n"
	"      --holdout-end DATE   rows after --as-of up to DATE fill holdout_orders/revenue\n"
	"      --customers FILE     the customer master list: prospects and extra columns\n"
	"      --cohorts FILE       also write the cohorts: customers by the month of their\n"
	"                           first purchase, who bought and revenue in each since\n"
	"      --cohort month|quarter|year  the cohorts' period (default month)\n"
	"      --buckets N          N outputs by a stable hash of customer_id (needs -o PREFIX)\n"
	"Contracts (subscriptions, memberships: the input of cm-clv --fit sbg):\n"
	"      --contracts          read a contract export (a row per contract: customer,\n"
	"                           start, end or cancellation date, status, fee) and write\n"
	"                           a row per customer: periods, active, period_margin\n"
	"      --start COL  --end COL  --status COL  --fee COL\n"
	"      --period month|year|week  the length of a contract period (default month)\n"
	"  -o, --output FILE        write to FILE (atomically; .gz compresses)\n"
	"      --format F           csv (default), tsv or jsonl\n"
	"      --threads N          read a plain file in N parts at once (default: the number of\n"
	"                           cores); 0 reads line by line (see cm-import(1), SPEED)\n"
	"  -q, --quiet              no summary on stderr\n"
	"  -v, --verbose            say how the input was read and the columns chosen\n"
	"  -h, --help               show this help\n"
	"      --version            show the version\n";

enum {
	O_INFMT = 256, O_NOHEADER, O_ENCODING, O_DATEFMT, O_DECCOMMA, O_DECPOINT, O_KEEPID,
	O_RETURNS, O_ANON, O_FILTER, O_EXCLUDE, O_DEDUPE, O_ONERROR, O_REJECT, O_TRANS, O_ASOF,
	O_WINDOW, O_OCCASION, O_EMPTY, O_STRICT, O_HOLDOUT, O_CUSTOMERS, O_BUCKETS, O_FORMAT, O_VERSION,
	O_THREADS, O_MAXLINE, O_FIELDLINES, O_VERBATIM, O_SKIPLINES, O_SKIPFOOTER, O_MAXAGE,
	O_MARGINRATE, O_COST, O_PERORDER, O_PERLINE, O_PERRETURN, O_OWNCOSTS, O_RATES, O_BASECUR, O_COHORTS,
	O_COHORT, O_CONTRACTS, O_PERIOD,
	O_CONTRACT_COL, /* O_CONTRACT_COL + enum contract_col */
	O_ROLE = O_CONTRACT_COL + CONTRACT_COLS /* O_ROLE + role */
};

static const struct option longopts[] = {
	{"delimiter", required_argument, NULL, 'd'}, {"input-format", required_argument, NULL, O_INFMT},
	{"no-header", no_argument, NULL, O_NOHEADER}, {"encoding", required_argument, NULL, O_ENCODING},
	{"id", required_argument, NULL, O_ROLE + ROLE_ID}, {"date", required_argument, NULL, O_ROLE + ROLE_DATE},
	{"amount", required_argument, NULL, O_ROLE + ROLE_AMOUNT},
	{"margin", required_argument, NULL, O_ROLE + ROLE_MARGIN},
	{"quantity", required_argument, NULL, O_ROLE + ROLE_QUANTITY},
	{"price", required_argument, NULL, O_ROLE + ROLE_PRICE},
	{"order", required_argument, NULL, O_ROLE + ROLE_ORDER},
	{"channel", required_argument, NULL, O_ROLE + ROLE_CHANNEL},
	{"category", required_argument, NULL, O_ROLE + ROLE_CATEGORY},
	{"name", required_argument, NULL, O_ROLE + ROLE_NAME},
	{"currency", required_argument, NULL, O_ROLE + ROLE_CURRENCY},
	{"rates", required_argument, NULL, O_RATES}, {"base-currency", required_argument, NULL, O_BASECUR},
	{"cohorts", required_argument, NULL, O_COHORTS}, {"cohort", required_argument, NULL, O_COHORT},
	{"date-format", required_argument, NULL, O_DATEFMT}, {"decimal-comma", no_argument, NULL, O_DECCOMMA},
	{"decimal-point", no_argument, NULL, O_DECPOINT}, {"keep-id", no_argument, NULL, O_KEEPID},
	{"returns", required_argument, NULL, O_RETURNS}, {"anonymous", required_argument, NULL, O_ANON},
	{"filter", required_argument, NULL, O_FILTER}, {"exclude", required_argument, NULL, O_EXCLUDE},
	{"dedupe", no_argument, NULL, O_DEDUPE}, {"allow-empty", no_argument, NULL, O_EMPTY},
	{"strict", no_argument, NULL, O_STRICT}, {"on-error", required_argument, NULL, O_ONERROR},
	{"reject", required_argument, NULL, O_REJECT}, {"transactions", no_argument, NULL, O_TRANS},
	{"as-of", required_argument, NULL, O_ASOF}, {"window", required_argument, NULL, O_WINDOW},
	{"occasion", required_argument, NULL, O_OCCASION}, {"holdout-end", required_argument, NULL, O_HOLDOUT},
	{"customers", required_argument, NULL, O_CUSTOMERS}, {"buckets", required_argument, NULL, O_BUCKETS},
	{"output", required_argument, NULL, 'o'}, {"format", required_argument, NULL, O_FORMAT},
	{"quiet", no_argument, NULL, 'q'}, {"verbose", no_argument, NULL, 'v'},
	{"threads", required_argument, NULL, O_THREADS},
	{"csv-verbatim", no_argument, NULL, O_VERBATIM}, {"skip-lines", required_argument, NULL, O_SKIPLINES},
	{"skip-footer", required_argument, NULL, O_SKIPFOOTER}, {"max-age", required_argument, NULL, O_MAXAGE},
	{"margin-rate", required_argument, NULL, O_MARGINRATE}, {"cost", required_argument, NULL, O_COST},
	{"cost-per-order", required_argument, NULL, O_PERORDER}, {"cost-per-line", required_argument, NULL, O_PERLINE},
	{"cost-per-return", required_argument, NULL, O_PERRETURN},
	{"customer-costs", required_argument, NULL, O_OWNCOSTS}, {"max-line-bytes", required_argument, NULL, O_MAXLINE}, {"max-field-lines", required_argument, NULL, O_FIELDLINES},
	{"contracts", no_argument, NULL, O_CONTRACTS}, {"period", required_argument, NULL, O_PERIOD},
	{"start", required_argument, NULL, O_CONTRACT_COL + CC_START},
	{"end", required_argument, NULL, O_CONTRACT_COL + CC_END},
	{"status", required_argument, NULL, O_CONTRACT_COL + CC_STATUS},
	{"fee", required_argument, NULL, O_CONTRACT_COL + CC_FEE},
	{"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, O_VERSION},
	{NULL, 0, NULL, 0},
};

struct config {
	struct import_opts im;
	struct customer_opts cust;
	const char *output, *customers, *own_costs, *rates, *base_currency, *cohorts;
	int cohort_unit;          /* enum cohort_unit */
	int contracts, period;    /* --contracts; enum contract_unit */
	const char *contract_given[CONTRACT_COLS];
	int format, quiet;
	long buckets, max_age;
	const char **filters, **excludes, **costs;
};

/* An amount given on the command line ('.' decimals, not negative), exact. */
static int64_t cli_amount(const char *arg, const char *opt)
{
	int64_t v;
	if (num_parse(arg, strlen(arg), NUM_POINT, &v) != NUM_OK || v < 0)
		err_usage("invalid amount '%s' for %s (e.g. 4.50)", arg, opt);
	return v;
}

static int parse_delim(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		return '\t';
	if (strcmp(s, "whitespace") == 0 || strcmp(s, "space") == 0)
		return CSVIO_WHITESPACE;
	if (strlen(s) == 1 && strchr(",;|", s[0]))
		return s[0];
	err_usage("invalid delimiter '%s' (use ',' ';' '|' tab or whitespace)", s);
}

static void set_option(struct config *c, int opt, const char *arg)
{
	static const char *const informats[] = {"auto", "csv", "jsonl", "json", NULL};
	static const char *const returns[] = {"net", "drop", NULL};
	static const char *const anon[] = {"reject", "skip", NULL};
	static const char *const onerror[] = {"stop", "skip", NULL};
	static const char *const occasion[] = {"day", "order", NULL};
	static const char *const cohort_units[] = {"month", "quarter", "year", NULL}; /* enum cohort_unit */
	static const char *const periods[] = {"month", "year", "week", NULL};          /* enum contract_unit */
	struct import_opts *im = &c->im;
	switch (opt) {
	case 'd': im->in.delim = parse_delim(arg); break;
	case O_INFMT: im->in.format = cli_choice(arg, informats, "--input-format"); break;
	case O_NOHEADER: im->in.no_header = 1; break;
	case O_SKIPLINES:
		im->in.skip_lines = cli_long(arg, 0, 1000000, "--skip-lines");
		im->in.find_title = 0;
		break;
	case O_SKIPFOOTER: im->skip_footer = cli_long(arg, 0, 1000000, "--skip-footer"); break;
	case O_ENCODING:
		if ((im->in.encoding = encoding_parse(arg)) < 0)
			err_usage("unknown encoding '%s' (use auto, utf-8, cp1252 or latin1)", arg);
		break;
	case O_DATEFMT:
		if ((im->slash = date_format_parse(arg)) < 0)
			err_usage("unknown date format '%s' (use iso, dd.mm.yyyy, yyyymmdd, dmy or mdy)", arg);
		break;
	case O_DECCOMMA: im->decimal = NUM_COMMA; break;
	case O_DECPOINT: im->decimal = NUM_POINT; break;
	case O_KEEPID: im->keep_id = 1; break;
	case O_RETURNS: im->returns_drop = cli_choice(arg, returns, "--returns"); break;
	case O_ANON: im->anon_skip = cli_choice(arg, anon, "--anonymous"); break;
	case O_FILTER:
	case O_EXCLUDE:
		if (!strchr(arg, '=') || arg[0] == '=')
			err_usage("invalid rule '%s' (use COLUMN=VALUE)", arg);
		if (opt == O_FILTER)
			c->filters[im->nfilters++] = arg;
		else
			c->excludes[im->nexcludes++] = arg;
		break;
	case O_DEDUPE: im->dedupe = 1; break;
	case O_EMPTY: im->allow_empty = 1; break;
	case O_STRICT: im->strict = 1; break;
	case O_ONERROR: im->skip_errors = cli_choice(arg, onerror, "--on-error"); break;
	case O_REJECT: im->reject_path = arg; break;
	case O_VERBATIM: im->csv_verbatim = 1; break;
	case O_TRANS: im->transactions = 1; break;
	case O_ASOF: im->as_of = cli_day(arg, "--as-of"); break;
	case O_MARGINRATE: c->cust.margin_rate = (int64_t)llround(cli_double(arg, 0, 1, "--margin-rate") * NUM_SCALE); break;
	case O_COST:
		if (!strchr(arg, '=') || arg[0] == '=' || !strchr(arg, '=')[1])
			err_usage("invalid cost '%s' (use NAME=COLUMN, e.g. freight=Fracht)", arg);
		c->costs[im->ncosts++] = arg;
		break;
	case O_PERORDER: c->cust.per_order = cli_amount(arg, "--cost-per-order"); break;
	case O_PERLINE: c->cust.per_line = cli_amount(arg, "--cost-per-line"); break;
	case O_PERRETURN: c->cust.per_return = cli_amount(arg, "--cost-per-return"); break;
	case O_OWNCOSTS: c->own_costs = arg; break;
	case O_RATES: c->rates = arg; break;
	case O_COHORTS: c->cohorts = arg; break;
	case O_COHORT: c->cohort_unit = cli_choice(arg, cohort_units, "--cohort"); break;
	case O_BASECUR: c->base_currency = arg; break;
	case O_CONTRACTS: c->contracts = 1; break;
	case O_PERIOD: c->period = cli_choice(arg, periods, "--period"); break;
	case O_MAXAGE: c->max_age = cli_long(arg, 1, 1000000, "--max-age"); break;
	case O_WINDOW: c->cust.window = (int)cli_long(arg, 1, 100000, "--window"); break;
	case O_OCCASION: im->by_order = cli_choice(arg, occasion, "--occasion"); break;
	case O_HOLDOUT: im->holdout_end = cli_day(arg, "--holdout-end"); break;
	case O_CUSTOMERS: c->customers = arg; break;
	case O_BUCKETS: c->buckets = cli_long(arg, 1, 4096, "--buckets"); break;
	case O_THREADS: im->threads = (int)cli_long(arg, 0, 256, "--threads"); break;
	case O_MAXLINE: im->in.max_line = cli_bytes(arg, 1024, (size_t)1 << 40, "--max-line-bytes"); break;
	case O_FIELDLINES: im->in.max_field_lines = cli_long(arg, 1, 100000000, "--max-field-lines"); break;
	case 'o': c->output = arg; break;
	case O_FORMAT: c->format = cli_format(arg); break;
	case 'q': c->quiet = c->im.quiet = 1; break;
	case 'v': im->verbose = 1; break;
	case 'h':
		fputs(usage, stdout);
		fputs(usage_more, stdout);
		exit(CM_EXIT_OK);
	case O_VERSION: cli_version();
	default:
		if (opt >= O_CONTRACT_COL && opt < O_CONTRACT_COL + CONTRACT_COLS) {
			c->contract_given[opt - O_CONTRACT_COL] = arg;
			break;
		}
		if (opt >= O_ROLE && opt < O_ROLE + ROLE_N) {
			im->given[opt - O_ROLE] = arg;
			break;
		}
		err_usage("unknown option");
	}
}

/* --contracts reads another kind of export: what goes with transactions does not apply. */
static void check_contracts(const struct config *c)
{
	const struct import_opts *im = &c->im;
	int role = 0;
	for (int r = 0; r < ROLE_N; r++)
		role |= r != ROLE_ID && im->given[r] != NULL;
	if (!c->contracts) {
		for (int k = CC_START; k < CONTRACT_COLS; k++)
			if (c->contract_given[k])
				err_usage("--%s goes with --contracts", contract_col_name(k));
		if (c->period)
			err_usage("--period goes with --contracts (for cohorts: --cohort)");
		return;
	}
	if (role || im->transactions || c->customers || c->cohorts || im->nfilters || im->nexcludes || im->ncosts ||
	    c->own_costs || c->rates || c->cust.margin_rate >= 0 || c->cust.per_order || c->cust.per_line ||
	    c->cust.per_return || im->holdout_end != DAY_NONE || c->buckets > 1 || im->by_order || im->dedupe ||
	    im->reject_path || c->max_age || c->cust.window != 365)
		err_usage("--contracts reads a contract export: the options for transactions do not apply (see "
			  "cm-import(1), CONTRACTS)");
}

static void check_config(struct config *c)
{
	struct import_opts *im = &c->im;
	check_contracts(c);
	if (im->holdout_end != DAY_NONE && im->as_of == DAY_NONE)
		err_usage("--holdout-end needs --as-of (the end of the calibration period)");
	if (im->holdout_end != DAY_NONE && im->holdout_end <= im->as_of)
		err_usage("--holdout-end must be after --as-of");
	if (c->buckets > 1 && (!c->output || strcmp(c->output, "-") == 0))
		err_usage("--buckets needs -o PREFIX (files PREFIX-000.csv, ...)");
	if (im->strict && im->skip_errors)
		err_usage("--strict and --on-error skip pull different ways: choose one");
	if (c->customers && im->transactions)
		err_usage("--customers goes with the customer table, not --transactions");
	c->cust.has_costs = im->ncosts > 0 || c->cust.per_order > 0 || c->cust.per_line > 0 || c->cust.per_return > 0;
	c->cust.has_own_costs = c->own_costs != NULL;
	if ((c->cust.has_costs || c->cust.has_own_costs) && im->transactions)
		err_usage("costs go with the customer table (db2, db3), not --transactions");
	if (c->cohorts && im->transactions)
		err_usage("--cohorts goes with the customer table, not --transactions");
	if (im->transactions && (c->cust.margin_rate >= 0 || c->cust.window != 365 || im->by_order ||
				 im->holdout_end != DAY_NONE))
		err_usage("--margin-rate, --window, --occasion and --holdout-end go with the customer table, not "
			  "--transactions (the map-reduce scripts do not take them)");
	c->cust.by_order = im->by_order;
	c->cust.as_of = im->as_of;
	c->cust.has_holdout = im->holdout_end != DAY_NONE;
	c->cust.holdout_end = im->holdout_end;
}

static void parse_options(struct config *c, int argc, char **argv)
{
	int opt;
	memset(c, 0, sizeof *c);
	c->im.as_of = c->im.holdout_end = DAY_NONE;
	c->cust.window = 365;
	c->im.threads = threads_cores();
	c->im.in.encoding = ENC_AUTO;
	c->im.in.find_title = 1;
	c->buckets = 1;
	c->filters = xcalloc((size_t)argc + 1, sizeof *c->filters);
	c->excludes = xcalloc((size_t)argc + 1, sizeof *c->excludes);
	c->costs = xcalloc((size_t)argc + 1, sizeof *c->costs);
	c->im.filters = c->filters;
	c->im.excludes = c->excludes;
	c->im.costs = c->costs;
	c->cust.margin_rate = -1;
	while ((opt = getopt_long(argc, argv, "d:o:qvh", longopts, NULL)) != -1) {
		if (opt == '?')
			err_usage_hint();
		set_option(c, opt, optarg);
	}
	check_config(c);
}

static const char *bucket_ext(int format)
{
	return format == OUT_JSONL ? "jsonl" : format == OUT_TSV ? "tsv" : "csv";
}

/* One output, or one per bucket: PREFIX-000.csv ... */
static size_t open_outputs(struct config *c, fileio_out ***files, table_writer ***tabs)
{
	size_t n = (size_t)c->buckets;
	cm_error e;
	*files = xcalloc(n, sizeof **files);
	*tabs = xcalloc(n, sizeof **tabs);
	for (size_t b = 0; b < n; b++) {
		char name[4096];
		if (n > 1)
			snprintf(name, sizeof name, "%s-%03zu.%s", c->output, b, bucket_ext(c->format));
		(*files)[b] = fileio_open_out(n > 1 ? name : c->output, &e);
		if (!(*files)[b])
			err_die(CM_EXIT_DATA, "%s", e.msg);
		(*tabs)[b] = table_writer_new((*files)[b], c->format);
	}
	return n;
}

static int close_outputs(fileio_out **files, table_writer **tabs, size_t n, int ok)
{
	cm_error e;
	for (size_t b = 0; b < n; b++) {
		table_writer_free(tabs[b]);
		if (fileio_close_out(files[b], ok, &e) < 0 && ok) {
			err_warn("%s", e.msg);
			ok = 0;
		}
	}
	free(files);
	free(tabs);
	return ok;
}

static void summary(const struct import_stats *s, size_t customers, int transactions)
{
	char why[512] = "";
	size_t k = 0;
	const struct {
		long n;
		const char *what;
	} reasons[] = {
		{s->no_id, "without customer id"}, {s->excluded, "excluded"}, {s->not_included, "not matching --filter"},
		{s->returns, "returns dropped"}, {s->duplicates, "duplicates"}, {s->after_as_of, "after the as-of date"},
	};
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].n)
			k += (size_t)snprintf(why + k, sizeof why - k, "%s%ld %s", k ? ", " : " (",
					      reasons[i].n, reasons[i].what);
	if (k)
		k += (size_t)snprintf(why + k, sizeof why - k, ")");
	if (s->title + s->footer)
		snprintf(why + k, sizeof why - k, "; %ld line%s skipped as title/footer", s->title + s->footer,
			 s->title + s->footer == 1 ? "" : "s");
	if (transactions)
		err_warn("%ld row%s read = %ld accepted + %ld rejected + %ld filtered%s", s->read,
			 s->read == 1 ? "" : "s", s->accepted, s->rejected, s->filtered, why);
	else
		err_warn("%ld row%s read = %ld accepted + %ld rejected + %ld filtered%s; %zu customer%s", s->read,
			 s->read == 1 ? "" : "s", s->accepted, s->rejected, s->filtered, why, customers, customers == 1 ? "" : "s");
}

/* Dates decades before the rest, or years after it: said (unless -q), and
 * under --strict the run stops.  0 to stop. */
static int dates_apart(const importer *im, const struct config *c)
{
	struct date_apart end[2];
	static const char *const where[2] = {"more than ten years before the rest of the data: placeholder dates?",
					     "more than a year after the rest of the data"};
	int ok = 1;
	import_dates_apart(im, &end[0], &end[1]);
	for (int k = 0; k < 2; k++) {
		char day[11];
		if (!end[k].rows || (c->quiet && !c->im.strict))
			continue;
		date_format(end[k].edge, day);
		err_warn("%llu row%s dated as %s as %s, %s%s%s", (unsigned long long)end[k].rows,
			 end[k].rows == 1 ? "" : "s", k ? "late" : "early", day, where[k],
			 k && c->im.as_of == DAY_NONE && !c->im.transactions ? " (the latest date is the as-of date)" : "",
			 c->im.strict ? " (--strict)" : "");
		ok &= !c->im.strict;
	}
	return ok;
}

/* A side table written: its writer freed and its file closed (kept only when
 * ok).  ok, or 0 when closing failed; a failure's message (e) said. */
static int close_table(table_writer *out, fileio_out *f, int ok, cm_error *e)
{
	if (!ok)
		err_warn("%s", e->msg);
	table_writer_free(out);
	if (fileio_close_out(f, ok, e) < 0 && ok) {
		err_warn("%s", e->msg);
		ok = 0;
	}
	return ok;
}

/* --cohorts FILE, in the table's format: 0 on failure (said). */
static int write_cohorts(const struct config *c, const customer_table *t)
{
	cohorts *k = cohorts_new(c->cohort_unit);
	fileio_out *f;
	table_writer *out;
	cm_error e;
	int ok;
	if (!(f = fileio_open_out(c->cohorts, &e))) {
		err_warn("%s", e.msg);
		cohorts_free(k);
		return 0;
	}
	out = table_writer_new(f, c->format);
	customer_cohorts(t, k);
	ok = cohorts_write(k, customer_as_of(t, &c->cust), c->cust.has_margin, c->cust.margin_rate, out, &e) == 0;
	ok = close_table(out, f, ok, &e);
	cohorts_free(k);
	return ok;
}

/* The amounts' currency: the rates' base, or the one currency the rows
 * name.  Rows in more than one without --rates: said with the count of each,
 * and 0 to stop. */
static int one_currency(const importer *im, struct config *c, const currency_rates *rates)
{
	const struct currency_counts *k = &import_stats(im)->currencies;
	char counts[512];
	if (rates) {
		c->cust.currency = currency_rates_base(rates);
		return 1;
	}
	if (k->n == 1)
		c->cust.currency = k->code[0];
	if (k->n <= 1)
		return 1;
	currency_counts_text(k, counts, sizeof counts);
	err_warn("the rows are in %d currencies (%s): their sums would mean nothing; convert them with --rates "
		 "FILE (currency,rate), or keep one with --filter", k->n, counts);
	return 0;
}

/* A stale export: the data end long before the as-of date, or with
 * --max-age before today.  Said (unless -q); under --strict the run stops.
 * 0 to stop. */
static int stale(const importer *im, const struct config *c)
{
	int32_t last = import_latest(im), ref = c->im.as_of;
	long age = c->max_age > 0 ? c->max_age : 30;
	char a[11], b[11];
	if (last == DAY_NONE || import_stats(im)->after_as_of > 0 || (ref == DAY_NONE && c->max_age == 0))
		return 1;
	if (ref == DAY_NONE) /* today; CM_TODAY sets it (tests, replaying a night) */
		ref = getenv("CM_TODAY") ? cli_day(getenv("CM_TODAY"), "CM_TODAY") : (int32_t)(time(NULL) / 86400);
	if (ref - last <= age || (c->quiet && !c->im.strict))
		return 1;
	date_format(last, a);
	date_format(ref, b);
	err_warn("the data end on %s, %ld days before %s (%s): a stale export? (--max-age %ld)%s", a,
		 (long)(ref - last), c->im.as_of == DAY_NONE ? "today" : "the as-of date", b, age,
		 c->im.strict ? " (--strict)" : "");
	return !c->im.strict;
}

static int run(struct config *c, int nfiles, char **files, importer *im, customer_table *t)
{
	static char *stdin_only[] = {"-"};
	cm_error e;
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	struct table_reader_opts list = {0}; /* sniffed on its own: -d and the like are the export's */
	list.encoding = c->im.in.encoding;
	list.find_title = 1;
	list.max_line = c->im.in.max_line;
	list.max_field_lines = c->im.in.max_field_lines;
	long ncosts = 0;
	if (c->customers && master_list_load(t, c->customers, &list, c->im.given[ROLE_ID], c->im.keep_id, &e) < 0) {
		err_warn("%s", e.msg);
		return 0;
	}
	if (c->own_costs && master_list_load_costs(t, c->own_costs, &list, c->im.keep_id, &ncosts, &e) < 0) {
		err_warn("%s", e.msg);
		return 0;
	}
	if (c->own_costs && c->im.verbose)
		err_warn("%s: %ld cost%s of the customers' own", c->own_costs, ncosts, ncosts == 1 ? "" : "s");
	for (int i = 0; i < nfiles; i++)
		if (import_file(im, files[i], &e) < 0) {
			err_warn("%s", e.msg);
			return 0;
		}
	return 1;
}

/* The account of a contract export: every row read, accepted, rejected,
 * filtered or (a run stopped) not written; day: the as-of date, NULL when
 * the run stopped. */
static void contract_summary(const struct contract_stats *st, const char *day)
{
	char more[160] = "";
	size_t k = 0;
	if (st->filtered)
		k += (size_t)snprintf(more, sizeof more, " (starting after the as-of date)");
	if (st->unwritten)
		k += (size_t)snprintf(more + k, sizeof more - k, " + %ld not written (the run stopped)", st->unwritten);
	if (st->title + st->footer)
		snprintf(more + k, sizeof more - k, "; %ld line%s skipped as title/footer", st->title + st->footer,
			 st->title + st->footer == 1 ? "" : "s");
	if (day)
		err_warn("%ld row%s read = %ld accepted + %ld rejected + %ld filtered%s; %ld customer%s, %ld active%s%s",
			 st->read, st->read == 1 ? "" : "s", st->accepted, st->rejected, st->filtered, more, st->customers,
			 st->customers == 1 ? "" : "s", st->active, *day ? " at " : "", day);
	else
		err_warn("%ld row%s read = %ld accepted + %ld rejected + %ld filtered%s", st->read, st->read == 1 ? "" : "s",
			 st->accepted, st->rejected, st->filtered, more);
}

/* --contracts: the contract table for cm-clv --fit sbg.  Exits. */
static void run_contracts(const struct config *c, int nfiles, char **paths)
{
	static const char *const stdin_only[] = {"-"};
	struct contract_opts o;
	struct contract_stats st;
	fileio_out *f;
	table_writer *out;
	cm_error e;
	int ok;
	char day[11];
	memset(&o, 0, sizeof o);
	memcpy(o.given, c->contract_given, sizeof o.given);
	o.given[CC_ID] = c->im.given[ROLE_ID];
	o.in = c->im.in;
	o.slash = c->im.slash;
	o.decimal = c->im.decimal;
	o.as_of = c->im.as_of;
	o.unit = c->period;
	o.keep_id = c->im.keep_id;
	o.skip_errors = c->im.skip_errors;
	o.verbose = c->im.verbose;
	o.quiet = c->quiet;
	o.strict = c->im.strict;
	o.skip_footer = c->im.skip_footer;
	o.allow_empty = c->im.allow_empty;
	if (!(f = fileio_open_out(c->output, &e)))
		err_die(CM_EXIT_DATA, "%s", e.msg);
	out = table_writer_new(f, c->format);
	ok = contract_import(&o, nfiles ? (const char *const *)paths : stdin_only, nfiles ? (size_t)nfiles : 1, out, &st,
			     &e) == 0;
	ok = close_table(out, f, ok, &e);
	day[0] = '\0';
	if (st.as_of != DAY_NONE)
		date_format(st.as_of, day);
	if (!c->quiet || !ok)
		contract_summary(&st, ok ? day : NULL);
	exit(ok ? CM_EXIT_OK : CM_EXIT_DATA);
}

int main(int argc, char **argv)
{
	struct config c;
	fileio_out **files;
	table_writer **tabs;
	customer_table *t;
	currency_rates *rates = NULL;
	importer *im;
	size_t n;
	cm_error e;
	int ok;
	long twice;
	size_t first;

	err_init(argv[0]);
	parse_options(&c, argc, argv);
	argc -= optind;
	argv += optind;
	if ((twice = fileio_named_twice(argv, (size_t)argc, &first)) >= 0)
		err_die(CM_EXIT_DATA, "'%s' is the file '%s' again: its rows would count twice", argv[twice],
			argv[first]);
	if (c.contracts)
		run_contracts(&c, argc, argv);

	if (c.rates) {
		struct table_reader_opts list = {0};
		list.encoding = c.im.in.encoding;
		list.find_title = 1;
		if (!(rates = currency_rates_load(c.rates, &list, c.base_currency, &e)))
			err_die(CM_EXIT_DATA, "%s", e.msg);
		c.im.rates = rates;
	} else if (c.base_currency) {
		err_usage("--base-currency goes with --rates");
	}
	n = open_outputs(&c, &files, &tabs);
	t = customer_table_new();
	if (!(im = import_new(&c.im, t, &e)))
		err_die(CM_EXIT_DATA, "%s", e.msg);
	if (c.cust.has_costs)
		import_keep_costs(im);
	if (c.im.by_order)
		customer_occasions_by_order(t);
	if (c.cohorts)
		customer_keep_period_margin(t, c.cohort_unit);
	import_set_outputs(im, tabs, n);
	ok = run(&c, argc, argv, im, t) && dates_apart(im, &c) && stale(im, &c) && one_currency(im, &c, rates);
	c.cust.has_margin = import_has_role(im, ROLE_MARGIN);
	c.cust.has_documents = import_has_role(im, ROLE_ORDER) && !c.im.by_order;
	c.cust.has_mix[MIX_CHANNEL] = import_has_role(im, ROLE_CHANNEL);
	c.cust.has_mix[MIX_CATEGORY] = import_has_role(im, ROLE_CATEGORY);
	c.cust.has_name = import_has_role(im, ROLE_NAME);
	if (ok && !c.im.transactions && (c.cust.has_costs || c.cust.has_own_costs) && !c.cust.has_margin &&
	    c.cust.margin_rate < 0) {
		err_warn("db2 and db3 are taken off DB I: the export has no margin column; name one with --margin, or "
			 "give --margin-rate");
		ok = 0;
	}
	if (ok && c.cohorts)
		ok = write_cohorts(&c, t);
	if (ok && !c.im.transactions) {
		size_t gone = customer_holdout_only(t, &c.cust);
		if (customer_write(t, &c.cust, tabs, n, c.im.threads, &e) < 0) {
			err_warn("%s", e.msg);
			ok = 0;
		}
		if (gone && c.im.strict) {
			err_warn("%zu customer%s first bought after the as-of date (--strict)", gone, gone == 1 ? "" : "s");
			ok = 0;
		} else if (gone && !c.quiet) {
			err_warn("%zu customer%s who first bought after the as-of date left out", gone,
				 gone == 1 ? "" : "s");
		}
	}
	if (import_finish(im, &e) < 0) {
		err_warn("%s", e.msg);
		ok = 0;
	}
	ok = close_outputs(files, tabs, n, ok);
	if (!c.quiet || !ok)
		summary(import_stats(im), customer_count(t) - customer_holdout_only(t, &c.cust), c.im.transactions);
	import_free(im);
	customer_table_free(t);
	free(c.filters);
	free(c.excludes);
	free(c.costs);
	currency_rates_free(rates);
	return ok ? CM_EXIT_OK : CM_EXIT_DATA;
}
