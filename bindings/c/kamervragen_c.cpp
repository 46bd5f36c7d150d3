// kamervragen_c.cpp: the C API (kamervragen.h) over the C++ library. Each function
// catches everything at the boundary and hands out malloc'd strings.
#include "kamervragen.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "kamervragen/indexer.hpp"
#include "kamervragen/lexicon.hpp"
#include "kamervragen/parser.hpp"
#include "kamervragen/search.hpp"
#include "kamervragen/xml.hpp"

namespace {

char* copy_out(std::string_view s) {
    char* p = static_cast<char*>(std::malloc(s.size() + 1));
    if (!p) return nullptr;
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

void set_error(char** error, std::string_view message) {
    if (error) *error = copy_out(message);
}

// Loaded on first use and shared by every call (a lexicon serves many threads at once).
std::shared_ptr<const kamervragen::lexicon> shared_lexicon() {
    static std::once_flag once;
    static std::shared_ptr<const kamervragen::lexicon> words;
    std::call_once(once, [] { words = kamervragen::lexicon::open_default(nullptr); });
    return words;
}

// Runs f, turning anything it throws into NULL and a message in *error.
template <class F>
char* guarded(const char* name, char** error, F&& f) {
    if (error) *error = nullptr;
    try {
        return f();
    } catch (const std::exception& e) {
        set_error(error, std::string(name) + ": " + e.what());
    } catch (...) {
        set_error(error, std::string(name) + ": unknown error");
    }
    return nullptr;
}

}  // namespace

extern "C" {

const char* kv_version(void) { return KV_VERSION; }

char* kv_parse(const char* text, size_t length, const char* source, const char* format, int use_lexicon,
               char** error) {
    return guarded("kv_parse", error, [&]() -> char* {
        const std::string_view fmt = format ? format : "json";
        if (fmt != "json" && fmt != "xml") {
            set_error(error, "kv_parse: format must be \"json\" or \"xml\"");
            return nullptr;
        }
        kamervragen::parse_options opt;
        if (source) opt.source = source;
        if (use_lexicon) opt.words = shared_lexicon();
        const auto doc = kamervragen::parse(std::string_view(text ? text : "", text ? length : 0), opt);
        char* out = copy_out(fmt == "xml" ? kamervragen::to_xml(doc) : kamervragen::to_json(doc));
        if (!out) set_error(error, "kv_parse: out of memory");
        return out;
    });
}

char* kv_search(const char* index_dir, const char* query, size_t limit, size_t offset, int sort_by_date,
                char** error) {
    return guarded("kv_search", error, [&]() -> char* {
        if (!index_dir || !query) {
            set_error(error, "kv_search: an index folder and a query are needed");
            return nullptr;
        }
        std::string err;
        auto db = kamervragen::search::database::open(kamervragen::search::database_path(index_dir), false, &err);
        if (!db) {
            set_error(error, err);
            return nullptr;
        }
        kamervragen::search::search_options opt;
        opt.limit = limit ? limit : 10;
        opt.offset = offset;
        opt.sort_by_date = sort_by_date != 0;
        const auto r = db->search(query, opt);
        if (!r.ok) {
            set_error(error, "query, at offset " + std::to_string(r.error.offset) + ": " + r.error.message);
            return nullptr;
        }
        char* out = copy_out(kamervragen::search::to_json(r));
        if (!out) set_error(error, "kv_search: out of memory");
        return out;
    });
}

void kv_free(void* p) { std::free(p); }

}  // extern "C"
