// footnotes.cpp: finds footnote bodies at page ends (or, in Word answers, at the end of
// the document), takes their lines out of the running text and returns them numbered.
//
// Two ways a body is recognised:
//  - numbered: the line starts with the footnote number ("1 Deze brief…", pypdf's glued
//    "1EenVandaag, …", Word's "1) Pointer, …"), the number is the next one expected,
//    a reference to it appears earlier, and the line starts a block or sits at a page end;
//  - unnumbered (pdftotext): the labels are printed on lines of their own, away from
//    the bodies; the bodies are the last text blocks before the page footer, one for
//    each reference on that page.
#include <re2/re2.h>

#include <algorithm>
#include <map>

#include "phases.hpp"
#include "text.hpp"

namespace kamervragen::detail {
namespace {

}  // namespace

std::vector<int> superscript_line(std::string_view text, std::string* punct) {
    if (text.empty() || text[0] < '0' || text[0] > '9') return {};
    // "2", "2.", "1, 2", and pypdf's "3 4" (numbers apart only by spaces must follow each
    // other: "66 73 74" is a table row)
    static const RE2 re(R"(^(\d{1,3}(?:\s*,\s*\d{1,3}|\s+\d{1,3})*)\s*([.,;:]?)$)");
    static const RE2 num(R"((\d{1,3}))");
    std::string list, p;
    if (!RE2::FullMatch(text, re, &list, &p)) return {};
    std::vector<int> out;
    re2::StringPiece in(list);
    std::string d;
    while (RE2::FindAndConsume(&in, num, &d)) out.push_back(to_int_or_max(d));
    if (list.find(',') == std::string::npos)
        for (std::size_t i = 1; i < out.size(); ++i)
            if (out[i] != out[i - 1] + 1) return {};
    if (punct) *punct = p;
    return out;
}

namespace {

struct ref_candidate {
    int number;
    std::size_t line_index;
    std::size_t offset = 0;  ///< byte offset of the digits in the line (suffix candidates)
    bool suffix = false;     ///< the end of a longer digit run ("20231", "NIS24")
};

bool is_year(std::string_view digits) {
    return digits.size() == 4 && (digits.substr(0, 2) == "19" || digits.substr(0, 2) == "20");
}

// Possible references: digits glued after a word or punctuation ("achtergrond?1 Wat",
// "tegen4. De", "regenboogbeleid»?1"), a list after one ("»?1, 2"), a Word "? 1)", a
// number alone on a line (pypdf prints the superscript on its own line), or at the start
// of a line before a lower-case word (pypdf: "3 gesteld worden …"). Also the end of a
// longer digit run, a year ("november 20231") or after letters ("NIS24"): these count
// only when a label confirms them (pdftotext).
std::vector<ref_candidate> find_ref_candidates(const std::vector<line>& lines, layout lay) {
    static const RE2 word_paren(R"([?.!»”’'"]\s*(\d{1,3})\))");
    static const RE2 line_start(R"(^(\d{1,3})[,;:]?\s+\p{Ll})");
    // pypdf also starts a line with the superscript before a new sentence ("3 De wetgever").
    static const RE2 line_start_upper(R"(^(\d{1,3})\s+\p{Lu})");
    std::vector<ref_candidate> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const line& l = lines[i];
        if (l.kind != line_kind::text) continue;
        const std::string_view t = l.text;
        // every candidate has a digit
        const auto first_digit = std::find_if(t.begin(), t.end(), is_digit_byte);
        if (first_digit == t.end()) continue;
        if (auto sup = superscript_line(l.text); !sup.empty()) {
            for (int n : sup) out.push_back({n, i});
            continue;
        }
        std::string n;
        if (is_digit_byte(t[0]) &&
            (RE2::PartialMatch(l.text, line_start, &n) ||
             (lay == layout::pypdf && RE2::PartialMatch(l.text, line_start_upper, &n))) &&
            !starts_with_month(trim(t.substr(n.size()))))
            out.push_back({to_int_or_max(n), i});
        // A reference glued to what it annotates ("achtergrond?1 Wat", "tegen4.").
        glued_number g;
        for (std::size_t from = 0; find_glued_number(t, from, g);) {
            from = g.end;  // the terminator may start the next match
            // "1.2", "3,5": a decimal, not a note after a full stop or comma
            if ((g.pre == U'.' || g.pre == U',') && is_decimal_point(t, g.pre_at)) continue;
            int last = g.value;
            out.push_back({last, i});
            int more = 0;
            std::size_t more_end = 0;
            while (list_tail_at(t, from, more, more_end) && more == last + 1) {
                last = more;
                from = more_end;
                out.push_back({last, i});
            }
        }
        if (t.find(')') != std::string_view::npos) {
            re2::StringPiece in(l.text);
            while (RE2::FindAndConsume(&in, word_paren, &n)) out.push_back({to_int_or_max(n), i});
        }
        if (lay != layout::pdftotext) continue;
        // pdftotext: a note number glued to a year or to a name with a number ("november
        // 20231", "NIS24"): a run of 2 to 7 digits, after a letter or not, before a space,
        // .,;:!?) or the line's end; its last 1 to 3 digits may be the note.
        std::size_t e = 0;
        for (std::size_t at = next_digit_run(t, static_cast<std::size_t>(first_digit - t.begin()), e);
             at != std::string_view::npos; at = next_digit_run(t, e, e)) {
            if (e - at < 2 || e - at > 7 || !ends_note_ref(t, e, true)) continue;
            bool letter = false;
            if (at > 0) {
                std::size_t letter_at = at - 1;
                while (letter_at > 0 && (static_cast<unsigned char>(t[letter_at]) & 0xC0) == 0x80) --letter_at;
                letter = is_letter(first_char(t.substr(letter_at, at - letter_at)));
            }
            const std::string_view digits = t.substr(at, e - at);
            for (std::size_t len = 1; len <= 3 && len < digits.size(); ++len) {
                const std::string_view head = digits.substr(0, digits.size() - len);
                const std::string_view tail = digits.substr(digits.size() - len);
                if (tail[0] == '0') continue;
                // after a year only a short note number; after letters ("NIS24") the run
                // itself is a name with a number
                if (!letter ? !(is_year(head) && len <= 2) : head.size() > 2) continue;
                out.push_back({to_int_or_max(std::string(tail)), i, at + head.size(), true});
            }
        }
    }
    return out;
}

// First line on which each number appears as a possible reference.
std::map<int, std::size_t> first_ref_lines(const std::vector<ref_candidate>& refs) {
    std::map<int, std::size_t> out;
    for (const auto& r : refs)
        if (!r.suffix) out.emplace(r.number, r.line_index);
    return out;
}

// A footnote number printed on a line of its own ("1"): one to three digits, nothing else
// (what ^(\d{1,3})$ matches).
bool label_line(std::string_view t, std::string* num = nullptr) {
    if (!digits_only(t, 3)) return false;
    if (num) num->assign(t);
    return true;
}

}  // namespace

// "1 Deze brief", "1EenVandaag", "1) Pointer", "12https://…": a numbered line, its number,
// what separates it, and the text after (the pattern below, read by hand: a test compares
// the two).
bool numbered_line(std::string_view t, std::string& num, std::string& sep, std::string& body) {
    std::size_t d = 0;
    while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
    if (d == 0 || d > 3 || d == t.size()) return false;
    // the text after: a first character that is no digit or space, no line break, valid UTF-8
    auto body_at = [&](std::size_t b) {
        return b < t.size() && !is_pattern_space(t[b]) && !(t[b] >= '0' && t[b] <= '9') &&
               t.find('\n', b) == std::string_view::npos && valid_utf8(t.substr(b));
    };
    std::size_t b = d;  // \)\s* , then \s+ , then nothing
    if (t[d] == ')') {
        b = d + 1;
        while (b < t.size() && is_pattern_space(t[b])) ++b;
        if (!body_at(b)) b = d;
    } else if (is_pattern_space(t[d])) {
        b = d + 1;
        while (b < t.size() && is_pattern_space(t[b])) ++b;
        if (!body_at(b)) return false;  // nothing else can follow the digits: a space is no body
    }
    if (!body_at(b)) return false;
    num.assign(t.substr(0, d));
    sep.assign(t.substr(d, b - d));
    body.assign(t.substr(b));
    return true;
}

bool numbered_line_by_pattern(std::string_view t, std::string& num, std::string& sep, std::string& body) {
    static const RE2 numbered(R"(^(\d{1,3})(\)\s*|\s+|)([^\d\s].*)$)");
    return RE2::FullMatch(t, numbered, &num, &sep, &body);
}

namespace {

bool is_heading(const line& l) { return l.kind == line_kind::text && parse_heading(l.text).has_value(); }

// "Antwoord van minister X (…)", "Mededeling van …": the answers' intro ends any note
bool is_answer_intro(const line& l) {
    return l.kind == line_kind::text && (starts_with(l.text, "Antwoord van ") || starts_with(l.text, "ANTWOORD van ") ||
                                         starts_with(l.text, "Mededeling van "));
}

// Joins a footnote's next line: a URL broken at a line end goes on without a space
// ("…/huisvesting_" + "evacuees/b1", "…rutte-vier-" + "hopeloos-uit-het-zicht").
void append_footnote_line(std::string& text, std::string_view next) {
    if (text.empty()) {
        text = next;
        return;
    }
    const std::size_t ws = text.find_last_of(' ');
    const std::string_view last = std::string_view(text).substr(ws == std::string::npos ? 0 : ws + 1);
    const bool url = last.find("://") != std::string_view::npos || last.substr(0, 4) == "www." ||
                     last.substr(0, 5) == "(www." || last.substr(0, 5) == "(http";
    const bool next_word = !next.empty() && next.find(' ') == std::string_view::npos;
    if (url && (std::string_view("/-_%=?&.").find(last.back()) != std::string_view::npos || next_word) &&
        !last.empty() && last.back() != ')') {
        text += next;
        return;
    }
    text += ' ';
    text += next;
}

// A block of lines holds several bodies when labels were printed together: where it
// splits best. A new body starts a line with a capital or a quote, after a line that
// ended short of the column or with a full stop (not one that broke a URL or a word).
std::vector<std::size_t> split_points(const std::vector<line>& lines, std::size_t first, std::size_t end,
                                      std::size_t want, std::size_t width) {
    std::vector<std::pair<double, std::size_t>> scored;
    for (std::size_t k = first + 1; k < end; ++k) {
        const std::string& prev = lines[k - 1].text;
        const std::string& cur = lines[k].text;
        const char32_t c = first_char(cur);
        double score = 0;
        if (is_upper(c) || c == U'«' || c == U'“') score += 1;
        if (!prev.empty() && std::string_view("-/_%").find(prev.back()) != std::string_view::npos) score -= 2;
        if (width > 0) score += 1.0 - std::min(1.0, static_cast<double>(count_chars(prev)) / static_cast<double>(width));
        if (!prev.empty() && (prev.back() == '.' || prev.back() == ')')) score += 0.5;
        scored.push_back({score, k});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < scored.size() && out.size() < want; ++k) out.push_back(scored[k].second);
    std::sort(out.begin(), out.end());
    return out;
}

// pdftotext prints footnote labels on lines of their own ("1"), either each before its
// body or together before the bodies, and the bodies at the page end (after the first
// page's masthead block). Per page: the labels that continue the numbering and have a
// reference earlier in the text; the text blocks after the first of them are the bodies.
// A label printed with no body after it ("1 / body / body / 3 / body / 2") shares the
// body block of the label before it.
void pdftotext_bodies(std::vector<line>& lines, const std::vector<ref_candidate>& refs,
                      std::map<int, footnote>& found, std::vector<diagnostic>& diags) {
    int next = 1;
    while (found.count(next)) ++next;
    std::size_t width = 0;  // the text column, in characters
    for (const line& l : lines)
        if (l.kind == line_kind::text) width = std::max(width, static_cast<std::size_t>(count_chars(l.text)));
    width = std::min<std::size_t>(width, 90);
    std::size_t b = 0;
    while (b < lines.size()) {
        std::size_t e = b;
        while (e < lines.size() && lines[e].page == lines[b].page) ++e;
        // accepted labels in page order
        struct label {
            std::size_t index;
            int number;
        };
        std::vector<label> labels;
        const int page_first = next;
        int high = next - 1;
        for (std::size_t i = b; i < e; ++i) {
            std::string num;
            if (lines[i].kind != line_kind::text || !label_line(lines[i].text, &num)) continue;
            const int n = to_int_or_max(num);
            if (n < page_first || n > high + 3 || found.count(n) ||
                std::any_of(labels.begin(), labels.end(), [&](const label& x) { return x.number == n; }))
                continue;
            // a reference before the label, not itself a label
            const ref_candidate* ref = nullptr;
            for (const auto& r : refs) {
                if (r.line_index >= i) break;
                if (r.number != n || lines[r.line_index].kind != line_kind::text || label_line(lines[r.line_index].text))
                    continue;
                if (!ref || ref->suffix || !r.suffix) ref = &r;  // the last one; whole numbers first
            }
            if (!ref) continue;
            if (ref->suffix) lines[ref->line_index].suffix_refs.push_back({ref->offset, n});
            labels.push_back({i, n});
            high = std::max(high, n);
        }
        if (labels.empty()) {
            b = e;
            continue;
        }
        for (const auto& l : labels) {
            lines[l.index].kind = line_kind::label;
            lines[l.index].footnote = l.number;
        }
        // groups: labels with the blocks that follow them up to the next label
        struct group {
            std::vector<int> numbers;
            std::vector<std::pair<std::size_t, std::size_t>> blocks;  // [start, end)
        };
        std::vector<group> groups;
        bool after_label = false;
        for (std::size_t i = labels.front().index; i < e; ++i) {
            if (lines[i].kind == line_kind::label) {
                if (!after_label) groups.push_back({});
                groups.back().numbers.push_back(lines[i].footnote);
                after_label = true;
                continue;
            }
            if (lines[i].kind != line_kind::text) continue;
            after_label = false;
            std::size_t k = i;
            bool letters = false;
            while (k < e && lines[k].kind == line_kind::text && (k == i || !is_heading(lines[k]))) {
                letters = letters || std::any_of(lines[k].text.begin(), lines[k].text.end(), [](char c) {
                              return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                          });
                ++k;
            }
            // a body has words: a block of bare numbers is a table's cells
            if (letters) groups.back().blocks.push_back({i, k});
            i = k - 1;
        }
        // a label without a body shares the bodies of the group its number falls in
        std::vector<int> orphans;
        for (std::size_t g = groups.size(); g-- > 0;) {
            if (!groups[g].blocks.empty() || groups.size() == 1) continue;
            orphans.insert(orphans.end(), groups[g].numbers.begin(), groups[g].numbers.end());
            groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(g));
        }
        for (int n : orphans) {
            std::size_t at = 0;
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (*std::min_element(groups[g].numbers.begin(), groups[g].numbers.end()) < n) at = g;
            groups[at].numbers.push_back(n);
        }
        bool short_of_bodies = false;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            auto& gr = groups[g];
            std::sort(gr.numbers.begin(), gr.numbers.end());
            auto& blocks = gr.blocks;
            if (blocks.empty()) {
                short_of_bodies = true;
                continue;
            }
            // at the page end, text after the labels that is not a body (a table's cells)
            // comes first; elsewhere extra blocks continue the last body
            if (blocks.size() > gr.numbers.size()) {
                if (g + 1 == groups.size()) {
                    blocks.erase(blocks.begin(), blocks.end() - static_cast<std::ptrdiff_t>(gr.numbers.size()));
                } else {
                    const std::size_t keep = gr.numbers.size();
                    blocks[keep - 1].second = blocks.back().second;
                    blocks.resize(keep);
                }
            }
            // fewer blocks than labels: split the blocks at their likeliest body starts
            std::vector<std::pair<std::size_t, std::size_t>> bodies;
            std::size_t missing = gr.numbers.size() - blocks.size();
            for (const auto& [first, end] : blocks) {
                std::vector<std::size_t> cuts;
                if (missing > 0 && end - first > 1) {
                    cuts = split_points(lines, first, end, missing, width);
                    missing -= cuts.size();
                }
                std::size_t from = first;
                for (std::size_t c : cuts) {
                    bodies.push_back({from, c});
                    from = c;
                }
                bodies.push_back({from, end});
            }
            if (bodies.size() < gr.numbers.size()) short_of_bodies = true;
            for (std::size_t k = 0; k < bodies.size() && k < gr.numbers.size(); ++k) {
                const int n = gr.numbers[k];
                footnote f;
                f.number = n;
                f.line = lines[bodies[k].first].no;
                std::string text;
                for (std::size_t x = bodies[k].first; x < bodies[k].second; ++x) {
                    lines[x].kind = line_kind::footnote;
                    lines[x].footnote = n;
                    append_footnote_line(text, lines[x].text);
                }
                f.text = collapse_space(text);
                found[n] = std::move(f);
            }
        }
        if (short_of_bodies)
            diags.push_back({"footnote_body_missing", severity::warning, lines[labels.front().index].no, 0,
                             "fewer footnote bodies than labels on this page", excerpt(lines[labels.front().index].text)});
        next = high + 1;
        while (found.count(next)) ++next;
        b = e;
    }
}

// The text of a web page (officielebekendmakingen.nl, tweedekamer.nl) ends with its notes
// under a title "Noot" (or "X Noot", "Noten"): each a number on a line of its own, then
// its text.
void web_notes(std::vector<line>& lines, std::map<int, footnote>& found) {
    static const RE2 title(R"(^(?:X\s+)?No(?:ot|ten)$)");
    auto is_title = [](const line& l) {
        return l.kind == line_kind::text && !l.text.empty() && (l.text[0] == 'X' || l.text[0] == 'N') &&
               RE2::FullMatch(l.text, title);
    };
    std::size_t i = 0;
    while (i < lines.size() && !is_title(lines[i])) ++i;
    if (i == lines.size()) return;
    lines[i].kind = line_kind::furniture;
    int current = 0;
    std::string num;
    for (++i; i < lines.size(); ++i) {
        line& l = lines[i];
        if (l.kind != line_kind::text) continue;
        if (label_line(l.text, &num)) {
            current = to_int_or_max(num);
            if (current > max_footnote_number || found.count(current)) current = 0;
            if (current) l.kind = line_kind::label;
            continue;
        }
        if (!current) continue;
        footnote& f = found[current];
        if (f.text.empty()) {
            f.number = current;
            f.line = l.no;
        }
        append_footnote_line(f.text, l.text);
        l.kind = line_kind::footnote;
        l.footnote = current;
    }
}

}  // namespace

std::vector<footnote> extract_footnotes(std::vector<line>& lines, layout lay, std::vector<diagnostic>& diags) {
    std::vector<footnote> out;
    const auto refs = find_ref_candidates(lines, lay);
    if (refs.empty()) return out;

    std::map<int, footnote> found;
    web_notes(lines, found);
    // pdftotext's labels are the stronger evidence: bodies they claim are taken first
    if (lay == layout::pdftotext) pdftotext_bodies(lines, refs, found, diags);
    const auto first_ref = first_ref_lines(refs);
    int expected = 1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        while (found.count(expected)) ++expected;
        line& l = lines[i];
        if (l.kind != line_kind::text) continue;
        std::string num, sep, body;
        if (!numbered_line(l.text, num, sep, body)) continue;
        const int n = to_int_or_max(num);
        // a date at the start of a line is not a body ("1 december 2023 aan de …")
        if (found.count(n) || starts_with_month(body)) continue;
        // the next number, or a little further when a body was missed (a page the
        // extractor garbled must not stop every later footnote)
        if (n < expected || n > expected + 3 || n > max_footnote_number) continue;
        if (auto it = first_ref.find(n); it == first_ref.end() || it->second >= i) continue;
        // "1. …" would be a list item; a glued body must start with a letter, a quote or a
        // bracket before a capital ("4(Aanhangsel …)").
        if (sep.empty() && !(is_letter(first_char(body)) || first_char(body) == U'«' || first_char(body) == U'“' ||
                             (body[0] == '(' && is_upper(first_char(std::string_view(body).substr(1))))))
            continue;
        // archive OCR glues question and answer numbers to their text ("1Ja."); its notes
        // are set apart ("1 Tweede Kamer, …")
        if (sep.empty() && lay == layout::ocr) continue;
        if (is_heading(l)) continue;
        // "4 is de problematiek …" opens a line with a superscript; when the page prints a
        // numbered line for the same note further on ("4(Aanhangsel …)"), that is the body
        if (is_lower(first_char(body)) && body.find("://") == std::string::npos && !starts_with(body, "www.")) {
            bool later = false;
            for (std::size_t j = i + 1; j < lines.size() && !lines[j].page_start && lines[j].kind != line_kind::furniture; ++j) {
                std::string n2, s2, b2;
                if (lines[j].kind == line_kind::text && numbered_line(lines[j].text, n2, s2, b2) &&
                    to_int_or_max(n2) == n && !is_lower(first_char(b2))) {
                    later = true;
                    break;
                }
            }
            if (later) continue;
        }
        // Where the body ends: a blank line, furniture, a page break, the next body, a
        // heading, or a line indented where the body was not (the page's text resuming).
        std::size_t end = i + 1;
        if (lay != layout::docx) {
            while (end < lines.size()) {
                const line& c = lines[end];
                if (c.kind != line_kind::text || c.page_start || is_heading(c) || is_answer_intro(c)) break;
                if (c.leading_space && !l.leading_space) break;
                std::string n2, s2, b2;
                if (numbered_line(c.text, n2, s2, b2) && to_int_or_max(n2) == n + 1) break;
                ++end;
            }
        }
        const bool block_start = i == 0 || l.page_start || lines[i - 1].kind != line_kind::text;
        std::size_t after = end;
        while (after < lines.size() && lines[after].kind == line_kind::blank) ++after;
        bool at_page_end = after >= lines.size() || lines[after].kind == line_kind::furniture ||
                           lines[after].page_start ||
                           (lay == layout::ocr && (is_heading(lines[after]) || is_answer_intro(lines[after])));
        if (!at_page_end && after < lines.size()) {
            std::string n2, s2, b2;
            at_page_end = numbered_line(lines[after].text, n2, s2, b2) && to_int_or_max(n2) == n + 1;
        }
        if (!block_start && !at_page_end) continue;
        footnote f;
        f.number = n;
        f.line = l.no;
        std::string text = body;
        for (std::size_t k = i; k < end; ++k) {
            lines[k].kind = line_kind::footnote;
            lines[k].footnote = n;
            if (k > i) append_footnote_line(text, lines[k].text);
        }
        f.text = collapse_space(text);
        found[n] = std::move(f);
        expected = n + 1;
        i = end - 1;
    }

    for (auto& [n, f] : found) out.push_back(std::move(f));
    return out;
}

}  // namespace kamervragen::detail
