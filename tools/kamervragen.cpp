// kamervragen: command-line front end over the library. `parse` writes document XML or
// JSON, `eval` scores the parser against gold annotations, `check` reports per folder.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <cstring>
#include <cerrno>

#include "commands.hpp"
#include "kamervragen/evaluate.hpp"
#include "kamervragen/lexicon.hpp"
#include "kamervragen/parser.hpp"
#include "kamervragen/xml.hpp"

namespace fs = std::filesystem;
namespace kv = kamervragen;

namespace kvtool {

std::shared_ptr<const kv::lexicon> load_lexicon(bool disabled) {
    if (disabled) return nullptr;
    std::string err;
    auto lex = kv::lexicon::open_default(&err);
    if (!lex) std::cerr << "kamervragen: warning: " << err << "; dehyphenation uses the document's words only\n";
    return lex;
}

}  // namespace kvtool

namespace {

bool read_file(const std::string& path, std::string& out, std::string& error) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        out = ss.str();
        return true;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        error = path + ": is a directory";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open (" + std::strerror(errno) + ")";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = path + ": read error";
        return false;
    }
    out = ss.str();
    return true;
}

using kvtool::load_lexicon;

bool is_document_file(const fs::path& p) {
    const std::string name = p.filename().string();
    if (name.empty() || name[0] == '.') return false;
    const std::string ext = p.extension().string();
    return ext == ".txt" || ext == ".md" || ext == ".html" || ext == ".htm" || ext == ".xml";
}

std::vector<fs::path> collect(const std::vector<std::string>& sources) {
    std::vector<fs::path> out;
    for (const auto& s : sources) {
        std::error_code ec;
        if (fs::is_directory(s, ec)) {
            for (auto it = fs::recursive_directory_iterator(s, fs::directory_options::skip_permission_denied, ec);
                 it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) break;
                if (it->is_regular_file(ec) && is_document_file(it->path())) out.push_back(it->path());
            }
        } else {
            out.emplace_back(s);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The parser reads any text. Should a bug still make it throw, that file gets an error
// diagnostic that says so, and the other files are read.
kv::document parse_guarded(std::string_view bytes, const kv::parse_options& opt) {
    try {
        return kv::parse(bytes, opt);
    } catch (const std::exception& e) {
        kv::document doc;
        doc.source = opt.source;
        doc.diagnostics.push_back({"parser_failed", kv::severity::error, 0, 0,
                                   std::string("the parser failed (") + e.what() +
                                       "): a bug in kamervragen; please report it with this file",
                                   ""});
        return doc;
    }
}

bool parser_failed(const kv::document& doc) {
    return std::any_of(doc.diagnostics.begin(), doc.diagnostics.end(),
                       [](const kv::diagnostic& d) { return d.code == "parser_failed"; });
}

int cmd_parse(const std::vector<std::string>& files, const std::string& output, const std::string& format, bool strict,
              bool no_lexicon) {
    auto lex = load_lexicon(no_lexicon);
    std::vector<std::string> outputs;
    int status = 0;
    for (const auto& f : files) {
        std::string bytes, err;
        if (!read_file(f, bytes, err)) {
            std::cerr << "kamervragen: " << err << "\n";
            status = 2;
            continue;
        }
        kv::parse_options opt;
        opt.source = f;
        opt.words = lex;
        kv::document doc = parse_guarded(bytes, opt);
        for (const auto& d : doc.diagnostics) {
            if (d.severity == kv::severity::note) continue;
            std::cerr << f << ":" << d.line << ":" << d.column << ": " << kv::to_string(d.severity) << ": " << d.message
                      << " [" << d.code << "]\n";
        }
        if (strict && doc.has_warnings() && status == 0) status = 1;
        if (parser_failed(doc)) status = 2;
        outputs.push_back(format == "json" ? kv::to_json(doc) : kv::to_xml(doc));
    }
    std::string text;
    if (format == "json") {
        if (outputs.size() == 1 && files.size() == 1) text = outputs[0] + "\n";
        else {
            text = "[\n";
            for (std::size_t i = 0; i < outputs.size(); ++i) text += outputs[i] + (i + 1 < outputs.size() ? ",\n" : "\n");
            text += "]\n";
        }
    } else if (outputs.size() == 1 && files.size() == 1) {
        text = outputs[0];
    } else {
        text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<documents>\n";
        for (auto& o : outputs) {
            std::size_t p = o.find("?>");
            text += p == std::string::npos ? o : o.substr(p + 3);
        }
        text += "</documents>\n";
    }
    if (output.empty() || output == "-") {
        std::cout << text;
    } else {
        // write to a temporary name, then rename: never a half-written output file
        fs::path tmp = fs::path(output).concat(".tmp");
        {
            std::ofstream out(tmp, std::ios::binary);
            out << text;
            if (!out) {
                std::cerr << "kamervragen: " << output << ": cannot write\n";
                return 2;
            }
        }
        std::error_code ec;
        fs::rename(tmp, output, ec);
        if (ec) {
            std::cerr << "kamervragen: " << output << ": " << ec.message() << "\n";
            return 2;
        }
    }
    return status;
}

struct tally {
    int units_total = 0, units_exact = 0, meta_total = 0, meta_exact = 0, docs = 0;
};

std::string pct(int a, int b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%5.1f%%", b ? 100.0 * a / b : 100.0);
    return buf;
}

int cmd_eval(const std::string& gold_dir, std::string docs_dir, bool verbose, bool no_lexicon) {
    std::error_code ec;
    if (!fs::is_directory(gold_dir, ec)) {
        std::cerr << "kamervragen: " << gold_dir << ": not a directory\n";
        return 2;
    }
    if (docs_dir.empty()) docs_dir = fs::path(gold_dir).lexically_normal().parent_path().string();
    if (docs_dir.empty()) docs_dir = ".";
    auto lex = load_lexicon(no_lexicon);
    std::map<std::string, tally> folders;
    std::map<std::string, std::pair<int, int>> fields;
    tally all;
    std::vector<fs::path> golds;
    for (auto it = fs::recursive_directory_iterator(gold_dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".json") golds.push_back(it->path());
    std::sort(golds.begin(), golds.end());
    int failures = 0;
    for (const auto& gp : golds) {
        std::string gold, err;
        if (!read_file(gp.string(), gold, err)) {
            std::cerr << "kamervragen: " << err << "\n";
            ++failures;
            continue;
        }
        // the document: gold's "file" relative to the docs folder
        std::string file = kv::gold_file_field(gold);
        fs::path rel = fs::relative(gp, gold_dir);
        if (file.empty()) file = rel.replace_extension("").string();
        fs::path doc_path = fs::path(docs_dir) / file;
        std::string bytes;
        if (!read_file(doc_path.lexically_normal().string(), bytes, err)) {
            std::cerr << "kamervragen: " << gp.string() << ": document not found: " << err << "\n";
            ++failures;
            continue;
        }
        kv::parse_options opt;
        opt.source = file;
        opt.words = lex;
        kv::document doc = parse_guarded(bytes, opt);
        kv::gold_comparison c = kv::compare_with_gold(doc, gold);
        if (!c.ok) {
            std::cerr << "kamervragen: " << gp.string() << ": " << c.error << "\n";
            ++failures;
            continue;
        }
        const std::string folder = fs::relative(gp, gold_dir).begin()->string();
        tally& t = folders[folder];
        int mexact = 0;
        for (const auto& f : c.fields) {
            auto& fp = fields[f.field];
            ++fp.second;
            if (f.exact) {
                ++fp.first;
                ++mexact;
            }
        }
        for (tally* x : {&t, &all}) {
            x->docs++;
            x->units_total += c.units_total;
            x->units_exact += c.units_exact;
            x->meta_total += static_cast<int>(c.fields.size());
            x->meta_exact += mexact;
        }
        if (verbose) {
            bool any = !c.unit_mismatches.empty();
            for (const auto& f : c.fields) any = any || !f.exact;
            if (any) {
                std::cout << "== " << file << "\n";
                for (const auto& m : c.unit_mismatches) std::cout << "   unit " << m << "\n";
                for (const auto& f : c.fields)
                    if (!f.exact) std::cout << "   " << f.field << ": expected " << f.expected << ", got " << f.got << "\n";
            }
        }
    }
    std::cout << "field                  exact\n";
    for (const auto& name : kv::gold_fields()) {
        auto it = fields.find(name);
        if (it == fields.end()) continue;
        std::printf("%-20s %4d/%-4d %s\n", name.c_str(), it->second.first, it->second.second,
                    pct(it->second.first, it->second.second).c_str());
    }
    std::cout << "\nfolder           docs   units exact          metadata exact\n";
    for (const auto& [name, t] : folders)
        std::printf("%-15s %5d   %5d/%-5d %s   %5d/%-5d %s\n", name.c_str(), t.docs, t.units_exact, t.units_total,
                    pct(t.units_exact, t.units_total).c_str(), t.meta_exact, t.meta_total, pct(t.meta_exact, t.meta_total).c_str());
    std::printf("\nsummary: %d documents, units exact %d/%d %s, metadata fields exact %d/%d %s%s\n", all.docs, all.units_exact,
                all.units_total, pct(all.units_exact, all.units_total).c_str(), all.meta_exact, all.meta_total,
                pct(all.meta_exact, all.meta_total).c_str(), failures ? (", " + std::to_string(failures) + " failed").c_str() : "");
    return failures ? 2 : 0;
}

int cmd_check(const std::vector<std::string>& dirs, bool no_lexicon) {
    auto lex = load_lexicon(no_lexicon);
    struct row {
        int parsed = 0, all_answered = 0, warned = 0, failed = 0;
        std::map<std::string, int> codes;
    };
    std::map<std::string, row> rows;
    for (const auto& dir : dirs) {
        for (const fs::path& p : collect({dir})) {
            fs::path rel = fs::relative(p, dir);
            std::string folder = rel.has_parent_path() ? rel.begin()->string() : ".";
            if (folder == "gold") continue;
            row& r = rows[folder];
            std::string bytes, err;
            if (!read_file(p.string(), bytes, err)) {
                ++r.failed;
                std::cerr << "kamervragen: " << err << "\n";
                continue;
            }
            kv::parse_options opt;
            opt.source = p.string();
            opt.words = lex;
            kv::document doc = parse_guarded(bytes, opt);
            ++r.parsed;
            if ((doc.kind == kv::document_kind::answered || doc.kind == kv::document_kind::additional_answer) &&
                doc.unanswered_questions().empty() && !doc.questions.empty())
                ++r.all_answered;
            if (doc.has_warnings()) ++r.warned;
            std::set<std::string> codes;
            for (const auto& d : doc.diagnostics)
                if (d.severity != kv::severity::note) codes.insert(d.code);
            for (const auto& c : codes) ++r.codes[c];
        }
    }
    std::printf("%-14s %7s %13s %9s %7s  warnings by code (documents)\n", "folder", "parsed", "all answered", "warned",
                "failed");
    for (const auto& [name, r] : rows) {
        std::string codes;
        for (const auto& [c, n] : r.codes) codes += c + "=" + std::to_string(n) + " ";
        std::printf("%-14s %7d %13d %9d %7d  %s\n", name.c_str(), r.parsed, r.all_answered, r.warned, r.failed, codes.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"kamervragen: parse, index and search Dutch parliamentary written questions and answers"};
    app.require_subcommand(1);
    bool no_lexicon = false;
    app.add_flag("--no-lexicon", no_lexicon, "do not load the hunspell Dutch dictionary");

    auto* parse = app.add_subcommand("parse", "parse documents and write document XML or JSON");
    std::vector<std::string> files;
    std::string output, format = "xml";
    bool strict = false;
    parse->add_option("files", files, "input files ('-' reads standard input)")->required();
    parse->add_option("-o,--output", output, "write to this file instead of standard output");
    parse->add_option("--format", format, "xml or json")->check(CLI::IsMember({"xml", "json"}));
    parse->add_flag("--strict", strict, "exit with status 1 when a document has warnings");

    auto* eval = app.add_subcommand("eval", "score the parser against gold annotations");
    std::string gold_dir, docs_dir;
    bool verbose = false;
    eval->add_option("--gold", gold_dir, "folder of gold annotations")->required();
    eval->add_option("--docs", docs_dir, "folder the gold 'file' paths are relative to (default: the gold folder's parent)");
    eval->add_flag("-v,--verbose", verbose, "list every difference");

    auto* check = app.add_subcommand("check", "parse every document under folders and report per folder");
    std::vector<std::string> dirs;
    check->add_option("dirs", dirs, "folders")->required()->check(CLI::ExistingDirectory);

    auto run_index = kvtool::add_index_command(app, no_lexicon);
    auto run_search = kvtool::add_search_command(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (*parse) return cmd_parse(files, output, format, strict, no_lexicon);
    if (*eval) return cmd_eval(gold_dir, docs_dir, verbose, no_lexicon);
    if (*check) return cmd_check(dirs, no_lexicon);
    if (int rc = run_index(); rc >= 0) return rc;
    if (int rc = run_search(); rc >= 0) return rc;
    return 2;
}
