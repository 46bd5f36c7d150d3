// rank.cpp: the FTS5 ranking function kvrank(units_fts, idf_1, …, idf_n): BM25 with the
// column weights of the search (see db.hpp) and k1 = 1.2, b = 0.75, like FTS5's bm25(),
// except that the inverse document frequency of each phrase is an argument. FTS5's
// bm25() counts each phrase's matching rows on every query, which for a common word is
// a pass over its whole posting list; the search computes idf from the vocabulary instead
// (see database.cpp, phrase_idfs).
#include <sqlite3.h>

#include <array>

#include "db.hpp"
#include "tokenizer.hpp"

namespace kamervragen::search::detail {
namespace {

struct stats {
    double avgdl = 1;
};

void kvrank(const Fts5ExtensionApi* api, Fts5Context* ctx, sqlite3_context* out, int n_args, sqlite3_value** args) {
    constexpr double k1 = 1.2, b = 0.75;
    constexpr int max_phrases = 64;
    auto* st = static_cast<stats*>(api->xGetAuxdata(ctx, 0));
    if (!st) {
        sqlite3_int64 rows = 0, tokens = 0;
        if (api->xRowCount(ctx, &rows) != SQLITE_OK || api->xColumnTotalSize(ctx, -1, &tokens) != SQLITE_OK) {
            sqlite3_result_error(out, "kvrank: cannot read the table's statistics", -1);
            return;
        }
        st = new stats{rows > 0 && tokens > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1.0};
        if (api->xSetAuxdata(ctx, st, [](void* p) { delete static_cast<stats*>(p); }) != SQLITE_OK) {
            sqlite3_result_error_nomem(out);
            return;
        }
    }
    std::array<double, max_phrases> freq{};
    int n_inst = 0;
    if (api->xInstCount(ctx, &n_inst) != SQLITE_OK) {
        sqlite3_result_error(out, "kvrank: cannot read matches", -1);
        return;
    }
    for (int i = 0; i < n_inst; ++i) {
        int phrase = 0, col = 0, off = 0;
        if (api->xInst(ctx, i, &phrase, &col, &off) != SQLITE_OK) continue;
        if (phrase >= 0 && phrase < max_phrases && col >= 0 && col < static_cast<int>(column_weights.size()))
            freq[static_cast<std::size_t>(phrase)] += column_weights[static_cast<std::size_t>(col)];
    }
    int row_tokens = 0;
    api->xColumnSize(ctx, -1, &row_tokens);
    const double norm = k1 * (1 - b + b * static_cast<double>(row_tokens) / st->avgdl);
    const int phrases = std::min(api->xPhraseCount(ctx), max_phrases);
    double score = 0;
    for (int i = 0; i < phrases; ++i) {
        const double f = freq[static_cast<std::size_t>(i)];
        if (f <= 0) continue;
        const double idf = i < n_args ? sqlite3_value_double(args[i]) : 1.0;
        score += idf * (f * (k1 + 1.0)) / (f + norm);
    }
    sqlite3_result_double(out, -score);  // ascending order puts the best first, as bm25()
}

}  // namespace

int register_rank_function(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    if (!api) return SQLITE_ERROR;
    return api->xCreateFunction(api, "kvrank", nullptr, kvrank, nullptr);
}

}  // namespace kamervragen::search::detail
