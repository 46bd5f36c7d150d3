/* kamervragen.h: the C API of kamervragen, for programs in C and for language bindings
 * (bindings/python uses it through ctypes).
 *
 * Every function catches what the C++ library throws: none lets an exception out.
 * Strings in and out are UTF-8. Strings the library returns are the caller's: free them
 * with kv_free. On failure a function returns NULL and, when `error` is not NULL, sets
 * *error to a message (also freed with kv_free). The functions may be called from
 * several threads at once.
 */
#ifndef KAMERVRAGEN_H
#define KAMERVRAGEN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define KV_API __attribute__((visibility("default")))
#else
#define KV_API
#endif

/* The library's version, "MAJOR.MINOR.PATCH". Static: not to be freed. */
KV_API const char* kv_version(void);

/* Parses one document: `text` holds `length` bytes, the contents of a file (any bytes
 * are valid input; see kamervragen::parse). `source` names it in the output (may be
 * NULL). `format` is "json" (the model with the gold annotations' field names, units,
 * footnotes, metadata and diagnostics) or "xml" (the document XML). With `use_lexicon`
 * non-zero the hunspell Dutch dictionary is loaded once and used for dehyphenation and
 * glued words (without it, or when it is not installed, the parser uses the document's
 * own words). Returns the output, or NULL on an unknown format or out of memory. */
KV_API char* kv_parse(const char* text, size_t length, const char* source, const char* format, int use_lexicon,
                      char** error);

/* Searches an index folder made by `kamervragen index` with the query language of
 * `kamervragen search`. Returns the hits as a JSON array (see kamervragen::search::to_json),
 * "[]" when nothing matches; NULL when the index cannot be opened or the query is
 * malformed (the message says where). `limit` 0 means 10. */
KV_API char* kv_search(const char* index_dir, const char* query, size_t limit, size_t offset, int sort_by_date,
                       char** error);

/* Frees a string returned by this library. NULL is allowed. */
KV_API void kv_free(void* p);

#ifdef __cplusplus
}
#endif

#endif /* KAMERVRAGEN_H */
