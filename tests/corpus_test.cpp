// corpus_test.cpp: the real documents in ../shared (skipped when absent): every file
// parses, and the gold figures hold.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include <unistd.h>

#include <cstdlib>

#include "kamervragen/evaluate.hpp"
#include "kamervragen/indexer.hpp"
#include "kamervragen/parser.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kamervragen;

TEST_CASE("every shared corpus file parses into some structure") {
    const fs::path shared = kvtest::shared_dir();
    if (shared.empty()) {
        MESSAGE("skipped: ../shared is not there");
        return;
    }
    int files = 0, with_units = 0;
    parse_options opt;
    opt.words = kvtest::test_lexicon();
    for (const auto& e : fs::recursive_directory_iterator(shared / "corpus")) {
        if (!e.is_regular_file() || e.path().string().find("/gold/") != std::string::npos) continue;
        opt.source = e.path().string();
        const document doc = parse(kvtest::read_file(e.path()), opt);
        ++files;
        if (!doc.questions.empty() || !doc.answers.empty()) ++with_units;
    }
    MESSAGE(files << " files, " << with_units << " with units");
    CHECK(files > 1000);
    // PDFs are binary here: they give no units, but must not crash.
    CHECK(with_units > files * 9 / 10);
}

TEST_CASE("gold annotations: units and metadata exact") {
    const fs::path shared = kvtest::shared_dir();
    if (shared.empty()) {
        MESSAGE("skipped: ../shared is not there");
        return;
    }
    struct tally {
        int ut = 0, ue = 0, mt = 0, me = 0;
    };
    std::map<std::string, tally> folders;
    tally all;
    parse_options opt;
    opt.words = kvtest::test_lexicon();
    for (const auto& e : fs::recursive_directory_iterator(shared / "corpus" / "gold")) {
        if (e.path().extension() != ".json") continue;
        const std::string gold = kvtest::read_file(e.path());
        const std::string file = gold_file_field(gold);
        const fs::path doc_path = shared / "corpus" / file;
        REQUIRE(fs::exists(doc_path));
        const auto c = compare_with_gold(parse(kvtest::read_file(doc_path), opt), gold);
        REQUIRE(c.ok);
        const std::string folder = file.find('/') == std::string::npos ? "." : file.substr(0, file.find('/'));
        for (tally* t : {&all, &folders[folder]}) {
            t->ut += c.units_total;
            t->ue += c.units_exact;
            for (const auto& f : c.fields) {
                ++t->mt;
                t->me += f.exact ? 1 : 0;
            }
        }
    }
    MESSAGE("units exact " << all.ue << "/" << all.ut << ", metadata exact " << all.me << "/" << all.mt);
    // The targets of issue 3, overall and in every folder: units 98%, metadata 97%.
    CHECK(all.ue * 100 >= all.ut * 98);
    CHECK(all.me * 100 >= all.mt * 97);
    for (const auto& [folder, t] : folders) {
        CAPTURE(folder);
        CHECK(t.ue * 100 >= t.ut * 98);
        CHECK(t.me * 100 >= t.mt * 97);
    }
}

TEST_CASE("shared seed parses as issue 2 describes") {
    const fs::path shared = kvtest::shared_dir();
    const fs::path seed = shared / "seed" / "000_3d2894a1369af6e8.txt";
    if (shared.empty() || !fs::exists(seed)) {
        MESSAGE("skipped: ../shared/seed is not there");
        return;
    }
    parse_options opt;
    opt.source = seed.string();
    opt.words = kvtest::test_lexicon();
    const document doc = parse(kvtest::read_file(seed), opt);
    REQUIRE(doc.askers.size() == 1);
    CHECK(doc.askers[0].name == "Spekman");
    CHECK(doc.askers[0].party == "PvdA");
    REQUIRE(doc.answerers.size() == 1);
    CHECK(doc.answerers[0].name == "Leers");
    CHECK(doc.answerers[0].portfolio == "Immigratie en Asiel");
    CHECK(doc.submitted == "2011-07-18");
    CHECK(doc.received == "2011-09-07");
    REQUIRE(doc.see_also.size() == 1);
    CHECK(doc.see_also[0].session_year == "2010-2011");
    CHECK(doc.see_also[0].number == 3278);
    CHECK(kvtest::dump(doc) == "q{1} a{1} q{2,4} a{2,4} q{5} a{5} q{6} a{6} gap{3} fn{1}");
    REQUIRE(doc.gaps.size() == 1);
    CHECK(doc.gaps[0].note == "vraag 3 ontbreekt");
    REQUIRE(doc.footnotes.size() == 1);
    CHECK(doc.footnotes[0].text.rfind("Deze brief dateert van 5 juli jl.", 0) == 0);
    std::string all;
    for (const auto& u : doc.questions) all += u.text + "\n";
    for (const auto& u : doc.answers) all += u.text + "\n";
    CHECK(all.find("Het Rijk is deze afspraken nagekomen.") != std::string::npos);
    CHECK(all.find("BENW/2011.1988") == std::string::npos);
    for (const char* w : {"gemeenten", "vertrokken", "Dublinclaimanten", "steunpunten", "ex-ama’s",
                          "Immigratie- en Naturalisatiedienst", "AMV-achtergrond"})
        CHECK_MESSAGE(all.find(w) != std::string::npos, std::string(w));
    REQUIRE(!doc.questions.empty());
    CHECK(!doc.questions[0].footnote_refs.empty());
}

TEST_CASE("shared corpus: the PDFs and their pdftotext texts are one document each") {
    const fs::path shared = kvtest::shared_dir();
    if (shared.empty() || std::system("command -v pdftotext > /dev/null 2>&1") != 0) {
        MESSAGE("skipped: ../shared or pdftotext is not there");
        return;
    }
    const fs::path idx = fs::temp_directory_path() / ("kamervragen-pdf-" + std::to_string(::getpid()));
    fs::remove_all(idx);
    search::index_options o;
    o.sources = {(shared / "corpus" / "pdf").string(), (shared / "corpus" / "pdftotext").string()};
    o.index_dir = idx.string();
    o.words = kvtest::test_lexicon();
    std::string err;
    const auto s = search::run_index(o, &err);
    INFO(err);
    REQUIRE(s.has_value());
    std::size_t pdfs = 0;
    for (const auto& e : fs::directory_iterator(shared / "corpus" / "pdf")) pdfs += e.path().extension() == ".pdf";
    CHECK(s->failed == 0);
    CHECK(s->documents == pdfs);
    CHECK(s->duplicates == pdfs);
    fs::remove_all(idx);
}
