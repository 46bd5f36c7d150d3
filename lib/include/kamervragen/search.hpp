// kamervragen/search.hpp: the XML index (one Solr record per question or answer unit),
// the search database built from it (SQLite FTS5 with a Dutch tokenizer: ICU folding
// plus the Snowball Dutch stemmer), and the query language of `kamervragen search`.
//
// No SQLite, ICU or libstemmer type appears here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kamervragen/document.hpp"

namespace kamervragen::search {

/// One question or answer unit with its document's metadata: a record of the XML index.
/// Field names in the Solr form are listed in README.md ("The XML index").
struct unit_record {
    std::string id;            ///< "<doc_key>/q/2-4": document key, kind, numbers
    std::string doc_key;       ///< the document id, or "src-<hash>" for a document without one
    std::string doc_id;        ///< "ah-tk-20102011-3279" or ""
    std::string doc_kind;      ///< answered, questions_only, postponement, additional_answer, other
    std::string chamber;       ///< "TK", "EK" or ""
    std::string session_year;  ///< "2010-2011" or ""
    std::optional<int> number; ///< Aanhangsel number
    std::string question_ref;  ///< "2024Z18294" or ""
    std::string submitted;     ///< ISO date or ""
    std::string received;      ///< ISO date or ""
    std::string kind;          ///< "question" or "answer"
    std::vector<int> numbers;  ///< the question numbers the unit covers
    std::vector<std::string> paired;  ///< ids of the units it pairs with
    std::vector<std::string> askers, parties, addressees, ministers;
    std::string subject;
    std::string text;
    std::string source;        ///< the file the document was read from
    bool operator==(const unit_record&) const = default;

    /// The unit's date: submitted for a question, received for an answer (either when
    /// the other is missing).
    [[nodiscard]] std::string date() const;
};

/// The key a document is stored under: its id when it has one (so that two sources of
/// one document are one document), else "src-" and the first 16 hex digits of `content_hash`.
[[nodiscard]] std::string document_key(const document& doc, std::uint64_t content_hash);

/// The records of a document's units, in document order (questions, then answers).
[[nodiscard]] std::vector<unit_record> records_of(const document& doc, const std::string& doc_key);

/// Writes records as one Solr XML update message: <add><doc><field name="…">…</field>…</doc></add>.
[[nodiscard]] std::string to_solr_xml(const std::vector<unit_record>& records);

struct solr_read_result {
    bool ok = false;
    std::string error;
    std::vector<unit_record> records;
};
/// Reads records back from Solr XML written by to_solr_xml() (several <add> elements and
/// a wrapping root are accepted, so a concatenation of messages reads too).
[[nodiscard]] solr_read_result from_solr_xml(std::string_view xml);

/// The tokenizer the search database uses, for tests and for the benchmark: splits on
/// anything that is not a letter or digit, folds case and diacritics with ICU
/// ("Beëindiging" → "beeindiging"), and with `stem` applies the Snowball Dutch stemmer.
[[nodiscard]] std::vector<std::string> tokens(std::string_view text, bool stem);

/// A query that could not be read: what is wrong and the byte offset it points at.
struct query_error {
    std::string message;
    std::size_t offset = 0;
};

struct search_options {
    std::size_t limit = 10;
    std::size_t offset = 0;
    bool sort_by_date = false;  ///< newest first instead of by relevance
    /// Let FTS5 score every matching unit instead of reading the stored top hits of very
    /// common words (the same results, slower; for tests and the benchmark).
    bool exhaustive = false;
};

struct hit {
    unit_record unit;
    double score = 0;             ///< BM25, higher is better (0 when sorted by date)
    std::string snippet;          ///< matched words between '\x02' and '\x03'
    std::vector<unit_record> paired;  ///< the answer(s) for a question, the questions for an answer
};

struct search_result {
    bool ok = false;
    query_error error;
    std::vector<hit> hits;
    /// How the hits were found: "stored top hits" (one common word), "threshold
    /// algorithm" (common words ANDed, certified from the stored lists), "fts5".
    std::string plan;
};

/// The hits as a JSON array (what `kamervragen search --json` prints): per hit the unit's
/// id, doc_id, kind, numbers, date, text, score, snippet (matches in <mark>…</mark>),
/// subject, session_year, askers, parties, ministers, addressees, source and the paired
/// units (id, doc_id, kind, numbers, date, text).
[[nodiscard]] std::string to_json(const search_result& result, int indent = 2);

/// The search database. Opened read-only for searching (readers never block an index
/// run: the database is in WAL mode) or writable by the indexer.
class database {
public:
    /// Opens or creates. Returns nullptr with a message when the file cannot be opened,
    /// is not a kamervragen database, or (read-only) does not exist.
    static std::unique_ptr<database> open(const std::string& path, bool writable, std::string* error);
    ~database();
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    /// Parses and runs a query. Thread safety: one database object per thread.
    [[nodiscard]] search_result search(std::string_view query, const search_options& options) const;

    [[nodiscard]] std::size_t unit_count() const;
    [[nodiscard]] std::size_t document_count() const;

    /// Checks the database: SQLite's integrity check, and FTS5's check of its index against
    /// the unit texts (that one on a database opened writable). Returns "" when they pass,
    /// else what they report.
    [[nodiscard]] std::string verify() const;

    struct impl;
    /// For the indexer in this library; not part of the stable API.
    impl& internals() { return *impl_; }

private:
    explicit database(std::unique_ptr<impl> p);
    std::unique_ptr<impl> impl_;
};

}  // namespace kamervragen::search
