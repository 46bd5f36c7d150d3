// corpus_test.cpp: the real documents in ../shared (skipped when absent): every file
// parses, and the gold figures hold.
#include <doctest/doctest.h>

#include <filesystem>

#include "kamervragen/evaluate.hpp"
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
    int ut = 0, ue = 0, mt = 0, me = 0;
    parse_options opt;
    opt.words = kvtest::test_lexicon();
    for (const auto& e : fs::recursive_directory_iterator(shared / "corpus" / "gold")) {
        if (e.path().extension() != ".json") continue;
        const std::string gold = kvtest::read_file(e.path());
        const fs::path doc_path = shared / "corpus" / gold_file_field(gold);
        REQUIRE(fs::exists(doc_path));
        const auto c = compare_with_gold(parse(kvtest::read_file(doc_path), opt), gold);
        REQUIRE(c.ok);
        ut += c.units_total;
        ue += c.units_exact;
        for (const auto& f : c.fields) {
            ++mt;
            me += f.exact ? 1 : 0;
        }
    }
    MESSAGE("units exact " << ue << "/" << ut << ", metadata exact " << me << "/" << mt);
    // Floors a little under the figures measured when they were set: a regression fails.
    CHECK(ue * 100 >= ut * 84);
    CHECK(me * 100 >= mt * 93);
}
