/* row_buffer — see row_buffer.h. */
#include "io/row_buffer.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

void row_buffer_clear(row_buffer *b) { b->nbytes = b->nfields = b->nrows = 0; }

void row_buffer_resize(row_buffer *b, size_t nrows, size_t nfields, size_t nbytes)
{
	size_t cap = b->capfields;
	xgrow((void **)&b->bytes, &b->capbytes, nbytes, 1);
	xgrow((void **)&b->off, &b->capfields, nfields, sizeof *b->off);
	xgrow((void **)&b->len, &cap, nfields, sizeof *b->len);
	cap = b->caprows;
	xgrow((void **)&b->first, &b->caprows, nrows + 2, sizeof *b->first);
	xgrow((void **)&b->line, &cap, nrows + 2, sizeof *b->line);
	b->nrows = nrows;
	b->nfields = nfields;
	b->nbytes = nbytes;
}

void row_buffer_add(row_buffer *b, const cm_record *r)
{
	size_t need = b->nbytes;
	for (size_t i = 0; i < r->n; i++)
		need += r->len[i] + 1;
	xgrow((void **)&b->bytes, &b->capbytes, need, 1);
	if (b->nfields + r->n > b->capfields) {
		size_t cap = b->capfields;
		xgrow((void **)&b->off, &b->capfields, b->nfields + r->n, sizeof *b->off);
		xgrow((void **)&b->len, &cap, b->nfields + r->n, sizeof *b->len);
	}
	if (b->nrows + 2 > b->caprows) {
		size_t cap = b->caprows;
		xgrow((void **)&b->first, &b->caprows, b->nrows + 2, sizeof *b->first);
		xgrow((void **)&b->line, &cap, b->nrows + 2, sizeof *b->line);
	}
	b->first[b->nrows] = b->nfields;
	if (r->n > 0 && record_adjacent(r->f, r->len, r->n)) { /* one copy for the row; the bytes between become NULs */
		memcpy(b->bytes + b->nbytes, r->f[0], need - b->nbytes);
		for (size_t i = 0; i < r->n; i++) {
			size_t off = b->nbytes + (size_t)(r->f[i] - r->f[0]);
			b->off[b->nfields] = off;
			b->len[b->nfields++] = r->len[i];
			b->bytes[off + r->len[i]] = '\0';
		}
		b->nbytes = need;
	} else {
		for (size_t i = 0; i < r->n; i++) {
			b->off[b->nfields] = b->nbytes;
			b->len[b->nfields++] = r->len[i];
			memcpy(b->bytes + b->nbytes, r->f[i], r->len[i]);
			b->bytes[b->nbytes + r->len[i]] = '\0';
			b->nbytes += r->len[i] + 1;
		}
	}
	b->line[b->nrows++] = r->line;
	b->first[b->nrows] = b->nfields;
}

void row_buffer_keep(row_buffer *b, size_t n)
{
	if (n >= b->nrows)
		return;
	b->nrows = n;
	b->nfields = b->first[n];
	b->nbytes = b->nfields ? b->off[b->nfields - 1] + b->len[b->nfields - 1] + 1 : 0;
}

void row_buffer_get(row_buffer *b, size_t i, cm_record *r)
{
	size_t n = b->first[i + 1] - b->first[i];
	xgrow((void **)&b->f, &b->capf, n + 1, sizeof *b->f);
	for (size_t j = 0; j < n; j++)
		b->f[j] = b->bytes + b->off[b->first[i] + j];
	r->n = n;
	r->f = b->f;
	r->len = b->len + b->first[i];
	r->line = b->line[i];
}

void row_buffer_free(row_buffer *b)
{
	free(b->bytes);
	free(b->off);
	free(b->len);
	free(b->first);
	free(b->line);
	free(b->f);
	memset(b, 0, sizeof *b);
}
