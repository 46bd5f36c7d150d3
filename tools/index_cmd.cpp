// index_cmd.cpp: `kamervragen index SOURCE... -o INDEX`, `kamervragen index --rebuild INDEX` and
// `kamervragen index --verify INDEX`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "kamervragen/indexer.hpp"
#include "kamervragen/search.hpp"

namespace kvs = kamervragen::search;

namespace kvtool {
namespace {

std::string duration(double seconds) {
    if (seconds < 0 || seconds > 360000) return "--:--";
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

// A one-line progress bar on a terminal: files, percentage, rate, time left.
class progress_bar {
public:
    explicit progress_bar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
    void update(const kvs::index_progress& p, bool final_call = false) {
        if (!enabled_) return;
        const auto now = std::chrono::steady_clock::now();
        if (!final_call && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        const double frac = p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                                          : (p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 1.0);
        const double rate = elapsed > 0 ? static_cast<double>(p.done - first_done(p)) / elapsed : 0;
        const double left = frac > 0.001 ? elapsed * (1 - frac) / frac : -1;
        const int width = 24;
        const int filled = static_cast<int>(frac * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '.');
        std::fprintf(stderr, "\r[%s] %zu/%zu files %3.0f%%  %.0f files/s  %s left ", bar.c_str(), p.done, p.total,
                     frac * 100, rate, duration(left).c_str());
        if (final_call) std::fputc('\n', stderr);
        std::fflush(stderr);
    }

private:
    std::size_t first_done(const kvs::index_progress& p) {
        if (!first_set_) {
            first_ = p.done;
            first_set_ = true;
        }
        return first_;
    }
    bool enabled_;
    std::chrono::steady_clock::time_point start_, last_{};
    std::size_t first_ = 0;
    bool first_set_ = false;
};

void print_summary(const kvs::index_summary& s, const std::string& dir, double seconds, bool verbose) {
    // the per-file report first, the summary last, where the eye lands
    bool header = false;
    for (const auto& f : s.files) {
        if (f.status != kvs::file_status::failed && f.status != kvs::file_status::duplicate &&
            f.status != kvs::file_status::skipped && f.status != kvs::file_status::removed)
            continue;
        if (!header) {
            std::fprintf(stderr, "per file:\n");
            header = true;
        }
        std::fprintf(stderr, "  %-9s %s: %s\n", kvs::to_string(f.status), f.path.c_str(), f.message.c_str());
    }
    std::fflush(stderr);
    std::printf("indexed %zu, unchanged %zu, duplicates %zu, failed %zu, skipped %zu, removed %zu; %zu with warnings\n",
                s.indexed, s.unchanged, s.duplicates, s.failed, s.skipped, s.removed, s.with_warnings);
    std::printf("%s: %zu documents, %zu units, %zu hot terms (%.1f s: parse and store %.1f, merge %.1f, hot terms %.1f, "
                "index.xml %.1f alongside)\n",
                dir.c_str(), s.documents, s.units, s.hot_terms, seconds, s.seconds_store, s.seconds_merge, s.seconds_hot,
                s.seconds_xml);
    if (verbose)
        std::printf("the database writer: %.1f s busy, %.1f s waiting for parsed documents\n",
                    s.seconds_store - s.seconds_waiting, s.seconds_waiting);
    if (s.missing)
        std::printf("%zu files in the index are gone from disk; `--prune` drops their documents\n", s.missing);
    if (header) std::printf("the per-file report is also in %s/report.txt\n", dir.c_str());
}

}  // namespace

std::function<int()> add_index_command(CLI::App& app, const bool& no_lexicon) {
    struct args {
        std::vector<std::string> sources;
        std::string output;
        bool prune = false, rebuild = false, verify = false, quiet = false, verbose = false;
        unsigned jobs = 0;
    };
    auto a = std::make_shared<args>();
    auto* cmd = app.add_subcommand("index", "index files and folders into INDEX: document XML, XML index, search database");
    cmd->add_option("sources", a->sources, "files and folders to index (with --rebuild: the index folder)");
    cmd->add_option("-o,--output", a->output, "the index folder (created when missing)");
    cmd->add_flag("--prune", a->prune, "drop documents whose files are gone");
    cmd->add_flag("--rebuild", a->rebuild, "rebuild the search database from the index's index.xml alone");
    cmd->add_flag("--verify", a->verify, "check the index's search database (SQLite's and FTS5's integrity checks)");
    cmd->add_option("-j,--jobs", a->jobs, "parser threads (default: one per core)");
    cmd->add_flag("-q,--quiet", a->quiet, "print nothing but errors and the summary");
    cmd->add_flag("-v,--verbose", a->verbose, "print a line for every file");
    return [cmd, a, &no_lexicon]() -> int {
        if (!*cmd) return -1;
        const auto t0 = std::chrono::steady_clock::now();
        auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
        std::string err;
        if (a->verify) {
            std::string dir = a->output;
            if (dir.empty() && a->sources.size() == 1) dir = a->sources[0];
            if (dir.empty() || (!a->output.empty() && !a->sources.empty()) || a->rebuild) {
                std::cerr << "kamervragen: index --verify takes one index folder: kamervragen index --verify INDEX\n";
                return 2;
            }
            auto db = kvs::database::open(kvs::database_path(dir), true, &err);
            if (!db) {
                std::cerr << "kamervragen: " << err << "\n";
                return 2;
            }
            const std::string problems = db->verify();
            if (!problems.empty()) {
                std::cerr << "kamervragen: " << dir << ": the search database is damaged; rebuild it with "
                          << "`kamervragen index --rebuild " << dir << "`:\n" << problems;
                return 1;
            }
            std::printf("%s: search database ok (%zu documents, %zu units)\n", dir.c_str(), db->document_count(),
                        db->unit_count());
            return 0;
        }
        if (a->rebuild) {
            std::string dir = a->output;
            if (dir.empty() && a->sources.size() == 1) dir = a->sources[0];
            if (dir.empty() || (!a->output.empty() && !a->sources.empty())) {
                std::cerr << "kamervragen: index --rebuild takes one index folder: kamervragen index --rebuild INDEX\n";
                return 2;
            }
            auto s = kvs::rebuild_index(dir, &err);
            if (!s) {
                std::cerr << "kamervragen: " << err << "\n";
                return 2;
            }
            std::printf("%s: rebuilt from index.xml: %zu documents, %zu units, %zu hot terms (%.1f s)\n", dir.c_str(),
                        s->documents, s->units, s->hot_terms, seconds());
            return 0;
        }
        if (a->output.empty() || a->sources.empty()) {
            std::cerr << "kamervragen: index needs sources and an index folder: kamervragen index SOURCE... -o INDEX\n";
            return 2;
        }
        kvs::index_options opt;
        opt.sources = a->sources;
        opt.index_dir = a->output;
        opt.prune = a->prune;
        opt.threads = a->jobs;
        opt.words = load_lexicon(no_lexicon);
        progress_bar bar(!a->quiet && !a->verbose && ::isatty(STDERR_FILENO));
        opt.progress = [&](const kvs::index_progress& p) {
            if (a->verbose && p.last)
                std::fprintf(stderr, "%s %s%s%s\n", kvs::to_string(p.last->status), p.last->path.c_str(),
                             p.last->message.empty() ? "" : ": ", p.last->message.c_str());
            bar.update(p);
        };
        auto s = kvs::run_index(opt, &err);
        if (!s) {
            std::cerr << "\nkamervragen: " << err << "\n";
            return 2;
        }
        bar.update({s->indexed + s->unchanged + s->duplicates + s->failed, s->indexed + s->unchanged + s->duplicates + s->failed,
                    1, 1, nullptr},
                   true);
        print_summary(*s, a->output, seconds(), a->verbose);
        return s->failed ? 1 : 0;
    };
}

}  // namespace kvtool
