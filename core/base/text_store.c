/* text_store — see text_store.h. */
#include "base/text_store.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

#define CHUNK (1 << 20)

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

struct text_store {
	struct chunk *head; /* the chunk being filled, then the older ones */
};

text_store *text_store_new(void) { return xcalloc(1, sizeof(text_store)); }

const char *text_store_copy(text_store *t, const char *s, size_t n)
{
	struct chunk *c = t->head;
	char *p;
	if (!c || c->cap - c->used < n + 1) { /* a text larger than a chunk gets one of its own */
		size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;
		c = xmalloc(sizeof *c + cap);
		c->used = 0;
		c->cap = cap;
		c->next = t->head;
		t->head = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

void text_store_free(text_store *t)
{
	if (!t)
		return;
	while (t->head) {
		struct chunk *next = t->head->next;
		free(t->head);
		t->head = next;
	}
	free(t);
}
