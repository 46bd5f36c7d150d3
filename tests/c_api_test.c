/* c_api_test.c: the C API from C. Usage: c_api_test DOCUMENT.txt */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kamervragen.h"

static int failures = 0;
#define CHECK(cond)                                                     \
    do {                                                                \
        if (!(cond)) {                                                  \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                 \
        }                                                               \
    } while (0)

static char* read_all(const char* path, size_t* n) {
    FILE* f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* buf = malloc((size_t)size + 1);
    *n = fread(buf, 1, (size_t)size, f);
    fclose(f);
    return buf;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: c_api_test DOCUMENT\n");
        return 2;
    }
    CHECK(strlen(kv_version()) >= 5);

    size_t n = 0;
    char* text = read_all(argv[1], &n);
    CHECK(text != NULL);
    char* error = NULL;
    char* json = kv_parse(text, n, argv[1], "json", 0, &error);
    CHECK(json != NULL && error == NULL);
    if (json) {
        CHECK(strstr(json, "\"questions\"") != NULL);
        CHECK(strstr(json, "Verhoef") != NULL);
    }
    kv_free(json);
    char* xml = kv_parse(text, n, NULL, "xml", 1, &error);
    CHECK(xml != NULL && strncmp(xml, "<?xml", 5) == 0);
    kv_free(xml);

    /* any bytes are input; an unknown format is an error with a message */
    const char junk[] = {'\0', '\xff', 'V', 'r', 'a', 'a', 'g', ' ', '1', '\n'};
    json = kv_parse(junk, sizeof junk, "junk", "json", 0, &error);
    CHECK(json != NULL);
    kv_free(json);
    CHECK(kv_parse(text, n, NULL, "yaml", 0, &error) == NULL);
    CHECK(error != NULL && strstr(error, "format") != NULL);
    kv_free(error);
    error = NULL;

    /* a missing index: NULL and a message naming it */
    CHECK(kv_search("/nonexistent/kamervragen-index", "gemeenten", 10, 0, 0, &error) == NULL);
    CHECK(error != NULL && strstr(error, "nonexistent") != NULL);
    kv_free(error);
    kv_free(text);
    if (failures) fprintf(stderr, "%d failures\n", failures);
    return failures ? 1 : 0;
}
