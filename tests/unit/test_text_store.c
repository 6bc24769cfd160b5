/* text_store: copies stay intact while many more (and one larger than a chunk) are added. */
#include <stdlib.h>
#include <string.h>

#include "base/text_store.h"
#include "check.h"

void test_text_store(void)
{
	text_store *t = text_store_new();
	const char *first = text_store_copy(t, "C000001xyz", 7), *kept[3000];
	char *big = malloc(3 << 20), want[256];
	const char *bigcopy = NULL;
	int bad = 0;
	memset(big, 'b', 3 << 20);
	for (int i = 0; i < 3000; i++) {
		snprintf(want, sizeof want, "customer-%d-%0*d", i, i % 200, 0); /* up to 200 zeros: chunks fill */
		kept[i] = text_store_copy(t, want, strlen(want));
		if (i == 1500)
			bigcopy = text_store_copy(t, big, 3 << 20);
	}
	for (int i = 0; i < 3000; i++) {
		snprintf(want, sizeof want, "customer-%d-%0*d", i, i % 200, 0);
		bad += strcmp(kept[i], want) != 0;
	}
	CHECK(strcmp(first, "C000001") == 0 && bad == 0, "3,000 copies intact after more were added (%d bad)", bad);
	CHECK(strlen(bigcopy) == 3u << 20 && memcmp(bigcopy, big, 3 << 20) == 0, "a text larger than a chunk");
	free(big);
	text_store_free(t);
}
