/* fingerprint_set — see fingerprint_set.h. */
#include "base/fingerprint_set.h"

#include <stdlib.h>

#include "base/err.h"

struct fingerprint_set {
	uint64_t *slot; /* 0 is empty; a fingerprint of 0 is stored as 1 */
	size_t cap, n;
};

fingerprint_set *fingerprint_set_new(void)
{
	fingerprint_set *s = xcalloc(1, sizeof *s);
	s->cap = 1 << 16;
	s->slot = xzeroed(s->cap, sizeof *s->slot);
	return s;
}

static void put(uint64_t *slot, size_t cap, uint64_t fp)
{
	size_t i = (size_t)(fp ^ (fp >> 29)) & (cap - 1);
	while (slot[i] && slot[i] != fp)
		i = (i + 1) & (cap - 1);
	slot[i] = fp;
}

int fingerprint_set_add(fingerprint_set *s, uint64_t fp)
{
	size_t i;
	fp = fp ? fp : 1;
	if (2 * (s->n + 1) > s->cap) {
		uint64_t *old = s->slot;
		size_t oldcap = s->cap;
		s->cap *= 2;
		s->slot = xzeroed(s->cap, sizeof *s->slot);
		for (size_t k = 0; k < oldcap; k++)
			if (old[k])
				put(s->slot, s->cap, old[k]);
		free(old);
	}
	i = (size_t)(fp ^ (fp >> 29)) & (s->cap - 1);
	while (s->slot[i]) {
		if (s->slot[i] == fp)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	s->slot[i] = fp;
	s->n++;
	return 1;
}

uint64_t fingerprint_set_hash(const char *const *fields, const size_t *lens, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < lens[i]; k++)
			h = (h ^ (unsigned char)fields[i][k]) * UINT64_C(1099511628211);
		h = (h ^ 0x1f) * UINT64_C(1099511628211); /* field separator */
	}
	return h;
}

void fingerprint_set_free(fingerprint_set *s)
{
	if (!s)
		return;
	free(s->slot);
	free(s);
}
