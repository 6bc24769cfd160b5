/*
 * cohort_report — the sections of a cohort table (cm-import --cohorts):
 * the retention triangle (the latest cohorts, each row the share of its
 * customers who bought in periods 1, 2, ... after the first; in HTML a heat
 * map), the average retention curve (each period's buyers over the sizes of
 * the cohorts that reached it) and the cohorts that deviate from it beyond
 * chance in their first periods (|z| > 3 on the binomial standard error).
 * Each cohort's last period, the as-of date's, is left out: it is rarely
 * complete.
 */
#ifndef CM_COHORT_REPORT_H
#define CM_COHORT_REPORT_H

#include <stddef.h>

#include "base/err.h"
#include "report/report_table.h"

#define COHORT_TRIANGLE_PERIODS 8  /* columns of the triangle: 80 columns of text */
#define COHORT_TRIANGLE_ROWS 24    /* the latest cohorts shown */
#define COHORT_CURVE_PERIODS 24

/* 0, or -1 with a message (file, line, column and value for a bad cell). */
int cohort_sections(report_doc *doc, const char *path, size_t top, cm_error *e);

#endif
