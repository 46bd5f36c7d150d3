// xml_test.cpp: the document XML: golden file for the seed-like document in corpus/,
// facts that must and must not appear, round trip, schema validation with xmllint.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "kamervragen/parser.hpp"
#include "kamervragen/xml.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kamervragen;

namespace {

document parse_file(const fs::path& p) {
    parse_options opt;
    opt.source = p.filename().string();
    opt.words = kvtest::test_lexicon();
    return parse(kvtest::read_file(p), opt);
}

void check_round_trip(const document& doc) {
    const std::string xml = to_xml(doc);
    xml_read_result r = from_xml(xml);
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.document.questions == doc.questions);
    CHECK(r.document.answers == doc.answers);
    CHECK(r.document.footnotes == doc.footnotes);
    CHECK(r.document.gaps == doc.gaps);
    CHECK(r.document.askers == doc.askers);
    CHECK(r.document.answerers == doc.answerers);
    CHECK(r.document.see_also == doc.see_also);
    CHECK(r.document.addressees == doc.addressees);
    CHECK(r.document.subject == doc.subject);
    CHECK(r.document.submitted == doc.submitted);
    CHECK(r.document.received == doc.received);
    CHECK(r.document.kind == doc.kind);
    CHECK(r.document.number == doc.number);
    CHECK(r.document.diagnostics.size() == doc.diagnostics.size());
    // writing what was read gives the same XML
    CHECK(to_xml(r.document) == xml);
}

}  // namespace

TEST_CASE("golden XML for corpus documents") {
    const fs::path corpus = fs::path(KV_SOURCE_DIR) / "corpus";
    const fs::path golden = fs::path(KV_SOURCE_DIR) / "tests" / "golden";
    const bool regenerate = std::getenv("KV_REGENERATE_GOLDEN") != nullptr;
    int n = 0;
    for (const auto& e : fs::directory_iterator(corpus)) {
        if (e.path().extension() != ".txt") continue;
        CAPTURE(e.path().string());
        const std::string xml = to_xml(parse_file(e.path()));
        const fs::path g = golden / (e.path().stem().string() + ".xml");
        if (regenerate) {
            std::ofstream(g, std::ios::binary) << xml;
        } else {
            REQUIRE_MESSAGE(fs::exists(g), "missing golden file; run with KV_REGENERATE_GOLDEN=1");
            CHECK(xml == kvtest::read_file(g));
        }
        ++n;
    }
    CHECK(n >= 5);
}

TEST_CASE("facts about the seed-like document that regeneration cannot hide") {
    const document doc = parse_file(fs::path(KV_SOURCE_DIR) / "corpus" / "answered-merged-gap-footnote.txt");
    const std::string xml = to_xml(doc);
    CHECK(xml.find("<asker party=\"PvdA\">Spekman</asker>") == std::string::npos);  // the corpus text is our own
    CHECK(kvtest::dump(doc) == "q{1} a{1} q{2,4} a{2,4} q{5} a{5} gap{3} fn{1}");
    CHECK(xml.find("vraag 3 ontbreekt") != std::string::npos);
    CHECK(xml.find("<fn-ref number=\"1\"") != std::string::npos);
    CHECK(xml.find("gemeen-") == std::string::npos);
    CHECK(xml.find("Tweede Kamer, vergaderjaar") == std::string::npos);
    CHECK(xml.find("ISSN") == std::string::npos);
}

TEST_CASE("facts about every corpus document that regeneration cannot hide") {
    // each of our corpus documents is answered: every question has an answer and the
    // answerers are named (a golden file once kept an archive record parsed as one answer)
    for (const auto& e : fs::directory_iterator(fs::path(KV_SOURCE_DIR) / "corpus")) {
        if (e.path().extension() != ".txt") continue;
        CAPTURE(e.path().string());
        const document doc = parse_file(e.path());
        if (doc.kind != document_kind::answered) continue;
        CHECK(!doc.questions.empty());
        CHECK(!doc.answerers.empty());
        for (const auto& q : doc.questions) CHECK_MESSAGE(!q.paired.empty(), "question " << q.line << " has no answer");
    }
}

TEST_CASE("round trip through XML") {
    for (const auto& e : fs::directory_iterator(fs::path(KV_SOURCE_DIR) / "corpus")) {
        if (e.path().extension() != ".txt") continue;
        CAPTURE(e.path().string());
        check_round_trip(parse_file(e.path()));
    }
}

TEST_CASE("round trip keeps adjacent footnote references") {
    const document doc = parse("Vraag 1\nKent u «A» en «B»?\n1, 2\nAntwoord 1\nJa.\n1Krant A.\n2Krant B.\n"
                               "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1\n");
    REQUIRE(doc.questions.size() == 1);
    CHECK(doc.questions[0].footnote_refs.size() == 2);
    check_round_trip(doc);
}

TEST_CASE("round trip on the shared corpus") {
    const fs::path shared = kvtest::shared_dir();
    if (shared.empty()) {
        MESSAGE("skipped: ../shared is not there");
        return;
    }
    int n = 0;
    for (const char* sub : {"pdftotext", "pypdf", "pypdf2-docx", "misc"})
        for (const auto& e : fs::directory_iterator(shared / "corpus" / sub)) {
            CAPTURE(e.path().string());
            check_round_trip(parse_file(e.path()));
            ++n;
        }
    CHECK(n > 50);
}

TEST_CASE("document XML validates against the schema") {
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
        MESSAGE("skipped: xmllint not installed");
        return;
    }
    const fs::path xsd = fs::path(KV_SOURCE_DIR) / "schema" / "kamervragen.xsd";
    const fs::path tmp = fs::temp_directory_path() / "kv-schema-test";
    fs::create_directories(tmp);
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(fs::path(KV_SOURCE_DIR) / "corpus"))
        if (e.path().extension() == ".txt") inputs.push_back(e.path());
    if (const fs::path shared = kvtest::shared_dir(); !shared.empty())
        for (const auto& e : fs::directory_iterator(shared / "corpus" / "pypdf")) inputs.push_back(e.path());
    std::string cmd = "xmllint --noout --schema '" + xsd.string() + "'";
    int i = 0;
    for (const auto& in : inputs) {
        const fs::path out = tmp / (std::to_string(i++) + ".xml");
        std::ofstream(out, std::ios::binary) << to_xml(parse_file(in));
        cmd += " '" + out.string() + "'";
    }
    cmd += " 2>" + (tmp / "xmllint.log").string();
    const int rc = std::system(cmd.c_str());
    CHECK_MESSAGE(rc == 0, kvtest::read_file(tmp / "xmllint.log"));
}

TEST_CASE("reading bad XML reports where") {
    auto r = from_xml("<document><questions><question></document>");
    CHECK_FALSE(r.ok);
    CHECK(!r.error.empty());
    CHECK(r.offset > 0);
    CHECK_FALSE(from_xml("<other/>").ok);
}
