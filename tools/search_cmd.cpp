// search_cmd.cpp: `kamervragen search [-i INDEX] QUERY`: hits with their document,
// date, askers, minister, a snippet, and the unit each pairs with.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "kamervragen/indexer.hpp"
#include "kamervragen/search.hpp"

namespace kvs = kamervragen::search;

namespace kvtool {
namespace {

std::string numbers(const std::vector<int>& n) {
    std::string out;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (i) out += i + 1 == n.size() ? " en " : ", ";
        out += std::to_string(n[i]);
    }
    return out;
}

std::string askers_text(const kvs::unit_record& u) {
    std::string out;
    for (std::size_t i = 0; i < u.askers.size(); ++i) {
        if (i) out += ", ";
        out += u.askers[i];
    }
    if (!u.parties.empty()) {
        out += " (";
        for (std::size_t i = 0; i < u.parties.size(); ++i) {
            if (i) out += ", ";
            out += u.parties[i];
        }
        out += ")";
    }
    return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += sep;
        out += v[i];
    }
    return out;
}

// The snippet's match markers as terminal bold, as given strings, or dropped.
std::string render(const std::string& s, const std::string& open, const std::string& close) {
    std::string out;
    for (char c : s) {
        if (c == '\x02') out += open;
        else if (c == '\x03') out += close;
        else out += c;
    }
    return out;
}

std::string shorten(const std::string& s, std::size_t max) {
    if (s.size() <= max) return s;
    std::size_t cut = s.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) {
        cut = max;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    }
    return s.substr(0, cut) + " …";
}

std::string csv(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string unit_label(const kvs::unit_record& u) {
    std::string k = u.kind == "question" ? "vraag" : "antwoord";
    return u.numbers.empty() ? k : k + " " + numbers(u.numbers);
}

// Points at the offending byte of the query, under the query as typed.
void print_query_error(const std::string& query, const kvs::query_error& e) {
    std::cerr << "kamervragen: bad query: " << e.message << "\n  " << query << "\n  ";
    std::size_t col = 0;
    for (std::size_t i = 0; i < e.offset && i < query.size(); ++i)
        if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) ++col;
    std::cerr << std::string(col, ' ') << "^\n";
}

}  // namespace

std::function<int()> add_search_command(CLI::App& app) {
    struct args {
        std::string index, sort = "rank", color = "auto";
        std::vector<std::string> words;
        std::size_t limit = 10, offset = 0;
        bool json = false, csv = false;
    };
    auto a = std::make_shared<args>();
    if (const char* env = std::getenv("KAMERVRAGEN_INDEX")) a->index = env;
    else a->index = "kamervragen-index";
    auto* cmd = app.add_subcommand("search", "search an index: words, \"phrases\", OR, NOT, prefix*, NEAR(), fields");
    cmd->add_option("query", a->words, "the query (several arguments are joined with spaces)")->required();
    cmd->add_option("-i,--index", a->index, "the index folder (default: $KAMERVRAGEN_INDEX or ./kamervragen-index)");
    cmd->add_option("-n,--limit", a->limit, "hits to show (default 10)");
    cmd->add_option("--offset", a->offset, "hits to skip first");
    cmd->add_option("--sort", a->sort, "rank (BM25) or date (newest first)")->check(CLI::IsMember({"rank", "date"}));
    cmd->add_option("--color", a->color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    auto* j = cmd->add_flag("--json", a->json, "write hits as JSON");
    cmd->add_flag("--csv", a->csv, "write hits as CSV")->excludes(j);
    cmd->footer(
        "Query language:\n"
        "  words            stemmed: 'gemeenten' finds 'gemeente'; case and accents do not matter\n"
        "  \"exact phrase\"   unstemmed, in order\n"
        "  a OR b, NOT a, -a, (a OR b) c, minist*, NEAR(a b, 10)\n"
        "  asker:Spekman  party:PvdA  minister:Leers  addressee:\"Immigratie en Asiel\"\n"
        "  kind:question|answer  doc:ah-tk-20102011-3279  year:2011  year:2010-2011\n"
        "  date:2011-07..2011-09  date:2011-07-18  date:..2011\n"
        "Exit status: 0 hits found, 1 no hit, 2 bad query or no index.");
    return [cmd, a]() -> int {
        if (!*cmd) return -1;
        std::string query = join(a->words, " ");
        std::error_code ec;
        const std::string dbpath = kvs::database_path(a->index);
        if (!std::filesystem::exists(dbpath, ec)) {
            std::cerr << "kamervragen: no index at " << a->index
                      << " (make one with `kamervragen index SOURCE... -o " << a->index << "`)\n";
            return 2;
        }
        std::string err;
        auto db = kvs::database::open(dbpath, false, &err);
        if (!db) {
            std::cerr << "kamervragen: " << err << "\n";
            return 2;
        }
        kvs::search_options opt;
        opt.limit = a->limit;
        opt.offset = a->offset;
        opt.sort_by_date = a->sort == "date";
        auto r = db->search(query, opt);
        if (!r.ok) {
            print_query_error(query, r.error);
            return 2;
        }
        if (a->json) {
            std::cout << kvs::to_json(r) << "\n";
        } else if (a->csv) {
            std::cout << "id,doc_id,kind,numbers,date,askers,parties,ministers,subject,score,snippet,paired_ids,paired_text\n";
            for (const auto& h : r.hits) {
                std::vector<std::string> pid, ptext;
                for (const auto& p : h.paired) {
                    pid.push_back(p.id);
                    ptext.push_back(p.text);
                }
                std::string nums;
                for (int n : h.unit.numbers) nums += (nums.empty() ? "" : " ") + std::to_string(n);
                std::cout << csv(h.unit.id) << ',' << csv(h.unit.doc_id) << ',' << h.unit.kind << ',' << nums << ','
                          << h.unit.date() << ',' << csv(join(h.unit.askers, "; ")) << ','
                          << csv(join(h.unit.parties, "; ")) << ',' << csv(join(h.unit.ministers, "; ")) << ','
                          << csv(h.unit.subject) << ',' << h.score << ',' << csv(render(h.snippet, "", "")) << ','
                          << csv(join(pid, " ")) << ',' << csv(join(ptext, "\n\n")) << "\n";
            }
        } else {
            const bool tty = a->color == "always" || (a->color == "auto" && ::isatty(STDOUT_FILENO));
            const std::string bold = tty ? "\x1b[1m" : "", hi = tty ? "\x1b[1;33m" : "", off = tty ? "\x1b[0m" : "",
                              dim = tty ? "\x1b[2m" : "";
            std::size_t n = a->offset;
            for (const auto& h : r.hits) {
                const auto& u = h.unit;
                std::cout << bold << ++n << ". " << (u.doc_id.empty() ? u.doc_key : u.doc_id) << "  " << unit_label(u)
                          << off << "  " << u.date();
                if (!u.askers.empty()) std::cout << "  " << askers_text(u);
                if (!u.ministers.empty()) std::cout << "  → " << join(u.ministers, ", ");
                std::cout << "\n";
                if (!u.subject.empty()) std::cout << "   " << dim << shorten(u.subject, 160) << off << "\n";
                std::cout << "   " << render(h.snippet, hi, off) << "\n";
                for (const auto& p : h.paired)
                    std::cout << "   " << bold << unit_label(p) << ":" << off << " " << shorten(p.text, 400) << "\n";
                if (h.paired.empty())
                    std::cout << "   " << dim << (u.kind == "question" ? "(no answer in this document)" : "(no question found for this answer)") << off << "\n";
                std::cout << "\n";
            }
            // a person at a terminal is told; a script has the exit status and empty output
            if (r.hits.empty() && ::isatty(STDERR_FILENO))
                std::cerr << (a->offset ? "no more hits" : "no hits") << " for " << query << "\n";
        }
        return r.hits.empty() ? 1 : 0;
    };
}

}  // namespace kvtool
