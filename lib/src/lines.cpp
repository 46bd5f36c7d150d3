// lines.cpp: the first phase. Splits text into lines and pages, recognises the extraction
// layout, marks page furniture (masthead, running headers and footers, page numbers,
// the ISSN block, Word headers) and recognises unit headings.
#include <re2/re2.h>

#include <cstring>

#include <algorithm>

#include "phases.hpp"
#include "text.hpp"

namespace kamervragen::detail {

const char* to_string(layout l) {
    switch (l) {
        case layout::plain: return "plain";
        case layout::pdftotext: return "pdftotext";
        case layout::pypdf: return "pypdf";
        case layout::docx: return "docx";
        case layout::markdown: return "markdown";
        case layout::ocr: return "ocr";
    }
    return "plain";
}

namespace {

// Markdown emphasis and heading marks that a PDF-to-markdown converter adds:
// "#### Vergaderjaar 2023–2024", "**regering gegeven antwoorden**", "_spreekkamer»_".
std::string strip_markdown(std::string_view s) {
    static const RE2 heading_marks(R"(^\s*#{1,6}\s*)");
    std::string out(s);
    RE2::Replace(&out, heading_marks, "");
    static const RE2 bold(R"(\*\*)");
    RE2::GlobalReplace(&out, bold, "");
    // "_text_" italics at word edges; underscores inside words and URLs stay.
    static const RE2 ital_open(R"((^|\s)_(\S))");
    static const RE2 ital_close(R"((\S)_(\s|$))");
    RE2::GlobalReplace(&out, ital_open, "\\1\\2");
    RE2::GlobalReplace(&out, ital_close, "\\1\\2");
    // markdown footnote references "[1 ]" / "[1]" become glued digits.
    static const RE2 md_ref(R"(\[(\d{1,3})\s*\])");
    RE2::GlobalReplace(&out, md_ref, "\\1");
    return out;
}

// The running footer of every page: "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel"
// (the archive before 1983: "Tweede Kamer, zitting 1979-1980, Aanhangsel").
// pypdf glues the ISSN block before it and the page number (and the next page) after it.
const RE2& footer_re() {
    static const RE2 re(
        R"((?:ah-[te]k-\d{8}-\d+\s*)?(?:ISSN 0921\s*-\s*7398\s*)?(?:[’']s-Gravenhage \d{4}\s*)?)"
        R"(((Tweede|Eerste) Kamer, (?:vergaderjaar|zitting) (\d{4})\s*[–-]\s*(\d{4}), Aanhangsel))");
    return re;
}

// Cheap test before the footer pattern.
bool may_hold_footer(std::string_view t) {
    static const byte_searcher year("ergaderjaar"), zitting("Kamer, zitting");
    return year.in(t) || zitting.in(t);
}

}  // namespace

std::vector<line> split_lines(std::string_view text) {
    std::vector<line> out;
    int no = 0, page = 0;
    bool page_start = true;
    // markdown: a line "-----" (a page break) or "#### …", or a first line "#…"
    bool markdown = starts_with(text, "#");
    for (std::size_t nl = text.find('\n'); nl != std::string_view::npos && !markdown; nl = text.find('\n', nl + 1)) {
        const std::string_view next = text.substr(nl + 1);
        markdown = starts_with(next, "-----") || starts_with(next, "#### ");
    }
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view raw = text.substr(pos, nl - pos);
        ++no;
        // A form feed inside a line breaks the page there; both halves keep the line number.
        std::size_t seg_start = 0;
        while (true) {
            std::size_t ff = raw.find('\f', seg_start);
            std::string_view seg = raw.substr(seg_start, ff == std::string_view::npos ? std::string_view::npos
                                                                                     : ff - seg_start);
            line l;
            std::string_view t = trim(seg);
            l.leading_space = !seg.empty() && !t.empty() && (seg[0] == ' ' || seg[0] == '\t');
            l.no = no;
            l.page = page;
            l.page_start = page_start;
            if (markdown && (t == "-----" || t == "---")) {
                ++page;  // markdown page break
                page_start = true;
            } else {
                l.text = markdown ? std::string(trim(strip_markdown(t))) : std::string(t);
                l.kind = l.text.empty() ? line_kind::blank : line_kind::text;
                // the empty piece before a form feed is no line of its own
                if (!(l.kind == line_kind::blank && ff != std::string_view::npos && seg.empty())) {
                    out.push_back(std::move(l));
                    if (out.back().kind != line_kind::blank) page_start = false;
                }
            }
            if (ff == std::string_view::npos) break;
            ++page;
            page_start = true;
            seg_start = ff + 1;
        }
        if (nl == text.size()) break;
        pos = nl + 1;
    }
    // Drop trailing blank lines.
    while (!out.empty() && out.back().kind == line_kind::blank) out.pop_back();
    return out;
}

layout detect_layout(const std::vector<line>& lines) {
    static const RE2 md_hint(R"(^(#|\*\*))");
    // archive OCR: "(Ingezonden " or "(Ontvangen " in a line, or a line "Zitting 1982-1983"
    static const RE2 zitting(R"(Zitting \d{4}\s*-\s*\d{4})");
    static const RE2 footer_alone(R"(^(Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, Aanhangsel$)");
    static const RE2 footer_end(R"((Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, Aanhangsel\s*\d+$)");
    static const RE2 word_header(R"(^AH \d+|^\d{4}Z\s?\d{5}$)");
    int blank = 0, alone = 0, glued = 0, ocr = 0, word = 0;
    for (const line& l : lines) {
        if (l.kind == line_kind::blank) ++blank;
        static const byte_searcher year("ergaderjaar");
        if (year.in(l.text)) {
            if (RE2::PartialMatch(l.text, footer_alone)) ++alone;
            if (RE2::PartialMatch(l.text, footer_end)) ++glued;
        }
        bool dated = false;
        for (std::size_t p = l.text.find('('); p != std::string::npos && !dated; p = l.text.find('(', p + 1)) {
            const std::string_view after = std::string_view(l.text).substr(p + 1);
            dated = starts_with(after, "Ingezonden ") || starts_with(after, "Ontvangen ");
        }
        if (dated || (starts_with(l.text, "Zitting ") && RE2::FullMatch(l.text, zitting))) ++ocr;
        if (l.no < 6 && RE2::PartialMatch(l.text, word_header)) ++word;
    }
    const double n = static_cast<double>(std::max<std::size_t>(lines.size(), 1));
    // pdftotext sets furniture apart with blank lines; archive OCR with the same footer has none
    if (alone > 0 && blank / n > 0.05) return layout::pdftotext;
    if (glued > 0) return layout::pypdf;
    if (ocr > 0) return layout::ocr;
    if (word > 0) return layout::docx;
    if (blank / n > 0.3) return layout::docx;
    return layout::plain;
}

void mark_furniture(std::vector<line>& lines, layout lay, hints& h) {
    // Masthead, first page: "Tweede Kamer der Staten-Generaal" (pypdf glues the part
    // number: "...Staten-Generaal2").
    static const RE2 masthead_chamber(R"(^(Tweede|Eerste) Kamer der Staten-Generaal\s*\d?$)");
    // "Vergaderjaar 2023–2024", "Vergaderjaar 2023–2024  Aanhangsel van de Handelingen",
    // "Zitting 1982-1983" (archive)
    static const RE2 masthead_year(
        R"(^(?:Vergaderjaar|Zitting) (\d{4})\s*[–—-]\s*(\d{4})(?:\s+Aanhangsel(?: van de Handelingen)?)?$)");
    // Before 1980: "Aanhangsel tot het Verslag van de Handelingen der Eerste Kamer" (OCR:
    // "bet", "liet"), and the footer "Handelingen der Staten-Generaal 1929—1930. II. Aanhangsel"
    static const RE2 old_masthead(R"((?i)^Aanhangsel tot (?:het|bet|liet) Verslag van de Handelingen der (Eerste|Tweede) Kamer\.?$)");
    // and its other running lines: "EERSTE KAMER", "Tweede Kamer.", "Vel 83.", "VRAGEN",
    // "Schriftelijk beantwoorde vragen.", "Vragen, door de leden der Kamer gedaan …"
    static const RE2 old_other(
        R"(^(?:EERSTE KAMER|TWEEDE KAMER|(?:Eerste|Tweede) Kamer\.|Vel \d{1,3}\.?|VRAGEN|Schriftelijk beantwoorde vragen\.?|)"
        R"(Vragen,? (?:door|gesteld door) de leden der Kamer .*|door de leden der Kamer gesteld .*)$)");
    static const RE2 old_footer(R"(^Handelingen der Staten-Generaal\.? (\d{4})\s*[–—-]\s*(\d{4})\. (I|II)\. Aanhangsel\.?$)");
    static const RE2 masthead_other(
        R"(^(Aanhangsel van de Handelingen|Vragen gesteld door (de )?leden (der|van de) Kamer.*|[Rr]egering gegeven antwoorden|ISSN 0921\s*-\s*7398.*|[’']s-Gravenhage \d{4})$)");
    // "ah-tk-20232024-1314" alone, "kv-tk-2011Z17247"
    static const RE2 doc_id_re(R"(^((?:ah|kv)-(tk|ek)-(\d{4})(\d{4})-(\d+))$)");
    // Word answers: "AH 604", "AH 604 / 2024Z18294", "2024Z18294", "2024Z 17972"
    static const RE2 word_ah(R"(^AH\s+(\d+)(?:\s*/\s*(\d{4})Z\s?(\d{5}))?$)");
    static const RE2 word_z(R"(^(\d{4})Z\s?(\d{5})$)");
    static const RE2 intro(R"(^(Vragen van|Vraag|Antwoord|Mededeling|Vragen gesteld door .*\bleden\b.* aan|\d))");

    // Lone numbers are masthead numbers (part, Aanhangsel number) only once a masthead
    // line was seen; a Word answer starts with a lone "1" that numbers its first question.
    bool in_masthead = false;
    bool masthead_open = true;
    std::optional<int> masthead_number;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        line& l = lines[i];
        if (l.kind == line_kind::blank) continue;
        std::string a, b, c, d;
        std::string_view t = l.text;
        const char c0 = t.empty() ? '\0' : t[0];
        const bool digit0 = c0 >= '0' && c0 <= '9';
        // a web page's "back to top" link
        if (t == "Naar boven") {
            l.kind = line_kind::furniture;
            continue;
        }
        // Each pattern is tried only on a line that begins with one of the words every line
        // it matches begins with: most lines ("Vraag 1", "Tevens") are spared the call. The
        // first byte is tested first, for all of them at once.
        const auto begins = [t, c0](std::initializer_list<std::string_view> words) {
            // the first byte before the call: most words of a list begin with another
            return std::any_of(words.begin(), words.end(),
                               [t, c0](std::string_view w) { return w[0] == c0 && starts_with(t, w); });
        };
        // ASCII letters in any case ((?i) also folds 'ſ' to 's' and the Kelvin sign to 'k':
        // the words given have neither letter)
        const auto begins_folded = [t](std::string_view lower) {
            if (t.size() < lower.size()) return false;
            for (std::size_t k = 0; k < lower.size(); ++k)
                if ((t[k] >= 'A' && t[k] <= 'Z' ? t[k] + 32 : t[k]) != lower[k]) return false;
            return true;
        };
        if (c0 != '\0' && std::strchr("TEAaVSdHZRrI\xE2'k", c0)) {
            if (begins({"Tweede Kamer der ", "Eerste Kamer der "}) && RE2::FullMatch(t, masthead_chamber, &a)) {
                l.kind = line_kind::furniture;
                in_masthead = masthead_open;
                if (h.chamber.empty()) h.chamber = a == "Tweede" ? "TK" : "EK";
                continue;
            }
            if (begins_folded("aanhang") && RE2::FullMatch(t, old_masthead, &a)) {
                l.kind = line_kind::furniture;
                if (h.chamber.empty()) h.chamber = to_lower(a) == "eerste" ? "EK" : "TK";
                continue;
            }
            if (begins({"EERSTE KAMER", "TWEEDE KAMER", "Eerste Kamer.", "Tweede Kamer.", "Vel ", "VRAGEN",
                        "Schriftelijk beantwoorde vragen", "Vragen", "door de leden der Kamer gesteld "}) &&
                RE2::FullMatch(t, old_other)) {
                l.kind = line_kind::furniture;
                continue;
            }
            if (begins({"Handelingen der Staten-Generaal"}) && RE2::FullMatch(t, old_footer, &a, &b, &c)) {
                l.kind = line_kind::furniture;
                if (h.chamber.empty()) h.chamber = c == "I" ? "EK" : "TK";
                if (h.session_year.empty()) h.session_year = a + "-" + b;
                continue;
            }
            if (begins({"Vergaderjaar ", "Zitting "}) && RE2::FullMatch(t, masthead_year, &a, &b)) {
                l.kind = line_kind::furniture;
                in_masthead = masthead_open;
                if (h.session_year.empty()) h.session_year = a + "-" + b;
                continue;
            }
            // (an ISSN line with the running footer glued after it is the footer's case)
            if (begins({"Aanhangsel van de Handelingen", "Vragen gesteld door ", "regering gegeven antwoorden",
                        "Regering gegeven antwoorden", "ISSN 0921", "\xE2\x80\x99s-Gravenhage ", "'s-Gravenhage "}) &&
                RE2::FullMatch(t, masthead_other) && !may_hold_footer(t)) {
                l.kind = line_kind::furniture;
                in_masthead = masthead_open && l.page == 0;
                continue;
            }
            std::string id;
            if (begins({"ah-", "kv-"}) && RE2::FullMatch(t, doc_id_re, &id, &a, &b, &c, &d)) {
                l.kind = line_kind::furniture;
                if (h.doc_id.empty()) {
                    h.doc_id = id;
                    if (h.chamber.empty()) h.chamber = a == "tk" ? "TK" : "EK";
                    if (h.session_year.empty()) h.session_year = b + "-" + c;
                    h.number = to_int(d);  // none when the digits do not fit
                }
                continue;
            }
        }
        if (l.no < 12 && c0 == 'A' && RE2::FullMatch(t, word_ah, &a, &b, &c)) {
            l.kind = line_kind::furniture;
            if (const auto n = to_int(a)) h.number = n;
            if (!b.empty() && h.question_ref.empty()) h.question_ref = b + "Z" + c;
            continue;
        }
        if (l.no < 12 && digit0 && RE2::FullMatch(t, word_z, &a, &b)) {
            l.kind = line_kind::furniture;
            if (h.question_ref.empty()) h.question_ref = a + "Z" + b;
            continue;
        }
        // Running footer, alone or glued to text on either side.
        re2::StringPiece input(t.data(), t.size()), whole, chamber, y1, y2;
        if (may_hold_footer(t) &&
            RE2::PartialMatch(input, footer_re(), &whole, &chamber, &y1, &y2)) {
            const std::size_t fstart = static_cast<std::size_t>(whole.data() - t.data());
            // Also swallow the ISSN block glued before the footer.
            std::string_view before = t.substr(0, fstart);
            std::string_view after = t.substr(fstart + whole.size());
            // "… Aanhangsel nr. 322.", "… Aanhangsel par. 649" cite a document: text
            if (const std::string_view cited = trim(after); starts_with(cited, "nr") || starts_with(cited, "par") ||
                                                            starts_with(cited, "blz") || starts_with(cited, "pag"))
                continue;
            // page number right after "Aanhangsel" (pypdf: "Aanhangsel 1misstanden")
            std::size_t k = 0;
            while (k < after.size() && after[k] == ' ') ++k;
            std::size_t digits = k;
            while (digits < after.size() && digits - k < 3 && after[digits] >= '0' && after[digits] <= '9') ++digits;
            after = trim(after.substr(digits));
            std::string before_text(trim(before));
            // cut the ISSN/'s-Gravenhage prefix from the text before the footer
            static const RE2 issn_any(R"(\s*(?:ah-[te]k-\d{8}-\d+\s*)?ISSN 0921\s*-\s*7398\s*(?:[’']s-Gravenhage \d{4})?\s*$)");
            RE2::Replace(&before_text, issn_any, "");
            if (h.session_year.empty()) h.session_year = std::string(y1.data(), y1.size()) + "-" + std::string(y2.data(), y2.size());
            if (h.chamber.empty()) h.chamber = chamber == "Tweede" ? "TK" : "EK";
            if (before_text.empty() && after.empty()) {
                l.kind = line_kind::furniture;
            } else {
                // keep the text parts as lines of their own around a furniture line
                line furn = l;
                furn.text = std::string(whole.data(), whole.size());
                furn.kind = line_kind::furniture;
                std::vector<line> repl;
                if (!before_text.empty()) {
                    line bl = l;
                    bl.text = before_text;
                    repl.push_back(bl);
                }
                repl.push_back(furn);
                if (!after.empty()) {
                    line al = l;
                    al.text = std::string(after);
                    al.page_start = true;
                    al.leading_space = false;
                    repl.push_back(al);
                }
                lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
                lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), repl.begin(), repl.end());
                // re-examine: the parts after the furniture line are looked at next round
                i += (before_text.empty() ? 0 : 1);
            }
            // the next line starts a page
            if (i + 1 < lines.size()) lines[i + 1].page_start = true;
            // pdftotext: the page number follows on a line of its own
            for (std::size_t j = i + 1; j < lines.size() && j <= i + 3; ++j) {
                if (lines[j].kind == line_kind::blank) continue;
                if (digits_only(lines[j].text, 3)) lines[j].kind = line_kind::furniture;
                break;
            }
            in_masthead = masthead_open = false;
            continue;
        }
        // (the intro pattern begins with V, A, M or a digit)
        const bool may_be_intro = c0 == 'V' || c0 == 'A' || c0 == 'M' || digit0;
        if (in_masthead) {
            if (digits_only(t, 5)) {
                l.kind = line_kind::furniture;
                masthead_number = to_int_or_max(std::string(t));
                continue;
            }
            if (may_be_intro && RE2::PartialMatch(t, intro)) in_masthead = masthead_open = false;
        } else if (masthead_open && may_be_intro && RE2::PartialMatch(t, intro)) {
            masthead_open = false;
        }
    }
    if (!h.number && masthead_number && *masthead_number > 2) h.number = masthead_number;
    // A lone number at the very end of a page (before \f) is a page number.
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        if (!lines[i + 1].page_start || lines[i].kind != line_kind::text) continue;
        if (lay == layout::pdftotext && digits_only(lines[i].text, 3)) {
            // only when the preceding non-blank line is furniture (footer)
            std::size_t j = i;
            while (j > 0 && lines[j - 1].kind == line_kind::blank) --j;
            if (j > 0 && lines[j - 1].kind == line_kind::furniture) lines[i].kind = line_kind::furniture;
        }
    }
}

std::vector<int> parse_number_list(std::string_view s) {
    // Tokens: numbers and the words between them. "t/m", "tot en met", "-", "–" make a range.
    static const RE2 tok(R"(\s*(\d{1,4}|t/m|tot en met|en|of|,|&|-|–|/)\s*)");
    std::vector<int> out;
    re2::StringPiece in(s.data(), s.size());
    std::string t;
    bool range = false;
    while (!in.empty() && RE2::Consume(&in, tok, &t)) {
        if (is_digit_str(t)) {
            int n = to_int_or_max(t);
            if (n <= 0 || n > max_question_number) return {};
            if (range && !out.empty() && n > out.back() && n - out.back() <= max_range_span) {
                for (int k = out.back() + 1; k <= n; ++k) out.push_back(k);
            } else {
                out.push_back(n);
            }
            range = false;
        } else if (t == "t/m" || t == "tot en met" || t == "-" || t == "–") {
            range = true;
        }
    }
    if (!in.empty()) return {};
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<heading_info> parse_heading(std::string_view text) {
    // "Vraag 1", "Vragen 2 en 3", "Vraag 3, 4 en 5", "Vraag 2 t/m 6", "Antwoord op vraag 1",
    // "Antwoord vraag 4-7:", "Antwoorden 5 en 6", "Antwoord op vragen 1,2,3,4 en 5",
    // "Antwoord 2 en 4 (vraag 3 ontbreekt)", "Antwoord", "Antwoord:", "Antwoord 2l"
    if (text.size() > 200 || !(text.rfind("Vra", 0) == 0 || text.rfind("Antw", 0) == 0)) return std::nullopt;
    // The common case without the pattern (whose captures cost far more than the rest of
    // the line's work): "Vraag 12", "Antwoord 3", nothing else on the line.
    for (std::string_view w : {std::string_view("Vraag "), std::string_view("Antwoord ")}) {
        if (!starts_with(text, w) || text.size() > w.size() + 3 || text.size() == w.size()) continue;
        const std::string_view digits = text.substr(w.size());
        if (!is_digit_str(digits) || digits[0] == '0') continue;
        heading_info h;
        h.kind = w[0] == 'V' ? unit_kind::question : unit_kind::answer;
        const int n = to_int_or_max(std::string(digits));
        if (n > max_question_number) return std::nullopt;
        h.numbers = {n};
        h.label = std::string(text);
        return h;
    }
    // Without a colon, text after the heading makes the line a sentence (below). The same
    // pattern with nothing after the heading runs without captures (RE2's DFA): when it
    // fails, every reading of the line leaves text after the heading, so the line is no
    // heading, and the costly captures are spared ("Vragen van het lid …"). (The line must
    // end in no space: the captured rest is trimmed of Unicode spaces, which \s is not.)
    static const RE2 nothing_after(
        R"(^(Antwoorden|Antwoord|Vragen|Vraag)(?:\s+op)?(?:\s+(?:de\s+)?(?:vraag|vragen))?)"
        R"(\s*((?:\d{1,3})(?:\s*(?:,|en|&|t/m|tot en met|-|–)\s*\d{1,3})*)?)"
        R"((?:[a-z](?:\b|$))?)"
        R"(\s*(?:\(([^()]+)\))?\s*[:.]?\s*$)");
    if (text.find(':') == std::string_view::npos && trim_right(text).size() == text.size() &&
        !RE2::FullMatch(text, nothing_after))
        return std::nullopt;
    return parse_heading_by_pattern(text);
}

std::optional<heading_info> parse_heading_by_pattern(std::string_view text) {
    static const RE2 re(
        R"(^(Antwoorden|Antwoord|Vragen|Vraag)(?:\s+op)?(?:\s+(?:de\s+)?(?:vraag|vragen))?)"
        R"(\s*((?:\d{1,3})(?:\s*(?:,|en|&|t/m|tot en met|-|–)\s*\d{1,3})*)?)"
        // "Antwoord 2l": a question asked again for each item of a list, lettered
        R"((?:[a-z](?:\b|$))?)"
        R"(\s*(?:\(([^()]+)\))?\s*[:.]?\s*(.*)$)");
    std::string word, nums, note, rest;
    if (!RE2::FullMatch(text, re, &word, &nums, &note, &rest)) return std::nullopt;
    if (note.size() > 120) return std::nullopt;  // a bracket that long is text, not a note
    heading_info h;
    h.kind = word[0] == 'V' ? unit_kind::question : unit_kind::answer;
    h.note = std::string(trim(note));
    h.rest = std::string(trim(rest));
    if (!nums.empty()) {
        h.numbers = parse_number_list(nums);
        if (h.numbers.empty()) return std::nullopt;
    } else {
        h.bare = true;
    }
    // Text after the heading only counts after a colon ("Antwoord vraag 4-7: Ja.");
    // "Vraag 1 is..." is a sentence, not a heading.
    if (!h.rest.empty()) {
        std::size_t colon = text.find(':');
        if (colon == std::string_view::npos || h.bare) return std::nullopt;
        std::size_t rest_pos = text.find(h.rest);
        if (rest_pos == std::string_view::npos || colon > rest_pos) return std::nullopt;
    }
    // A bare "Vragen" is a masthead word, not a heading; a bare "Vraag" is rare but real.
    if (h.bare && word == "Vragen") return std::nullopt;
    std::size_t label_end = text.size() - rest.size();
    std::string label(trim(text.substr(0, label_end)));
    if (!note.empty()) {
        std::size_t p = label.find('(');
        if (p != std::string::npos) label = std::string(trim(std::string_view(label).substr(0, p)));
    }
    while (!label.empty() && (label.back() == ':' || label.back() == '.')) label.pop_back();
    h.label = std::string(trim(label));
    return h;
}

void split_glued_headings(std::vector<line>& lines) {
    // "...heeft gemaakt.Vraag 3" / "…Aanhangsel 1Antwoord 3": a heading glued to the end of
    // the previous line, after sentence punctuation (or a digit of a page number).
    static const RE2 glued(
        R"(^(.*[.?!»”’)\d])\s*((?:Vraag|Vragen|Antwoord|Antwoorden)\s+\d{1,3}(?:\s*(?:,|en|t/m|-)\s*\d{1,3})*[a-z]?(?:\s*\([^()]*\))?)$)");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].kind != line_kind::text) continue;
        // cheap test first: the regex must find "Vraag" or "Antwoord" after the line's start
        const std::string& t = lines[i].text;
        // (upper-case first letters are rare: memchr for them, then the rest)
        auto find_from_capital = [&](std::string_view needle) {
            for (std::size_t p = 1; p < t.size();) {
                const void* c = std::memchr(t.data() + p, needle[0], t.size() - p);
                if (!c) break;
                p = static_cast<std::size_t>(static_cast<const char*>(c) - t.data());
                if (t.compare(p, needle.size(), needle) == 0) return p;
                ++p;
            }
            return std::string::npos;
        };
        const std::size_t v = find_from_capital("Vra"), a = find_from_capital("Antwoord");
        if (v == std::string::npos && a == std::string::npos) continue;
        std::string before, head;
        if (!RE2::FullMatch(t, glued, &before, &head)) continue;
        line h = lines[i];
        h.text = head;
        h.leading_space = false;
        lines[i].text = std::string(trim(before));
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, h);
        ++i;
    }
}

}  // namespace kamervragen::detail
