// fuzz_query.cpp: a libFuzzer target over the query language: any bytes as a query, run
// against an index of the repository's corpus/. A query either runs (at most `limit`
// hits) or is refused with a message and an offset inside it; a database error means
// the compiler wrote an FTS5 expression FTS5 cannot read, and aborts. Without libFuzzer
// (KV_LIBFUZZER undefined) a main() replays every file given or below the folders given.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "kamervragen/indexer.hpp"
#include "kamervragen/search.hpp"
#include "replay.hpp"

namespace fs = std::filesystem;
namespace kvs = kamervragen::search;

namespace {

std::string replaying;  // the query file being replayed, to name it when a check fails

struct fixture {
    fs::path dir;
    std::unique_ptr<kvs::database> db;
    fixture() {
        dir = fs::temp_directory_path() / ("kamervragen-fuzz-query-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        kvs::index_options o;
        o.sources = {KV_SOURCE_DIR "/corpus"};
        o.index_dir = dir.string();
        std::string err;
        if (!kvs::run_index(o, &err) || !(db = kvs::database::open(kvs::database_path(dir.string()), false, &err))) {
            std::cerr << "fuzz-query: cannot index corpus/: " << err << "\n";
            std::abort();
        }
    }
    ~fixture() {
        db.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

// How the library words an error that came from SQLite rather than from the query's
// own checks (a message that quotes the query, "SQLited: …", is not one of them).
bool database_error(const std::string& m) {
    for (const char* prefix : {"SQLite", "the search engine could not run this query", "the search failed"})
        if (m.rfind(prefix, 0) == 0) return true;
    return false;
}

fixture& the_fixture() {
    static fixture f;
    return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view q(reinterpret_cast<const char*>(data), size);
    kvs::search_options o;
    o.limit = 3;
    for (bool by_date : {false, true}) {
        o.sort_by_date = by_date;
        const auto r = the_fixture().db->search(q, o);
        if (r.ok ? r.hits.size() > o.limit
                 : r.error.message.empty() || r.error.offset > q.size() || database_error(r.error.message)) {
            std::cerr << "fuzz-query: " << (r.ok ? "too many hits" : r.error.message)
                      << (replaying.empty() ? "" : " in " + replaying) << "\n";
            std::abort();
        }
    }
    return 0;
}

#ifndef KV_LIBFUZZER
int main(int argc, char** argv) { return replay_main(argc, argv, replaying, "queries"); }
#endif
