// words.cpp: the inline passes over a unit's lines. Footnote references become markers;
// lines are joined, deciding at each line-break hyphen whether it belongs to the word
// ("ex-ama's", "Immigratie- en") or to the typesetter ("gemeen-ten"); words an extractor
// glued at a line break ("uwreactie") are split again. Decisions ask the Dutch lexicon
// and the document's own vocabulary, never a list of cases.
#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <tuple>
#include <array>
#include <unordered_map>

#include "kamervragen/lexicon.hpp"
#include "phases.hpp"
#include "text.hpp"

namespace kamervragen::detail {
namespace {

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string marker(int n) {
    std::string s;
    append_utf8(s, ref_marker_base + static_cast<char32_t>(n));
    return s;
}

// Words bounded by white space, with surrounding punctuation stripped.
std::string_view strip_punct(std::string_view w) {
    auto is_edge_punct = [](char32_t c) { return c != 0 && !is_letter(c) && !(c >= '0' && c <= '9'); };
    while (!w.empty() && is_edge_punct(first_char(w))) {
        std::size_t n = 1;
        while (n < w.size() && (static_cast<unsigned char>(w[n]) & 0xC0) == 0x80) ++n;
        w.remove_prefix(n);
    }
    while (!w.empty() && is_edge_punct(last_char(w))) {
        std::size_t n = w.size() - 1;
        while (n > 0 && (static_cast<unsigned char>(w[n]) & 0xC0) == 0x80) --n;
        w = w.substr(0, n);
    }
    return w;
}

bool all_letters(std::string_view w) {
    if (w.empty()) return false;
    std::size_t i = 0;
    while (i < w.size()) {
        std::size_t start = i;
        ++i;
        while (i < w.size() && (static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) ++i;
        if (!is_letter(first_char(w.substr(start, i - start)))) return false;
    }
    return true;
}

// Short words that may stand on either side of a glued pair ("uw reactie", "te verbeteren",
// "van inrichtingsmedewerker"): articles, pronouns, prepositions, conjunctions, particles.
bool short_function_word(std::string_view w) {
    static const std::array<std::string_view, 63> list = {
        "u",   "uw",   "te",   "de",   "en",   "op",   "in",   "om",   "of",  "is",   "er",
        "al",  "zo",   "nu",   "ik",   "we",   "je",   "na",   "ze",   "bij", "het",  "een",
        "dat", "die",  "af",   "aan",  "met",  "van",  "voor", "als",  "dan", "ook",  "nog",
        "wel", "niet", "door", "tot",  "uit",  "naar", "deze", "dit",  "wat", "wie",  "nee",
        "per", "ter", "ten", "dus", "pas", "hij", "zij", "wij", "hun", "ons", "men", "zou",
        "mij", "hem", "heb", "had", "ben", "zal", "via"};
    return std::find(list.begin(), list.end(), w) != list.end();
}

// Particles and prepositions that begin compounds ("buitenstedelijk", "onderzoek").
bool compound_particle(std::string_view w) {
    static const std::array<std::string_view, 14> list = {"buiten", "binnen", "onder", "boven",  "tussen",
                                                          "achter", "tegen",  "mede",  "samen",  "terug",
                                                          "verder", "over",   "door",  "rond"};
    return std::find(list.begin(), list.end(), w) != list.end();
}

}  // namespace

text_builder::text_builder(const lexicon* lex, layout lay, const std::vector<line>& all_lines,
                           std::set<int> footnote_numbers)
    : lex_(lex), layout_(lay), footnotes_(std::move(footnote_numbers)), all_lines_(&all_lines) {}

// A word of the document met once more.
void text_builder::count_word(std::string_view w) const {
    const std::uint64_t h = short_hash(w);
    if (int* c = vocab_.find(w, h)) ++*c;
    else vocab_.add(w, h, 1);
}

// The document's vocabulary is made when a hyphen or a glued word first asks for it: some
// documents never do (about one in five of the generated ones).
void text_builder::make_vocab() const {
    vocab_made_ = true;
    std::string key;  // reused: most words are seen before and need no allocation
    std::size_t bytes = 0;
    for (const line& l : *all_lines_) bytes += l.text.size();
    vocab_.reserve(bytes / 16);  // about one distinct word in three, words of about six letters
    char lower[64];
    for (const line& l : *all_lines_) {
        if (l.kind != line_kind::text) continue;
        const std::string_view t = l.text;
        if (is_ascii(t)) {
            // An ASCII line (most are) in one loop: the same words as below, split at spaces,
            // a word ending in a hyphen left out, stripped of what is no letter or digit.
            auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
            auto edge = [](char c) {
                return c != '\0' && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
            };
            for (std::size_t i = 0; i < t.size();) {
                while (i < t.size() && space(t[i])) ++i;
                std::size_t a = i, z = i;
                while (z < t.size() && !space(t[z])) ++z;
                i = z;
                if (a == z || t[z - 1] == '-') continue;
                while (a < z && edge(t[a])) ++a;
                while (z > a && edge(t[z - 1])) --z;
                if (a == z || z - a >= sizeof lower) continue;
                for (std::size_t k = a; k < z; ++k)
                    lower[k - a] = t[k] >= 'A' && t[k] <= 'Z' ? static_cast<char>(t[k] + 32) : t[k];
                count_word(std::string_view(lower, z - a));
            }
            continue;
        }
        for_each_word(l.text, [&](std::string_view w) {
            if (vocab_key(w, key)) count_word(key);
        });
    }
}

// A word of a line with bytes beyond ASCII as the vocabulary counts it: not ending in a
// hyphen (a broken word is no evidence), stripped of punctuation, lower-cased.
bool text_builder::vocab_key(std::string_view w, std::string& key) {
    if (ends_with(w, "-")) return false;
    std::string_view s = strip_punct(w);
    if (s.empty() || s.size() >= 64) return false;
    if (is_ascii(s)) {
        key.assign(s);
        for (char& c : key)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    } else {
        key = to_lower(s);
    }
    return true;
}

// Most documents ask for a few words only (two or three in the generated ones): those
// are counted by a scan of the text for the word, without making the vocabulary. The
// count is the vocabulary's: the same words, split, stripped and lower-cased the same way.
int text_builder::count_by_scan(std::string_view lower, int enough) const {
    if (lower.empty() || lower.size() >= 64) return 0;
    bool lower_ascii = true;
    for (char c : lower) {
        if ((c >= 'A' && c <= 'Z') || c == ' ' || (c >= '\t' && c <= '\r')) return 0;  // lower case, no spaces
        lower_ascii = lower_ascii && static_cast<unsigned char>(c) < 0x80;
    }
    auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    auto edge = [](char c) {
        return c != '\0' && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
    };
    auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    const char first = lower[0];
    if (ascii_lines_.empty()) {
        ascii_lines_.reserve(all_lines_->size());
        for (const line& l : *all_lines_) ascii_lines_.push_back(is_ascii(l.text));
    }
    // the next place at or after `from` where the word stands, in any ASCII case: eight
    // bytes at a time to the next byte that is its first letter in either case
    const bool first_letter = first >= 'a' && first <= 'z';
    auto find_folded = [&](std::string_view t, std::size_t from) {
        constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
        const std::uint64_t case_bit = first_letter ? 0x2020202020202020ull : 0, pattern = ones * static_cast<unsigned char>(first);
        for (std::size_t p = from; p + lower.size() <= t.size(); ++p) {
            if (p + 8 <= t.size()) {
                std::uint64_t w;
                std::memcpy(&w, t.data() + p, 8);
                const std::uint64_t x = (w | case_bit) ^ pattern;  // zero where the letter is
                const std::uint64_t z = (x - ones) & ~x & high;     // its lowest flag is a true zero
                if (!z) {
                    p += 7;
                    continue;
                }
                p += static_cast<std::size_t>(__builtin_ctzll(z)) / 8;
                if (p + lower.size() > t.size()) break;
            }
            std::size_t k = 0;
            while (k < lower.size() && fold(t[p + k]) == lower[k]) ++k;
            if (k == lower.size()) return p;
        }
        return std::string_view::npos;
    };
    // Only the Kelvin sign (U+212A) lower-cases to ASCII from beyond it: a word without
    // a 'k' that counts is in the line as it is, in some case.
    const bool literal = lower_ascii && lower.find('k') == std::string_view::npos;
    int n = 0;
    std::string key;
    for (std::size_t li = 0; li < all_lines_->size() && n < enough; ++li) {
        const line& l = (*all_lines_)[li];
        if (l.kind != line_kind::text) continue;
        const std::string_view t = l.text;
        if (!ascii_lines_[li]) {
            if (literal && find_folded(t, 0) == std::string_view::npos) continue;
            for_each_word(t, [&](std::string_view w) {
                if (vocab_key(w, key) && key == lower) ++n;
            });
            continue;
        }
        if (!lower_ascii) continue;  // an ASCII word lower-cases to ASCII
        for (std::size_t p = find_folded(t, 0); p != std::string_view::npos;) {
            // the word around p, as make_vocab's ASCII loop takes it
            std::size_t a = p, z = p;
            while (a > 0 && !space(t[a - 1])) --a;
            while (z < t.size() && !space(t[z])) ++z;
            if (t[z - 1] != '-') {
                std::size_t za = z;
                while (a < za && edge(t[a])) ++a;
                while (za > a && edge(t[za - 1])) --za;
                if (za - a == lower.size()) {
                    std::size_t i = 0;
                    while (i < lower.size() && fold(t[a + i]) == lower[i]) ++i;
                    if (i == lower.size()) ++n;
                }
            }
            p = find_folded(t, z);  // on to the next word
        }
    }
    return n;
}

int text_builder::count(const std::string& lower, int enough) const {
    if (!vocab_made_ && scans_ < 8) {
        ++scans_;
        return count_by_scan(lower, enough);
    }
    if (!vocab_made_) make_vocab();
    const int* c = vocab_.find(lower, short_hash(lower));
    return c ? *c : 0;
}

bool text_builder::lexicon_word(std::string_view word) const {
    if (!lex_ || word.empty()) return false;
    std::string key(word);
    auto it = lex_cache_.find(key);
    if (it != lex_cache_.end()) return it->second;
    bool ok = lex_->is_word(word);
    if (!ok) {
        std::string lower = to_lower(word);
        ok = lower != key && lex_->is_word(lower);
    }
    lex_cache_.emplace(std::move(key), ok);
    return ok;
}

bool text_builder::known(std::string_view word) const {
    if (word.empty()) return false;
    if (count(to_lower(word), 1) > 0) return true;
    return lexicon_word(word);
}

bool text_builder::closes_compound(const std::string& lower) const {
    if (!lex_ || lower.size() < 4) return false;
    // an inflected adjective closes as its stem does ("staats|geheime": "geheim")
    return lex_->can_end_compound(lower) ||
           (lower.back() == 'e' && lex_->can_end_compound(std::string_view(lower).substr(0, lower.size() - 1)));
}

bool text_builder::other_head(const std::string& lower, std::size_t split) const {
    // Only ends that begin before the split ("tussen|uitspraken" against "tussenuit|
    // spraken"): the second part's own ends ("be|sloten") say nothing. Only long ends:
    // short ones ("orden", "eren") are words by accident.
    for (std::size_t k = 3; k < split && k + 6 <= lower.size(); ++k) {
        if ((static_cast<unsigned char>(lower[k]) & 0xC0) == 0x80) continue;
        const std::string tail = lower.substr(k);
        if (lexicon_word(tail) && closes_compound(tail)) return true;
    }
    return false;
}

std::string text_builder::split_glued(std::string_view core) const {
    // A glued pair is no word of the lexicon, and each half is one (without a lexicon:
    // each half occurs at least twice in the document and the pair at most once).
    // Names and terms the lexicon lacks ("Dijkgraaf", "Integis") start with a capital;
    // a word glued by the extractor is mostly mid-sentence, lower case. A capitalised
    // pair is split only next to a function word ("Zonee", "Infrastructuuren").
    if (core.size() < 3 || !all_letters(core) || lexicon_word(core)) return {};
    const bool capital = !is_lower(first_char(core));
    if (capital && (!is_upper(first_char(core)) || count(to_lower(core)) > 1)) return {};
    if (!lex_ && count(to_lower(core)) > 1) return {};
    auto word_ok = [&](std::string_view w) {
        const std::string lw = to_lower(w);
        if (short_function_word(lw)) return true;
        if (w.size() <= 2) return false;
        return lex_ ? lexicon_word(w) : count(lw) > 1;
    };
    auto any_char = [](std::string_view w, bool (*pred)(char32_t)) {
        for (std::size_t i = 0; i < w.size();) {
            std::size_t start = i++;
            while (i < w.size() && (static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) ++i;
            if (pred(first_char(w.substr(start, i - start)))) return true;
        }
        return false;
    };
    auto has_upper = [&](std::string_view w) { return any_char(w, is_upper); };
    auto has_lower = [&](std::string_view w) { return any_char(w, is_lower); };
    std::string best;
    // Best split: most halves the document uses on their own, then a function word,
    // then the most even lengths ("gestelde termijn" over "gesteld etermijn").
    std::tuple<int, int, std::size_t> best_score{-1, 0, 0};
    for (std::size_t k = 1; k < core.size(); ++k) {
        if ((static_cast<unsigned char>(core[k]) & 0xC0) == 0x80) continue;
        std::string_view a = core.substr(0, k), b = core.substr(k);
        const std::string la = to_lower(a), lb = to_lower(b);
        const bool function_pair = short_function_word(la) || short_function_word(lb);
        // a capital is the sentence's or a name's: "Zo|nee", "Infrastructuur|en", never "Mutlu|er"
        // "LTOen": an acronym before a function word (never "CDA|er": "CDA'er" is a word)
        const bool acronym_pair = capital && a.size() >= 2 && !has_lower(a) && short_function_word(lb) && lb != "er";
        if (capital && !acronym_pair && !(function_pair && (short_function_word(la) || lexicon_word(la)))) continue;
        if (has_upper(a.substr(1)) && !acronym_pair) continue;
        const int used = (count(la) > 0 ? 1 : 0) + (count(lb) > 0 ? 1 : 0);
        if (is_upper(first_char(b))) {
            // "deInlichtingen", "tegenOekraïne": a lower-case word glued to a name
            if (capital || !word_ok(a)) continue;
            // "enNOJG": an acronym after a function word
            if (has_upper(b.substr(1)) && !(short_function_word(la) && !has_lower(b))) continue;
            if (count(lb) == 0 && !lexicon_word(b)) continue;
        } else {
            // after a function word, a word the document uses on its own is enough
            // ("bij|gewichthefbond"); not before one: "-en", "-te" end Dutch words
            // ("contentmoderatoren" is no "contentmoderator|en")
            const bool b_used = short_function_word(la) && lex_ && b.size() > 3 && count(lb) > 0;
            if (has_upper(b) || !word_ok(a) || !(word_ok(b) || b_used)) continue;
            // Dutch writes compounds as one word, and the lexicon accepts compound parts
            // ("sjoemel", "gewichthef"): split next to a function word, or where both
            // halves are long lexicon words and the document uses the first on its
            // own ("steedsverder", "termijnbeantwoorden"; never "staats|geheime").
            // A second part the dictionary never lets close a compound ("verder", "minder",
            // "opgelopen") makes the pair two words even without the document's evidence
            // ("inkomsten|minder", "studievertraging|opgelopen").
            const bool closes = closes_compound(lb);
            const bool long_used = lex_ && a.size() >= 4 && b.size() >= 4 && count(la) > 0;
            // Not after a particle ("buiten|stedelijk") or a loanword ending in a full vowel
            // ("horeca|lokaliteit", "privé|uitlatingen"): those begin compounds freely.
            // Nor where a longer end of the pair closes a compound ("tussenuit|spraken" ends
            // in "uitspraken").
            const bool no_compound = lex_ && a.size() >= 5 && b.size() >= 5 && lexicon_word(a) && !closes &&
                                     !compound_particle(la) && (std::strchr("aiouy", la.back()) == nullptr) &&
                                     (static_cast<unsigned char>(la.back()) < 0x80) && !other_head(to_lower(core), k);
            // An inflected adjective before a noun ("juiste|versie", "onafhankelijke|
            // integriteitscentrum"): Dutch compounds take the bare stem, and the lexicon
            // knows the few that do not ("hogeschool").
            const bool inflected = lex_ && a.size() >= 5 && b.size() >= 5 && la.back() == 'e' &&
                                   lexicon_word(la.substr(0, la.size() - 1));
            // both halves used on their own is evidence, but a short first part before a
            // word that may close a compound is a compound's ("net|congestie")
            const bool both_used = used == 2 && (a.size() >= 4 || !closes);
            if (!function_pair && !both_used && !long_used && !inflected && !no_compound) continue;
        }
        const std::tuple<int, int, std::size_t> score{used, function_pair ? 1 : 0, std::min(a.size(), b.size())};
        if (score > best_score) {
            best_score = score;
            best = std::string(a) + " " + std::string(b);
        }
    }
    return best;
}

void text_builder::append_hyphenated(std::string& out, std::string_view right) const {
    // out ends with "-" right after a letter; only its last word matters.
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    std::string_view l = out;
    std::size_t ws = l.find_last_of(" \t\n");
    std::string_view last_word = ws == std::string_view::npos ? l : l.substr(ws + 1);
    std::string_view stem = strip_punct(last_word.substr(0, last_word.size() - 1));
    // the part after an internal hyphen ("Onderzoek-en-" is rare; "ex-" is common)
    std::size_t inner = stem.rfind('-');
    std::string_view tail = inner == std::string_view::npos ? stem : stem.substr(inner + 1);
    std::string_view r = trim_left(right);
    std::size_t rws = r.find_first_of(" \t");
    std::string_view first_word = rws == std::string_view::npos ? r : r.substr(0, rws);
    std::string_view rw = strip_punct(first_word);
    // "Immigratie-" + "en Naturalisatiedienst": the hyphen stands for a shared part.
    static const std::array<std::string_view, 5> conj = {"en", "of", "tot", "noch", "als"};
    if (std::find(conj.begin(), conj.end(), rw) != conj.end()) {
        out += ' ';
        out += r;
        return;
    }
    const char32_t rc = first_char(rw);
    bool keep = false;
    if (rw.empty() || !is_letter(rc) || is_upper(rc)) {
        keep = true;  // "Noord-" + "Brabant", "COVID-" + "19"
    } else {
        std::string joined = std::string(tail) + std::string(rw);
        std::string hyphenated = std::string(tail) + "-" + std::string(rw);
        if (known(joined))
            keep = false;
        else if (known(hyphenated) || known(std::string(stem) + "-" + std::string(rw)))
            keep = true;
        else if (tail.size() <= 2 || !all_letters(tail) || (is_upper(first_char(tail)) && is_upper(last_char(tail))))
            keep = true;  // "ex-" + "ama's", "A1-" + "constructie", "AMV-" + "achtergrond"
        else
            keep = false;  // a typesetter's hyphen is the common case
    }
    if (!keep) out.pop_back();
    out += r;
}

std::string text_builder::join_hyphen(std::string_view left, std::string_view right) const {
    std::string out(left);
    append_hyphenated(out, right);
    return out;
}

std::string text_builder::mark_refs(const line& l) const {
    if (footnotes_.empty()) return l.text;
    std::string s(l.text);
    // references the footnote phase found at the end of a digit run ("20231"), back to front
    auto suffix = l.suffix_refs;
    std::sort(suffix.begin(), suffix.end());
    for (auto it = suffix.rbegin(); it != suffix.rend(); ++it) {
        const std::string digits = std::to_string(it->second);
        if (it->first + digits.size() <= s.size() && s.compare(it->first, digits.size(), digits) == 0)
            s.replace(it->first, digits.size(), marker(it->second));
    }
    // "3 gesteld worden …": pypdf put the superscript at the start of the next line.
    static const RE2 line_start(R"(^(\d{1,3})\s+(\p{Ll}))");
    std::string n, rest;
    if (starts_with_digit(s) && RE2::PartialMatch(s, line_start, &n, &rest) && footnotes_.count(to_int_or_max(n)) &&
        !starts_with_month(trim(std::string_view(s).substr(n.size())))) {
        std::size_t skip = n.size();
        while (skip < s.size() && s[skip] == ' ') ++skip;
        s = marker(to_int_or_max(n)) + s.substr(skip);
    }
    // Word answers: "oprichter'? 1)"
    static const RE2 word_paren(R"(([?.!»”’'"])\s*(\d{1,3})\))");
    // Digits glued after a word or punctuation: "achtergrond?1 Wat", "tegen4. De", "»?1".
    std::string out;
    std::size_t pos = 0;
    glued_number g;
    while (pos < s.size() && find_glued_number(s, pos, g)) {
        const std::size_t digits = g.begin;
        const int num = g.value;
        // "CO2", "H2O": digits after an upper-case abbreviation are chemistry, not notes.
        bool acronym = false;
        if (digits >= 2) {
            char32_t prev = last_char(std::string_view(s).substr(0, digits));
            std::string_view before = std::string_view(s).substr(0, digits);
            std::size_t ws = before.find_last_of(' ');
            std::string_view word = ws == std::string_view::npos ? before : before.substr(ws + 1);
            acronym = is_upper(prev) && word.size() <= 4;
            if (is_letter(prev) && strip_punct(word).size() <= 2) acronym = true;  // "m2", "km2"
        }
        // "1.2", "3,5": a decimal, not a note after a full stop or comma
        const bool decimal = digits >= 2 && (s[digits - 1] == '.' || s[digits - 1] == ',') &&
                             is_decimal_point(s, digits - 1);
        if (!footnotes_.count(num) || acronym || decimal) {
            out.append(s, pos, g.end - pos);
            pos = g.end;
            continue;
        }
        out.append(s, pos, digits - pos);
        out += marker(num);
        pos = g.end;
        // a list of notes: "»?1, 2"
        int last = num, more = 0;
        std::size_t more_end = 0;
        while (list_tail_at(s, pos, more, more_end)) {
            if (more != last + 1 || !footnotes_.count(more)) break;
            out += marker(more);
            last = more;
            pos = more_end;
        }
    }
    out.append(s, std::min(pos, s.size()), std::string::npos);
    if (layout_ == layout::docx || out.find(')') != std::string::npos) {
        std::string tmp = out;
        out.clear();
        pos = 0;
        re2::StringPiece w[3];
        while (pos < tmp.size() && word_paren.Match(tmp, pos, tmp.size(), RE2::UNANCHORED, w, 3)) {
            const int num = to_int_or_max(std::string(w[2].data(), w[2].size()));
            const std::size_t end = static_cast<std::size_t>(w[0].data() - tmp.data()) + w[0].size();
            if (!footnotes_.count(num)) {
                out.append(tmp, pos, end - pos);
                pos = end;
                continue;
            }
            const std::size_t punct_end = static_cast<std::size_t>(w[1].data() - tmp.data()) + w[1].size();
            out.append(tmp, pos, punct_end - pos);
            out += marker(num);
            pos = end;
        }
        out.append(tmp, std::min(pos, tmp.size()), std::string::npos);
    }
    return out;
}

std::string text_builder::fix_words(std::string_view text) const {
    const bool lost_breaks = layout_ == layout::pypdf || layout_ == layout::ocr;
    if (!lost_breaks) return std::string(text);
    std::string s(text);
    if (layout_ == layout::pypdf) {
        // "DJI)namens", "door.Wanneer", "uitvoeren?Zo", "nee,waarom", "jaar»?Kunt": a line
        // break the extractor dropped.
        static const RE2 punct_glue(R"((\p{Ll}{2}[.?!;]|\p{Ll}{2},|[»”’][.?!;,]?|\))(\p{Lu}\p{Ll}|\p{Ll}{2}))");
        std::string fixed;
        re2::StringPiece m[3];
        std::size_t pos = 0;
        while (pos < s.size() && punct_glue.Match(s, pos, s.size(), RE2::UNANCHORED, m, 3)) {
            const std::size_t split = static_cast<std::size_t>(m[2].data() - s.data());
            // not inside a URL or e-mail address
            std::size_t ws = s.rfind(' ', split);
            std::string_view tok = std::string_view(s).substr(ws == std::string::npos ? 0 : ws + 1);
            tok = tok.substr(0, tok.find(' '));
            const bool url = tok.find("www") != std::string_view::npos || tok.find("http") != std::string_view::npos ||
                             tok.find('@') != std::string_view::npos || tok.find(".nl") != std::string_view::npos;
            // "(oud-)studenten", "(veiligheids)informatie": a bracket inside one word
            bool inner = false;
            if (s[split - 1] == ')') {
                std::size_t open = s.rfind('(', split);
                inner = open != std::string::npos && open >= (ws == std::string::npos ? 0 : ws + 1) &&
                        open + 1 < split && is_lower(first_char(std::string_view(s).substr(open + 1))) &&
                        is_lower(first_char(std::string_view(s).substr(split)));
            }
            // "»Kunt" after a closing quote is glued; "»nog" inside a quote is not a break
            if (s[split - 1] != ')' && !is_upper(first_char(std::string_view(s).substr(split))) &&
                (s[split - 1] & 0x80) != 0)
                inner = true;
            fixed.append(s, pos, split - pos);
            if (!url && !inner && s[split - 1] != ' ') fixed += ' ';
            pos = split;
        }
        fixed.append(s, std::min(pos, s.size()), std::string::npos);
        s = std::move(fixed);
        // "mei2024", "WoonOnderzoek2021", "voor15 mei": a word glued to a year, or to a day
        // before a month; never a name such as "Natura2000-gebied". Footnote references are markers by now, so these digits are text.
        static const RE2 digit_glue(
            R"((\p{L}\p{Ll}{2,})((?:1[89]|20)\d\d(?:[\s.,;:!?)»]|$)|\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b))");
        fixed.clear();
        pos = 0;
        while (pos < s.size() && digit_glue.Match(s, pos, s.size(), RE2::UNANCHORED, m, 3)) {
            const std::size_t split = static_cast<std::size_t>(m[2].data() - s.data());
            fixed.append(s, pos, split - pos);
            fixed += ' ';
            pos = split;
        }
        fixed.append(s, std::min(pos, s.size()), std::string::npos);
        s = std::move(fixed);
    }
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = s.find(' ', i);
        if (j == std::string::npos) j = s.size();
        std::string_view tok(s.data() + i, j - i);
        std::string_view core = strip_punct(tok);
        std::string replacement;
        const std::size_t core_off = core.empty() ? 0 : static_cast<std::size_t>(core.data() - tok.data());
        // "uitzendbu-reaus": a line-break hyphen left inside a line.
        std::size_t h = core.find('-');
        if (h != std::string_view::npos && h > 0 && h + 1 < core.size() && core.find('-', h + 1) == std::string_view::npos) {
            std::string_view a = core.substr(0, h), b = core.substr(h + 1);
            if (all_letters(a) && all_letters(b) && is_lower(last_char(a)) && is_lower(first_char(b))) {
                std::string joined = std::string(a) + std::string(b);
                // The lexicon knows real hyphenations ("oud-minister", "re-integratie");
                // a hyphenation it rejects while it accepts the joined word was the line's.
                // (asked in this order, each only when it can still change the answer:
                // hunspell costs tens of thousands of instructions a word)
                if (known(joined)) {
                    const bool parts_known = a.size() > 2 && known(a) && known(b);
                    const bool line_break = parts_known && lex_ && lexicon_word(joined) && !lexicon_word(core);
                    if (!parts_known || line_break) replacement = joined;
                }
            }
        }
        // "uwreactie", "groepte": two words glued where a line broke (pypdf).
        if (replacement.empty() && layout_ == layout::pypdf) replacement = split_glued(core);
        // "hetIntegis-onderzoek", "enre-integratieplan": the glue is before the first hyphen
        if (replacement.empty() && layout_ == layout::pypdf && h != std::string_view::npos && h > 1 &&
            !known(core.substr(0, h))) {
            // only a function word in front: "dierentuinver-gunning" is no "dierentuin ver-gunning"
            const std::string_view head = core.substr(0, h), tail = core.substr(h);
            std::string split = split_glued(head);
            if (const std::size_t sp = split.find(' '); sp != std::string::npos && !short_function_word(to_lower(split.substr(0, sp))))
                split.clear();
            if (split.empty()) {
                // a function word glued to a hyphenated word: "en" + "re-integratieplan"
                for (std::size_t k = 1; k < head.size() && k <= 4; ++k) {
                    const std::string f = to_lower(head.substr(0, k));
                    if (!short_function_word(f) || !is_lower(first_char(head.substr(k)))) continue;
                    const std::string rest = std::string(head.substr(k)) + std::string(tail);
                    if (known(rest)) {
                        split = std::string(head.substr(0, k)) + " " + std::string(head.substr(k));
                        break;
                    }
                }
            }
            if (!split.empty()) replacement = split + std::string(tail);
        }
        if (!replacement.empty()) {
            out.append(tok.substr(0, core_off));
            out += replacement;
            out.append(tok.substr(core_off + core.size()));
        } else {
            out.append(tok);
        }
        if (j < s.size()) out += ' ';
        i = j + 1;
    }
    return out;
}

std::string text_builder::build(const std::vector<const line*>& lines) const {
    std::string out;
    bool paragraph = false;
    // A blank line next to furniture or a footnote body is the page's, not a paragraph end.
    bool after_furniture = false;
    for (const line* l : lines) {
        if (l->kind == line_kind::blank) {
            if (!after_furniture) paragraph = !out.empty();
            continue;
        }
        if (l->kind != line_kind::text) {
            paragraph = false;
            after_furniture = true;
            continue;
        }
        after_furniture = false;
        // superscripts printed on a line of their own: attach to the text before
        std::string punct;
        if (auto sup = superscript_line(l->text, &punct);
            !sup.empty() && std::all_of(sup.begin(), sup.end(), [&](int k) { return footnotes_.count(k) > 0; })) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            for (int k : sup) out += marker(k);
            out += punct;
            continue;
        }
        // pypdf: "(IF)" / "4, georganiseerd door": the superscript and the sentence's comma
        // open the next line
        // or "regelt?" / "7 Zo nee, …": after a sentence's end, before the next one
        static const RE2 sup_punct(R"(^(\d{1,3})([,;:])\s+\p{Ll})");
        static const RE2 sup_sentence(R"(^(\d{1,3})()\s+\p{Lu})");
        std::string num;
        const auto sentence_end = [&] {
            const char32_t c = last_char(trim_right(out));
            return c == U'?' || c == U'.' || c == U'!' || c == U'»' || c == U'”';
        };
        if (!out.empty() && starts_with_digit(l->text) &&
            (RE2::PartialMatch(l->text, sup_punct, &num, &punct) ||
             (layout_ == layout::pypdf && RE2::PartialMatch(l->text, sup_sentence, &num, &punct) && sentence_end())) &&
            footnotes_.count(to_int_or_max(num))) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += marker(to_int_or_max(num));
            out += punct;
            line rest = *l;
            const std::size_t cut = num.size() + punct.size();
            rest.text = std::string(trim(std::string_view(l->text).substr(cut)));
            rest.suffix_refs.clear();
            out += ' ';
            out += mark_refs(rest);
            paragraph = false;
            continue;
        }
        std::string piece = mark_refs(*l);
        if (out.empty()) {
            out = piece;
        } else if (paragraph) {
            out += '\n';
            out += piece;
        } else if (out.size() >= 2 && out.back() == '-' && is_letter(last_char(std::string_view(out).substr(0, out.size() - 1)))) {
            append_hyphenated(out, piece);  // in place: a paragraph is not copied per line
        } else {
            out += ' ';
            out += piece;
        }
        paragraph = false;
    }
    // fix words paragraph by paragraph
    std::string fixed;
    std::size_t p = 0;
    while (p <= out.size()) {
        std::size_t nl = out.find('\n', p);
        if (nl == std::string::npos) nl = out.size();
        if (!fixed.empty()) fixed += '\n';
        const std::string collapsed = collapse_space(std::string_view(out).substr(p, nl - p));
        fixed += layout_ == layout::pypdf || layout_ == layout::ocr ? collapse_space(fix_words(collapsed)) : collapsed;
        p = nl + 1;
    }
    return fixed;
}

std::string text_builder::take_refs(const std::string& marked, std::vector<footnote_ref>& refs) {
    std::string out;
    out.reserve(marked.size());
    for (std::size_t i = 0; i < marked.size();) {
        // text up to the next possible marker (its first byte is 0xF3) is copied at once
        const void* f3 = std::memchr(marked.data() + i, 0xF3, marked.size() - i);
        const std::size_t next = f3 ? static_cast<std::size_t>(static_cast<const char*>(f3) - marked.data()) : marked.size();
        if (next > i) {
            out.append(marked, i, next - i);
            i = next;
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(marked[i]);
        if (c == 0xF3 && i + 3 < marked.size()) {
            // U+F0000..U+FFFFF encode as F3 B0..BF xx xx
            const char32_t cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(marked[i + 1]) & 0x3Fu) << 12) |
                                ((static_cast<unsigned char>(marked[i + 2]) & 0x3Fu) << 6) |
                                (static_cast<unsigned char>(marked[i + 3]) & 0x3Fu);
            if (cp >= ref_marker_base && cp < ref_marker_base + 0x1000) {
                refs.push_back({static_cast<int>(cp - ref_marker_base), out.size()});
                i += 4;
                continue;
            }
        }
        out += marked[i];
        ++i;
    }
    return out;
}

}  // namespace kamervragen::detail
