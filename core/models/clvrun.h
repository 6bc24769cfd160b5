/*
 * clvrun — what cm-clv does with a customer table: find the model's columns,
 * fit (reading the table once into the model's data and a spool) or take a
 * loaded model, then score every row (or evaluate against the holdout).
 * The tool fills struct clv_run from its options and calls clvrun.
 */
#ifndef CM_CLVRUN_H
#define CM_CLVRUN_H

#include "customers/customer_reader.h"
#include "base/err.h"
#include "io/fileio.h"
#include "models/model.h"
#include "io/table_writer.h"

struct clv_run {
	struct model m;
	const char *model_path, *save_path, *output, *weight, *horizon;
	char *columns[4];     /* --columns: x, t_x, T, m */
	double margin_rate;   /* < 0: from the table */
	double retention;     /* --retention, or < 0 to estimate */
	long sample;          /* --sample N, 0 for all */
	double active_before, active_again; /* retention: customers active in the previous window, and again */
	int format, quiet, spend_none, unit_given, horizon_given, discount_given, evaluate, dert;
	int threads;          /* for reading (customer_reader_threads) and scoring the table */
};

/* With c->model_path: load the model (this run's horizon and discount win when given). */
int clvrun_load(struct clv_run *c, cm_error *e);
/* Fit (unless a model was loaded) and score *in into out; *in may be replaced (the spool). */
int clvrun(struct clv_run *c, customer_reader **in, table_writer *out, fileio_out *f, cm_error *e);

#endif
