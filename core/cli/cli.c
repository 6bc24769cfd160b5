/* cli — see cli.h. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/table_writer.h"
#include "customers/customer_reader.h"
#include "io/date.h"
#include "io/fileio.h"
#include "base/err.h"

void cli_version(void)
{
	printf("%s (cm) %s\n", err_progname(), CM_VERSION);
	exit(CM_EXIT_OK);
}

int32_t cli_day(const char *arg, const char *opt)
{
	int32_t day;
	if (date_parse(arg, strlen(arg), DATE_SLASH_UNKNOWN, &day) != DATE_OK)
		err_usage("invalid date '%s' for %s (use YYYY-MM-DD)", arg, opt);
	return day;
}

long cli_long(const char *arg, long min, long max, const char *opt)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max)
		err_usage("invalid value '%s' for %s (a whole number from %ld to %ld)", arg, opt, min, max);
	return v;
}

double cli_double(const char *arg, double min, double max, const char *opt)
{
	char *end;
	double v = strtod(arg, &end);
	if (end == arg || *end || !(v >= min && v <= max))
		err_usage("invalid value '%s' for %s (a number from %g to %g)", arg, opt, min, max);
	return v;
}

size_t cli_bytes(const char *arg, size_t min, size_t max, const char *opt)
{
	char *end;
	unsigned long long v;
	int shift = 0;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end == 'k' || *end == 'K')
		shift = 10, end++;
	else if (*end == 'M')
		shift = 20, end++;
	else if (*end == 'G')
		shift = 30, end++;
	if (errno || end == arg || *end || arg[0] == '-' || v > (max >> shift) || (v << shift) < min)
		err_usage("invalid size '%s' for %s (bytes, or with k, M or G: from %zu to %zu)", arg, opt, min, max);
	return (size_t)(v << shift);
}

int cli_choice(const char *arg, const char *const *words, const char *opt)
{
	for (int i = 0; words[i]; i++)
		if (strcmp(arg, words[i]) == 0)
			return i;
	err_usage("invalid value '%s' for %s", arg, opt);
}

customer_reader *cli_open_table(int argc, char **argv, int threads)
{
	cm_error e;
	customer_reader *in;
	if (argc > 1)
		err_usage("one customer table at a time");
	if (!(in = customer_reader_open(argc ? argv[0] : "-", &e)))
		err_die(CM_EXIT_DATA, "%s", e.msg);
	customer_reader_threads(in, threads);
	return in;
}

fileio_out *cli_open_output(const char *path)
{
	cm_error e;
	fileio_out *f = fileio_open_out(path, &e);
	if (!f)
		err_die(CM_EXIT_DATA, "%s", e.msg);
	return f;
}

int cli_format(const char *arg)
{
	int f = table_writer_format_parse(arg);
	if (f < 0)
		err_usage("unknown format '%s' (use csv, tsv or jsonl)", arg);
	return f;
}
