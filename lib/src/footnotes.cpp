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
    static const RE2 re(R"(^(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*([.,;:]?)$)");
    static const RE2 num(R"((\d{1,3}))");
    std::string list, p;
    if (!RE2::FullMatch(text, re, &list, &p)) return {};
    std::vector<int> out;
    re2::StringPiece in(list);
    std::string d;
    while (RE2::FindAndConsume(&in, num, &d)) out.push_back(std::stoi(d));
    if (punct) *punct = p;
    return out;
}

namespace {

struct ref_candidate {
    int number;
    std::size_t line_index;
};

// Possible references: digits glued after a word or punctuation ("achtergrond?1 Wat",
// "tegen4. De", "regenboogbeleid»?1"), a Word "? 1)", a number alone on a line (pypdf
// prints the superscript on its own line), or at the start of a line before a
// lower-case word (pypdf: "3 gesteld worden …").
std::vector<ref_candidate> find_ref_candidates(const std::vector<line>& lines, layout lay) {
    static const RE2 glued(R"(([\p{L}?!.,;:»”’")\]])(\d{1,3})(?:[\s.,;:!?)]|$))");
    static const RE2 word_paren(R"([?.!»”’'"]\s*(\d{1,3})\))");
    static const RE2 line_start(R"(^(\d{1,3})\s+\p{Ll})");
    // pypdf also starts a line with the superscript before a new sentence ("3 De wetgever").
    static const RE2 line_start_upper(R"(^(\d{1,3})\s+\p{Lu})");
    std::vector<ref_candidate> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const line& l = lines[i];
        if (l.kind != line_kind::text) continue;
        // every candidate has a digit
        if (std::none_of(l.text.begin(), l.text.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
        if (auto sup = superscript_line(l.text); !sup.empty()) {
            for (int n : sup) out.push_back({n, i});
            continue;
        }
        std::string n;
        if (RE2::PartialMatch(l.text, line_start, &n) ||
            (lay == layout::pypdf && RE2::PartialMatch(l.text, line_start_upper, &n)))
            out.push_back({std::stoi(n), i});
        re2::StringPiece in(l.text);
        std::string pre;
        while (RE2::FindAndConsume(&in, glued, &pre, &n)) {
            out.push_back({std::stoi(n), i});
            // let the terminator be read again as the start of the next match
            if (in.data() > l.text.data()) in = re2::StringPiece(in.data() - 1, in.size() + 1);
        }
        in = re2::StringPiece(l.text);
        while (RE2::FindAndConsume(&in, word_paren, &n)) out.push_back({std::stoi(n), i});
    }
    return out;
}

// First line on which each number appears as a possible reference.
std::map<int, std::size_t> first_ref_lines(const std::vector<ref_candidate>& refs) {
    std::map<int, std::size_t> out;
    for (const auto& r : refs) out.emplace(r.number, r.line_index);
    return out;
}

bool is_heading(const line& l) { return l.kind == line_kind::text && parse_heading(l.text).has_value(); }

}  // namespace

std::vector<footnote> extract_footnotes(std::vector<line>& lines, layout lay, std::vector<diagnostic>& diags) {
    std::vector<footnote> out;
    const auto refs = find_ref_candidates(lines, lay);
    if (refs.empty()) return out;

    // "1 Deze brief", "1EenVandaag", "1) Pointer", "12https://…"
    static const RE2 numbered(R"(^(\d{1,3})(\)\s*|\s+|)([^\d\s].*)$)");
    std::map<int, footnote> found;
    const auto first_ref = first_ref_lines(refs);
    int expected = 1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        line& l = lines[i];
        if (l.kind != line_kind::text) continue;
        std::string num, sep, body;
        if (!RE2::FullMatch(l.text, numbered, &num, &sep, &body)) continue;
        const int n = std::stoi(num);
        // the next number, or a little further when a body was missed (a page the
        // extractor garbled must not stop every later footnote)
        if (n < expected || n > expected + 3 || n > max_footnote_number) continue;
        if (auto it = first_ref.find(n); it == first_ref.end() || it->second >= i) continue;
        // "1. …" would be a list item; a glued body must start with a letter, quote or URL.
        if (sep.empty() && !(is_letter(first_char(body)) || first_char(body) == U'«' || first_char(body) == U'“'))
            continue;
        if (is_heading(l)) continue;
        // Where the body ends: a blank line, furniture, a page break, the next body, a
        // heading, or a line indented where the body was not (the page's text resuming).
        std::size_t end = i + 1;
        if (lay != layout::docx) {
            while (end < lines.size()) {
                const line& c = lines[end];
                if (c.kind != line_kind::text || c.page_start || is_heading(c)) break;
                if (c.leading_space && !l.leading_space) break;
                std::string n2, s2, b2;
                if (RE2::FullMatch(c.text, numbered, &n2, &s2, &b2) && std::stoi(n2) == n + 1) break;
                ++end;
            }
        }
        const bool block_start = i == 0 || l.page_start || lines[i - 1].kind != line_kind::text;
        std::size_t after = end;
        while (after < lines.size() && lines[after].kind == line_kind::blank) ++after;
        bool at_page_end = after >= lines.size() || lines[after].kind == line_kind::furniture ||
                           lines[after].page_start;
        if (!at_page_end && after < lines.size()) {
            std::string n2, s2, b2;
            at_page_end = RE2::FullMatch(lines[after].text, numbered, &n2, &s2, &b2) && std::stoi(n2) == n + 1;
        }
        if (!block_start && !at_page_end) continue;
        footnote f;
        f.number = n;
        f.line = l.no;
        std::string text = body;
        for (std::size_t k = i; k < end; ++k) {
            lines[k].kind = line_kind::footnote;
            lines[k].footnote = n;
            if (k > i) {
                text += ' ';
                text += lines[k].text;
            }
        }
        f.text = collapse_space(text);
        found[n] = std::move(f);
        expected = n + 1;
        i = end - 1;
    }

    if (lay == layout::pdftotext) {
        // Unnumbered bodies: per page, the references on the page, then the last text
        // blocks before the footer.
        static const RE2 lone(R"(^(\d{1,3})$)");
        int next = 1;
        while (found.count(next)) ++next;
        int pages = lines.empty() ? 0 : lines.back().page + 1;
        for (int p = 0; p < pages; ++p) {
            // references on this page, in sequence
            std::vector<ref_candidate> pending;
            std::size_t last_ref_line = 0;
            for (const auto& r : refs) {
                if (lines[r.line_index].page != p || lines[r.line_index].kind != line_kind::text) continue;
                if (RE2::FullMatch(lines[r.line_index].text, lone)) continue;  // labels are not references
                if (r.number == next) {
                    pending.push_back(r);
                    last_ref_line = r.line_index;
                    ++next;
                    while (found.count(next)) ++next;
                }
            }
            if (pending.empty()) continue;
            // each reference needs its label printed somewhere on the page after it
            std::size_t page_end = 0;
            std::vector<std::size_t> labels;
            for (std::size_t i = 0; i < lines.size(); ++i) {
                if (lines[i].page != p) continue;
                page_end = i;
            }
            std::vector<ref_candidate> confirmed;
            for (const auto& r : pending) {
                for (std::size_t i = r.line_index + 1; i <= page_end; ++i) {
                    std::string n;
                    if (lines[i].kind == line_kind::text && RE2::FullMatch(lines[i].text, lone, &n) &&
                        std::stoi(n) == r.number) {
                        confirmed.push_back(r);
                        lines[i].kind = line_kind::label;
                        break;
                    }
                }
            }
            if (confirmed.empty()) {
                next = pending.front().number;  // give the numbers back to later pages
                continue;
            }
            // the footer (first furniture line from the end of the page)
            std::size_t footer = page_end + 1;
            for (std::size_t i = page_end + 1; i-- > last_ref_line + 1;) {
                if (lines[i].page != p) continue;
                if (lines[i].kind == line_kind::furniture && lines[i].text.find("vergaderjaar") != std::string::npos) {
                    footer = i;
                    break;
                }
            }
            // walk back from the footer, collecting blocks
            std::vector<std::pair<std::size_t, std::size_t>> blocks;  // [start, end)
            std::size_t i = footer;
            while (i > last_ref_line + 1 && blocks.size() < confirmed.size()) {
                --i;
                const line& c = lines[i];
                if (c.kind != line_kind::text) continue;
                if (is_heading(c)) break;
                std::size_t end = i + 1;
                while (i > last_ref_line + 1 && lines[i - 1].kind == line_kind::text && !is_heading(lines[i - 1])) --i;
                blocks.push_back({i, end});
            }
            std::reverse(blocks.begin(), blocks.end());
            // blocks are in page order; give them to the confirmed references in order
            const std::size_t offset = confirmed.size() - std::min(confirmed.size(), blocks.size());
            for (std::size_t b = 0; b < blocks.size(); ++b) {
                const int n = confirmed[offset + b].number;
                footnote f;
                f.number = n;
                f.line = lines[blocks[b].first].no;
                std::string text;
                for (std::size_t k = blocks[b].first; k < blocks[b].second; ++k) {
                    lines[k].kind = line_kind::footnote;
                    lines[k].footnote = n;
                    if (!text.empty()) text += ' ';
                    text += lines[k].text;
                }
                f.text = collapse_space(text);
                found[n] = std::move(f);
            }
            if (blocks.size() < confirmed.size())
                diags.push_back({"footnote_body_missing", severity::warning, lines[last_ref_line].no, 0,
                                 "fewer footnote bodies than references on this page",
                                 excerpt(lines[last_ref_line].text)});
            next = pending.back().number + 1;
            while (found.count(next)) ++next;
        }
    }
    for (auto& [n, f] : found) out.push_back(std::move(f));
    return out;
}

}  // namespace kamervragen::detail
