// indexer.cpp: the batch indexer. Parser threads read, hash, parse and write each
// document XML under a temporary name; the calling thread alone stores: it renames the
// file into place, then writes the database in transactions of up to 5,000 files or 10
// seconds. A kill at any moment leaves the last committed state: files written after it
// are replaced on the next run or swept as orphans at its end.
#include "kamervragen/indexer.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <optional>
#include <thread>

#include "db.hpp"
#include "kamervragen/parser.hpp"
#include "kamervragen/search.hpp"
#include "kamervragen/xml.hpp"

namespace fs = std::filesystem;

namespace kamervragen::search {

const char* to_string(file_status s) noexcept {
    switch (s) {
    case file_status::indexed: return "indexed";
    case file_status::unchanged: return "unchanged";
    case file_status::duplicate: return "duplicate";
    case file_status::failed: return "failed";
    case file_status::skipped: return "skipped";
    case file_status::removed: return "removed";
    }
    return "?";
}

std::string database_path(const std::string& index_dir) { return (fs::path(index_dir) / "search.db").string(); }

namespace {

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

// A document key as a file name: keys are ids such as "ah-tk-20232024-1314"; anything
// else is replaced.
std::string file_name(const std::string& key) {
    std::string out;
    for (char c : key) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return out + ".xml";
}

// Writes through `write(stream)` to PATH.tmp, then renames it over PATH: readers see the
// old file or the new one, never half of one.
template <class Write>
bool write_through(const fs::path& path, std::string& error, Write&& write) {
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            error = tmp.string() + ": cannot write (" + std::strerror(errno) + ")";
            return false;
        }
        write(out);
        out.flush();
        if (!out) {
            error = tmp.string() + ": write failed (" + std::strerror(errno) + ")";
            return false;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        error = path.string() + ": cannot rename into place (" + ec.message() + ")";
        return false;
    }
    return true;
}

bool write_atomically(const fs::path& path, const std::string& content, std::string& error) {
    return write_through(path, error,
                         [&](std::ofstream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

bool read_whole(const fs::path& p, std::string& out, std::string& error) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        error = std::string("cannot open (") + std::strerror(errno) + ")";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = "read error";
        return false;
    }
    out = ss.str();
    return true;
}

bool is_text_name(const fs::path& p) {
    const std::string e = p.extension().string();
    return e == ".txt" || e == ".text" || e == ".md";
}

bool is_pdf_name(const fs::path& p) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e == ".pdf";
}

constexpr const char* no_pdftotext = "a PDF: install poppler-utils (pdftotext) to index PDFs, or index its text";

// pdftotext from poppler-utils turns PDFs into the text the parser reads best (its default
// mode, which the pdftotext layout of the parser was made for).
bool have_pdftotext() {
    static const bool found = [] {
        const char* path = std::getenv("PATH");
        std::string_view rest = path ? path : "/usr/bin:/bin";
        while (!rest.empty()) {
            const std::size_t colon = rest.find(':');
            const std::string dir(rest.substr(0, colon));
            if (!dir.empty() && ::access((dir + "/pdftotext").c_str(), X_OK) == 0) return true;
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
        return false;
    }();
    return found;
}

// Runs `timeout 120 pdftotext -enc UTF-8 FILE -` without a shell and reads its output.
bool pdf_to_text(const std::string& file, std::string& out, std::string& error) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        error = std::string("cannot run pdftotext (") + std::strerror(errno) + ")";
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> args = {"timeout", "120", "pdftotext", "-enc", "UTF-8", file, "-"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, "timeout", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        error = std::string("cannot run pdftotext (") + std::strerror(rc) + ")";
        return false;
    }
    out.clear();
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n > 0) {
            if (out.size() < (std::size_t{256} << 20)) out.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        break;
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        error = code == 124 ? "pdftotext took longer than 120 s" : "pdftotext could not read it (exit " + std::to_string(code) + "): a damaged or scanned PDF?";
        return false;
    }
    return true;
}

struct candidate {
    std::string path;
    std::int64_t size = 0;
    std::int64_t mtime = 0;
    bool explicit_file = false;
};

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Files under the sources: text files in folders (hidden ones and the index folder
// itself left out), any file named on its own.
void walk(const index_options& opt, const fs::path& index_dir, std::vector<candidate>& files,
          std::vector<file_report>& problems) {
    std::set<std::string> seen;
    auto add = [&](const fs::path& p, bool explicit_file) {
        struct stat st {};
        const std::string s = p.string();
        if (!seen.insert(s).second) return;
        if (::stat(s.c_str(), &st) != 0) {
            problems.push_back({s, file_status::failed, std::string("cannot read (") + std::strerror(errno) + ")", "", 0});
            return;
        }
        files.push_back({s, static_cast<std::int64_t>(st.st_size), mtime_ns(st), explicit_file});
    };
    for (const auto& src : opt.sources) {
        std::error_code ec;
        const fs::path p = fs::absolute(src, ec).lexically_normal();
        if (fs::is_directory(p, ec)) {
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            if (ec) {
                problems.push_back({p.string(), file_status::failed, "cannot list: " + ec.message(), "", 0});
                continue;
            }
            for (; it != end; it.increment(ec)) {
                if (ec) {
                    problems.push_back({it->path().string(), file_status::failed, "cannot list: " + ec.message(), "", 0});
                    ec.clear();
                    continue;
                }
                const fs::path& f = it->path();
                const std::string name = f.filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory(ec)) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_directory(ec)) {
                    if (fs::equivalent(f, index_dir, ec)) it.disable_recursion_pending();
                    continue;
                }
                if (!it->is_regular_file(ec)) continue;
                if (is_pdf_name(f)) {
                    if (have_pdftotext()) add(f, false);
                    else if (seen.insert(f.string()).second)
                        problems.push_back({f.string(), file_status::skipped, no_pdftotext, "", 0});
                } else if (is_text_name(f)) {
                    add(f, false);
                }
            }
        } else if (fs::exists(p, ec)) {
            if (is_pdf_name(p) && !have_pdftotext())
                problems.push_back({p.string(), file_status::skipped, no_pdftotext, "", 0});
            else
                add(p, true);
        } else {
            problems.push_back({p.string(), file_status::failed, "no such file or folder", "", 0});
        }
    }
}

// What a parser thread hands back.
struct parsed {
    candidate file;
    std::string hash;
    bool same_content = false;  // hash as in the manifest: only the time changed
    bool ok = false;
    std::string error;
    std::string key;
    std::int64_t quality = 0;
    std::size_t warnings = 0;
    std::vector<unit_record> records;
    std::vector<std::array<std::string, 8>> fts;  // the records' FTS5 values, tokenized
    std::string document_xml;  // when not written by the thread
    fs::path written;          // the document XML under a temporary name, by the thread
    std::string write_error;
};

// Higher is better: a document with every question answered, more units, fewer warnings.
std::int64_t quality_of(const document& doc) {
    std::int64_t q = 0;
    if (!doc.questions.empty() && doc.unanswered_questions().empty()) q += 1000;
    q += 10 * static_cast<std::int64_t>(doc.questions.size() + doc.answers.size());
    for (const auto& d : doc.diagnostics)
        if (d.severity != severity::note) q -= 5;
    return q;
}

// known: path → content hash of the last run (read-only while the threads run)
using hash_map = std::map<std::string, std::string>;

// With docs_dir, the thread writes the document XML to a temporary file there, which the
// writer renames into place (or removes) when it stores the document.
parsed parse_one(const candidate& c, const hash_map& known, const std::shared_ptr<const lexicon>& words,
                 const fs::path* docs_dir = nullptr) {
    parsed r;
    r.file = c;
    std::string bytes;
    if (!read_whole(c.path, bytes, r.error)) return r;
    r.hash = hex(fnv1a(bytes));
    if (auto it = known.find(c.path); it != known.end() && it->second == r.hash) {
        r.same_content = true;
        r.ok = true;
        return r;
    }
    if (is_pdf_name(c.path)) {
        std::string text;
        if (!pdf_to_text(c.path, text, r.error)) return r;
        bytes = std::move(text);  // the hash stays the PDF's
    }
    parse_options opt;
    opt.source = c.path;
    opt.words = words;
    document doc;
    try {
        doc = parse(bytes, opt);
    } catch (const std::exception& e) {
        r.error = std::string("the parser failed: ") + e.what();
        return r;
    }
    if (doc.questions.empty() && doc.answers.empty() && doc.kind != document_kind::postponement) {
        r.error = "no question or answer found (not a Kamervragen document, or a layout the parser cannot read)";
        return r;
    }
    // Text with paragraphs but nothing of a Kamervragen document (a shopping list beside
    // the files) is not indexed. Anything that speaks of questions or answers is: an OCR
    // record whose metadata the parser cannot read must still be found.
    if (doc.kind != document_kind::postponement && doc.askers.empty() && doc.doc_id.empty() && doc.submitted.empty() &&
        doc.received.empty() && doc.answers.empty()) {
        std::string lower(bytes.substr(0, 1 << 20));
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (lower.find("vraag") == std::string::npos && lower.find("vragen") == std::string::npos &&
            lower.find("antwoord") == std::string::npos) {
            r.error = "no Kamervragen document: no asker, date, document id, answer, or the word vraag or antwoord";
            return r;
        }
    }
    for (const auto& d : doc.diagnostics)
        if (d.severity != severity::note) ++r.warnings;
    r.key = document_key(doc, fnv1a(bytes));
    r.quality = quality_of(doc);
    r.records = records_of(doc, r.key);
    // tokenized here, on all cores, not in the writer
    r.fts = detail::pretokenized_values(r.records);
    r.document_xml = to_xml(doc);
    if (docs_dir) {
        r.written = *docs_dir / (file_name(r.key) + "." + r.hash + ".tmp");
        std::ofstream out(r.written, std::ios::binary | std::ios::trunc);
        out.write(r.document_xml.data(), static_cast<std::streamsize>(r.document_xml.size()));
        out.close();
        if (!out) r.write_error = r.written.string() + ": cannot write (" + std::strerror(errno) + ")";
        r.document_xml.clear();
    }
    r.ok = true;
    return r;
}

// Parser threads over a list; results come back in completion order.
class parser_pool {
public:
    parser_pool(std::vector<candidate> work, hash_map known, std::shared_ptr<const lexicon> words, unsigned threads,
                fs::path docs_dir)
        : work_(std::move(work)), known_(std::move(known)), words_(std::move(words)), docs_dir_(std::move(docs_dir)) {
        for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this] { loop(); });
    }
    ~parser_pool() {
        stop_ = true;
        space_.notify_all();
        for (auto& t : threads_) t.join();
    }
    /// The next result, or nullopt when all are done.
    std::optional<parsed> next() {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [&] { return !results_.empty() || finished_ == work_.size(); });
        if (results_.empty()) return std::nullopt;
        parsed p = std::move(results_.front());
        results_.pop_front();
        space_.notify_one();
        return p;
    }

private:
    void loop() {
        while (!stop_) {
            const std::size_t i = next_.fetch_add(1);
            if (i >= work_.size()) return;
            parsed p = parse_one(work_[i], known_, words_, &docs_dir_);
            std::unique_lock lock(mu_);
            // bounded: the writer is never more than a few hundred documents behind
            space_.wait(lock, [&] { return results_.size() < 256 || stop_; });
            results_.push_back(std::move(p));
            ++finished_;
            ready_.notify_one();
        }
    }

    std::vector<candidate> work_;
    const hash_map known_;  // a copy: the writer changes the manifest meanwhile
    std::shared_ptr<const lexicon> words_;
    fs::path docs_dir_;
    std::vector<std::thread> threads_;
    std::atomic<std::size_t> next_{0};
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::condition_variable ready_, space_;
    std::deque<parsed> results_;
    std::size_t finished_ = 0;
};

// An exclusive lock on INDEX/.lock for the length of a run; released by the kernel when
// the process dies, so a killed run never leaves a stale lock.
class run_lock {
public:
    bool acquire(const fs::path& dir, std::string& error) {
        const std::string p = (dir / ".lock").string();
        fd_ = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            error = p + ": cannot open (" + std::strerror(errno) + ")";
            return false;
        }
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            error = dir.string() + ": another index run is writing this index; wait for it to finish";
            return false;
        }
        return true;
    }
    ~run_lock() {
        if (fd_ >= 0) ::close(fd_);
    }

private:
    int fd_ = -1;
};

bool write_index_xml(database::impl& db, const fs::path& dir, std::string& error) {
    // One <add> message with every record, streamed from the database.
    return write_through(dir / "index.xml", error, [&](std::ofstream& out) {
        std::string buf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<add>\n";
        db.for_each_unit([&](const unit_record& r) {
            detail::append_solr_doc(buf, r);
            if (buf.size() > (1u << 20)) {
                out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
                buf.clear();
            }
        });
        buf += "</add>\n";
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    });
}

void sweep_orphans(database::impl& db, const fs::path& dir) {
    std::set<std::string> keep;
    for (const auto& k : db.document_keys()) keep.insert(file_name(k));
    for (const char* sub : {"documents"}) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir / sub, ec)) {
            const std::string name = e.path().filename().string();
            if (!keep.count(name)) fs::remove(e.path(), ec);
        }
    }
    std::error_code ec;
    fs::remove(dir / "index.xml.tmp", ec);
}

std::string report_text(const index_summary& s) {
    std::ostringstream os;
    os << "indexed " << s.indexed << ", unchanged " << s.unchanged << ", duplicates " << s.duplicates << ", failed "
       << s.failed << ", skipped " << s.skipped << ", removed " << s.removed << ", with warnings " << s.with_warnings
       << ", missing " << s.missing << "\n";
    for (const auto& f : s.files) {
        if (f.status == file_status::indexed && f.warnings == 0) continue;
        os << to_string(f.status) << "\t" << f.path << "\t" << f.message << "\n";
    }
    return os.str();
}

std::size_t hot_threshold(std::size_t units) { return std::max<std::size_t>(2000, units / 50); }

// FTS5 settings for loading many documents, kept in the table's configuration (the end of
// the run merges all segments into one, so later runs start from that):
// - no automatic merging while loading ('automerge' 0; set back to 4 at the end, when the
//   segments are merged into one: also at the end of a run that follows a killed load);
// - a 32 MiB term hash instead of 1 MiB: FTS5 writes a new segment each time its hash
//   fills, so a batch between two commits becomes one segment instead of a dozen;
// - 'crisismerge' 64 instead of 16 (set back at the end): FTS5 merges a level once it holds
//   that many segments even with automerge off, which rewrote every posting about twice
//   during a load.
// At 100,000 generated documents this took the run from 87 s to 77 s (the writer's own
// work from 65.5 s to 58.0 s).
void bulk_load_settings(database::impl& db) {
    db.exec("INSERT INTO units_fts(units_fts, rank) VALUES('automerge', 0)");
    db.exec("INSERT INTO units_fts(units_fts, rank) VALUES('hashsize', 33554432)");
    db.exec("INSERT INTO units_fts(units_fts, rank) VALUES('crisismerge', 64)");
}

}  // namespace

std::optional<index_summary> run_index(const index_options& opt, std::string* error) {
    auto fatal = [&](const std::string& m) -> std::optional<index_summary> {
        if (error) *error = m;
        return std::nullopt;
    };
    const fs::path dir = fs::absolute(opt.index_dir).lexically_normal();
    std::error_code ec;
    for (const char* sub : {"", "documents"}) {
        fs::create_directories(dir / sub, ec);
        if (ec) return fatal((dir / sub).string() + ": cannot create (" + ec.message() + ")");
    }
    run_lock lock;
    std::string err;
    if (!lock.acquire(dir, err)) return fatal(err);
    auto dbh = database::open(database_path(dir.string()), true, &err);
    if (!dbh) return fatal(err);
    database::impl& db = dbh->internals();

    index_summary sum;
    std::vector<candidate> files;
    std::vector<file_report> reports;
    walk(opt, dir, files, reports);
    for (const auto& r : reports) {
        if (r.status == file_status::failed) ++sum.failed;
        if (r.status == file_status::skipped) ++sum.skipped;
    }

    std::map<std::string, detail::source_row> manifest;
    try {
        for (auto& r : db.sources()) manifest.emplace(r.path, std::move(r));
    } catch (const detail::db_error& e) {
        return fatal(dir.string() + ": the search database cannot be read (" + e.what() +
                     "); rebuild it with `kamervragen index --rebuild`");
    }

    std::vector<candidate> work;
    index_progress prog;
    for (const auto& f : files) {
        auto it = manifest.find(f.path);
        if (it != manifest.end() && it->second.size == f.size && it->second.mtime == f.mtime) {
            if (it->second.status == "failed") {
                // not parsed again, but still not in the index: the report says so every run
                reports.push_back({f.path, file_status::failed, it->second.message + " (unchanged since the last run)", "", 0});
                ++sum.failed;
            } else {
                ++sum.unchanged;
            }
            continue;
        }
        work.push_back(f);
        prog.bytes_total += static_cast<std::size_t>(f.size);
    }
    // the largest first: the threads finish together
    std::sort(work.begin(), work.end(), [](const candidate& a, const candidate& b) { return a.size > b.size; });
    prog.total = files.size();
    prog.done = sum.unchanged;
    if (opt.progress) opt.progress(prog);

    const unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    using clock = std::chrono::steady_clock;
    auto seconds_since = [](clock::time_point t) { return std::chrono::duration<double>(clock::now() - t).count(); };
    auto t_store = clock::now();
    // Written by the index.xml thread: declared before it, so that they outlive its join
    // when a return below destroys it.
    bool xml_ok = false;
    std::string xml_error;
    std::optional<std::jthread> xml_writer;
    std::set<std::string> keys_touched;
    bool stale = true;  // the merge, hot terms and index.xml must be made again
    try {
        // Bulk loading: FTS5 merges its segments once at the end instead of after every
        // few flushes (a killed run leaves merging off; the next run's end merges).
        if (work.size() > 1000) bulk_load_settings(db);
        hash_map known;
        for (const auto& [path, row] : manifest) known.emplace(path, row.hash);
        parser_pool pool(work, std::move(known), opt.words, threads, dir / "documents");
        bool in_tx = false;
        std::size_t in_batch = 0;
        auto batch_start = std::chrono::steady_clock::now();
        for (;;) {
            const auto wait_start = clock::now();
            auto p = pool.next();
            sum.seconds_waiting += seconds_since(wait_start);
            if (!p) break;
            if (!in_tx) {
                db.begin();
                in_tx = true;
                batch_start = std::chrono::steady_clock::now();
            }
            file_report rep{p->file.path, file_status::indexed, "", p->key, p->warnings};
            detail::source_row row{p->file.path, p->file.size, p->file.mtime, p->hash, "", "", "", 0};
            auto old = manifest.find(p->file.path);
            if (p->same_content && old != manifest.end()) {
                row = old->second;  // only the time changed
                row.size = p->file.size;
                row.mtime = p->file.mtime;
                db.put_source(row);
                ++sum.unchanged;
                prog.done++;
                prog.bytes_done += static_cast<std::size_t>(p->file.size);
                if (opt.progress) opt.progress(prog);
                continue;
            }
            // a source that gave another document before: drop that one if it was kept from here
            auto drop_old = [&] {
                if (old == manifest.end() || old->second.doc_key.empty() || old->second.doc_key == p->key) return;
                auto kept = db.document_source(old->second.doc_key);
                if (kept && kept->first == p->file.path) db.remove_document(old->second.doc_key);
            };
            if (!p->ok) {
                rep.status = file_status::failed;
                rep.message = p->error;
                rep.doc_key.clear();
                drop_old();
                row.status = "failed";
                row.message = p->error;
                db.put_source(row);
                ++sum.failed;
            } else {
                auto kept = db.document_source(p->key);
                bool replace = true;
                if (kept && kept->first != p->file.path) {
                    std::error_code fe;
                    const bool other_exists = fs::exists(kept->first, fe);
                    if (other_exists && kept->second >= p->quality) {
                        replace = false;
                        rep.status = file_status::duplicate;
                        rep.message = "same document as " + kept->first + ", which was kept";
                    } else {
                        rep.message = "same document as " + kept->first + "; this source was kept";
                        auto other = db.source(kept->first);
                        if (other) {
                            other->status = "duplicate";
                            other->message = "same document as " + p->file.path + ", which was kept";
                            db.put_source(*other);
                        }
                    }
                }
                drop_old();
                row.doc_key = p->key;
                row.quality = p->quality;
                if (!p->write_error.empty()) {
                    db.rollback();
                    return fatal(p->write_error);
                }
                if (replace) {
                    std::error_code rec;
                    fs::rename(p->written, dir / "documents" / file_name(p->key), rec);
                    if (rec) {
                        db.rollback();
                        return fatal((dir / "documents" / file_name(p->key)).string() + ": cannot rename into place (" +
                                     rec.message() + ")");
                    }
                    db.put_document(p->key, p->records, p->file.path, p->quality, &p->fts, !kept);
                    keys_touched.insert(p->key);
                    row.status = "indexed";
                    row.message = rep.message;
                    ++sum.indexed;
                    if (p->warnings) ++sum.with_warnings;
                } else {
                    std::error_code rec;
                    fs::remove(p->written, rec);
                    row.status = "duplicate";
                    row.message = rep.message;
                    ++sum.duplicates;
                }
                db.put_source(row);
            }
            manifest[row.path] = row;
            reports.push_back(rep);
            prog.done++;
            prog.bytes_done += static_cast<std::size_t>(p->file.size);
            prog.last = &reports.back();
            if (opt.progress) opt.progress(prog);
            prog.last = nullptr;
            // Large transactions: FTS5 writes a segment per commit. A kill loses at most
            // this much work, which the next run redoes.
            if (++in_batch >= 5000 || std::chrono::steady_clock::now() - batch_start > std::chrono::seconds(10)) {
                db.commit();
                in_tx = false;
                in_batch = 0;
            }
        }
        if (in_tx) db.commit();

        // Files the index knows that are gone.
        std::vector<std::string> roots;
        for (const auto& s : opt.sources) roots.push_back(fs::absolute(s).lexically_normal().string());
        std::set<std::string> present;
        for (const auto& f : files) present.insert(f.path);
        db.begin();
        for (const auto& [path, row] : manifest) {
            if (present.count(path)) continue;
            // (a named capture: clang before 16 cannot capture a structured binding)
            const bool under = std::any_of(roots.begin(), roots.end(), [&p = path](const std::string& r) {
                return p == r || (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && p[r.size()] == '/');
            });
            if (!under || fs::exists(path, ec)) continue;
            if (!opt.prune) {
                ++sum.missing;
                continue;
            }
            if (!row.doc_key.empty()) {
                auto kept = db.document_source(row.doc_key);
                if (kept && kept->first == path) db.remove_document(row.doc_key);
            }
            db.remove_source(path);
            reports.push_back({path, file_status::removed, "the file is gone", row.doc_key, 0});
            ++sum.removed;
        }
        db.commit();

        // A duplicate whose kept source is gone (pruned) or now gives another document:
        // parse it now, so that the document stays in the index.
        std::vector<detail::source_row> orphans;
        for (auto& row : db.sources())
            if (row.status == "duplicate" && !row.doc_key.empty() && !db.document_source(row.doc_key) &&
                fs::exists(row.path, ec))
                orphans.push_back(std::move(row));
        if (!orphans.empty()) {
            db.begin();
            for (auto& row : orphans) {
                if (db.document_source(row.doc_key)) continue;  // restored by an earlier one
                parsed p = parse_one({row.path, row.size, row.mtime, false}, {}, opt.words);
                if (!p.ok || db.document_source(p.key)) continue;
                std::string werr;
                if (!write_atomically(dir / "documents" / file_name(p.key), p.document_xml, werr)) {
                    db.rollback();
                    return fatal(werr);
                }
                db.put_document(p.key, p.records, row.path, p.quality, &p.fts);
                row.doc_key = p.key;
                row.hash = p.hash;
                row.quality = p.quality;
                row.status = "indexed";
                row.message = "kept now: the source kept before is gone or changed";
                db.put_source(row);
                reports.push_back({row.path, file_status::indexed, row.message, p.key, p.warnings});
                ++sum.indexed;
            }
            db.commit();
        }
        sum.seconds_store = seconds_since(t_store);
        // The merge, the hot terms and index.xml are made again only when a unit changed
        // (in this run or in one killed before its end) or index.xml is missing: a run
        // that finds nothing new ends here.
        stale = db.is_stale() || !fs::exists(dir / "index.xml");
        // A bulk load, this run's or one killed before its end (its settings stay in the
        // table's configuration), is merged into one segment below.
        bool bulk_loaded = work.size() > 1000;
        {
            detail::statement& am = db.cached("SELECT v FROM units_fts_config WHERE k = 'automerge'");
            if (am.step() && am.integer(0) == 0) bulk_loaded = true;
            am.reset();
        }
        db.exec("INSERT INTO units_fts(units_fts, rank) VALUES('automerge', 4)");
        db.exec("INSERT INTO units_fts(units_fts, rank) VALUES('crisismerge', 16)");
        sweep_orphans(db, dir);
        if (stale) {
            // index.xml is written from the committed units on a connection of its own while
            // this one merges and makes the hot terms, which change no unit
            xml_writer.emplace([&, path = database_path(dir.string())] {
                const auto t_xml = clock::now();
                if (auto rd = database::open(path, false, &xml_error))
                    xml_ok = write_index_xml(rd->internals(), dir, xml_error);
                sum.seconds_xml = seconds_since(t_xml);
            });
            const auto t_merge = clock::now();
            if (bulk_loaded) db.exec("INSERT INTO units_fts(units_fts) VALUES('optimize')");
            sum.seconds_merge = seconds_since(t_merge);
            const auto t_hot = clock::now();
            const std::size_t units = dbh->unit_count();
            db.begin();
            sum.hot_terms = db.refresh_hot_terms(hot_threshold(units));
            db.commit();
            sum.seconds_hot = seconds_since(t_hot);
        } else {
            sum.hot_terms = db.hot_term_count();
        }
    } catch (const detail::db_error& e) {
        db.rollback();
        return fatal(dir.string() + ": " + e.what());
    }
    if (xml_writer) {
        xml_writer->join();
        xml_writer.reset();
        if (!xml_ok) return fatal(xml_error);
        try {
            db.mark_fresh();
        } catch (const detail::db_error& e) {
            return fatal(dir.string() + ": " + e.what());
        }
    }
    std::sort(reports.begin(), reports.end(), [](const file_report& a, const file_report& b) { return a.path < b.path; });
    sum.files = std::move(reports);
    sum.documents = dbh->document_count();
    sum.units = dbh->unit_count();
    std::string rerr;
    write_atomically(dir / "report.txt", report_text(sum), rerr);  // best effort: the summary is returned anyway
    if (opt.progress) opt.progress(prog);
    return sum;
}

std::optional<index_summary> rebuild_index(const std::string& index_dir, std::string* error) {
    auto fatal = [&](const std::string& m) -> std::optional<index_summary> {
        if (error) *error = m;
        return std::nullopt;
    };
    const fs::path dir = fs::absolute(index_dir).lexically_normal();
    std::string xml, err;
    if (!read_whole(dir / "index.xml", xml, err)) return fatal((dir / "index.xml").string() + ": " + err);
    auto records = from_solr_xml(xml);
    if (!records.ok) return fatal((dir / "index.xml").string() + ": " + records.error);
    run_lock lock;
    if (!lock.acquire(dir, err)) return fatal(err);
    // A fresh database beside the old one, renamed over it when complete.
    const fs::path tmp = dir / "search.db.rebuild";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(tmp.string() + suffix);
    std::map<std::string, std::vector<unit_record>> by_doc;
    for (auto& r : records.records) by_doc[r.doc_key].push_back(std::move(r));
    index_summary sum;
    {
        auto dbh = database::open(tmp.string(), true, &err);
        if (!dbh) return fatal(err);
        database::impl& db = dbh->internals();
        try {
            std::map<std::string, detail::source_row> manifest;
            if (auto old = database::open(database_path(dir.string()), false, &err)) {
                for (auto& r : old->internals().sources()) manifest.emplace(r.path, std::move(r));
            }
            bulk_load_settings(db);
            db.begin();
            for (const auto& [key, recs] : by_doc) {
                const std::string source = recs.empty() ? std::string() : recs.front().source;
                std::int64_t quality = 0;
                if (auto it = manifest.find(source); it != manifest.end()) quality = it->second.quality;
                db.put_document(key, recs, source, quality);
            }
            // keep the manifest rows of documents that are in the XML: they need no parse
            for (const auto& [path, row] : manifest)
                if (row.doc_key.empty() || by_doc.count(row.doc_key)) db.put_source(row);
            db.commit();
            db.exec("INSERT INTO units_fts(units_fts, rank) VALUES('automerge', 4)");
            db.exec("INSERT INTO units_fts(units_fts, rank) VALUES('crisismerge', 16)");
            db.exec("INSERT INTO units_fts(units_fts) VALUES('optimize')");
            db.begin();
            sum.hot_terms = db.refresh_hot_terms(hot_threshold(dbh->unit_count()));
            db.commit();
            db.mark_fresh();  // made from index.xml, which is current
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const detail::db_error& e) {
            db.rollback();
            return fatal(tmp.string() + ": " + e.what());
        }
        sum.documents = dbh->document_count();
        sum.units = dbh->unit_count();
        sum.indexed = sum.documents;
    }
    std::error_code ec;
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(database_path(dir.string()) + suffix, ec);
    fs::rename(tmp, database_path(dir.string()), ec);
    if (ec) return fatal(database_path(dir.string()) + ": cannot replace (" + ec.message() + ")");
    return sum;
}

}  // namespace kamervragen::search
