// bench.cpp: `kamervragen-bench`, figures side by side in one run.
//   generate --count N [--seed S] DIR   write a synthetic collection
//   run [--count N] [--dir D]           parse, index and query figures against plain
//                                       SQLite FTS5 (unicode61) and ripgrep
//   parse DOCS [--count N]              parse throughput alone, median and best of runs
//   query --index DIR QUERY...          p50/p99 and plan of single queries on an index
//   mrr CORPUS                          ranking quality: each question's text as a query
//                                       over all answers, MRR@10 of its own answer
#include <CLI/CLI.hpp>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "generator.hpp"
#include "kamervragen/indexer.hpp"
#include "kamervragen/lexicon.hpp"
#include "kamervragen/parser.hpp"
#include "kamervragen/search.hpp"

namespace fs = std::filesystem;
namespace kv = kamervragen;
namespace kvs = kamervragen::search;
using clock_type = std::chrono::steady_clock;

namespace {

double since(clock_type::time_point t) { return std::chrono::duration<double>(clock_type::now() - t).count(); }

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::uint64_t dir_size(const fs::path& p) {
    std::uint64_t n = 0;
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return fs::file_size(p, ec);
    for (const auto& e : fs::recursive_directory_iterator(p, ec))
        if (e.is_regular_file(ec)) n += e.file_size(ec);
    return n;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

struct sqlite_db {
    sqlite3* db = nullptr;
    explicit sqlite_db(const std::string& path, bool readonly = false) {
        if (sqlite3_open_v2(path.c_str(), &db, readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) != SQLITE_OK)
            throw std::runtime_error(path + ": " + sqlite3_errmsg(db));
    }
    ~sqlite_db() { sqlite3_close(db); }
    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string m = err ? err : "?";
            sqlite3_free(err);
            throw std::runtime_error(m + " in " + sql);
        }
    }
};

// Runs a shell command, returns seconds taken (stdout discarded).
double time_command(const std::string& cmd) {
    const auto t = clock_type::now();
    const int rc = std::system((cmd + " > /dev/null 2>&1").c_str());
    (void)rc;
    return since(t);
}

struct query_class {
    std::string name;
    std::vector<std::string> ours;   // our query language
    std::vector<std::string> plain;  // the same on the plain FTS5 table
    std::vector<std::string> rg;     // ripgrep arguments, or empty when ripgrep cannot express it
};

std::vector<query_class> make_queries(std::uint64_t seed, std::uint64_t count) {
    // rare terms: words coined by single documents of the collection
    std::vector<std::string> rare;
    std::mt19937_64 rng(seed + 7);
    for (int i = 0; i < 20; ++i) {
        const auto g = kvbench::generate_document(seed, rng() % count);
        // the last word of the subject line's quote is often a coined word; take any word of
        // 12+ letters that appears in this document only a few times
        std::istringstream in(g.text);
        std::string w, best;
        std::map<std::string, int> freq;
        while (in >> w) {
            w.erase(std::remove_if(w.begin(), w.end(), [](char c) { return !std::isalpha(static_cast<unsigned char>(c)); }), w.end());
            if (w.size() >= 11 && std::islower(static_cast<unsigned char>(w[0]))) ++freq[w];
        }
        for (const auto& [k, n] : freq)
            if (k.find("ver") != std::string::npos || k.find("kwel") != std::string::npos || k.find("dijk") != std::string::npos) {
                best = k;
                break;
            }
        if (!best.empty()) rare.push_back(best);
    }
    std::vector<query_class> out;
    query_class r{"rare term", {}, {}, {}};
    for (const auto& w : rare) {
        r.ours.push_back(w);
        r.plain.push_back("\"" + w + "\"");
        r.rg.push_back("-i -w -F -e " + w);
    }
    out.push_back(r);
    out.push_back({"common term (minister)", {"minister"}, {"minister"}, {"-i -w -F -e minister"}});
    query_class a{"two-term AND", {}, {}, {}};
    for (const char* p : {"stikstof boeren", "opvang asielzoekers", "zorg wachtlijsten", "gemeenten maatregelen",
                          "scholen leraren", "energie netcongestie", "politie veiligheid", "kabinet beleid"}) {
        a.ours.push_back(p);
        a.plain.push_back(p);
    }
    out.push_back(a);
    query_class ph{"phrase", {}, {}, {}};
    for (const char* p : {"deelt u de mening", "stand van zaken", "bent u bekend met", "klopt het dat", "op welke wijze"}) {
        ph.ours.push_back(std::string("\"") + p + "\"");
        ph.plain.push_back(std::string("\"") + p + "\"");
        ph.rg.push_back(std::string("-i -F -e '") + p + "'");
    }
    out.push_back(ph);
    query_class f{"field-filtered", {}, {}, {}};
    for (const char* party : {"SP", "VVD", "D66", "CDA", "PVV"})
        for (const char* w : {"stikstof", "zorg"}) {
            f.ours.push_back(std::string("party:") + party + " " + w);
            f.plain.push_back(std::string("party : \"") + party + "\" AND " + w);
        }
    out.push_back(f);
    return out;
}

int cmd_generate(std::uint64_t count, std::uint64_t seed, const std::string& dir) {
    const auto t = clock_type::now();
    const auto bytes = kvbench::generate_collection(dir, seed, count, std::thread::hardware_concurrency());
    std::printf("%llu documents, %.1f MB in %s (%.1f s)\n", static_cast<unsigned long long>(count),
                static_cast<double>(bytes) / 1e6, dir.c_str(), since(t));
    return 0;
}

int cmd_run(std::uint64_t count, std::uint64_t seed, const std::string& work, unsigned runs, bool queries_only) {
    const fs::path base(work);
    const fs::path docs = base / ("docs-" + std::to_string(count) + "-" + std::to_string(seed));
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (!fs::exists(docs / "done")) {
        std::printf("generating %llu documents into %s …\n", static_cast<unsigned long long>(count), docs.c_str());
        cmd_generate(count, seed, docs.string());
        std::ofstream(docs / "done") << "ok\n";
    }
    std::printf("machine: %u cores\n\n", cores);

    const fs::path index = base / ("index-" + std::to_string(count));
    const fs::path plain_path = base / ("plain-" + std::to_string(count) + ".db");
    std::string err;
    if (queries_only && fs::exists(index / "search.db") && fs::exists(plain_path)) {
        std::printf("(queries only: the index and the plain table of an earlier run)\n\n");
        goto queries;
    }
    {
    // 1. Parse throughput, one core, documents in memory.
    std::vector<std::string> texts;
    std::uint64_t bytes = 0;
    for (std::uint64_t i = 0; i < std::min<std::uint64_t>(count, 5000); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "gen-%07llu.txt", static_cast<unsigned long long>(i));
        texts.push_back(read_file(docs / name));
        bytes += texts.back().size();
    }
    auto lex = kv::lexicon::open_default(nullptr);
    double parse_lex = 0, parse_nolex = 0, split_only = 0;
    {
        // A warm-up pass (the patterns' automata and the caches fill on first use), then the
        // median of three passes each way.
        auto passes = [&](const std::shared_ptr<const kv::lexicon>& words) {
            kv::parse_options o;
            o.words = words;
            std::vector<double> mbs;
            for (int r = 0; r < 4; ++r) {
                const auto t = clock_type::now();
                std::size_t units = 0;
                for (const auto& s : texts) units += kv::parse(s, o).questions.size();
                if (r > 0) mbs.push_back(static_cast<double>(bytes) / 1e6 / since(t));
                if (units == 0) std::printf("(warning: sample parsed to nothing)\n");
            }
            return percentile(mbs, 0.5);
        };
        parse_lex = passes(lex);
        parse_nolex = passes(nullptr);
        // baseline: splitting the same bytes into lines, the least any parser does
        std::vector<double> lines_mbs;
        for (int r = 0; r < 3; ++r) {
            const auto t = clock_type::now();
            std::size_t lines = 0;
            for (const auto& s : texts) lines += static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
            lines_mbs.push_back(static_cast<double>(bytes) / 1e6 / std::max(since(t), 1e-9));
            if (lines == 0) std::printf("(warning: no lines)\n");
        }
        split_only = percentile(lines_mbs, 0.5);
    }

    // 2. Index throughput and size.
    // The old index is moved aside and deleted after the run: ext4 without a journal (as on
    // this machine) skips inodes freed in the last seconds when it makes new files, so
    // 100,000 files deleted just before would slow the run down by the deletion itself.
    const fs::path old_index = base / ("index-" + std::to_string(count) + ".old");
    fs::remove_all(old_index);
    if (fs::exists(index)) fs::rename(index, old_index);
    kvs::index_options io;
    io.sources = {docs.string()};
    io.index_dir = index.string();
    io.words = lex;
    auto t = clock_type::now();
    auto sum = kvs::run_index(io, &err);
    if (!sum) {
        std::fprintf(stderr, "index failed: %s\n", err.c_str());
        return 2;
    }
    const double index_s = since(t);
    const double index_dps = static_cast<double>(sum->indexed) / index_s;
    const std::uint64_t db_size = dir_size(index / "search.db");
    const std::uint64_t xml_size = dir_size(index / "index.xml") + dir_size(index / "documents") + dir_size(index / "records");

    // 3. Baseline: plain FTS5 (unicode61) loaded with the same unit texts.
    fs::remove(plain_path);
    std::vector<std::array<std::string, 3>> rows;
    {
        sqlite_db src(kvs::database_path(index.string()), true);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(src.db, "SELECT text, parties, ministers FROM units ORDER BY id", -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
            auto col = [&](int c) {
                const auto* p = sqlite3_column_text(st, c);
                return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
            };
            rows.push_back({col(0), col(1), col(2)});
        }
        sqlite3_finalize(st);
    }
    double plain_s = 0;
    {
        sqlite_db p(plain_path.string());
        p.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        p.exec("CREATE VIRTUAL TABLE plain USING fts5(text, party, minister, tokenize = 'unicode61 remove_diacritics 2')");
        t = clock_type::now();
        p.exec("BEGIN");
        sqlite3_stmt* ins = nullptr;
        sqlite3_prepare_v2(p.db, "INSERT INTO plain(text, party, minister) VALUES(?,?,?)", -1, &ins, nullptr);
        for (const auto& r : rows) {
            for (int c = 0; c < 3; ++c)
                sqlite3_bind_text(ins, c + 1, r[static_cast<std::size_t>(c)].data(), static_cast<int>(r[static_cast<std::size_t>(c)].size()), SQLITE_STATIC);
            sqlite3_step(ins);
            sqlite3_reset(ins);
        }
        sqlite3_finalize(ins);
        p.exec("COMMIT");
        plain_s = since(t);
    }
    const double plain_dps = static_cast<double>(sum->indexed) / plain_s;
    const std::uint64_t plain_size = dir_size(plain_path);

    std::printf("%-34s %14s %14s %8s\n", "", "kamervragen", "baseline", "ratio");
    std::printf("%-34s %11.1f MB/s %11.1f MB/s %8.2f   (baseline: counting lines; median of 3 passes)\n",
                "parse, 1 core, with hunspell",
                parse_lex, split_only, parse_lex / split_only);
    std::printf("%-34s %11.1f MB/s %14s\n", "parse, 1 core, no lexicon", parse_nolex, "");
    std::printf("%-34s %10.0f docs/s %10.0f docs/s %8.2f   (baseline: plain FTS5 insert of the unit texts)\n",
                ("index, " + std::to_string(cores) + " cores, " + std::to_string(sum->indexed) + " docs").c_str(), index_dps,
                plain_dps, index_dps / plain_dps);
    // The store phase has one SQLite writer: its own work bounds the index rate whatever
    // the number of cores, so it is shown beside the baseline too.
    const double writer_s = std::max(sum->seconds_store - sum->seconds_waiting, 1e-9);
    std::printf("%-34s %10.0f docs/s %10.0f docs/s %8.2f   (the one database writer's work alone: %.1f s)\n",
                "  bound: the database writer", static_cast<double>(sum->indexed) / writer_s, plain_dps,
                static_cast<double>(sum->indexed) / writer_s / plain_dps, writer_s);
    std::printf("%-34s %12.1f MB %12.1f MB %8.2f   (plus %.1f MB of XML)\n", "search database size",
                static_cast<double>(db_size) / 1e6, static_cast<double>(plain_size) / 1e6,
                static_cast<double>(db_size) / static_cast<double>(plain_size), static_cast<double>(xml_size) / 1e6);
    std::printf("%-34s %14zu\n", "units", sum->units);
    std::printf("%-34s %10.1f s parse and store, %.1f s merge, %.1f s hot terms (%zu), %.1f s index.xml alongside\n", "index time",
                sum->seconds_store, sum->seconds_merge, sum->seconds_hot, sum->hot_terms, sum->seconds_xml);
    std::printf("\n");
    }
queries:

    // 4. Query latency.
    auto ours = kvs::database::open(kvs::database_path(index.string()), false, &err);
    if (!ours) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 2;
    }
    sqlite_db plain(plain_path.string(), true);
    const bool have_rg = std::system("command -v rg > /dev/null 2>&1") == 0;
    std::printf("%-24s %21s %21s %21s %9s\n", "query class (p50 / p99)", "kamervragen (ms)", "plain FTS5 (ms)",
                have_rg ? "ripgrep (ms)" : "ripgrep: not installed", "p50 ratio");
    for (const auto& qc : make_queries(seed, count)) {
        std::vector<double> a, b, c;
        std::size_t hits = 0;
        std::map<std::string, int> plans;
        for (unsigned r = 0; r < runs; ++r) {
            for (const auto& q : qc.ours) {
                kvs::search_options so;
                const auto t0 = clock_type::now();
                auto res = ours->search(q, so);
                a.push_back(since(t0) * 1000);
                if (!res.ok) std::fprintf(stderr, "query %s: %s\n", q.c_str(), res.error.message.c_str());
                hits += res.hits.size();
                ++plans[res.plan];
            }
            for (const auto& q : qc.plain) {
                sqlite3_stmt* st = nullptr;
                const auto t0 = clock_type::now();
                sqlite3_prepare_v2(plain.db, "SELECT rowid FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT 10", -1, &st, nullptr);
                sqlite3_bind_text(st, 1, q.c_str(), -1, SQLITE_STATIC);
                while (sqlite3_step(st) == SQLITE_ROW) {
                }
                sqlite3_finalize(st);
                b.push_back(since(t0) * 1000);
            }
        }
        if (have_rg)
            for (const auto& q : qc.rg)
                for (unsigned r = 0; r < std::min(runs, 3u); ++r) c.push_back(time_command("rg -l " + q + " " + docs.string()) * 1000);
        char rgbuf[64] = "n/a";
        if (!c.empty()) std::snprintf(rgbuf, sizeof rgbuf, "%9.1f / %9.1f", percentile(c, 0.5), percentile(c, 0.99));
        std::printf("%-24s %9.2f / %9.2f %9.2f / %9.2f %21s %9.2f\n", qc.name.c_str(), percentile(a, 0.5),
                    percentile(a, 0.99), percentile(b, 0.5), percentile(b, 0.99), rgbuf,
                    percentile(a, 0.5) / std::max(percentile(b, 0.5), 1e-6));
        if (hits == 0) std::printf("  (warning: no hits for %s)\n", qc.name.c_str());
        std::string how;
        for (const auto& [p, n] : plans) how += (how.empty() ? "" : ", ") + p + " " + std::to_string(n);
        std::printf("%-24s   plans: %s\n", "", how.c_str());
    }
    fs::remove_all(base / ("index-" + std::to_string(count) + ".old"));
    std::printf("\nkamervragen times are search() end to end: ranking, snippets, paired units; plain FTS5 times\n"
                "are the ids of the top 10 only; ripgrep lists the matching files (no ranking).\n");
    return 0;
}

// MRR@10: for every question with an answer, the question's words (OR) as a query over
// the answers; the reciprocal rank of an answer that covers it.
int cmd_mrr(const std::string& corpus) {
    auto lex = kv::lexicon::open_default(nullptr);
    struct qa {
        std::string question;
        std::set<std::string> answers;  // ids
    };
    std::vector<qa> pairs;
    std::vector<kvs::unit_record> all;
    std::set<std::string> keys;
    for (const auto& e : fs::recursive_directory_iterator(corpus)) {
        if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
        if (e.path().string().find("/gold/") != std::string::npos) continue;
        kv::parse_options o;
        o.source = e.path().string();
        o.words = lex;
        const std::string bytes = read_file(e.path());
        kv::document d = kv::parse(bytes, o);
        if (d.kind != kv::document_kind::answered || d.answers.empty()) continue;
        std::string key = kvs::document_key(d, std::hash<std::string>{}(bytes));
        if (!keys.insert(key).second) continue;
        auto recs = kvs::records_of(d, key);
        for (const auto& r : recs) {
            if (r.kind == "question" && !r.paired.empty() && r.text.size() > 20)
                pairs.push_back({r.text, std::set<std::string>(r.paired.begin(), r.paired.end())});
            all.push_back(r);
        }
    }
    std::printf("%zu answered documents, %zu units, %zu questions with an answer\n", keys.size(), all.size(), pairs.size());

    const fs::path dir = fs::temp_directory_path() / "kamervragen-mrr";
    fs::remove_all(dir);
    fs::create_directories(dir / "records");
    // our index: records → index.xml → rebuild (the same path as `index --rebuild`)
    {
        std::ofstream out(dir / "index.xml");
        out << kvs::to_solr_xml(all);
    }
    std::string err;
    if (!kvs::rebuild_index(dir.string(), &err)) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 2;
    }
    auto ours = kvs::database::open(kvs::database_path(dir.string()), false, &err);
    sqlite_db plain((dir / "plain.db").string());
    plain.exec("CREATE VIRTUAL TABLE plain USING fts5(uid UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')");
    plain.exec("BEGIN");
    for (const auto& r : all) {
        if (r.kind != "answer") continue;
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(plain.db, "INSERT INTO plain(uid, text) VALUES(?, ?)", -1, &st, nullptr);
        sqlite3_bind_text(st, 1, r.id.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, r.text.c_str(), -1, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
    plain.exec("COMMIT");

    double mrr_ours = 0, mrr_plain = 0;
    std::size_t n = 0;
    for (const auto& p : pairs) {
        // the question's distinct words, folded, as an OR query
        std::set<std::string> words;
        for (const auto& w : kvs::tokens(p.question, false)) words.insert(w);
        if (words.empty()) continue;
        std::string q_ours = "(", q_plain;
        for (const auto& w : words) {
            // our query language: plain words (folded tokens need no quoting), stemmed
            if (q_ours.size() > 1) q_ours += " OR ";
            q_ours += w;
            if (!q_plain.empty()) q_plain += " OR ";
            q_plain += "\"" + w + "\"";
        }
        q_ours += ") kind:answer";
        ++n;
        kvs::search_options so;
        auto r = ours->search(q_ours, so);
        for (std::size_t i = 0; i < r.hits.size(); ++i)
            if (p.answers.count(r.hits[i].unit.id)) {
                mrr_ours += 1.0 / static_cast<double>(i + 1);
                break;
            }
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(plain.db, "SELECT uid FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT 10", -1, &st, nullptr);
        sqlite3_bind_text(st, 1, q_plain.c_str(), -1, SQLITE_STATIC);
        for (int i = 1; sqlite3_step(st) == SQLITE_ROW; ++i)
            if (p.answers.count(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)))) {
                mrr_plain += 1.0 / i;
                break;
            }
        sqlite3_finalize(st);
    }
    std::printf("MRR@10 over %zu questions: kamervragen (ICU folding + Snowball Dutch) %.3f, plain FTS5 unicode61 %.3f\n",
                n, n ? mrr_ours / static_cast<double>(n) : 0.0, n ? mrr_plain / static_cast<double>(n) : 0.0);
    fs::remove_all(dir);
    return 0;
}

// Parse throughput alone, repeated: the median and best of `runs` passes over the first
// `count` documents of a generated collection, in memory, one core. A folder without
// generated documents (real ones: ../shared/corpus) is read whole: every .txt file in it
// and below, in path order.
int cmd_parse(const std::string& docs, std::uint64_t count, unsigned runs) {
    std::vector<std::string> texts;
    std::uint64_t bytes = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "gen-%07llu.txt", static_cast<unsigned long long>(i));
        const fs::path f = fs::path(docs) / name;
        if (!fs::exists(f)) break;
        texts.push_back(read_file(f));
        bytes += texts.back().size();
    }
    if (texts.empty()) {
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(docs))
            if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        if (files.size() > count) files.resize(count);
        for (const auto& f : files) {
            texts.push_back(read_file(f));
            bytes += texts.back().size();
        }
    }
    if (texts.empty()) {
        std::fprintf(stderr, "no .txt documents in %s\n", docs.c_str());
        return 2;
    }
    auto lex = kv::lexicon::open_default(nullptr);
    for (const bool with_lex : {true, false}) {
        kv::parse_options o;
        o.words = with_lex ? lex : nullptr;
        std::vector<double> mbs;
        for (unsigned r = 0; r < std::max(runs, 1u); ++r) {
            const auto t = clock_type::now();
            std::size_t units = 0;
            for (const auto& s : texts) units += kv::parse(s, o).questions.size();
            mbs.push_back(static_cast<double>(bytes) / 1e6 / since(t));
            if (units == 0) std::printf("(warning: parsed to nothing)\n");
        }
        std::printf("%-22s %zu documents, %.1f MB: median %.1f MB/s, best %.1f MB/s\n",
                    with_lex ? "parse, with hunspell" : "parse, no lexicon", texts.size(), static_cast<double>(bytes) / 1e6,
                    percentile(mbs, 0.5), *std::max_element(mbs.begin(), mbs.end()));
    }
    return 0;
}

// Times single queries on an existing index: p50/p99 over `runs`, and the plan taken.
int cmd_query(const std::string& index, const std::vector<std::string>& queries, unsigned runs) {
    std::string err;
    auto db = kvs::database::open(kvs::database_path(index), false, &err);
    if (!db) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 2;
    }
    std::printf("%-40s %9s %9s %8s  %s\n", "query", "p50 ms", "p99 ms", "hits", "plan");
    for (const auto& q : queries) {
        std::vector<double> t;
        kvs::search_result res;
        for (unsigned r = 0; r < std::max(runs, 1u); ++r) {
            const auto t0 = clock_type::now();
            res = db->search(q, {});
            t.push_back(since(t0) * 1000);
        }
        if (!res.ok) std::fprintf(stderr, "%s: %s\n", q.c_str(), res.error.message.c_str());
        std::printf("%-40s %9.2f %9.2f %8zu  %s\n", q.c_str(), percentile(t, 0.5), percentile(t, 0.99), res.hits.size(),
                    res.plan.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kamervragen-bench: figures for the parser, the indexer and the search"};
    app.require_subcommand(1);
    std::uint64_t count = 100000, seed = 1;
    std::string dir, work = (fs::temp_directory_path() / "kamervragen-bench").string(), corpus;
    unsigned runs = 5;
    bool queries_only = false;
    auto* gen = app.add_subcommand("generate", "write a synthetic collection");
    gen->add_option("--count", count, "documents");
    gen->add_option("--seed", seed, "seed");
    gen->add_option("dir", dir, "output folder")->required();
    auto* run = app.add_subcommand("run", "parse, index and query figures against the baselines");
    run->add_option("--count", count, "documents (default 100000)");
    run->add_option("--seed", seed, "seed");
    run->add_option("--dir", work, "work folder (collections are kept for the next run)");
    run->add_option("--runs", runs, "repetitions of each query (default 5)");
    run->add_flag("--queries-only", queries_only, "reuse the index of an earlier run and measure queries only");
    auto* parse = app.add_subcommand("parse", "parse throughput alone, on a generated collection or a folder of texts");
    std::string docs_dir;
    parse->add_option("docs", docs_dir, "folder of generated documents, or of any .txt documents")->required()->check(CLI::ExistingDirectory);
    parse->add_option("--count", count, "documents (default: all, up to 100000)");
    parse->add_option("--runs", runs, "passes (default 5)");
    auto* query = app.add_subcommand("query", "time single queries on an index");
    std::string index;
    std::vector<std::string> queries;
    query->add_option("--index", index, "index folder")->required()->check(CLI::ExistingDirectory);
    query->add_option("--runs", runs, "repetitions of each query (default 5)");
    query->add_option("queries", queries, "queries")->required();
    auto* mrr = app.add_subcommand("mrr", "ranking quality on real answered documents");
    mrr->add_option("corpus", corpus, "folder of documents, e.g. ../shared/corpus")->required()->check(CLI::ExistingDirectory);
    CLI11_PARSE(app, argc, argv);
    try {
        if (*gen) return cmd_generate(count, seed, dir);
        if (*run) return cmd_run(count, seed, work, runs, queries_only);
        if (*parse) return cmd_parse(docs_dir, count, runs);
        if (*query) return cmd_query(index, queries, runs);
        if (*mrr) return cmd_mrr(corpus);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kamervragen-bench: %s\n", e.what());
        return 2;
    }
    return 2;
}
