/*
 * cli — what every tool's option parsing shares: the version line, checked
 * conversions of option values (a bad value is a usage error, status 2), and
 * the closing of standard output.
 */
#ifndef CM_CLI_H
#define CM_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "base/version.h"

/* Print "PROG (cm) VERSION" and exit 0. */
_Noreturn void cli_version(void);
/* A date YYYY-MM-DD as a day number, or usage error naming the option. */
int32_t cli_day(const char *arg, const char *opt);
/* --format: csv, tsv or jsonl (enum of table_writer.h); a usage error otherwise. */
int cli_format(const char *arg);
long cli_long(const char *arg, long min, long max, const char *opt);
double cli_double(const char *arg, double min, double max, const char *opt);
/* A size in bytes: a whole number, optionally followed by k, M or G (powers of 1024). */
size_t cli_bytes(const char *arg, size_t min, size_t max, const char *opt);
/* One of the words in the NULL-terminated list (its index), or usage error. */
int cli_choice(const char *arg, const char *const *words, const char *opt);

/* The downstream tools' input and output: at most one FILE (none or "-" is
 * standard input), and -o; a failure to open is reported and exits 1. */
struct customer_reader;
struct fileio_out;
struct customer_reader *cli_open_table(int argc, char **argv, int threads);
struct fileio_out *cli_open_output(const char *path);

#endif
