// db.hpp (internal): the search database behind search::database, and the calls the
// indexer makes on it. One connection per object; SQLite in WAL mode, so readers search
// while an index run writes.
#pragma once

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <stdexcept>
#include <unordered_map>
#include <string>
#include <tuple>
#include <vector>

#include "kamervragen/search.hpp"
#include "query.hpp"

namespace kamervragen::search::detail {

struct db_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A prepared statement, finalized on destruction, reset before each use.
class statement {
public:
    statement(sqlite3* db, const std::string& sql);
    ~statement();
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    statement& reset();
    statement& bind(int i, const std::string& v);
    statement& bind(int i, std::int64_t v);
    statement& bind(int i, double v);
    /// Binds without a copy: v must stay valid until the statement is reset.
    statement& bind_static(int i, std::string_view v);
    statement& bind_blob(int i, std::string_view v);
    statement& bind_null(int i);
    bool step();  ///< true while a row is available; throws db_error on failure
    void run();   ///< steps to the end
    [[nodiscard]] std::string text(int col) const;
    /// The column's bytes without a copy; valid until the next step or reset.
    [[nodiscard]] std::string_view view(int col) const;
    [[nodiscard]] std::int64_t integer(int col) const;
    [[nodiscard]] double real(int col) const;
    [[nodiscard]] bool is_null(int col) const;
    sqlite3_stmt* get() { return st_; }

private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

/// A source file as the manifest remembers it.
struct source_row {
    std::string path;
    std::int64_t size = 0;
    std::int64_t mtime = 0;
    std::string hash;
    std::string doc_key;  ///< "" when the file gave no document
    std::string status;   ///< indexed, duplicate, failed, skipped
    std::string message;
    std::int64_t quality = 0;
};

/// Reads one SQLite varint (FTS5's docsize and averages records) at pos, advancing it.
std::uint64_t get_varint(std::string_view b, std::size_t& pos);
/// Appends v (below 2^56) as an SQLite varint.
void put_varint(std::string& out, std::uint64_t v);

/// The values of a unit's FTS5 columns (qtext, atext, subject, exact, asker, party,
/// minister, addressee): what the view units_content gives for its row.
std::array<std::string, 8> fts_values(const unit_record& r);

/// A column value as its tokens, made where there is time (the parser threads) so that
/// the writer's FTS5 insert only reads them: pretokenized_marker, then the tokens the
/// tokenizer would make of `value`, separated by spaces. FTS5 positions are token counts,
/// so the index is the same as from the value itself.
std::string pretokenize(std::string_view value);

/// pretokenize(fts_values(r)) for each of a document's records, in fewer passes: a unit's
/// text is folded once for its stemmed and its exact column, and the subject the units
/// share is tokenized once.
std::vector<std::array<std::string, 8>> pretokenized_values(const std::vector<unit_record>& records);

/// Appends one record as a Solr <doc> element (see to_solr_xml).
void append_solr_doc(std::string& out, const unit_record& r);

/// The weights of BM25 per FTS column (qtext, atext, subject, exact, asker, party,
/// minister, addressee). Names filter, they do not rank: every unit of a document has
/// them once, so their part of a score would only favour short units. Exact phrases
/// filter too; their words rank, in the stemmed columns.
inline constexpr std::array<double, 8> column_weights = {1.0, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0};

/// Registers kvrank (rank.cpp) on a connection. Returns an SQLite result code.
int register_rank_function(sqlite3* db);

/// A hot term's list is one blob: per entry the unit id (8 bytes) and its score (an
/// IEEE double, 8 bytes), in the machine's byte order, best first.
inline constexpr std::size_t hot_entry_size = 16;
inline void append_hot_entry(std::string& out, std::int64_t id, double score) {
    char b[hot_entry_size];
    std::memcpy(b, &id, 8);
    std::memcpy(b + 8, &score, 8);
    out.append(b, hot_entry_size);
}
inline std::pair<std::int64_t, double> hot_entry(std::string_view list, std::size_t i) {
    std::int64_t id = 0;
    double score = 0;
    std::memcpy(&id, list.data() + i * hot_entry_size, 8);
    std::memcpy(&score, list.data() + i * hot_entry_size + 8, 8);
    return {id, score};
}

/// One part of the hot-term pass (database.cpp): the units with ids in a range, scored for
/// each hot term, and their hot_vec rows.
using scored_unit = std::pair<double, std::int64_t>;  // score, unit id
/// Best first: the higher score, then the lower id.
inline bool better_hit(const scored_unit& x, const scored_unit& y) {
    return x.first > y.first || (x.first == y.first && x.second < y.second);
}
struct hot_pass_input {
    const std::unordered_map<std::string, std::size_t>* term_index;  ///< stem -> term number
    const std::vector<double>* idf;                                  ///< per term number
    double avgdl = 1;
};
struct hot_pass {
    std::vector<std::vector<scored_unit>> best;  ///< per term, at most hot_list_length
    std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> vectors;  ///< id, length, hot_vec blob
};
hot_pass run_hot_pass(sqlite3* db, const hot_pass_input& in, std::int64_t from_id, std::int64_t to_id);

/// How many top hits are kept per hot term. Besides the lists, hot_vec holds for each
/// unit its hot terms (hot_terms.ord) with twice their weighted count, and its length.
inline constexpr int hot_list_length = 2000;

}  // namespace kamervragen::search::detail

namespace kamervragen::search {

struct database::impl {
    sqlite3* db = nullptr;
    bool writable = false;
    std::string path;

    std::unordered_map<std::string, std::unique_ptr<detail::statement>> cache;

    ~impl();
    void exec(const std::string& sql);
    /// A prepared statement kept for the connection's life, reset for use.
    detail::statement& cached(const std::string& sql);
    void begin();
    void commit();
    void rollback() noexcept;

    /// Replaces a document's units (all of them, in one go). `fts`, when given, holds
    /// each record's FTS5 values already tokenized (detail::pretokenize of fts_values).
    /// `is_new`: the caller has just seen that the database holds no document of this
    /// key (document_source), so there is nothing to remove first.
    void put_document(const std::string& key, const std::vector<unit_record>& records, const std::string& source,
                      std::int64_t quality, const std::vector<std::array<std::string, 8>>* fts = nullptr,
                      bool is_new = false);
    void remove_document(const std::string& key);
    /// The source and quality a document was kept from, if it is in the database.
    std::optional<std::pair<std::string, std::int64_t>> document_source(const std::string& key);
    std::vector<std::string> document_keys();
    /// Calls f(record) for every unit, by document key and position.
    template <class F>
    void for_each_unit(F&& f);

    std::optional<detail::source_row> source(const std::string& file);
    void put_source(const detail::source_row& row);
    void remove_source(const std::string& file);
    std::vector<detail::source_row> sources();

    /// What is made from the units at the end of a run (FTS5 merge, hot terms, index.xml)
    /// is stale once a unit changed, until mark_fresh: a flag in meta, set in the same
    /// transaction as the change, so that a run killed before the end leaves it set.
    void mark_stale();
    bool is_stale();
    void mark_fresh();
    bool stale_marked = false;
    std::size_t hot_term_count();

    /// Recomputes the top hits of every term that occurs in at least `min_units` units.
    /// Returns the number of hot terms.
    std::size_t refresh_hot_terms(std::size_t min_units);

    search_result run_search(std::string_view query, const search_options& options);
    /// The number of rows FTS5 counts (its averages record).
    double collection_rows();
    /// Units whose text (question or answer) holds `token` (a stem), or whose `column` does.
    double token_df(const std::string& token, const std::string& column);
    /// The idf of each phrase of an FTS5 expression made by the query compiler, in FTS5's
    /// phrase order: from the vocabulary, the rarest token of the phrase.
    std::vector<double> phrase_idfs(const std::string& match);
    /// Top hits of an AND of words whose every term is hot, certified exact by the
    /// threshold algorithm; nullopt when the lists cannot certify them (the caller then
    /// asks FTS5).
    std::optional<std::vector<std::pair<std::int64_t, double>>> top_from_hot_lists(const detail::compiled_query& q,
                                                                                   std::size_t k);
    unit_record load_unit(std::int64_t id);
    std::optional<unit_record> load_unit_by_uid(const std::string& doc_key, const std::string& uid);
};

// The statement text is in database.cpp (detail::all_units_sql).
namespace detail {
extern const char* const all_units_sql;
unit_record read_unit_row(const statement& s);
}  // namespace detail

template <class F>
void database::impl::for_each_unit(F&& f) {
    detail::statement s(db, detail::all_units_sql);
    while (s.step()) f(detail::read_unit_row(s));
}

}  // namespace kamervragen::search
