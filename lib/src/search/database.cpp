// database.cpp: the search database. Tables:
//   units        one row per question or answer unit, with its document's metadata
//   units_fts    FTS5 over units (external content through the view units_content):
//                qtext, atext, subject stemmed; exact (text and subject), asker, party,
//                minister, addressee folded but not stemmed (their content starts with
//                the exact marker, which the tokenizer reads as "do not stem")
//   documents    one row per document: the source it was kept from
//   sources      the manifest of files seen by the indexer
//   hot          the top hits of very common terms (see refresh_hot_terms)
#include "db.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <thread>
#include <unordered_map>
#include <sstream>

#include "query.hpp"
#include "tokenizer.hpp"
#include "../text.hpp"

namespace kamervragen::search {
namespace detail {

statement::statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st_, nullptr) != SQLITE_OK)
        throw db_error(std::string("SQL error: ") + sqlite3_errmsg(db) + " in: " + sql.substr(0, 200));
}
statement::~statement() { sqlite3_finalize(st_); }
statement& statement::reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
    return *this;
}
statement& statement::bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
statement& statement::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
}
statement& statement::bind(int i, double v) {
    sqlite3_bind_double(st_, i, v);
    return *this;
}
statement& statement::bind_static(int i, std::string_view v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
}
statement& statement::bind_blob(int i, std::string_view v) {
    sqlite3_bind_blob(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
statement& statement::bind_null(int i) {
    sqlite3_bind_null(st_, i);
    return *this;
}
bool statement::step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw db_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
}
void statement::run() {
    while (step()) {
    }
}
std::string statement::text(int col) const {
    const auto* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
}
std::string_view statement::view(int col) const {
    const auto* p = sqlite3_column_blob(st_, col);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_, col)))
             : std::string_view();
}
std::int64_t statement::integer(int col) const { return sqlite3_column_int64(st_, col); }
double statement::real(int col) const { return sqlite3_column_double(st_, col); }
bool statement::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

namespace {

constexpr int schema_version = 9;

const char* schema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents(
  key TEXT PRIMARY KEY, source TEXT NOT NULL, quality INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS units(
  id INTEGER PRIMARY KEY, uid TEXT NOT NULL, doc_key TEXT NOT NULL, doc_id TEXT, doc_kind TEXT,
  chamber TEXT, session_year TEXT, number INTEGER, question_ref TEXT, submitted TEXT, received TEXT,
  date TEXT NOT NULL, kind TEXT NOT NULL, numbers TEXT, paired TEXT, askers TEXT, parties TEXT,
  addressees TEXT, ministers TEXT, subject TEXT, text TEXT, source TEXT);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc_key);
CREATE INDEX IF NOT EXISTS units_date ON units(date);
CREATE VIEW IF NOT EXISTS units_content AS SELECT id,
  CASE WHEN kind = 'question' THEN text ELSE '' END AS qtext,
  CASE WHEN kind = 'answer' THEN text ELSE '' END AS atext,
  subject,
  char(1) || text || ' ' || subject AS exact,
  char(1) || askers AS asker, char(1) || parties AS party,
  char(1) || ministers AS minister, char(1) || addressees AS addressee
  FROM units;
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
  qtext, atext, subject, exact, asker, party, minister, addressee,
  content = 'units_content', content_rowid = 'id', tokenize = 'kvdutch');
CREATE TABLE IF NOT EXISTS hot(term TEXT PRIMARY KEY, list BLOB) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hot_terms(term TEXT PRIMARY KEY, df INTEGER, listed INTEGER, threshold REAL,
  ord INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hot_vec(id INTEGER PRIMARY KEY, dl INTEGER, v BLOB);
CREATE TABLE IF NOT EXISTS term_df(term TEXT, col TEXT, df INTEGER, PRIMARY KEY(term, col)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources(
  path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, hash TEXT, doc_key TEXT,
  status TEXT, message TEXT, quality INTEGER) WITHOUT ROWID;
)SQL";

std::string join(const std::vector<std::string>& v, char sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += sep;
        out += v[i];
    }
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::size_t start = 0;
    while (true) {
        std::size_t p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) break;
        start = p + 1;
    }
    return out;
}

std::string numbers_text(const std::vector<int>& n) {
    std::string out;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(n[i]);
    }
    return out;
}

std::vector<int> numbers_of(const std::string& s) {
    std::vector<int> out;
    for (const auto& p : split(s, ',')) {
        try {
            out.push_back(std::stoi(p));
        } catch (...) {
        }
    }
    return out;
}

const char* unit_columns =
    "id, uid, doc_key, doc_id, doc_kind, chamber, session_year, number, question_ref, submitted, received, "
    "kind, numbers, paired, askers, parties, addressees, ministers, subject, text, source";

unit_record read_unit(const statement& s) {
    unit_record r;
    r.id = s.text(1);
    r.doc_key = s.text(2);
    r.doc_id = s.text(3);
    r.doc_kind = s.text(4);
    r.chamber = s.text(5);
    r.session_year = s.text(6);
    if (!s.is_null(7)) r.number = static_cast<int>(s.integer(7));
    r.question_ref = s.text(8);
    r.submitted = s.text(9);
    r.received = s.text(10);
    r.kind = s.text(11);
    r.numbers = numbers_of(s.text(12));
    r.paired = split(s.text(13), '\n');
    r.askers = split(s.text(14), '\n');
    r.parties = split(s.text(15), '\n');
    r.addressees = split(s.text(16), '\n');
    r.ministers = split(s.text(17), '\n');
    r.subject = s.text(18);
    r.text = s.text(19);
    r.source = s.text(20);
    return r;
}

// A snippet for display: the exact marker dropped; when the words matched only a name
// column, the start of the unit's text instead.
std::string clean_snippet(std::string s, const std::string& text) {
    s.erase(std::remove(s.begin(), s.end(), detail::exact_marker), s.end());
    if (s.find('\x02') != std::string::npos) return s;
    if (text.size() <= 240) return text;
    std::size_t cut = text.rfind(' ', 240);
    return text.substr(0, cut == std::string::npos ? 240 : cut) + " …";
}

}  // namespace

std::uint64_t get_varint(std::string_view b, std::size_t& pos) {
    // SQLite's varint: big-endian groups of 7 bits, the ninth byte whole
    std::uint64_t v = 0;
    for (int i = 0; i < 9 && pos < b.size(); ++i) {
        const auto c = static_cast<unsigned char>(b[pos++]);
        if (i == 8) return (v << 8) | c;
        v = (v << 7) | (c & 0x7Fu);
        if (!(c & 0x80)) break;
    }
    return v;
}

void put_varint(std::string& out, std::uint64_t v) {
    unsigned char groups[8];
    int n = 0;
    do {
        groups[n++] = static_cast<unsigned char>(v & 0x7Fu);
        v >>= 7;
    } while (v != 0 && n < 8);
    for (int i = n - 1; i >= 0; --i) out += static_cast<char>(groups[i] | (i > 0 ? 0x80u : 0u));
}

const char* const all_units_sql =
    "SELECT id, uid, doc_key, doc_id, doc_kind, chamber, session_year, number, question_ref, submitted, received, "
    "kind, numbers, paired, askers, parties, addressees, ministers, subject, text, source FROM units ORDER BY doc_key, id";
unit_record read_unit_row(const statement& s) { return read_unit(s); }

}  // namespace detail

using detail::statement;

database::impl::~impl() {
    cache.clear();  // statements before the connection
    if (db) sqlite3_close_v2(db);
}

statement& database::impl::cached(const std::string& sql) {
    auto it = cache.find(sql);
    if (it == cache.end()) it = cache.emplace(sql, std::make_unique<statement>(db, sql)).first;
    return it->second->reset();
}

void database::impl::exec(const std::string& sql) {
    // A cached statement that stopped at a row still reads its table: release them all
    // (FTS5's 'optimize' needs the table to itself).
    for (auto& [text, st] : cache) sqlite3_reset(st->get());
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw detail::db_error("SQLite: " + msg);
    }
}
void database::impl::begin() { exec("BEGIN IMMEDIATE"); }
void database::impl::commit() { exec("COMMIT"); }
void database::impl::rollback() noexcept { sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr); }

void database::impl::mark_stale() {
    if (stale_marked) return;
    exec("INSERT OR REPLACE INTO meta(key, value) VALUES('stale', '1')");
    stale_marked = true;
}

bool database::impl::is_stale() {
    statement& s = cached("SELECT value FROM meta WHERE key = 'stale'");
    return s.step() && s.text(0) == "1";
}

void database::impl::mark_fresh() {
    exec("DELETE FROM meta WHERE key = 'stale'");
    stale_marked = false;
}

std::size_t database::impl::hot_term_count() {
    statement& s = cached("SELECT count(*) FROM hot_terms");
    return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

void database::impl::remove_document(const std::string& key) {
    // FTS5 (SQLite 3.40) flushes its pending terms to a new segment at every statement
    // savepoint, and an INSERT … SELECT into it opens one: the index would be written a
    // unit at a time. Rows are therefore read first and deleted one VALUES statement each,
    // and only when the document has any.
    statement& rows = cached("SELECT id, qtext, atext, subject, exact, asker, party, minister, addressee "
                             "FROM units_content WHERE id IN (SELECT id FROM units WHERE doc_key = ?)");
    rows.bind(1, key);
    std::vector<std::pair<std::int64_t, std::array<std::string, 8>>> old;  // rowid, column values
    while (rows.step()) {
        auto& [id, values] = old.emplace_back();
        id = rows.integer(0);
        for (int c = 0; c < 8; ++c) values[static_cast<std::size_t>(c)] = rows.text(c + 1);
    }
    if (old.empty()) return;
    mark_stale();
    statement& del_fts = cached("INSERT INTO units_fts(units_fts, rowid, qtext, atext, subject, exact, asker, party, "
                                "minister, addressee) VALUES('delete', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& [id, values] : old) {
        del_fts.reset().bind(1, id);
        for (int c = 0; c < 8; ++c) del_fts.bind_static(c + 2, values[static_cast<std::size_t>(c)]);
        del_fts.run();
    }
    statement& del = cached("DELETE FROM units WHERE doc_key = ?");
    del.bind(1, key).run();
    statement& deld = cached("DELETE FROM documents WHERE key = ?");
    deld.bind(1, key).run();
}

namespace detail {

std::array<std::string, 8> fts_values(const unit_record& r) {
    const std::string marker(1, exact_marker);
    return {r.kind == "question" ? r.text : std::string(),
            r.kind == "answer" ? r.text : std::string(),
            r.subject,
            marker + r.text + ' ' + r.subject,
            marker + join(r.askers, '\n'),
            marker + join(r.parties, '\n'),
            marker + join(r.ministers, '\n'),
            marker + join(r.addressees, '\n')};
}

std::string pretokenize(std::string_view value) {
    thread_local dutch_tokenizer tok;
    std::string out(1, pretokenized_marker);
    out.reserve(value.size() + 1);
    tok.run(value, true, [&](std::string_view w, std::size_t, std::size_t) {
        if (out.size() > 1) out += ' ';
        out.append(w);
        return 0;
    });
    return out;
}

std::vector<std::array<std::string, 8>> pretokenized_values(const std::vector<unit_record>& records) {
    thread_local dutch_tokenizer tok;
    std::vector<std::array<std::string, 8>> out;
    out.reserve(records.size());
    auto add = [](std::string& to, std::string_view w) {
        if (to.size() > 1) to += ' ';
        to.append(w);
    };
    // A document's units share their subject: its tokens are made once.
    const std::string* subject_of = nullptr;
    std::string subject_folded, subject_stemmed;
    for (const unit_record& r : records) {
        const auto marked = [](const std::string& v) { return !v.empty() && v[0] == exact_marker; };
        if (marked(r.text) || marked(r.subject)) {  // no parser output starts so; the plain way
            auto values = fts_values(r);
            for (auto& v : values) v = pretokenize(v);
            out.push_back(std::move(values));
            continue;
        }
        if (!subject_of || *subject_of != r.subject) {
            subject_of = &r.subject;
            subject_folded.clear();
            subject_stemmed.assign(1, pretokenized_marker);
            tok.run(r.subject, false, [&](std::string_view w, std::size_t, std::size_t) {
                add(subject_folded, w);
                add(subject_stemmed, tok.finish(w, true));
                return 0;
            });
        }
        // the text is folded once: the exact column takes the folded words, the
        // question's or answer's column their stems
        std::string stemmed(1, pretokenized_marker), exact(1, pretokenized_marker);
        stemmed.reserve(r.text.size() + 1);
        exact.reserve(r.text.size() + subject_folded.size() + 2);
        tok.run(r.text, false, [&](std::string_view w, std::size_t, std::size_t) {
            add(exact, w);
            add(stemmed, tok.finish(w, true));
            return 0;
        });
        if (!subject_folded.empty()) add(exact, subject_folded);
        const std::string none(1, pretokenized_marker);
        const std::string marker(1, exact_marker);
        out.push_back({r.kind == "question" ? stemmed : none, r.kind == "answer" ? stemmed : none, subject_stemmed,
                       std::move(exact), pretokenize(marker + join(r.askers, '\n')),
                       pretokenize(marker + join(r.parties, '\n')), pretokenize(marker + join(r.ministers, '\n')),
                       pretokenize(marker + join(r.addressees, '\n'))});
    }
    return out;
}

}  // namespace detail

void database::impl::put_document(const std::string& key, const std::vector<unit_record>& records,
                                  const std::string& source, std::int64_t quality,
                                  const std::vector<std::array<std::string, 8>>* fts_tokens, bool is_new) {
    if (!is_new) remove_document(key);
    mark_stale();
    statement& ins = cached("INSERT INTO units(uid, doc_key, doc_id, doc_kind, chamber, session_year, number, question_ref, "
                  "submitted, received, date, kind, numbers, paired, askers, parties, addressees, ministers, subject, "
                  "text, source) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    // one row per statement, the values units_content gives (see remove_document)
    statement& fts = cached("INSERT INTO units_fts(rowid, qtext, atext, subject, exact, asker, party, minister, addressee) "
                            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::array<std::string, 7> made_here;  // the values made below, kept until the row is in
    for (std::size_t k = 0; k < records.size(); ++k) {
        const unit_record& r = records[k];
        ins.reset();
        int i = 0;
        std::size_t m = 0;
        // the record's own strings and the values made here outlive the statement's run:
        // bound without a copy
        auto text = [&](const std::string& v) { ins.bind_static(++i, v); };
        auto made = [&](std::string v) { ins.bind_static(++i, made_here[m++] = std::move(v)); };
        text(r.id);
        text(key);
        text(r.doc_id);
        text(r.doc_kind);
        text(r.chamber);
        text(r.session_year);
        if (r.number) ins.bind(++i, static_cast<std::int64_t>(*r.number));
        else ins.bind_null(++i);
        text(r.question_ref);
        text(r.submitted);
        text(r.received);
        made(r.date());
        text(r.kind);
        made(detail::numbers_text(r.numbers));
        made(detail::join(r.paired, '\n'));
        made(detail::join(r.askers, '\n'));
        made(detail::join(r.parties, '\n'));
        made(detail::join(r.addressees, '\n'));
        made(detail::join(r.ministers, '\n'));
        text(r.subject);
        text(r.text);
        text(r.source);
        ins.run();
        fts.reset().bind(1, static_cast<std::int64_t>(sqlite3_last_insert_rowid(db)));
        std::array<std::string, 8> made_values;
        if (!fts_tokens || k >= fts_tokens->size()) made_values = detail::fts_values(r);
        const auto& values = fts_tokens && k < fts_tokens->size() ? (*fts_tokens)[k] : made_values;
        for (int c = 0; c < 8; ++c) fts.bind_static(c + 2, values[static_cast<std::size_t>(c)]);
        fts.run();
    }
    statement& doc = cached("INSERT OR REPLACE INTO documents(key, source, quality) VALUES(?,?,?)");
    doc.bind(1, key).bind(2, source).bind(3, quality).run();
}

std::optional<std::pair<std::string, std::int64_t>> database::impl::document_source(const std::string& key) {
    statement& s = cached("SELECT source, quality FROM documents WHERE key = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return std::make_pair(s.text(0), s.integer(1));
}

std::vector<std::string> database::impl::document_keys() {
    statement& s = cached("SELECT key FROM documents ORDER BY key");
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::optional<detail::source_row> database::impl::source(const std::string& file) {
    statement& s = cached("SELECT path, size, mtime, hash, doc_key, status, message, quality FROM sources WHERE path = ?");
    s.bind(1, file);
    if (!s.step()) return std::nullopt;
    return detail::source_row{s.text(0), s.integer(1), s.integer(2), s.text(3),
                              s.text(4), s.text(5),    s.text(6),    s.integer(7)};
}

void database::impl::put_source(const detail::source_row& r) {
    statement& s = cached("INSERT OR REPLACE INTO sources(path, size, mtime, hash, doc_key, status, message, quality) "
                "VALUES(?,?,?,?,?,?,?,?)");
    s.bind(1, r.path).bind(2, r.size).bind(3, r.mtime).bind(4, r.hash).bind(5, r.doc_key).bind(6, r.status);
    s.bind(7, r.message).bind(8, r.quality).run();
}

void database::impl::remove_source(const std::string& file) {
    statement& s = cached("DELETE FROM sources WHERE path = ?");
    s.bind(1, file).run();
}

std::vector<detail::source_row> database::impl::sources() {
    statement& s = cached("SELECT path, size, mtime, hash, doc_key, status, message, quality FROM sources ORDER BY path");
    std::vector<detail::source_row> out;
    while (s.step())
        out.push_back({s.text(0), s.integer(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.text(6), s.integer(7)});
    return out;
}

namespace detail {

hot_pass run_hot_pass(sqlite3* db, const hot_pass_input& in, std::int64_t from_id, std::int64_t to_id) {
    constexpr double k1 = 1.2, b = 0.75;
    const auto& term_index = *in.term_index;
    const auto& idf = *in.idf;
    const std::size_t n = idf.size();
    hot_pass out;
    out.best.resize(n);  // heaps whose top is the worst kept
    // a lambda, not the function itself: the heap algorithms inline it
    const auto better = [](const scored_unit& x, const scored_unit& y) { return better_hit(x, y); };
    // folded word -> term index, or -1
    word_map<std::int32_t> stem_of;
    dutch_tokenizer tok;
    std::vector<double> f(n, 0.0);
    std::vector<std::size_t> touched;
    auto count = [&](std::string_view text, double weight) {
        tok.run(text, false, [&](std::string_view w, std::size_t, std::size_t) {
            const std::uint64_t h = kamervragen::detail::short_hash(w);
            std::int32_t term = -1;
            if (const std::int32_t* known = stem_of.find(w, h)) {
                term = *known;
            } else {
                const auto t = term_index.find(std::string(tok.finish(w, true)));
                if (t != term_index.end()) term = static_cast<std::int32_t>(t->second);
                stem_of.add(w, h, term);
            }
            if (term >= 0) {
                const auto i = static_cast<std::size_t>(term);
                if (f[i] == 0.0) touched.push_back(i);
                f[i] += weight;
            }
            return 0;
        });
    };
    statement all(db, "SELECT u.id, u.kind IN ('question', 'answer'), u.text, u.subject, d.sz FROM units u "
                      "JOIN units_fts_docsize d ON d.id = u.id WHERE u.id BETWEEN ? AND ?");
    all.bind(1, from_id).bind(2, to_id);
    std::string vec;
    while (all.step()) {
        const std::int64_t id = all.integer(0);
        touched.clear();
        if (all.integer(1)) count(all.view(2), 1.0);  // qtext or atext
        count(all.view(3), 0.5);                      // subject
        const std::string_view sz = all.view(4);
        double dl = 0;
        for (std::size_t pos = 0; pos < sz.size();) dl += static_cast<double>(get_varint(sz, pos));
        const double norm = k1 * (1 - b + b * dl / in.avgdl);
        // the unit's hot terms with their weighted counts (twice, to be whole numbers) and
        // its length: what the threshold algorithm needs to score it without its text
        if (!touched.empty()) {
            std::sort(touched.begin(), touched.end());
            vec.clear();
            for (const std::size_t i : touched) {
                put_varint(vec, i);
                put_varint(vec, static_cast<std::uint64_t>(f[i] * 2));
            }
            out.vectors.emplace_back(id, static_cast<std::int64_t>(dl), vec);
        }
        for (const std::size_t i : touched) {
            const double score = idf[i] * (f[i] * (k1 + 1.0)) / (f[i] + norm);
            f[i] = 0.0;
            auto& h = out.best[i];
            const scored_unit x{score, id};
            if (h.size() < static_cast<std::size_t>(hot_list_length)) {
                h.push_back(x);
                std::push_heap(h.begin(), h.end(), better);
            } else if (better(x, h.front())) {
                std::pop_heap(h.begin(), h.end(), better);
                h.back() = x;
                std::push_heap(h.begin(), h.end(), better);
            }
        }
    }
    return out;
}

}  // namespace detail

std::size_t database::impl::refresh_hot_terms(std::size_t min_units) {
    // A plain FTS5 "ORDER BY rank" scores every row that matches; for a term in half the
    // units that is most of the table. For each such term, keep its best hits, scored by
    // kvrank as a search scores them: a query of that one word reads them directly.
    exec("DELETE FROM hot");
    // Document frequencies of every term in every column, in one pass over the index:
    // fts5vocab counts them by reading a term's whole posting list, too slow per query.
    exec("DELETE FROM term_df; INSERT INTO term_df(term, col, df) SELECT term, col, doc FROM temp.kv_vocab");
    std::vector<std::string> terms;
    {
        statement& s = cached("SELECT term FROM term_df WHERE col IN ('qtext', 'atext', 'subject') GROUP BY term "
                    "HAVING sum(df) >= ?");
        s.bind(1, static_cast<std::int64_t>(min_units));
        while (s.step()) terms.push_back(s.text(0));
    }
    // The collection statistics BM25 uses (FTS5's averages record), kept for scoring
    // candidates the same way.
    double rows = 0, tokens_total = 0;
    {
        statement& avg = cached("SELECT block FROM units_fts_data WHERE id = 1");
        if (avg.step()) {
            const std::string block = avg.text(0);
            std::size_t pos = 0;
            const auto r = detail::get_varint(block, pos);
            std::uint64_t tokens = 0;
            while (pos < block.size()) tokens += detail::get_varint(block, pos);
            statement& put = cached("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
            put.bind(1, std::string("rows")).bind(2, std::to_string(r)).run();
            put.reset().bind(1, std::string("tokens")).bind(2, std::to_string(tokens)).run();
            rows = static_cast<double>(r);
            tokens_total = static_cast<double>(tokens);
        }
    }
    exec("DELETE FROM hot_terms; DELETE FROM hot_vec");
    if (terms.empty()) return 0;

    // Each hot term's best units, scored as kvrank scores a one-word query (BM25 over the
    // question, answer and subject columns, the row's length over all columns) in one pass
    // over the units: asking FTS5 for each term scored every match through the ranking
    // function, a second per term on a large index.
    const double avgdl = rows > 0 && tokens_total > 0 ? tokens_total / rows : 1.0;
    const std::size_t n = terms.size();
    std::vector<double> idf(n, 1.0);
    std::unordered_map<std::string, std::size_t> term_index;
    for (std::size_t i = 0; i < n; ++i) {
        std::string match = "{qtext atext subject} : \"";
        match += detail::exact_marker;  // a stem already: not stemmed again
        match += terms[i] + "\"";
        const auto v = phrase_idfs(match);
        if (!v.empty()) idf[i] = v[0];
        term_index.emplace(terms[i], i);
    }
    // The pass is split by unit id over the cores, each part on its own read-only
    // connection (the units are committed; this connection's transaction only holds the
    // cleared lists); the parts' best hits are merged.
    auto parts = std::max(1u, std::thread::hardware_concurrency());
    std::int64_t lo = 0, hi = -1;
    {
        statement& range = cached("SELECT min(id), max(id) FROM units");
        if (range.step() && !range.is_null(0)) {
            lo = range.integer(0);
            hi = range.integer(1);
        }
    }
    if (rows < 20000 || path.empty() || path == ":memory:") parts = 1;
    std::vector<detail::hot_pass> results(parts);
    const detail::hot_pass_input in{&term_index, &idf, avgdl};
    const std::int64_t span = (hi - lo) / static_cast<std::int64_t>(parts) + 1;
    if (parts == 1) {
        results[0] = detail::run_hot_pass(db, in, lo, hi);
    } else {
        std::vector<std::thread> workers;
        std::vector<std::string> errors(parts);
        for (unsigned p = 0; p < parts; ++p) {
            workers.emplace_back([&, p] {
                sqlite3* rd = nullptr;
                try {
                    if (sqlite3_open_v2(path.c_str(), &rd, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
                        throw detail::db_error(std::string("SQLite: ") + (rd ? sqlite3_errmsg(rd) : "cannot open"));
                    const std::int64_t a = lo + span * p, z = p + 1 == parts ? hi : a + span - 1;
                    results[p] = detail::run_hot_pass(rd, in, a, z);
                } catch (const std::exception& e) {
                    errors[p] = e.what();
                }
                sqlite3_close(rd);
            });
        }
        for (auto& w : workers) w.join();
        for (const auto& e : errors)
            if (!e.empty()) throw detail::db_error(e);
    }
    statement& put_vec = cached("INSERT INTO hot_vec(id, dl, v) VALUES(?, ?, ?)");
    std::vector<std::vector<detail::scored_unit>> best(n);
    for (auto& r : results) {
        for (const auto& [id, dl, vec] : r.vectors) put_vec.reset().bind(1, id).bind(2, dl).bind_blob(3, vec).run();
        for (std::size_t i = 0; i < n && i < r.best.size(); ++i) best[i].insert(best[i].end(), r.best[i].begin(), r.best[i].end());
        r = {};
    }
    for (auto& h : best) {
        std::sort(h.begin(), h.end(), [](const auto& x, const auto& y) { return detail::better_hit(x, y); });
        if (h.size() > static_cast<std::size_t>(detail::hot_list_length)) h.resize(static_cast<std::size_t>(detail::hot_list_length));
    }
    statement& ins = cached("INSERT INTO hot(term, list) VALUES(?,?)");
    statement& ins_term = cached("INSERT INTO hot_terms(term, df, listed, threshold, ord) VALUES(?,?,?,?,?)");
    std::string list;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& h = best[i];
        // one row per term: the list as (id, score) pairs in rank order (see hot_entry)
        list.clear();
        for (const auto& [score, id] : h) detail::append_hot_entry(list, id, score);
        ins.reset().bind(1, terms[i]).bind_blob(2, list).run();
        const auto rank = static_cast<std::int64_t>(h.size());
        const auto df = static_cast<std::int64_t>(token_df(terms[i], "text"));
        ins_term.reset().bind(1, terms[i]).bind(2, df).bind(3, rank).bind(4, h.empty() ? 0.0 : h.back().first);
        ins_term.bind(5, static_cast<std::int64_t>(i)).run();
    }
    return terms.size();
}

unit_record database::impl::load_unit(std::int64_t id) {
    statement& s = cached(std::string("SELECT ") + detail::unit_columns + " FROM units WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return {};
    return detail::read_unit(s);
}

std::optional<unit_record> database::impl::load_unit_by_uid(const std::string& doc_key, const std::string& uid) {
    // a unit's pairs are in its own document: found through the doc_key index (an index
    // on uid would cost every insert more than these lookups gain)
    statement& s = cached(std::string("SELECT ") + detail::unit_columns + " FROM units WHERE doc_key = ? AND uid = ?");
    s.bind(1, doc_key).bind(2, uid);
    if (!s.step()) return std::nullopt;
    return detail::read_unit(s);
}

double database::impl::collection_rows() {
    statement& avg = cached("SELECT block FROM units_fts_data WHERE id = 1");
    if (!avg.step()) return 0;
    const std::string block = avg.text(0);
    std::size_t pos = 0;
    return static_cast<double>(detail::get_varint(block, pos));
}

double database::impl::token_df(const std::string& token, const std::string& column) {
    statement& s = cached("SELECT df FROM term_df WHERE term = ? AND col = ?");
    double df = 0;
    // a unit is a question or an answer: its text is in qtext or atext, never both
    for (const char* c : column == "text" ? std::vector<const char*>{"qtext", "atext"} : std::vector<const char*>{column.c_str()}) {
        s.reset().bind(1, token).bind(2, std::string(c));
        if (s.step()) df += static_cast<double>(s.integer(0));
    }
    return df;
}

std::vector<double> database::impl::phrase_idfs(const std::string& match) {
    // The compiler writes "{columns} : " before every phrase or NEAR group, and every
    // phrase in double quotes; FTS5 numbers phrases in the order they are written.
    std::vector<double> out;
    const double rows = collection_rows();
    std::string cols;
    statement& prefix = cached("SELECT sum(df) FROM (SELECT df FROM term_df WHERE term >= ? AND term < ? AND col = ? LIMIT 2000)");
    for (std::size_t i = 0; i < match.size();) {
        if (match[i] == '{') {
            const std::size_t e = match.find('}', i);
            if (e == std::string::npos) break;
            cols = match.substr(i + 1, e - i - 1);
            i = e + 1;
            continue;
        }
        if (match[i] != '"') {
            ++i;
            continue;
        }
        std::string content;
        std::size_t j = i + 1;
        for (; j < match.size(); ++j) {
            if (match[j] == '"') {
                if (j + 1 < match.size() && match[j + 1] == '"') {
                    content += '"';
                    ++j;
                    continue;
                }
                break;
            }
            content += match[j];
        }
        i = j + 1;
        std::size_t k = i;
        while (k < match.size() && match[k] == ' ') ++k;
        const bool is_prefix = k < match.size() && match[k] == '*';
        const bool free_text = cols == "qtext atext subject";
        const std::string column = free_text ? "text" : cols;
        const auto toks = tokens(content, free_text);
        double df = rows;
        for (std::size_t n = 0; n < toks.size(); ++n) {
            double d = 0;
            if (is_prefix && n + 1 == toks.size()) {
                for (const char* c : column == "text" ? std::vector<const char*>{"qtext", "atext"} : std::vector<const char*>{column.c_str()}) {
                    prefix.reset().bind(1, toks[n]).bind(2, toks[n] + "\xF4\x8F\xBF\xBF").bind(3, std::string(c));
                    if (prefix.step()) d += static_cast<double>(prefix.integer(0));
                }
            } else {
                d = token_df(toks[n], column);
            }
            df = std::min(df, d);
        }
        double idf = std::log((rows - df + 0.5) / (df + 0.5));
        if (idf <= 0.0) idf = 1e-6;  // as FTS5's bm25
        out.push_back(idf);
    }
    return out;
}

namespace detail {

// The name and phrase filters on a row of (id, askers, parties, ministers, addressees,
// text || ' ' || subject). A name filter is a phrase in its column: its tokens in a row,
// the last maybe a prefix; a phrase filter, its tokens in a row in text and subject.
bool row_passes(const compiled_query& q, const statement& s) {
    auto holds = [](std::string_view value, const compiled_query::name_filter& f) {
        const auto toks = tokens(value, false);
        for (std::size_t i = 0; i + f.tokens.size() <= toks.size(); ++i) {
            bool all = true;
            for (std::size_t j = 0; j < f.tokens.size() && all; ++j) {
                const bool last = j + 1 == f.tokens.size();
                all = f.prefix && last ? toks[i + j].starts_with(f.tokens[j]) : toks[i + j] == f.tokens[j];
            }
            if (all) return true;
        }
        return false;
    };
    for (const auto& f : q.name_filters) {
        const int col = f.column == "asker" ? 1 : f.column == "party" ? 2 : f.column == "minister" ? 3 : 4;
        if (!holds(s.view(col), f)) return false;
    }
    if (!q.phrase_filters.empty()) {
        const auto toks = tokens(s.view(5), false);
        for (const auto& p : q.phrase_filters)
            if (std::search(toks.begin(), toks.end(), p.begin(), p.end()) == toks.end()) return false;
    }
    return true;
}

}  // namespace detail

std::optional<std::vector<std::pair<std::int64_t, double>>> database::impl::top_from_hot_lists(
    const detail::compiled_query& q, std::size_t k) {
    // Fagin's threshold algorithm over the stored lists, read in rounds of growing depth.
    // kvrank is a sum over the query's words of a part that depends on the word and the
    // unit only (names and phrases add nothing: they are conditions). After reading each
    // list to depth d, a unit not yet seen in list i scores at most that list's score at
    // depth d there. Candidates are scored in order of their upper bound, each exactly as
    // kvrank scores it (from the lists when it is in all of them, else from its text) and
    // checked against the filters; the answer is certain when the k-th best reaches every
    // upper bound, also that of the units no list has shown yet.
    constexpr double k1 = 1.2, b = 0.75;
    auto stems = q.plain_stems;
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
    if (stems.empty() || stems.size() > 4 || k == 0) return std::nullopt;
    const std::size_t n = stems.size();
    struct term_info {
        double idf = 0;
        std::int64_t listed = 0;
        std::int64_t ord = -1;  // hot_terms.ord
        bool complete = false;
        std::vector<double> scores;  // read so far, in rank order
    };
    std::vector<term_info> info(n);
    statement& t = cached("SELECT df, listed, ord FROM hot_terms WHERE term = ?");
    statement& meta = cached("SELECT value FROM meta WHERE key = ?");
    double rows = 0, tokens_total = 0;
    if (meta.bind(1, std::string("rows")).step()) rows = std::stod(meta.text(0));
    if (meta.reset().bind(1, std::string("tokens")).step()) tokens_total = std::stod(meta.text(0));
    if (rows <= 0 || tokens_total <= 0) return std::nullopt;
    const double avgdl = tokens_total / rows;
    for (std::size_t i = 0; i < n; ++i) {
        if (!t.reset().bind(1, stems[i]).step()) return std::nullopt;  // not hot
        const double df = static_cast<double>(t.integer(0));
        const double idf = std::log((rows - df + 0.5) / (df + 0.5));
        info[i].idf = idf <= 0.0 ? 1e-6 : idf;
        info[i].listed = t.integer(1);
        info[i].ord = t.integer(2);
        info[i].complete = info[i].listed < detail::hot_list_length;  // a short list lists every match
    }

    // the filters of one unit: the SQL ones in a statement made for this query
    std::optional<statement> sql_filter;
    if (!q.where.empty()) {
        std::string sql = "SELECT 1 FROM units u WHERE u.id = ?";
        for (const auto& w : q.where) sql += " AND " + w;
        sql_filter.emplace(db, sql);
    }
    auto passes = [&](std::int64_t id) {
        if (sql_filter) {
            sql_filter->reset().bind(1, id);
            int p = 1;
            for (const auto& param : q.params) sql_filter->bind(++p, param);
            if (!sql_filter->step()) return false;
        }
        if (q.name_filters.empty() && q.phrase_filters.empty()) return true;
        statement& row = cached("SELECT id, askers, parties, ministers, addressees, text || ' ' || subject FROM units "
                                "WHERE id = ?");
        return row.reset().bind(1, id).step() && detail::row_passes(q, row);
    };

    // A unit seen in some lists only is scored from its hot terms (hot_vec), without its
    // text: no row there means no hot word at all, or a unit newer than the lists.
    statement& vec_row = cached("SELECT dl, v FROM hot_vec WHERE id = ?");
    std::vector<double> f(n);
    auto exact = [&](std::int64_t id) -> std::optional<double> {
        if (!vec_row.reset().bind(1, id).step()) return std::nullopt;
        const double dl = static_cast<double>(vec_row.integer(0));
        const std::string_view v = vec_row.view(1);
        std::fill(f.begin(), f.end(), 0.0);
        for (std::size_t pos = 0; pos < v.size();) {
            const auto ord = static_cast<std::int64_t>(detail::get_varint(v, pos));
            const auto twice = detail::get_varint(v, pos);
            for (std::size_t i = 0; i < n; ++i)
                if (info[i].ord == ord) f[i] = static_cast<double>(twice) / 2.0;
        }
        if (std::any_of(f.begin(), f.end(), [](double x) { return x <= 0; })) return std::nullopt;  // not all words
        double score = 0;
        for (std::size_t i = 0; i < n; ++i)
            score += info[i].idf * (f[i] * (k1 + 1.0)) / (f[i] + k1 * (1 - b + b * dl / avgdl));
        return score;
    };

    struct candidate {
        double known = 0;
        unsigned lists = 0;  // bit i: seen in list i
        bool done = false;   // scored or rejected
    };
    std::map<std::int64_t, candidate> cands;
    std::vector<std::pair<std::int64_t, double>> scored;
    const unsigned all_lists = (1u << n) - 1;
    statement& list_of = cached("SELECT list FROM hot WHERE term = ?");
    std::vector<std::string> lists(n);
    for (std::size_t i = 0; i < n; ++i)
        if (list_of.reset().bind(1, stems[i]).step()) lists[i] = std::string(list_of.view(0));
    std::int64_t read = 0;
    for (const std::int64_t depth : {std::int64_t{64}, std::int64_t{256}, std::int64_t{1024}, std::int64_t{detail::hot_list_length}}) {
        for (std::size_t i = 0; i < n; ++i) {
            const auto entries = static_cast<std::int64_t>(lists[i].size() / detail::hot_entry_size);
            for (std::int64_t r = read; r < std::min(depth, entries); ++r) {
                const auto [id, score] = detail::hot_entry(lists[i], static_cast<std::size_t>(r));
                auto& c = cands[id];
                c.known += score;
                c.lists |= 1u << i;
                info[i].scores.push_back(score);
            }
        }
        read = depth;
        // the most a unit can score in list i beyond what was read
        std::vector<double> beyond(n);
        bool unseen_can_match = true;
        double unseen = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool exhausted = static_cast<std::int64_t>(info[i].scores.size()) < depth;
            if (exhausted && info[i].complete) {
                beyond[i] = 0;
                unseen_can_match = false;  // every unit with this word has been seen
            } else {
                beyond[i] = info[i].scores.empty() ? 0 : info[i].scores.back();
            }
            unseen += beyond[i];
        }
        std::vector<std::pair<double, std::int64_t>> order;  // upper bound, id
        for (const auto& [id, c] : cands) {
            if (c.done) continue;
            double upper = c.known;
            for (std::size_t i = 0; i < n; ++i)
                if (!(c.lists & (1u << i))) upper += beyond[i];
            order.emplace_back(upper, id);
        }
        std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
        auto kth = [&]() {
            std::nth_element(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(k - 1), scored.end(),
                             [](const auto& x, const auto& y) { return x.second > y.second; });
            return scored[k - 1].second;
        };
        double kth_score = scored.size() >= k ? kth() : -1.0;
        double best_left = -1.0;  // the highest upper bound not scored
        for (const auto& [upper, id] : order) {
            if (scored.size() >= k && upper < kth_score) {
                best_left = upper;
                break;
            }
            auto& c = cands[id];
            c.done = true;
            if (!passes(id)) continue;
            // in every list: its score is the sum of its parts there; else from the text
            const std::optional<double> sc = c.lists == all_lists ? std::optional<double>(c.known) : exact(id);
            if (!sc) continue;
            scored.emplace_back(id, *sc);
            if (scored.size() >= k) kth_score = kth();
        }
        // certain: k hits that no seen or unseen unit can beat; or fewer, when every unit
        // that can match has been seen and scored
        const bool enough = scored.size() >= k && kth_score >= best_left && (!unseen_can_match || kth_score >= unseen);
        const bool all_seen = !unseen_can_match && best_left < 0;
        if (enough || all_seen) {
            std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
                return x.second != y.second ? x.second > y.second : x.first < y.first;
            });
            if (scored.size() > k) scored.resize(k);
            return scored;
        }
    }
    return std::nullopt;
}

search_result database::impl::run_search(std::string_view query, const search_options& options) {
    search_result out;
    auto compiled = detail::compile_query(query);
    if (auto* e = std::get_if<query_error>(&compiled)) {
        out.error = *e;
        return out;
    }
    const auto& q = std::get<detail::compiled_query>(compiled);
    const std::int64_t limit = static_cast<std::int64_t>(std::min<std::size_t>(options.limit, 10000));
    const std::int64_t offset = static_cast<std::int64_t>(std::min<std::size_t>(options.offset, 1000000));
    std::vector<std::pair<std::int64_t, double>> ids;

    bool done = false;
    const bool hot_path = !options.sort_by_date && !options.exhaustive;
    if (hot_path && !q.plain_stems.empty() && offset + limit <= detail::hot_list_length) {
        if (auto top = top_from_hot_lists(q, static_cast<std::size_t>(offset + limit))) {
            for (std::size_t i = static_cast<std::size_t>(offset); i < top->size(); ++i) ids.push_back((*top)[i]);
            done = true;
            out.plan = q.plain_stems.size() == 1 ? "stored top hits" : "threshold algorithm";
        }
    }
    if (!done) {
        out.plan = "fts5";
        std::string sql;
        std::vector<double> idfs;
        if (!q.match.empty()) {
            sql = "SELECT u.id, ";
            if (options.sort_by_date) {
                sql += "0";
            } else {
                idfs = phrase_idfs(q.match);
                sql += "kvrank(units_fts";
                for (std::size_t n = 0; n < idfs.size(); ++n) sql += ", ?";
                sql += ")";
            }
            sql += " AS s FROM units_fts JOIN units u ON u.id = units_fts.rowid WHERE units_fts MATCH ?";
        } else {
            sql = "SELECT u.id, 0 AS s FROM units u WHERE 1";
        }
        for (const auto& w : q.where) sql += " AND " + w;
        sql += options.sort_by_date || q.match.empty() ? " ORDER BY u.date DESC, u.id" : " ORDER BY s, u.id";
        sql += " LIMIT ? OFFSET ?";
        statement s(db, sql);  // not cached: every query has its own text
        int i = 0;
        for (double idf : idfs) s.bind(++i, idf);
        if (!q.match.empty()) s.bind(++i, q.match);
        for (const auto& p : q.params) s.bind(++i, p);
        s.bind(++i, limit);
        s.bind(++i, offset);
        try {
            while (s.step()) ids.emplace_back(s.integer(0), -s.real(1));
        } catch (const detail::db_error& e) {
            // FTS5 rejects a few queries our grammar lets through (e.g. NEAR over a prefix)
            out.error = {std::string("the search engine could not run this query: ") + e.what(), 0};
            return out;
        }
    }

    // The snippet comes from the unit's own text column; from the exact column (text and
    // subject) when the words matched only there; else clean_snippet() shows the text's start.
    statement& snip = cached("SELECT snippet(units_fts, ?, char(2), char(3), '…', 24) FROM units_fts WHERE units_fts MATCH ? "
                       "AND rowid = ?");
    for (const auto& [id, score] : ids) {
        hit h;
        h.unit = load_unit(id);
        if (h.unit.id.empty()) continue;  // deleted by an index run since the lists were made
        h.score = options.sort_by_date ? 0.0 : score;
        std::string snippet;
        if (!q.match.empty()) {
            for (std::int64_t col : {h.unit.kind == "question" ? std::int64_t{0} : std::int64_t{1}, std::int64_t{3}}) {
                snip.reset().bind(1, col).bind(2, q.match).bind(3, id);
                if (snip.step()) snippet = snip.text(0);
                if (snippet.find('\x02') != std::string::npos) break;
            }
        }
        h.snippet = detail::clean_snippet(snippet, h.unit.text);
        for (const auto& p : h.unit.paired)
            if (auto u = load_unit_by_uid(h.unit.doc_key, p)) h.paired.push_back(std::move(*u));
        out.hits.push_back(std::move(h));
    }
    out.ok = true;
    return out;
}

database::database(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
database::~database() = default;

std::unique_ptr<database> database::open(const std::string& path, bool writable, std::string* error) {
    auto set_error = [&](const std::string& m) {
        if (error) *error = m;
    };
    auto p = std::make_unique<impl>();
    p->path = path;
    p->writable = writable;
    const int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path.c_str(), &p->db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        set_error(path + ": cannot open the search database (" +
                  (p->db ? sqlite3_errmsg(p->db) : std::string("out of memory")) + ")");
        return nullptr;
    }
    sqlite3_busy_timeout(p->db, 10000);
    // Reads through a memory map: no system call per page (a search touches thousands).
    sqlite3_exec(p->db, "PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -65536;", nullptr, nullptr, nullptr);
    if (detail::register_tokenizer(p->db) != SQLITE_OK || detail::register_rank_function(p->db) != SQLITE_OK) {
        set_error(path + ": cannot register the Dutch tokenizer and ranking (" + sqlite3_errmsg(p->db) + ")");
        return nullptr;
    }
    try {
        if (writable) {
            p->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;");
            p->exec(detail::schema);
            statement v(p->db, "SELECT value FROM meta WHERE key = 'schema_version'");
            if (v.step()) {
                if (v.text(0) != std::to_string(detail::schema_version)) {
                    set_error(path + ": made by another version of kamervragen (schema " + v.text(0) +
                              "); rebuild it with `kamervragen index --rebuild`");
                    return nullptr;
                }
            } else {
                p->exec("INSERT INTO meta(key, value) VALUES('schema_version', '" +
                        std::to_string(detail::schema_version) + "')");
            }
        } else {
            statement v(p->db, "SELECT value FROM meta WHERE key = 'schema_version'");
            if (!v.step() || v.text(0) != std::to_string(detail::schema_version)) {
                set_error(path + ": not a kamervragen search database of this version");
                return nullptr;
            }
        }
        // the vocabulary, for idf (in the connection's own temporary schema)
        p->exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.kv_vocab USING fts5vocab(main, 'units_fts', 'col')");
    } catch (const detail::db_error& e) {
        set_error(path + ": not a kamervragen search database (" + e.what() + ")");
        return nullptr;
    }
    return std::unique_ptr<database>(new database(std::move(p)));
}

search_result database::search(std::string_view query, const search_options& options) const {
    try {
        return impl_->run_search(query, options);
    } catch (const detail::db_error& e) {
        search_result r;
        r.error = {e.what(), 0};
        return r;
    } catch (const std::exception& e) {  // a damaged database (a value that does not read)
        search_result r;
        r.error = {std::string("the search failed: ") + e.what(), 0};
        return r;
    }
}

std::size_t database::unit_count() const {
    statement s(impl_->db, "SELECT count(*) FROM units");
    return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

std::size_t database::document_count() const {
    statement s(impl_->db, "SELECT count(*) FROM documents");
    return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

std::string database::verify() const {
    std::string problems;
    {
        statement s(impl_->db, "PRAGMA integrity_check");
        while (s.step())
            if (s.text(0) != "ok") problems += s.text(0) + "\n";
    }
    // FTS5's check is an INSERT: it writes nothing, but needs a writable connection
    if (impl_->writable) {
        char* err = nullptr;
        if (sqlite3_exec(impl_->db, "INSERT INTO units_fts(units_fts, rank) VALUES('integrity-check', 1)", nullptr, nullptr, &err) !=
            SQLITE_OK) {
            problems += std::string("full-text index: ") + (err ? err : "check failed") + "\n";
        }
        sqlite3_free(err);
    }
    return problems;
}

}  // namespace kamervragen::search
