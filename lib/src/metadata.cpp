// metadata.cpp: reads who asked whom about what and when, who answered and when, and
// the references, from the document's opening sentences ("Vragen van het lid X (P) aan
// de Minister van Y over Z (ingezonden …). Antwoord van Minister W (…) (ontvangen …).").
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "phases.hpp"
#include "text.hpp"

namespace kamervragen::detail {
namespace {

// RE2::PartialMatch for a pattern that begins with one of `heads` (literal words): tried
// anchored where each head occurs, from the left; the first that matches is the match an
// unanchored search finds. An unanchored search with captures made RE2 track every
// capture across the whole header; this reads from where the pattern can begin.
template <class Try>
bool try_at_heads(std::string_view text, std::initializer_list<std::string_view> heads, Try&& try_at) {
    std::vector<std::size_t> starts;
    for (const std::string_view h : heads)
        for (std::size_t p = text.find(h); p != std::string_view::npos; p = text.find(h, p + 1)) starts.push_back(p);
    std::sort(starts.begin(), starts.end());
    for (const std::size_t p : starts)
        if (try_at(p)) return true;
    return false;
}

template <std::size_t N>
bool match_at_heads(std::string_view text, const RE2& re, std::initializer_list<std::string_view> heads,
                    std::array<std::string*, N> out) {
    std::array<re2::StringPiece, N + 1> m;
    const re2::StringPiece in(text.data(), text.size());
    return try_at_heads(text, heads, [&](std::size_t p) {
        if (!re.Match(in, p, in.size(), RE2::ANCHOR_START, m.data(), static_cast<int>(N + 1))) return false;
        for (std::size_t i = 0; i < N; ++i)
            if (out[i]) out[i]->assign(m[i + 1].data() ? std::string(m[i + 1].data(), m[i + 1].size()) : std::string());
        return true;
    });
}

// The "Vragen van …" and "Antwoord van … (ontvangen …)" patterns below, read by hand.
// RE2 with captures runs its backtracking engine over the whole sentence, which was a
// tenth of a document's parse; these scans give the same captures (a test compares them
// with the patterns on random sentences) on text as collapse_space leaves it: single
// spaces, no tabs or line breaks, no space at the end, valid UTF-8. Other text goes to
// the patterns.
bool hand_readable(std::string_view t, bool trailing_space_ok = false) {
    // (collapse_space's own check says so at once for most text: it allows less)
    const std::string_view core = trailing_space_ok && !t.empty() && t.back() == ' ' ? t.substr(0, t.size() - 1) : t;
    if (already_collapsed(core)) return valid_utf8(t);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if ((is_pattern_space(c) && c != ' ') || (c == ' ' && i + 1 < t.size() && t[i + 1] == ' ')) return false;
    }
    return (t.empty() || t.back() != ' ' || trailing_space_ok) && valid_utf8(t);
}

bool has_at(std::string_view t, std::size_t i, std::string_view w) { return i <= t.size() && t.substr(i).starts_with(w); }

// "(ingezonden" in its OCR and hyphenated forms ([Iil1]n-?\s?ge-?\s?zon-?\s?den) or
// "(ingediend" at i (after the bracket); returns the end, or npos.
std::size_t ingezonden_at(std::string_view t, std::size_t i) {
    auto part = [&](std::size_t& k, std::string_view w, bool last) {
        if (!has_at(t, k, w)) return false;
        k += w.size();
        if (last) return true;
        if (k < t.size() && t[k] == '-') ++k;
        if (k < t.size() && t[k] == ' ') ++k;
        return true;
    };
    if (i < t.size() && std::strchr("Iil1", t[i]) && t[i] != '\0') {
        std::size_t k = i + 1;
        if (part(k, "n", false) && part(k, "ge", false) && part(k, "zon", false) && part(k, "den", true)) return k;
    }
    if (has_at(t, i, "Ingediend") || has_at(t, i, "ingediend")) return i + 9;
    return std::string_view::npos;
}

// "ontvangen" as [Oo]ntvan-?\s?gen at i; returns the end, or npos.
std::size_t ontvangen_at(std::string_view t, std::size_t i) {
    if (!(has_at(t, i, "ontvan") || has_at(t, i, "Ontvan"))) return std::string_view::npos;
    std::size_t k = i + 6;
    if (k < t.size() && t[k] == '-') ++k;
    if (k < t.size() && t[k] == ' ') ++k;
    return has_at(t, k, "gen") ? k + 3 : std::string_view::npos;
}

// The first place at or after `from` (and after at least one character from `from`)
// where "\s*\(WORD\s+([^)]*)\)" matches, WORD read by `word_at`: sets the end of the text
// before it and the bracket's date; false when there is none.
template <class Word>
bool dated_bracket(std::string_view t, std::size_t from, Word&& word_at, std::size_t& text_end, std::string& date) {
    for (std::size_t c = t.find('(', from + 1); c != std::string_view::npos; c = t.find('(', c + 1)) {
        const std::size_t w = word_at(t, c + 1);
        if (w == std::string_view::npos || w >= t.size() || t[w] != ' ') continue;
        const std::size_t close = t.find(')', w + 1);
        if (close == std::string_view::npos) continue;
        text_end = c - 1 > from && t[c - 1] == ' ' ? c - 1 : c;
        date.assign(t.substr(w + 1, close - w - 1));
        return true;
    }
    return false;
}

std::optional<std::array<std::string, 4>> vragen_by_hand(std::string_view t, std::size_t p) {
    std::size_t h = std::string_view::npos;
    for (std::string_view head : {"Vragen van ", "vragen van ", "VRAGEN van ", "VRAAG van "})
        if (has_at(t, p, head)) h = p + head.size();
    if (h == std::string_view::npos) return std::nullopt;
    // the keyword before the subject at x (" over ", …): the subject's start, or npos
    auto keyword = [&](std::size_t x) -> std::size_t {
        if (x + 1 >= t.size() || t[x] != ' ' || !std::strchr("oib", t[x + 1]) || t[x + 1] == '\0') return std::string_view::npos;
        for (std::string_view k : {"over", "inzake:", "inzake", "in zake", "betreffende", "in verband met"}) {
            const std::size_t y = x + 1 + k.size() + 1;
            if (has_at(t, x + 1, k) && x + 1 + k.size() < t.size() && t[x + 1 + k.size()] == ' ' && y < t.size()) return y;
        }
        return std::string_view::npos;
    };
    // where the keywords stand, in order
    std::vector<std::size_t> keywords;
    for (std::size_t x = t.find(' ', h); x != std::string_view::npos; x = t.find(' ', x + 1))
        if (keyword(x) != std::string_view::npos) keywords.push_back(x);
    for (std::string_view who : {"het Kamerlid", "het lid", "de Kamerleden", "de leden", "de leden der Kamer",
                                 "het lid der Kamer", "den heer", "de heer", "de heeren", "de heren", "den heeren",
                                 "mevrouw", "mejuffrouw"}) {
        if (!has_at(t, h, who) || h + who.size() >= t.size() || t[h + who.size()] != ' ') continue;
        const std::size_t q = h + who.size() + 1;
        // askers: the shortest run after which "aan X" and a keyword, or a keyword, follow
        for (std::size_t a = q + 1; a < t.size(); ++a) {
            std::size_t x = std::string_view::npos, addressees_start = 0;
            if (has_at(t, a, " aan ")) {
                addressees_start = a + 5;
                auto k = std::lower_bound(keywords.begin(), keywords.end(), addressees_start + 1);
                if (k != keywords.end()) x = *k;
            }
            const bool aan = x != std::string_view::npos;
            if (!aan && !std::binary_search(keywords.begin(), keywords.end(), a)) continue;
            if (!aan) x = a;
            const std::size_t y = keyword(x);
            std::array<std::string, 4> out;
            out[0].assign(t.substr(q, a - q));
            if (aan) out[1].assign(t.substr(addressees_start, x - addressees_start));
            // the subject runs to the date's bracket, or to the end
            std::size_t subject_end = t.size();
            (void)dated_bracket(t, y, ingezonden_at, subject_end, out[3]);
            out[2].assign(t.substr(y, subject_end - y));
            return out;
        }
        return std::nullopt;  // no keyword after this (nor after any later form of address)
    }
    return std::nullopt;
}

std::optional<std::array<std::string, 2>> antwoord_by_hand(std::string_view t, std::size_t p) {
    std::size_t q = std::string_view::npos;
    for (std::string_view head : {"Antwoord van ", "Mededeling van ", "Nader antwoord van "})
        if (has_at(t, p, head)) q = p + head.size();
    if (q == std::string_view::npos || q >= t.size()) return std::nullopt;
    std::array<std::string, 2> out;
    std::size_t who_end = 0;
    if (!dated_bracket(t, q, ontvangen_at, who_end, out[1])) return std::nullopt;
    out[0].assign(t.substr(q, who_end - q));
    return out;
}

const std::array<std::string_view, 6> role_words = {"Minister-President", "Minister-president", "Minister",
                                                    "Staatssecretaris", "minister", "staatssecretaris"};

bool starts_with_role(std::string_view s) {
    for (auto r : role_words)
        if (starts_with(s, r)) return true;
    return false;
}

// Splits at top level (outside brackets) on ", " and " en ".
std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (depth != 0) continue;
        std::size_t skip = 0;
        if (c == ',') skip = 1;
        else if (s.substr(i, 4) == " en ") skip = 4;
        if (!skip) continue;
        out.emplace_back(trim(s.substr(start, i - start)));
        start = i + skip;
        i = start - 1;
    }
    out.emplace_back(trim(s.substr(start)));
    std::erase_if(out, [](const std::string& x) { return x.empty(); });
    return out;
}

// pypdf glues a first name to the surname at a line break ("DaniëlleJansen"): a capital
// after a capitalised word of three or more lower-case letters starts a new word. A word
// that starts in lower case stays as printed ("vanDijk"), and so do two letters before
// the capital ("McDonald", "DeGroot").
std::string unglue_name(std::string_view name) {
    std::string out;
    int lower_run = 0;
    bool capital_word = false;
    for (std::size_t i = 0; i < name.size();) {
        std::size_t j = i + 1;
        while (j < name.size() && (static_cast<unsigned char>(name[j]) & 0xC0) == 0x80) ++j;
        const char32_t c = first_char(name.substr(i, j - i));
        const bool word_start = out.empty() || out.back() == ' ' || out.back() == '-';
        if (word_start) capital_word = is_upper(c);
        if (is_upper(c) && lower_run >= 3 && capital_word) out += ' ';
        lower_run = is_lower(c) ? lower_run + 1 : 0;
        out.append(name.substr(i, j - i));
        i = j;
    }
    return out;
}

std::vector<asker> parse_askers(std::string_view s) {
    // "Mutluer (GroenLinks-PvdA) en Kostić (PvdD)",
    // "Beckerman (SP), Bushoff, Kröger (beiden GroenLinks-PvdA) en Teunissen (PvdD)"
    static const RE2 item(R"(^(.*?)\s*\(([^()]*)\)$)");
    static const RE2 group(R"(^(?:beiden|beide|allen|alle)\s+(.+)$)");
    std::vector<asker> out;
    std::vector<std::size_t> pending;
    for (const std::string& part : split_list(s)) {
        std::string name, party, grouped;
        if (RE2::FullMatch(part, item, &name, &party)) {
            party = std::string(trim(party));
            const bool is_group = RE2::FullMatch(party, group, &grouped);
            if (is_group) party = grouped;
            // "Dittrich en Ter Veer, (beiden D66)": a party after a comma names nobody new
            if (!trim(name).empty()) out.push_back({unglue_name(trim(name)), party});
            // names without a party take the party printed after them
            for (std::size_t k : pending) out[k].party = party;
            pending.clear();
        } else if (!trim(part).empty()) {
            out.push_back({unglue_name(trim(part)), ""});
            pending.push_back(out.size() - 1);
        }
    }
    return out;
}

// "de Ministers van Buitenlandse Zaken en voor Buitenlandse Handel …": one role, several
// portfolios, each introduced by "van" or "voor".
std::vector<std::string> expand_plural(std::string_view s) {
    static const RE2 plural(R"(^(?:de\s+)?(Ministers|Staatssecretarissen|ministers|staatssecretarissen)\s+((?:van|voor)\s.*)$)");
    std::string role, rest;
    if (!RE2::FullMatch(s, plural, &role, &rest)) return {std::string(s)};
    // "Ministers" -> "Minister", "Staatssecretarissen" -> "Staatssecretaris"
    const std::string single = role.substr(0, role.size() - (ends_with(role, "ssen") ? 3 : 1));
    std::vector<std::string> out;
    // split before ", van|voor" and " en van|voor"
    std::size_t start = 0;
    for (std::size_t i = 1; i + 4 < rest.size(); ++i) {
        std::string_view tail = std::string_view(rest).substr(i);
        bool sep = false;
        std::size_t skip = 0;
        for (std::string_view p : {", van ", ", voor ", " en van ", " en voor "})
            if (starts_with(tail, p)) {
                sep = true;
                skip = (starts_with(p, ", ") ? 2 : 4);
                break;
            }
        if (!sep) continue;
        out.push_back(single + " " + std::string(trim(std::string_view(rest).substr(start, i - start))));
        start = i + skip;
        i = start;
    }
    out.push_back(single + " " + std::string(trim(std::string_view(rest).substr(start))));
    return out;
}

std::vector<std::string> parse_addressees(std::string_view s) {
    // "de Minister van Onderwijs, Cultuur en Wetenschap en de Staatssecretaris van …":
    // split only where a role word follows.
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
        std::string_view rest = s.substr(i);
        if (!starts_with_role(rest)) continue;
        std::string_view before = s.substr(start, i - start);
        for (std::string_view sep : {", de ", ", het ", " en de ", " en het ", " en aan de ", ", ", " en "}) {
            if (ends_with(before, sep)) {
                out.emplace_back(trim(before.substr(0, before.size() - sep.size())));
                start = i;
                break;
            }
        }
    }
    out.emplace_back(trim(s.substr(start)));
    for (std::string& a : out) {
        for (std::string_view art : {"de ", "het "})
            if (starts_with(a, art)) a = a.substr(art.size());
        while (!a.empty() && (a.back() == ',' || a.back() == '.')) a.pop_back();
    }
    std::erase_if(out, [](const std::string& x) { return x.empty(); });
    std::vector<std::string> expanded;
    for (const std::string& a : out)
        for (std::string& e : expand_plural(a)) expanded.push_back(std::move(e));
    return expanded;
}

std::string normalise_role(std::string r) {
    if (!r.empty() && r[0] >= 'a' && r[0] <= 'z') r[0] = static_cast<char>(r[0] - 'a' + 'A');
    return r;
}

void parse_answerers(std::string_view intro, document& doc) {
    // "Antwoord van Minister Dijkgraaf (Onderwijs, Cultuur en Wetenschap)",
    // "… en van Minister Y (…)", "…, mede namens de Minister van Financiën"
    static const RE2 person(
        R"(^(?:de\s+)?(Minister-President|Minister-president|Minister|Staatssecretaris|minister-president|minister|staatssecretaris)\s+(.+?)\s*\((.*)\)\s*$)");
    static const RE2 mede(R"(,?\s*mede namens\s+(.*)$)");
    std::string body(intro);
    std::string co;
    {
        re2::StringPiece m[2];
        RE2 const& re = mede;
        if (re.Match(body, 0, body.size(), RE2::UNANCHORED, m, 2)) {
            co = std::string(m[1].data(), m[1].size());
            body = body.substr(0, static_cast<std::size_t>(m[0].data() - body.data()));
        }
    }
    // Answerers are joined by "… (X) en van Minister Y (…)"; some documents drop the
    // "en": "(BZ) van Minister Y". Each separator: where the person before it ends,
    // and how far to skip to the next person.
    struct separator {
        std::string_view text;
        std::size_t keep;  ///< characters of the separator that belong to the person before
    };
    static constexpr separator seps[] = {{" en van ", 0},           {", en ", 0},
                                         {") van Minister", 1},     {") van Staatssecretaris", 1},
                                         {") van minister", 1},     {") van staatssecretaris", 1}};
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (true) {
        std::size_t best = std::string::npos;
        const separator* hit = nullptr;
        for (const separator& sep : seps) {
            const std::size_t q = body.find(sep.text, pos);
            if (q < best) {
                best = q;
                hit = &sep;
            }
        }
        if (!hit) {
            parts.push_back(body.substr(pos));
            break;
        }
        parts.push_back(body.substr(pos, best + hit->keep - pos));
        // skip to the role word: past " en van ", ", en ", or ") van "
        pos = best + (hit->keep ? 6 : hit->text.size());
    }
    for (std::string& part : parts) {
        std::string role, name, portfolio;
        std::string t(trim(part));
        while (!t.empty() && (t.back() == '.' || t.back() == ',')) t.pop_back();
        if (RE2::FullMatch(t, person, &role, &name, &portfolio)) {
            // a portfolio like "Financiën – Fiscaliteit en Belastingdienst" stays whole
            doc.answerers.push_back({std::string(trim(name)), normalise_role(role), std::string(trim(portfolio))});
        }
    }
    if (!co.empty()) {
        for (std::string& a : parse_addressees(co)) doc.co_signers.push_back(a);
    }
}

}  // namespace

std::optional<std::array<std::string, 4>> find_vragen(std::string_view header, bool by_pattern) {
    // "Vragen van het lid Spekman (PvdA) aan de minister voor Immigratie en Asiel over …
    //  (ingezonden 18 juli 2011)." (the archive leaves out "aan …")
    //  Before 1980: "11. VRAGEN van de heer Van Wijk (P.S.P.) inzake de … (Ingezonden …)",
    //  "VRAAG van den heer Suring betreffende …".
    static const RE2 vragen(
        R"((?:Vragen|vragen|VRAGEN|VRAAG) van (?:het (?:Kamer)?lid|de (?:Kamer)?leden|de leden der Kamer|het lid der Kamer|)"
        R"(den heer|de heer|de heeren|de heren|den heeren|mevrouw|mejuffrouw)\s+(.+?)(?:\s+aan\s+(.+?))?\s+)"
        R"((?:over|inzake:?|in zake|betreffende|in verband met)\s+(.+?)\s*(?:\((?:[Iil1]n-?\s?ge-?\s?zon-?\s?den|[Ii]ngediend)\s+([^)]*)\)|$))");
    const auto heads = {std::string_view("Vragen van "), std::string_view("vragen van "), std::string_view("VRAGEN van "),
                        std::string_view("VRAAG van ")};
    std::optional<std::array<std::string, 4>> found;
    if (by_pattern || !hand_readable(header)) {
        std::array<std::string, 4> v;
        if (match_at_heads<4>(header, vragen, heads, {&v[0], &v[1], &v[2], &v[3]})) found = std::move(v);
        return found;
    }
    try_at_heads(header, heads, [&](std::size_t p) { return (found = vragen_by_hand(header, p)).has_value(); });
    return found;
}

std::optional<std::array<std::string, 2>> find_antwoord(std::string_view text, bool by_pattern) {
    static const RE2 antwoord(R"((?:Antwoord|Mededeling|Nader antwoord) van\s+(.+?)\s*\((?:[Oo]ntvan-?\s?gen)\s+([^)]*)\))");
    const auto heads = {std::string_view("Antwoord van"), std::string_view("Mededeling van"),
                        std::string_view("Nader antwoord van")};
    std::optional<std::array<std::string, 2>> found;
    // (a space at the end is no matter here: the pattern ends at a bracket)
    if (by_pattern || !hand_readable(text, true)) {
        std::array<std::string, 2> v;
        if (match_at_heads<2>(text, antwoord, heads, {&v[0], &v[1]})) found = std::move(v);
        return found;
    }
    try_at_heads(text, heads, [&](std::size_t p) { return (found = antwoord_by_hand(text, p)).has_value(); });
    return found;
}

void extract_metadata(const std::string& header_in, const std::string& answer_intro_in, const hints& h,
                      document& doc) {
    const std::string header = collapse_space(header_in);
    const std::string answer_intro = collapse_space(answer_intro_in);
    doc.chamber = h.chamber;
    doc.session_year = h.session_year;
    doc.doc_id = h.doc_id;
    doc.number = h.number;
    doc.question_ref = h.question_ref;

    // who asked whom about what, and when (find_vragen)
    std::string askers, addressees, subject, submitted;
    if (auto v = find_vragen(header)) {
        askers = std::move((*v)[0]);
        addressees = std::move((*v)[1]);
        subject = std::move((*v)[2]);
        submitted = std::move((*v)[3]);
        doc.askers = parse_askers(askers);
        doc.addressees = parse_addressees(addressees);
        // the subject ends at "(ingezonden" or, when the date stands elsewhere, at the
        // answer's opening words
        for (std::string_view stop : {" Antwoord van ", " Mededeling van ", " Vraag 1"}) {
            std::size_t p = subject.find(stop);
            if (p != std::string::npos) subject = subject.substr(0, p);
        }
        subject = std::string(trim(subject));
        while (!subject.empty() && (subject.back() == '.' || subject.back() == ',')) subject.pop_back();
        doc.subject = subject;
        if (!submitted.empty()) doc.submitted = parse_dutch_date(submitted);
    }
    static const RE2 ingezonden(R"(\((?:[Iil1]n-?\s?ge-?\s?zon-?\s?den|[Ii]ngediend)\s+([^)]*)\))");
    if (doc.submitted.empty() && RE2::PartialMatch(header, ingezonden, &submitted))
        doc.submitted = parse_dutch_date(submitted);

    // Answer or postponement intro: in the header (modern) or before the answers (archive).
    const std::string intro_src = header + " " + answer_intro;
    static const RE2 antwoord_nodate(R"((?:Antwoord|Mededeling|Nader antwoord) van\s+(.+?\)))");
    std::string who, received;
    if (auto a = find_antwoord(intro_src)) {
        who = std::move((*a)[0]);
        received = std::move((*a)[1]);
        parse_answerers(who, doc);
        doc.received = parse_dutch_date(received);
    } else if (match_at_heads<1>(intro_src, antwoord_nodate, {"Antwoord van", "Mededeling van", "Nader antwoord van"},
                                 {&who})) {
        parse_answerers(who, doc);
    }
    // Before 1980: "ANTWOORD van den heer Terpstra, Minister van Onderwijs, Kunsten en
    // Wetenschappen. (Ingezonden 4 Juli 1931.)"
    static const RE2 antwoord_old(
        R"((?:ANTWOORD|Antwoord) van (?:den|de) heer\s+(.+?),\s*(Minister|Staatssecretaris|minister|staatssecretaris))"
        R"((?:\s*van|\s+voor)?\s+(.+?)\.?\s*\((?:[Oo]ntvangen|[Iil1]n-?\s?ge-?\s?zon-?\s?den)\s+([^)]*)\))");
    std::string role, portfolio;
    if (doc.answerers.empty() &&
        match_at_heads<4>(intro_src, antwoord_old, {"ANTWOORD van ", "Antwoord van "}, {&who, &role, &portfolio, &received})) {
        doc.answerers.push_back({std::string(trim(who)), normalise_role(role), std::string(trim(portfolio))});
        doc.received = parse_dutch_date(received);
    }
    if (doc.received.empty()) {
        static const RE2 ontvangen(R"(\((?:[Oo]ntvan-?\s?gen)\s+([^)]*)\))");
        if (RE2::PartialMatch(intro_src, ontvangen, &received)) doc.received = parse_dutch_date(received);
    }

    // "Zie ook Aanhangsel Handelingen, vergaderjaar 2010–2011, nr. 3278" (several possible)
    static const RE2 zie_ook(R"(Zie ook\s+(.*))");
    static const RE2 ref(R"((Aanhangsel(?: van de)? Handelingen(?: (?:II|I|Tweede Kamer|Eerste Kamer))?,? vergaderjaar\s*(\d{4})\s*[–-]\s*(\d{4}),?(?: nrs?\.?)? (\d+)))");
    std::string rest;
    if (RE2::PartialMatch(intro_src, zie_ook, &rest)) {
        re2::StringPiece in(rest);
        std::string text, y1, y2, nr;
        while (RE2::FindAndConsume(&in, ref, &text, &y1, &y2, &nr)) {
            reference r;
            static const RE2 glued_year(R"(vergaderjaar(\d))");
            RE2::Replace(&text, glued_year, "vergaderjaar \\1");  // pypdf: "vergaderjaar2023–2024"
            r.text = text;
            r.session_year = y1 + "-" + y2;
            r.number = to_int_or_max(nr.substr(0, 6));
            if (text.find("Eerste Kamer") != std::string::npos || text.find(" I,") != std::string::npos) r.chamber = "EK";
            else if (text.find("Tweede Kamer") != std::string::npos || text.find(" II") != std::string::npos) r.chamber = "TK";
            doc.see_also.push_back(std::move(r));
        }
    }
    if (doc.question_ref.empty()) {
        static const RE2 zref(R"(\b(\d{4})Z\s?(\d{5})\b)");
        std::string y, n;
        if (RE2::PartialMatch(header, zref, &y, &n)) doc.question_ref = y + "Z" + n;
    }
    if (doc.doc_id.empty()) {
        static const RE2 id(R"(\b((?:ah|kv)-(tk|ek)-(\d{4})(\d{4})-(\d+))\b)");
        std::string full, ch, y1, y2, nr;
        if (RE2::PartialMatch(header, id, &full, &ch, &y1, &y2, &nr)) {
            doc.doc_id = full;
            if (doc.chamber.empty()) doc.chamber = ch == "tk" ? "TK" : "EK";
            if (doc.session_year.empty()) doc.session_year = y1 + "-" + y2;
            if (!doc.number) doc.number = to_int_or_max(nr.substr(0, 6));
        }
    }
}

}  // namespace kamervragen::detail
