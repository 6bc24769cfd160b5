/*
 * cm-report — the customer cockpit from a customer table: text, Markdown,
 * JSON, CSV or one self-contained HTML page.  Options and flow only; the
 * figures are in core/report/report.c, the formats in core/report/render*.c.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "customers/currency.h"
#include "customers/customer_reader.h"
#include "base/err.h"
#include "io/fileio.h"
#include "report/lang.h"
#include "report/render.h"
#include "report/report.h"
#include "base/threads.h"

static const char usage[] =
	"usage: cm-report [options] [FILE]\n"
	"Write the customer cockpit for a customer table (from cm-import, with whatever\n"
	"cm-clv and cm-segment added); sections whose columns are missing are left out.\n"
	"\n"
	"  -f, --format F           text (default), markdown, json, csv or html\n"
	"      --lang L             en (default) or de: labels and number formats\n"
	"      --currency SYMBOL    e.g. EUR or $ (default: the table's currency column,\n"
	"                           else none in en, \xE2\x82\xAC in de)\n"
	"      --top N              length of the lists (default 10)\n"
	"      --group-by COLUMN    key figures per value of a column (region, sales rep);\n"
	"                           repeat it for up to four columns\n"
	"      --split-by COLUMN    one cockpit per value of a column (a sales rep's own\n"
	"                           customers, all customers' key figures beside), written\n"
	"                           as DIR/cockpit-VALUE.EXT; needs -o DIR\n"
	"      --baseline FILE      an earlier customer table: migrations and the customers\n"
	"                           who became at risk or lost since then\n"
	"      --model FILE         a cm-clv model file: its parameters in the report\n"
	"      --cohorts FILE       a cohort table (cm-import --cohorts): the retention\n"
	"                           triangle, the average curve, the cohorts that deviate\n"
	"      --csv-verbatim       with -f csv, keep text cells that a spreadsheet would run\n"
	"                           as formulas (=, +, -, @) as they are, without a '\n"
	"  -o, --output FILE        write to FILE (atomically; .gz compresses)\n"
	"      --threads N          read the table on N threads (default: the number of\n"
	"                           cores); the report is the same on any number\n"
	"  -v, --verbose            say which sections were left out, and why\n"
	"  -h, --help               show this help\n"
	"      --version            show the version\n";

enum { O_LANG = 256, O_CURRENCY, O_TOP, O_GROUP, O_BASELINE, O_MODEL, O_THREADS, O_VERSION, O_VERBATIM, O_COHORTS,
       O_SPLIT };

static const struct option longopts[] = {
	{"format", required_argument, NULL, 'f'}, {"lang", required_argument, NULL, O_LANG},
	{"currency", required_argument, NULL, O_CURRENCY}, {"top", required_argument, NULL, O_TOP},
	{"group-by", required_argument, NULL, O_GROUP}, {"baseline", required_argument, NULL, O_BASELINE},
	{"model", required_argument, NULL, O_MODEL}, {"output", required_argument, NULL, 'o'},
	{"cohorts", required_argument, NULL, O_COHORTS}, {"split-by", required_argument, NULL, O_SPLIT},
	{"threads", required_argument, NULL, O_THREADS}, {"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, O_VERSION}, {"csv-verbatim", no_argument, NULL, O_VERBATIM}, {NULL, 0, NULL, 0},
};

struct config {
	struct report_opts r;
	struct lang_opts l;
	const char *output, *split_by;
	int format, verbose, currency_given, threads, csv_verbatim;
};

static void parse_options(struct config *c, int argc, char **argv)
{
	int opt;
	memset(c, 0, sizeof *c);
	c->r.top = 10;
	c->l.currency = "";
	c->threads = threads_cores();
	while ((opt = getopt_long(argc, argv, "f:o:vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if ((c->format = render_format_parse(optarg)) < 0)
				err_usage("unknown format '%s' (use text, markdown, json, csv or html)", optarg);
			break;
		case O_LANG:
			if ((c->l.lang = lang_parse(optarg)) < 0)
				err_usage("unknown language '%s' (use en or de)", optarg);
			break;
		case O_CURRENCY: c->l.currency = optarg; c->currency_given = 1; break;
		case O_TOP: c->r.top = (size_t)cli_long(optarg, 0, 1000000, "--top"); break;
		case O_GROUP:
			if (c->r.ngroups == REPORT_GROUPS)
				err_usage("--group-by: at most %d columns", REPORT_GROUPS);
			c->r.group_by[c->r.ngroups++] = optarg;
			break;
		case O_BASELINE: c->r.baseline = optarg; break;
		case O_MODEL: c->r.model_path = optarg; break;
		case O_COHORTS: c->r.cohorts = optarg; break;
		case O_SPLIT: c->split_by = optarg; break;
		case O_THREADS: c->threads = (int)cli_long(optarg, 1, 256, "--threads"); break;
		case O_VERBATIM: c->csv_verbatim = 1; break;
		case 'o': c->output = optarg; break;
		case 'v': c->verbose = 1; break;
		case 'h': fputs(usage, stdout); exit(CM_EXIT_OK);
		case O_VERSION: cli_version();
		default: err_usage_hint();
		}
	}
}

/* The currency the numbers are shown with: given, the table's, else the language's. */
static void pick_currency(struct config *c, const report_doc *doc)
{
	if (!c->currency_given)
		c->l.currency = doc->currency[0] ? currency_symbol(doc->currency) : c->l.lang == LANG_DE ? "\xE2\x82\xAC" : "";
}

static void write_doc(struct config *c, const report_doc *doc, const char *path)
{
	cm_error e;
	fileio_out *f = cli_open_output(path);
	pick_currency(c, doc);
	render(doc, c->format, &c->l, c->csv_verbatim, f);
	if (fileio_close_out(f, 1, &e) < 0)
		err_die(CM_EXIT_DATA, "%s", e.msg);
}

/* A value as part of a file name: letters, digits, '.', '-' and '_' kept, the rest '_'. */
static void file_part(const char *value, char *buf, size_t cap)
{
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)value; *p && k + 1 < cap; p++)
		buf[k++] = (char)((*p < 0x80 && (isalnum(*p) || *p == '.' || *p == '-' || *p == '_')) ? *p : '_');
	if (k == 0 || buf[0] == '.')
		buf[k == 0 ? k++ : 0] = '_';
	buf[k] = '\0';
}

/* --split-by: DIR/cockpit-VALUE.EXT per value; two values that make one name get -2, -3, ... */
static void write_parts(struct config *c, struct report_part *parts, size_t n)
{
	static const char *const ext[] = {"txt", "md", "json", "csv", "html"};
	char **names = xcalloc(n + 1, sizeof *names);
	if (mkdir(c->output, 0777) < 0 && errno != EEXIST)
		err_die(CM_EXIT_DATA, "cannot make the folder '%s': %s", c->output, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		char part[200], path[4096];
		size_t same = 1;
		file_part(parts[i].value, part, sizeof part);
		for (size_t j = 0; j < i; j++)
			same += strcmp(names[j], part) == 0;
		names[i] = xstrdup(part);
		if (same > 1)
			snprintf(path, sizeof path, "%s/cockpit-%s-%zu.%s", c->output, part, same, ext[c->format]);
		else
			snprintf(path, sizeof path, "%s/cockpit-%s.%s", c->output, part, ext[c->format]);
		write_doc(c, &parts[i].doc, path);
		report_doc_free(&parts[i].doc);
		free(parts[i].value);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(parts);
}

int main(int argc, char **argv)
{
	struct config c;
	report_doc doc = {0};
	customer_reader *in;
	cm_error e;
	int rc;

	err_init(argv[0]);
	parse_options(&c, argc, argv);
	argc -= optind;
	argv += optind;
	c.r.threads = c.threads;
	in = cli_open_table(argc, argv, c.threads);
	if (c.split_by) {
		struct report_part *parts;
		size_t n;
		if (!c.output || strcmp(c.output, "-") == 0)
			err_usage("--split-by writes a cockpit per value: give the folder with -o DIR");
		if (report_build_split(in, &c.r, c.split_by, &parts, &n, &e) < 0)
			err_die(CM_EXIT_DATA, "%s", e.msg);
		customer_reader_close(in);
		write_parts(&c, parts, n);
		return CM_EXIT_OK;
	}
	rc = report_build(in, &c.r, &doc, &e);
	customer_reader_close(in);
	if (rc < 0) {
		report_doc_free(&doc);
		err_die(CM_EXIT_DATA, "%s", e.msg);
	}
	if (c.verbose)
		for (size_t i = 0; i < doc.nskipped; i++)
			err_warn("left out %s", doc.skipped[i]);
	write_doc(&c, &doc, c.output);
	report_doc_free(&doc);
	return CM_EXIT_OK;
}
