// robustness_test.cpp: encodings and pathological inputs (run under a ctest timeout).
#include <doctest/doctest.h>

#include <random>

#include "kamervragen/parser.hpp"
#include "kamervragen/xml.hpp"
#include "../lib/src/text.hpp"
#include "test_support.hpp"

using namespace kamervragen;

namespace {
bool has_code(const document& d, const std::string& code) {
    for (const auto& x : d.diagnostics)
        if (x.code == code) return true;
    return false;
}
}  // namespace

TEST_CASE("UTF-8 byte-order mark is dropped") {
    const auto doc = parse("\xEF\xBB\xBFVraag 1\nKlopt het?\nAntwoord 1\nJa.\n");
    CHECK(kvtest::dump(doc) == "q{1} a{1}");
    CHECK(has_code(doc, "utf8_bom"));
}

TEST_CASE("Windows-1252 is converted") {
    const auto doc = parse("Vraag 1\nIs de be\xEB" "indiging \x93" "definitief\x94?\nAntwoord 1\nJa.\n");
    CHECK(doc.questions.at(0).text == "Is de beëindiging “definitief”?");
    CHECK(has_code(doc, "converted_cp1252"));
}

TEST_CASE("UTF-16 with a byte-order mark is converted") {
    const std::string ascii = "Vraag 1\nKlopt het?\nAntwoord 1\nJa.\n";
    std::string le = "\xFF\xFE";
    for (char c : ascii) {
        le += c;
        le += '\0';
    }
    const auto doc = parse(le);
    CHECK(kvtest::dump(doc) == "q{1} a{1}");
    CHECK(has_code(doc, "converted_utf16"));
}

TEST_CASE("NUL and control characters do not break the XML") {
    const auto doc = parse(std::string("Vraag 1\nKlopt\x01 het\0?\nAntwoord 1\nJa.\n", 32));
    CHECK(from_xml(to_xml(doc)).ok);
}

TEST_CASE("100,000 headings") {
    std::string s;
    for (int i = 1; i <= 50000; ++i) s += "Vraag " + std::to_string(i % 300 + 1) + "\nTekst?\nAntwoord 1\nJa.\n";
    const auto doc = parse(s);
    CHECK(doc.questions.size() == 50000);
}

TEST_CASE("one 20 MB line") {
    std::string s = "Vraag 1\n";
    s.reserve(21 << 20);
    while (s.size() < (20u << 20)) s += "woord-woord ";
    s += "\nAntwoord 1\nJa.\n";
    const auto doc = parse(s);
    CHECK(kvtest::dump(doc) == "q{1} a{1}");
}

TEST_CASE("only footnote-like lines") {
    std::string s;
    for (int i = 1; i < 2000; ++i) s += std::to_string(i) + " Kamerstuk " + std::to_string(i) + "\n" + "tekst" + std::to_string(i) + "\n";
    const auto doc = parse(s);
    CHECK(from_xml(to_xml(doc)).ok);
}

TEST_CASE("huge ranges are not expanded") {
    const auto doc = parse("Vraag 1 t/m 99999\nAlles?\nAntwoord 1 t/m 300\nJa.\n");
    for (const auto& q : doc.questions) CHECK(q.numbers.size() <= 400);
}

TEST_CASE("numbers too long for an int are read as no number, not a crash") {
    // each digit run below once reached std::stoi, which throws past INT_MAX
    const std::string big = "30672267221";
    for (const std::string& s :
         {"AH " + big + "\nVraag 1\nKlopt het?\nAntwoord 1\nJa.\n",
          "ah-tk-20102011-" + big + "\nVraag 1\nKlopt het?\nAntwoord 1\nJa.\n",
          "Vraag " + big + "\nKlopt het?\nAntwoord " + big + "\nJa.\n",
          "Vraag 1 t/m " + big + "\nAlles?\nAntwoord 1\nJa.\n",
          "Vraag 1\nKlopt het?" + big + "\nAntwoord 1\nJa.\n" + big + " Een noot.\n",
          "Vraag 1\nKlopt het (ingezonden " + big + " juli 2011)?\nAntwoord 1\nJa, per " + big + "-07-2011.\n",
          "Tweede Kamer der Staten-Generaal\n" + big + "\nVergaderjaar 2010-2011\nVraag 1\nKlopt het?\n"}) {
        INFO(s);
        document doc;
        CHECK_NOTHROW(doc = parse(s));
        CHECK(from_xml(to_xml(doc)).ok);
        if (doc.number) CHECK(*doc.number != 2147483647);
    }
    CHECK(kamervragen::detail::to_int("2147483647") == 2147483647);
    CHECK_FALSE(kamervragen::detail::to_int("2147483648").has_value());
    CHECK_FALSE(kamervragen::detail::to_int("").has_value());
    CHECK_FALSE(kamervragen::detail::to_int("12a").has_value());
    CHECK(kamervragen::detail::to_int_or_max(big) == 2147483647);
    CHECK(kamervragen::detail::to_int_or_max("x") == 0);
}

TEST_CASE("random bytes give a document, not a crash") {
    std::mt19937 rng(12345);
    for (int round = 0; round < 200; ++round) {
        std::string s(static_cast<std::size_t>(rng() % 4000), '\0');
        for (char& c : s) {
            const auto r = rng() % 100;
            c = r < 10 ? '\n' : r < 15 ? '1' : r < 18 ? '\f' : static_cast<char>(rng() % 256);
        }
        if (round % 3 == 0) s = "Vraag 1\n" + s + "\nAntwoord 2 en 3\n" + s;
        const auto doc = parse(s);
        CHECK(from_xml(to_xml(doc)).ok);
    }
}
