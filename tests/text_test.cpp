// Internal text helpers, checked against plain definitions: the fast paths must give what
// the simple forms give.
#include <doctest/doctest.h>
#include <re2/re2.h>
#include <unicode/normalizer2.h>

#include <random>
#include <thread>
#include <string>
#include <vector>

#include "../lib/src/phases.hpp"
#include "kamervragen/lexicon.hpp"
#include "../lib/src/text.hpp"

using namespace kamervragen::detail;

TEST_CASE("text: collapse_space, fast path and full path") {
    CHECK(collapse_space("twee woorden") == "twee woorden");
    CHECK(collapse_space("  twee   woorden \n") == "twee woorden");
    CHECK(collapse_space("a\tb\nc\rd\ve\ff") == "a b c d e f");
    CHECK(collapse_space("vaste\xC2\xA0spatie") == "vaste spatie");            // U+00A0
    CHECK(collapse_space("smalle\xE2\x80\x89spatie") == "smalle spatie");       // U+2009
    CHECK(collapse_space("\xE2\x80\xAF" "x\xE3\x80\x80y\xEF\xBB\xBF") == "x y");  // U+202F, U+3000, U+FEFF
    CHECK(collapse_space("d\xE2\x80\x99Hondt \xE2\x80\x93 ok") == "d\xE2\x80\x99Hondt \xE2\x80\x93 ok");  // ’ and – stay
    CHECK(collapse_space("ctrl\x01teken") == "ctrl\x01teken");
    CHECK(collapse_space("") == "");
    CHECK(collapse_space(" ") == "");
}

namespace {

struct found {
    int value;
    std::size_t begin;
    bool operator==(const found&) const = default;
};

// The pattern the scan replaced, used the way it was: FindAndConsume, the terminator read
// again as the start of the next match.
std::vector<found> by_pattern(const std::string& t) {
    static const RE2 glued(R"(([\p{L}?!.,;:»”’")\]])(\d{1,3})(?:[\s.,;:!?)]|$))");
    std::vector<found> out;
    re2::StringPiece in(t), pre, digits;
    while (RE2::FindAndConsume(&in, glued, &pre, &digits)) {
        out.push_back({std::stoi(std::string(digits.data(), digits.size())),
                       static_cast<std::size_t>(digits.data() - t.data())});
        if (in.data() > t.data()) in = re2::StringPiece(in.data() - 1, in.size() + 1);
    }
    return out;
}

std::vector<found> by_scan(const std::string& t) {
    std::vector<found> out;
    glued_number g;
    for (std::size_t from = 0; find_glued_number(t, from, g); from = g.end) out.push_back({g.value, g.begin});
    return out;
}

}  // namespace

TEST_CASE("text: the glued-number scan finds what the pattern it replaced found") {
    const std::vector<std::string> pieces = {"a", "Z", "é", "1", "23", "456", "7890", ".", ",", ";", ":", "?", "!",
                                             ")", "]", "\"", "»", "”", "’", " ", "\t", "-", "(", "x1", "2024"};
    std::mt19937 rng(20261129);
    int compared = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string t;
        const int len = 1 + static_cast<int>(rng() % 12);
        for (int i = 0; i < len; ++i) t += pieces[rng() % pieces.size()];
        const auto a = by_pattern(t), b = by_scan(t);
        INFO(t);
        CHECK(a == b);
        compared += !a.empty();
    }
    CHECK(compared > 1000);  // the inputs do hold glued numbers
    // lists of references: ",2" / ", 2" after a reference, before a space, .;:!?) or the end
    int v = 0;
    std::size_t e = 0;
    CHECK((list_tail_at("?1, 2 en", 2, v, e) && v == 2 && e == 5));
    CHECK((list_tail_at("?1,2.", 2, v, e) && v == 2 && e == 4));
    CHECK_FALSE(list_tail_at("?1, 2,3", 2, v, e));  // ',' does not end a list item
    CHECK_FALSE(list_tail_at("?1,  2", 2, v, e));   // one space at most
    CHECK_FALSE(list_tail_at("?1, 2345", 2, v, e));
}

TEST_CASE("words: a word counted by scanning the text is counted as the vocabulary counts it") {
    // text_builder::count scans the lines for its first few words and makes the vocabulary
    // after that; both must give the same number for any word, on any line.
    const std::vector<std::string> pieces = {"Gemeente", "gemeenten", "GEMEENTEN", "ten", "gemeen-", "-ten", "(gemeenten)",
                                             "gemeenten,", "«gemeenten»", "Beëindiging", "beëindiging", "BEËINDIGING",
                                             "ama's", "ex-", "\xE2\x84\xAA" "ern", "kern", "2024", "x1", "a", "É", "é.",
                                             std::string("nu\0l", 4), "–", "...", "\t", " ", "  ", "\xC2\xA0", "-"};
    std::mt19937 rng(29112026);
    int compared = 0, found = 0;
    for (int doc = 0; doc < 300; ++doc) {
        std::vector<line> lines;
        const int n_lines = 1 + static_cast<int>(rng() % 6);
        std::vector<std::string> words;
        for (int i = 0; i < n_lines; ++i) {
            line l;
            const int len = static_cast<int>(rng() % 10);
            for (int k = 0; k < len; ++k) {
                const std::string& p = pieces[rng() % pieces.size()];
                l.text += p;
                if (rng() % 3) l.text += ' ';
                words.push_back(p);
            }
            l.kind = rng() % 5 ? line_kind::text : line_kind::footnote;
            lines.push_back(std::move(l));
        }
        // the words asked: each piece lower-cased and stripped as the callers ask, and as is
        std::vector<std::string> asked;
        for (const auto& w : words) {
            asked.push_back(w);
            asked.push_back(to_lower(w));
            std::string stripped(w);
            while (!stripped.empty() && std::string("().,«»-").find(stripped.back()) != std::string::npos) stripped.pop_back();
            asked.push_back(to_lower(stripped));
        }
        for (const auto& w : asked) {
            const text_builder scan(nullptr, layout::plain, lines, {});
            const int by_scan = scan.count(w);  // a fresh builder's first counts scan
            const text_builder vocab(nullptr, layout::plain, lines, {});
            for (int k = 0; k < 8; ++k) (void)vocab.count("");  // use up the scans
            INFO("word [" << w << "] doc " << doc);
            CHECK(by_scan == vocab.count(w));
            const text_builder first_only(nullptr, layout::plain, lines, {});
            CHECK((first_only.count(w, 1) > 0) == (by_scan > 0));  // a scan that stops at the first
            ++compared;
            found += by_scan > 0;
        }
    }
    CHECK(compared > 2000);
    CHECK(found > 500);  // the words asked do occur
}

TEST_CASE("lines: the quick rejection of heading-like lines agrees with the full pattern") {
    // parse_heading rejects a line without a colon when the pattern, with nothing after the
    // heading, cannot match; it must give what the pattern with captures gives on any line.
    const std::vector<std::string> heads = {"Vraag", "Vragen", "Antwoord", "Antwoorden", "Vra", "Antw"};
    const std::vector<std::string> pieces = {" ",  "  ", "op", "de", "vraag", "vragen", "1", "12", "123", "1234", "0",
                                             ",",  "en", "&",  "t/m", "tot en met", "-", "–", "(", ")", "(vraag 3 ontbreekt)",
                                             ":",  ".",  "l",  "b",  "van het lid", "\xC2\xA0", "\t", "x", "Ja."};
    std::mt19937 rng(1129);
    int headings = 0, rejected = 0;
    for (int n = 0; n < 60000; ++n) {
        std::string t = heads[rng() % heads.size()];
        const int len = static_cast<int>(rng() % 9);
        for (int i = 0; i < len; ++i) t += pieces[rng() % pieces.size()];
        const auto quick = parse_heading(t);
        if (t.size() > 200) continue;
        const bool fast_path = (t.rfind("Vraag ", 0) == 0 && t.size() <= 9) || (t.rfind("Antwoord ", 0) == 0 && t.size() <= 12);
        if (fast_path) continue;  // "Vraag 12": decided before either
        INFO("[" << t << "]");
        CHECK(quick == parse_heading_by_pattern(t));
        headings += quick.has_value();
        rejected += !quick.has_value();
    }
    CHECK(headings > 2000);
    CHECK(rejected > 2000);
}

TEST_CASE("metadata: the opening sentences read by hand give what the patterns give") {
    // find_vragen and find_antwoord read collapsed text by hand; on random sentences of the
    // words the patterns turn on they must capture exactly what the RE2 patterns capture.
    const std::vector<std::string> pieces = {
        "Vragen van", "vragen van", "VRAAG van", "VRAGEN van", "het lid", "het Kamerlid", "de leden", "de Kamerleden",
        "de leden der Kamer", "het lid der Kamer", "de heer", "de heeren", "den heer", "den heeren", "de heren", "mevrouw",
        "mejuffrouw", "Jansen", "(PvdA)", "Van Dijk", "aan", "de Minister", "van", "en", "over", "inzake:", "inzake", "in zake",
        "betreffende", "in verband met", "het bericht", "«Zorg»", "é", "(ingezonden 3 mei 2011)", "(Ingezonden 4 juni)",
        "(in- ge- zon- den 4 juni)", "(ingezonden", "(1ngezonden 2 juli)", "(ingediend 1 mei)", "(Ingediend)", "(lnge-zonden 9 mei)",
        "(", ")", ".", ",", "Antwoord van", "Nader antwoord van", "Mededeling van", "Minister Bruins", "(ontvangen 5 mei 2011)",
        "(ontvan- gen 5 juni)", "(Ontvangen 1 juli)", "(ontvangen", "(Ontvan-gen 2 mei)", "–", "x"};
    std::mt19937 rng(2911);
    int vragen = 0, antwoord = 0, compared = 0;
    for (int n = 0; n < 40000; ++n) {
        std::string t;
        // half of them shaped like the sentences: head, form of address, names, "aan",
        // keyword, subject, date, each piece sometimes left out or taken at random
        if (n % 2) {
            auto pick = [&](std::initializer_list<const char*> l) { return std::string(*(l.begin() + rng() % l.size())); };
            auto maybe = [&](const std::string& w) { return rng() % 5 ? w : pieces[rng() % pieces.size()]; };
            t = maybe(pick({"Vragen van", "vragen van", "VRAAG van", "VRAGEN van"})) + " " +
                maybe(pick({"het lid", "het Kamerlid", "de leden", "de heer", "de heeren", "den heeren", "mevrouw",
                            "het lid der Kamer"})) +
                " " + maybe(pick({"Jansen (PvdA)", "Van Dijk", "Jansen en Van Dijk (VVD)", "aan", "X"}));
            if (rng() % 2) t += " aan " + maybe(pick({"de Minister van Financiën", "de staatssecretaris", "over", "x"}));
            t += " " + maybe(pick({"over", "inzake:", "inzake", "in zake", "betreffende", "in verband met"})) + " " +
                 maybe(pick({"het bericht «Zorg»", "de aanpak (deel 2)", "over de zaak", "x"}));
            if (rng() % 3) t += " " + maybe(pick({"(ingezonden 3 mei 2011)", "(in- ge- zon- den 4 juni)", "(Ingediend 1 mei)",
                                                  "(ingezonden", "(1ngezonden 2 juli)"}));
            if (rng() % 2) t += ". " + maybe(pick({"Antwoord van", "Nader antwoord van", "Mededeling van"})) + " " +
                                 maybe(pick({"Minister Bruins (VWS)", "staatssecretaris X", "("})) +
                                 (rng() % 3 ? " " : "") + maybe(pick({"(ontvangen 5 mei 2011)", "(ontvan- gen 5 juni)", "(Ontvangen"}));
        }
        const int len = n % 2 ? static_cast<int>(rng() % 3) : 1 + static_cast<int>(rng() % 14);
        for (int i = 0; i < len; ++i) {
            t += pieces[rng() % pieces.size()];
            const auto gap = rng() % 8;
            t += gap == 0 ? "" : gap == 7 ? "  " : gap == 6 ? "\t" : " ";  // some text is not collapsed: the patterns read it
        }
        if (rng() % 4) t = collapse_space(t);
        INFO("[" << t << "]");
        const auto hv = find_vragen(t), pv = find_vragen(t, true);
        CHECK(hv == pv);
        const auto ha = find_antwoord(t), pa = find_antwoord(t, true);
        CHECK(ha == pa);
        vragen += pv.has_value();
        antwoord += pa.has_value();
        ++compared;
    }
    CHECK(vragen > 3000);
    CHECK(antwoord > 3000);
}

TEST_CASE("text: NFC's quick path gives what ICU's normalisation gives") {
    // normalize_nfc keeps a text as it is when every code point from U+0300 on is one NFC
    // leaves alone; it must agree with ICU on text that holds marks, singletons (Ohm,
    // Angstrom, en quad), Hangul jamo, compatibility ideographs and marks out of order.
    const std::vector<std::string> pieces = {"a", "e", "Z", " ", "\xC3\xA9", "\xCC\x81", "\xCC\x96", "\xCC\xB4",
                                             "\xE2\x84\xA6", "\xE2\x84\xAB", "\xE2\x80\x80", "\xE2\x80\x93",
                                             "\xC2\xAB", "\xE2\x82\xAC", "\xE1\x84\x80", "\xE1\x85\xA1",
                                             "\xEF\xA4\x80", "\xEF\xBF\xBD", "\xCD\x82", "\xD7\x90", "1"};
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
    REQUIRE(U_SUCCESS(st));
    std::mt19937 rng(112926);
    int changed = 0, kept = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string t;
        const int len = 1 + static_cast<int>(rng() % 8);
        for (int i = 0; i < len; ++i) t += pieces[rng() % pieces.size()];
        std::string want;
        icu::StringByteSink<std::string> sink(&want);
        nfc->normalizeUTF8(0, icu::StringPiece(t.data(), static_cast<int32_t>(t.size())), sink, nullptr, st);
        REQUIRE(U_SUCCESS(st));
        INFO(t);
        CHECK(normalize_nfc(t) == want);
        (want == t ? kept : changed)++;
    }
    CHECK(changed > 2000);
    CHECK(kept > 2000);
}

TEST_CASE("text: count_chars counts code points eight bytes at a time as one at a time") {
    std::mt19937 rng(1130);
    for (int n = 0; n < 5000; ++n) {
        std::string t(rng() % 40, ' ');
        for (char& c : t) c = static_cast<char>(rng() % 4 == 0 ? 0x80 + rng() % 128 : rng() % 128);
        int want = 0;
        for (char c : t) want += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        INFO(n);
        CHECK(count_chars(t) == want);
    }
    CHECK(count_chars("ë–x") == 3);
}

TEST_CASE("text: collapse_space's check for text that needs no change agrees with the full path") {
    const std::vector<std::string> pieces = {"a", "bc", " ", "  ", "\t", "\n", "\x01", "\x1f", "\xC2\xA0", "\xE2\x80\x89",
                                             "\xE2\x80\x93", "\xE2\x80\xAF", "\xE3\x80\x80", "\xEF\xBB\xBF", "\xC3\xAB",
                                             "woorden", "x", "12345678", "\x7f"};
    std::mt19937 rng(2026);
    int same = 0;
    for (int n = 0; n < 200000; ++n) {
        std::string t;
        const int len = static_cast<int>(rng() % 16);
        for (int i = 0; i < len; ++i) t += pieces[rng() % pieces.size()];
        INFO("[" << t << "]");
        const std::string fast = collapse_space(t);
        CHECK(fast == collapse_space_full(t));
        same += fast == t;
    }
    CHECK(same > 20000);  // the quick check is taken
}

TEST_CASE("footnotes: a numbered line read by hand is what the pattern reads") {
    const std::vector<std::string> pieces = {"1", "12", "123", "4567", ")", " ", "  ", "\t", "\v", "\f", "\n", "Deze",
                                             "brief", "x", "https://", "\xC3\xA9", "\xE2\x80\x9C", "(", ".", "\xFF", "0"};
    std::mt19937 rng(29);
    int matched = 0;
    for (int n = 0; n < 100000; ++n) {
        std::string t;
        const int len = 1 + static_cast<int>(rng() % 6);
        for (int i = 0; i < len; ++i) t += pieces[rng() % (i == 0 ? 4 : pieces.size())];
        std::string n1, s1, b1, n2, s2, b2;
        const bool hand = numbered_line(t, n1, s1, b1), pattern = numbered_line_by_pattern(t, n2, s2, b2);
        INFO("[" << t << "]");
        REQUIRE(hand == pattern);
        if (hand) CHECK((n1 == n2 && s1 == s2 && b1 == b2));
        matched += hand;
    }
    CHECK(matched > 20000);
}

TEST_CASE("text: dates read by hand are what the patterns read") {
    const std::vector<std::string> pieces = {"1", "18", "123", "2011", "20111", " ", "  ", "\n", "\t", "juli", "Juli", "JULI",
                                             "september", "Mei", "mei", "maart", "oktober", "okt", "x", "_", ".", "-", "/",
                                             "07", "(ingezonden", ")", "\xC3\xA9", "augustus", "ontvangen", "a"};
    std::mt19937 rng(2911);
    int dated = 0;
    for (int n = 0; n < 60000; ++n) {
        std::string t;
        const int len = 1 + static_cast<int>(rng() % 9);
        if (n % 2) {  // shaped like a date, each part sometimes replaced
            auto any = [&] { return pieces[rng() % pieces.size()]; };
            auto pick = [&](std::initializer_list<const char*> l) { return std::string(*(l.begin() + rng() % l.size())); };
            t = (rng() % 3 ? "" : any()) + (rng() % 5 ? pick({"1", "18", "07", "3"}) : any()) +
                (rng() % 5 ? pick({" ", "", "  ", "\n"}) : any()) +
                (rng() % 5 ? pick({"juli", "JULI", "September", "mei", "oktober", "December", "maart"}) : any()) +
                (rng() % 5 ? pick({" ", "", "\t"}) : any()) + (rng() % 5 ? pick({"2011", "1998", "20231"}) : any()) +
                (rng() % 3 ? "" : any());
        } else {
            for (int i = 0; i < len; ++i) t += pieces[rng() % pieces.size()];
        }
        INFO("[" << t << "]");
        const std::string got = parse_dutch_date(t);
        CHECK(got == parse_dutch_date_by_pattern(t));
        dated += !got.empty();
    }
    CHECK(dated > 3000);
    CHECK(parse_dutch_date("(ingezonden 18 juli 2011)") == "2011-07-18");
    CHECK(parse_dutch_date("1 oktober\n2023") == "2023-10-01");
}

TEST_CASE("lexicon: remembered answers are the dictionary's, per lexicon and per thread") {
    auto a = kamervragen::lexicon::open_default();
    if (!a) {
        MESSAGE("skipped: no Dutch hunspell dictionary installed");
        return;
    }
    const std::vector<std::string> words = {"gemeenten", "Gemeenten", "huurwoningen", "schapslaghabouw", "werkpraktijk",
                                            "xqzt", "beëindiging", "minister", "Ministerie", "kinderopvangtoeslag"};
    std::vector<bool> first;
    for (const auto& w : words) first.push_back(a->is_word(w));
    CHECK(first[0]);
    CHECK_FALSE(first[3]);
    for (int round = 0; round < 2; ++round)  // asked again: from what the thread remembers
        for (std::size_t i = 0; i < words.size(); ++i) CHECK(a->is_word(words[i]) == first[i]);
    // another lexicon in the same thread, and the first again in another thread
    auto b = kamervragen::lexicon::open_default();
    REQUIRE(b);
    for (std::size_t i = 0; i < words.size(); ++i) CHECK(b->is_word(words[i]) == first[i]);
    std::vector<bool> other(words.size());
    std::thread t([&] {
        for (std::size_t i = 0; i < words.size(); ++i) other[i] = a->is_word(words[i]);
    });
    t.join();
    CHECK(other == first);
}
