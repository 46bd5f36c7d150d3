// parser.cpp: the pipeline, and the state machine that assembles classified lines into
// question and answer units. Two ways to find units:
//  - headings ("Vraag 2 en 4", "Antwoord op vraag 1", a bare "Antwoord" after a
//    question numbered by a lone "2" line, as in Word answers);
//  - enumeration, where there are no headings: "1 Is het waar …" at a line start or
//    after a sentence (the archive), or plain paragraphs numbered by position.
#include "kamervragen/parser.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <map>

#include "encoding.hpp"
#include "kamervragen/lexicon.hpp"
#include "phases.hpp"
#include "text.hpp"

namespace kamervragen {

using namespace detail;

namespace {

// Removes carriage returns, soft hyphens and characters in the private range the parser
// uses for footnote markers; NFC-normalises.
std::string normalise(std::string text) {
    // bytes that may need a change: CR, control characters but \n \t \f, and the first
    // bytes of U+FFFE/U+FFFF (EF), of the soft hyphen (C2) and of U+F0000.. (F3)
    static const std::array<bool, 256> special = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = c != '\n' && c != '\t' && c != '\f';
        t[0xEF] = t[0xC2] = t[0xF3] = true;
        return t;
    }();
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        // the run of ordinary bytes from i: eight at a time while they are ASCII and none is
        // below 0x20, byte by byte through the rest (a '\n' is ordinary, but slows it)
        std::size_t run = i;
        for (;;) {
            while (run + 8 <= text.size()) {
                std::uint64_t w;
                std::memcpy(&w, text.data() + run, 8);
                if ((w & 0x8080808080808080ull) || ((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull)) break;
                run += 8;
            }
            const std::size_t stop = std::min(text.size(), run + 8);
            while (run < stop && !special[static_cast<unsigned char>(text[run])]) ++run;
            if (run >= text.size() || special[static_cast<unsigned char>(text[run])]) break;
        }
        if (run > i) {
            out.append(text, i, run - i);
            i = run - 1;
            continue;
        }
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') continue;
            out += '\n';
            continue;
        }
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\f') {
            out += ' ';  // control characters are not allowed in XML 1.0
            continue;
        }
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
            i += 2;  // U+FFFE, U+FFFF: not characters
            continue;
        }
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xAD) {
            ++i;  // U+00AD soft hyphen: the typesetter's break point, invisible ("In­gezonden")
            continue;
        }
        if (c == 0xF3 && i + 3 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xF0) == 0xB0) {
            i += 3;  // U+F0000..U+FFFFF: reserved for markers
            continue;
        }
        out += text[i];
    }
    return normalize_nfc(out);
}

// A page of the archive holds several documents ("180. VRAGEN van den heer …", its
// ANTWOORD, "181. VRAAG van den heer …"): the record is parsed up to the second one, and
// a warning says where the rest begins.
void keep_first_record(std::vector<line>& lines, std::vector<diagnostic>& diags) {
    static const RE2 header(R"(^(?:\d{1,3}\.\s*)?(?:VRAGEN|VRAAG|Vragen|(?:Nadere|Aanvullende) vragen) van )");
    static const RE2 answer(R"(^(?:Antwoord\s+)?(?:Antwoord|ANTWOORD|Mededeling|MEDEDELING) van )");
    bool questions = false, answered = false;
    std::size_t cut = lines.size();
    int more = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].kind != line_kind::text) continue;
        // (each pattern only where the line can begin as it does: a digit, V, N or A; A or M)
        const char c0 = lines[i].text.empty() ? '\0' : lines[i].text[0];
        if (((c0 >= '0' && c0 <= '9') || c0 == 'V' || c0 == 'N' || c0 == 'A') && RE2::PartialMatch(lines[i].text, header)) {
            if (answered) {
                if (cut == lines.size()) cut = i;
                ++more;
                answered = false;
            }
            questions = true;
        } else if (questions && (c0 == 'A' || c0 == 'M') && RE2::PartialMatch(lines[i].text, answer)) {
            answered = true;
        }
    }
    if (cut == lines.size()) return;
    diags.push_back({"record_more_documents", severity::warning, lines[cut].no, 1,
                     "the record holds " + std::to_string(more) + " more document" + (more > 1 ? "s" : "") +
                         " from this line on; only the first is parsed",
                     excerpt(lines[cut].text)});
    lines.resize(cut);
}

struct unit_builder {
    unit u;
    std::vector<const line*> lines;
};

class assembler {
public:
    assembler(std::vector<line>& lines, layout lay, const text_builder& tb, document& doc)
        : lines_(lines), layout_(lay), tb_(tb), doc_(doc) {}

    void run() {
        heads_.resize(lines_.size());
        int numbered = 0, bare_answers = 0;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (lines_[i].kind != line_kind::text) continue;
            heads_[i] = parse_heading(lines_[i].text);
            if (!heads_[i]) continue;
            if (!heads_[i]->bare) ++numbered;
            else if (heads_[i]->kind == unit_kind::answer && !answer_intro_follows(i)) ++bare_answers;
        }
        lone_number_questions_ = bare_answers > 0;
        if (numbered > 0 || bare_answers > 0)
            by_headings();
        else
            by_enumeration();
        finish_units();
    }

    std::string header_text;
    std::string answer_intro_text;
    bool postponement_section = false;
    /// by_enumeration saw a "Vragen van …" paragraph or an "(Ingezonden …)" date
    bool found_header = false;

private:
    std::optional<int> lone_number(std::size_t i) const {
        static const RE2 lone(R"(^(\d{1,3})\.?$)");
        std::string n;
        if (lines_[i].kind != line_kind::text || !starts_with_digit(lines_[i].text) || !RE2::FullMatch(lines_[i].text, lone, &n))
            return std::nullopt;
        return to_int_or_max(n);
    }

    int last_question_number() const {
        int m = 0;
        for (const auto& b : questions_)
            if (!b.u.numbers.empty()) m = std::max(m, b.u.numbers.back());
        return m;
    }

    // The archive's "Antwoord" over "Antwoord van minister X (…)": a section title before
    // the answers' intro, not a Word answer's bare heading.
    bool answer_intro_follows(std::size_t i) const {
        for (std::size_t j = i + 1; j < lines_.size(); ++j) {
            if (lines_[j].kind == line_kind::blank) continue;
            return lines_[j].kind == line_kind::text &&
                   (starts_with(lines_[j].text, "Antwoord van ") || starts_with(lines_[j].text, "ANTWOORD van "));
        }
        return false;
    }

    static bool is_mededeling(std::string_view t) { return t == "Mededeling" || t == "Mededeling:"; }

    void start_unit(unit_kind kind, std::vector<int> numbers, const line& l, std::string heading, std::string note,
                    bool inferred) {
        unit_builder b;
        b.u.kind = kind;
        b.u.numbers = std::move(numbers);
        b.u.heading = std::move(heading);
        b.u.note = std::move(note);
        b.u.line = l.no;
        b.u.numbers_inferred = inferred;
        auto& list = kind == unit_kind::question ? questions_ : answers_;
        list.push_back(std::move(b));
        current_ = &list.back();
    }

    void append(const line& l) {
        if (postponement_section) {
            postponement_lines_.push_back(&l);
            return;
        }
        if (current_) current_->lines.push_back(&l);
        else header_lines_.push_back(&l);
    }

    const line& synthetic(const line& base, std::string text) {
        line l = base;
        l.text = std::move(text);
        l.kind = l.text.empty() ? line_kind::blank : line_kind::text;
        synthetic_.push_back(std::move(l));
        return synthetic_.back();
    }

    void by_headings() {
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const line& l = lines_[i];
            if (l.kind != line_kind::text) {
                append(l);  // the text builder skips furniture but sees where it was
                continue;
            }
            if (is_mededeling(l.text) && (current_ || !questions_.empty())) {
                postponement_section = true;
                current_ = nullptr;
                continue;
            }
            if (const auto& h = heads_[i]) {
                if (postponement_section) {
                    postponement_section = false;
                }
                std::vector<int> nums = h->numbers;
                bool inferred = false;
                if (h->bare) {
                    inferred = true;
                    if (h->kind == unit_kind::answer) {
                        if (current_ && current_->u.kind == unit_kind::question) nums = current_->u.numbers;
                        else nums = {last_answer_number() + 1};
                    } else {
                        nums = {last_question_number() + 1};
                    }
                }
                if (h->kind == unit_kind::question) drop_item_title(i);
                start_unit(h->kind, nums, l, h->label, h->note, inferred);
                if (!h->rest.empty()) append(synthetic(l, h->rest));
                continue;
            }
            if (lone_number_questions_) {
                const bool between = !current_ || current_->u.kind == unit_kind::answer;
                // (a lone number before a "Vraag N" heading is a footnote superscript)
                if (auto n = lone_number(i); n && *n == last_question_number() + 1 && between && next_is_bare_answer(i)) {
                    start_unit(unit_kind::question, {*n}, l, l.text, "", false);
                    continue;
                }
                // "2. Zijn ook …" before a bare "Antwoord:": the next question, numbered inline
                if (auto ns = numbered_start(i); ns && ns->first == last_question_number() + 1 && between &&
                    next_is_bare_answer(i)) {
                    start_unit(unit_kind::question, {ns->first}, l, "", "", false);
                    append(synthetic(l, ns->second));
                    continue;
                }
                // a paragraph after an answer with no number: the next question (unless a
                // numbered question follows before the answer heading)
                if (current_ && current_->u.kind == unit_kind::answer && i > 0 && lines_[i - 1].kind == line_kind::blank &&
                    next_is_bare_answer(i) && !numbered_question_ahead(i)) {
                    start_unit(unit_kind::question, {last_question_number() + 1}, l, "", "", true);
                }
            }
            append(l);
        }
    }

    // A question asked again for each item of a list is set under the item as a title
    // ("m. een aandeel van 30% sociale huurwoningen;" / "Vraag 2" / "… m. een aandeel van
    // 30% …"): the title is not the end of the unit before it. Recognised only when the
    // question under it quotes it.
    void drop_item_title(std::size_t heading) {
        if (!current_) return;
        static const RE2 item(R"(^[a-z]\.\s+(\S.{0,40}))");
        auto& ls = current_->lines;
        std::size_t k = ls.size();
        std::string quote;
        for (int seen = 0; k > 0 && seen < 3;) {
            --k;
            if (ls[k]->kind != line_kind::text) continue;
            ++seen;
            const char c0 = ls[k]->text.empty() ? '\0' : ls[k]->text[0];
            if (c0 >= 'a' && c0 <= 'z' && RE2::PartialMatch(ls[k]->text, item, &quote)) break;
            quote.clear();
        }
        if (quote.empty() || k == 0) return;
        quote = collapse_space(quote);
        std::string question;
        for (std::size_t j = heading + 1; j < lines_.size() && j < heading + 8 && !heads_[j]; ++j)
            if (lines_[j].kind == line_kind::text) question += collapse_space(lines_[j].text) + " ";
        if (question.find(quote) == std::string::npos) return;
        ls.resize(k);
    }

    // "2. Zijn ook …", "2) Zijn ook …": the number and the text after it
    std::optional<std::pair<int, std::string>> numbered_start(std::size_t i) const {
        static const RE2 re(R"(^(\d{1,3})[.)]\s+(\S.*)$)");
        std::string n, rest;
        if (lines_[i].kind != line_kind::text || !starts_with_digit(lines_[i].text) || !RE2::FullMatch(lines_[i].text, re, &n, &rest))
            return std::nullopt;
        return std::make_pair(to_int_or_max(n), rest);
    }

    bool numbered_question_ahead(std::size_t i) const {
        const int next = last_question_number() + 1;
        for (std::size_t j = i; j < lines_.size() && !heads_[j]; ++j)
            if (auto ns = numbered_start(j); ns && ns->first == next) return true;
        return false;
    }

    bool next_is_bare_answer(std::size_t i) const {
        for (std::size_t j = i + 1; j < lines_.size(); ++j) {
            if (heads_[j]) return heads_[j]->kind == unit_kind::answer;
        }
        return false;
    }

    int last_answer_number() const {
        int m = 0;
        for (const auto& b : answers_)
            if (!b.u.numbers.empty()) m = std::max(m, b.u.numbers.back());
        return m;
    }

    // --- enumeration -------------------------------------------------------------

    void by_enumeration() {
        static const RE2 ingezonden(R"(\((?:[Iil1]n-?\s?ge-?\s?zon-?\s?den|[Ii]ngediend)\s+[^)]*\)\.?)");
        // the same patterns as one capturing group, for the position of the match
        static const RE2 ingezonden_grp("(" + ingezonden.pattern() + ")");
        // "Vragen van …", and before 1980 "11. VRAGEN van de heer …"
        // "Nadere vragen van …", "Aanvullende vragen van …", "Nadere, alsmede aanvullende vragen van …"
        static const RE2 vragen_van(
            R"(^(?:\d{1,3}\.\s*)?(?:(?:Nadere|Aanvullende|Nadere, alsmede aanvullende) vragen|Vragen|VRAGEN|VRAAG) van )");
        // "Antwoord van …", in the archive "Antwoord Antwoord van de heer …", "ANTWOORD van …"
        static const RE2 answer_start(
            R"(^(?:Antwoord\s+)?(Antwoord van|ANTWOORD van|ANTWOORD VAN|Mededeling van|MEDEDELING van|Nader antwoord van)\b)");
        // the answer's date: "(Ontvangen …)", in Eerste Kamer records "(Ingezonden op …)"
        static const RE2 ontvangen(R"(\((?:[Oo]ntvan-?\s?gen|[Iil1]n-?\s?ge-?\s?zon-?\s?den)\s+[^)]*\)\.?)");
        static const RE2 ontvangen_grp("(" + ontvangen.pattern() + ")");
        // header: up to the "(ingezonden …)" and the end of the "Vragen van" paragraph
        std::size_t body = 0;
        std::string rest_after;
        std::size_t rest_line = 0;
        bool& have_header = found_header;
        for (std::size_t i = 0; i < lines_.size() && i < 80; ++i) {
            const line& l = lines_[i];
            if (l.kind != line_kind::text) continue;
            // the answer's own "(Ingezonden …)" (Eerste Kamer) is no header
            if (have_header && RE2::PartialMatch(l.text, answer_start)) break;
            re2::StringPiece in(l.text), m;
            if (RE2::PartialMatch(in, ingezonden_grp, &m) || RE2::PartialMatch(l.text, vragen_van)) {
                have_header = true;
                body = i + 1;
                // paragraph of "Vragen van" continues to a blank line (or the date)
                if (!m.empty()) {
                    const std::size_t end = static_cast<std::size_t>(m.data() - l.text.data()) + m.size();
                    rest_after = std::string(trim(std::string_view(l.text).substr(end)));
                    rest_line = i;
                    if (!rest_after.empty()) break;
                    continue;
                }
                // (without a date, it ends where question 1 begins)
                static const RE2 first_question(R"(^1\s*[.)]?\s*[\p{Lu}«])");
                std::size_t j = i + 1;
                while (j < lines_.size() && lines_[j].kind == line_kind::text &&
                       !RE2::PartialMatch(lines_[j].text, answer_start) && !RE2::PartialMatch(lines_[j].text, first_question)) {
                    re2::StringPiece jin(lines_[j].text), jm;
                    if (RE2::PartialMatch(jin, ingezonden_grp, &jm)) {
                        const std::size_t end = static_cast<std::size_t>(jm.data() - lines_[j].text.data()) + jm.size();
                        rest_after = std::string(trim(std::string_view(lines_[j].text).substr(end)));
                        rest_line = j;
                        ++j;
                        break;
                    }
                    ++j;
                }
                // no date before the answers: the header is the "Vragen van" paragraph's
                // first line, the questions follow unnumbered
                if (rest_after.empty() && j < lines_.size() && RE2::PartialMatch(lines_[j].text, answer_start)) j = i + 1;
                body = j;
                i = j - 1;
                if (!rest_after.empty()) break;
            }
        }
        for (std::size_t i = 0; i < body && i < lines_.size(); ++i)
            if (lines_[i].kind == line_kind::text && !(i == rest_line && !rest_after.empty())) header_lines_.push_back(&lines_[i]);
        if (!rest_after.empty()) {
            std::string head = lines_[rest_line].text.substr(0, lines_[rest_line].text.size() - rest_after.size());
            header_lines_.push_back(&synthetic(lines_[rest_line], head));
        }
        // modern layout without headings: the answer intro directly after the questions' intro
        std::size_t k = body;
        while (k < lines_.size() && lines_[k].kind != line_kind::text) ++k;
        if (rest_after.empty() && k < lines_.size() && RE2::PartialMatch(lines_[k].text, answer_start)) {
            while (k < lines_.size() && lines_[k].kind == line_kind::text) header_lines_.push_back(&lines_[k++]);
            body = k;
        }
        // question part and answer part
        std::vector<const line*> qpart, apart;
        if (!rest_after.empty()) qpart.push_back(&synthetic(lines_[rest_line], rest_after));
        std::size_t split = lines_.size();
        for (std::size_t i = body; i < lines_.size(); ++i) {
            const line& l = lines_[i];
            if (l.kind != line_kind::text) continue;
            if (RE2::PartialMatch(l.text, answer_start) || (heads_[i] && heads_[i]->kind == unit_kind::answer) ||
                is_mededeling(l.text)) {
                split = i;
                break;
            }
        }
        for (std::size_t i = body; i < split; ++i)
            if (lines_[i].kind == line_kind::text || lines_[i].kind == line_kind::blank) qpart.push_back(&lines_[i]);
        // answer intro: "Antwoord van … (Ontvangen …)" possibly over several lines
        std::size_t i = split;
        std::string intro;
        bool mededeling = false;
        while (i < lines_.size()) {
            const line& l = lines_[i];
            if (l.kind != line_kind::text) {
                ++i;
                continue;
            }
            if (heads_[i] && heads_[i]->bare) {
                ++i;
                continue;
            }
            if (is_mededeling(l.text)) {
                mededeling = true;
                ++i;
                continue;
            }
            if (!RE2::PartialMatch(l.text, answer_start) && intro.empty()) break;
            // take lines until the "(ontvangen …)" closes
            std::string joined;
            std::size_t j = i;
            for (; j < lines_.size() && j < i + 6; ++j) {
                if (lines_[j].kind != line_kind::text) continue;
                joined = joined.empty() ? lines_[j].text : tb_.join_hyphen(joined, lines_[j].text);
                re2::StringPiece in(joined), m;
                if (RE2::PartialMatch(in, ontvangen_grp, &m)) {
                    const std::size_t end = static_cast<std::size_t>(m.data() - joined.data()) + m.size();
                    intro = joined.substr(0, end);
                    std::string after(trim(std::string_view(joined).substr(end)));
                    if (!after.empty()) apart.push_back(&synthetic(lines_[j], after));
                    break;
                }
            }
            if (intro.empty()) {
                intro = lines_[i].text;
                j = i;
            }
            i = j + 1;
            break;
        }
        answer_intro_text = intro;
        if (mededeling || starts_with(intro, "Mededeling")) postponement_section = true;
        for (; i < lines_.size(); ++i)
            if (lines_[i].kind == line_kind::text || lines_[i].kind == line_kind::blank) apart.push_back(&lines_[i]);

        enumerate(qpart, unit_kind::question, {});
        std::vector<int> all_q;
        for (const auto& b : questions_) all_q.insert(all_q.end(), b.u.numbers.begin(), b.u.numbers.end());
        if (postponement_section) {
            postponement_lines_ = apart;
        } else {
            enumerate(apart, unit_kind::answer, all_q);
        }
    }

    // The last unit holds two: a line after one that ended a question ("?") opens with a
    // capital and no number. That line starts unit `expected`, its number inferred.
    bool infer_lost_number(std::vector<unit_builder>& units, unit_kind kind, int& expected) {
        auto& ls = units.back().lines;
        // A question ends in a question mark (a note's number or a closing quote may follow:
        // "…Taxiwereld»?1", "…1992?'"); an answer in any full stop, and then the place must
        // be the only one in the unit.
        static const RE2 asks(R"(\?[»'’”]?\d{0,2}\s*$)");
        static const RE2 ends(R"([?.!][»'’”)]?\d{0,2}\s*$)");
        const RE2& stop = kind == unit_kind::question ? asks : ends;
        std::size_t found = 0, places = 0;
        for (std::size_t k = ls.size(); k-- > 1;) {
            const line* cur = ls[k];
            if (cur->kind != line_kind::text) continue;
            std::size_t p = k;
            while (p > 0 && ls[p - 1]->kind != line_kind::text) --p;
            if (p == 0) break;
            if (!RE2::PartialMatch(ls[p - 1]->text, stop) || !is_upper(first_char(cur->text))) continue;
            if (places++ == 0) found = k;
        }
        if (places == 0 || (kind == unit_kind::answer && places > 1)) return false;
        const line* cur = ls[found];
        unit_builder b;
        b.u.kind = kind;
        b.u.numbers = {expected++};
        b.u.numbers_inferred = true;
        b.u.line = cur->no;
        b.lines.assign(ls.begin() + static_cast<std::ptrdiff_t>(found), ls.end());
        ls.resize(found);
        diag("number_inferred", severity::note, cur->no,
             "unit number " + std::to_string(b.u.numbers.front()) + " is missing (OCR); inferred from its neighbours",
             cur->text);
        units.push_back(std::move(b));
        return true;
    }

    // Splits a run of lines into units at "N" numbers in sequence.
    void enumerate(const std::vector<const line*>& part, unit_kind kind, const std::vector<int>& all_q) {
        // "1 Is het waar", "1. Is het waar", "1) Is", "1Onderschrijft u" at a line start;
        // answers also merged: "2en4 Het is", "3, 5 en 6 Dat"
        static const RE2 at_start(R"(^(\d{1,2}(?:\s*(?:,|en|t/m)\s*\d{1,2})*)\s*[.)]?\s*([\p{Lu}«‘'“"].*)$)");
        // "…vaststelt? 2 Geldt daarbij", "…Schiphol?' 2Is de" inside a line
        static const RE2 inline_num(
            R"(([?.!»”’':)])\s+(\d{1,2}(?:\s*(?:,|en|t/m)\s*\d{1,2})*)\s*[.)]?\s*([\p{Lu}«‘“]))");
        // The next unit is the smallest number not yet seen: questions run 1, 2, 3; merged
        // answers may run 1, "2 en 4", "3 en 10", 5.
        std::set<int> covered;
        int expected = 1;
        std::vector<unit_builder> units;
        auto numbers_of = [&](std::string_view list) -> std::vector<int> {
            std::vector<int> ns = parse_number_list(list);
            if (ns.empty() || (kind == unit_kind::question && ns.size() > 1) || ns.size() > 6) return {};
            for (int n : ns)
                if (covered.count(n)) return {};
            return ns;
        };
        auto take = [&](const std::vector<int>& ns) {
            covered.insert(ns.begin(), ns.end());
            expected = 1;
            while (covered.count(expected)) ++expected;
        };
        auto open_unit = [&](const std::vector<int>& ns, const line& at) {
            unit_builder b;
            b.u.kind = kind;
            b.u.numbers = ns;
            b.u.line = at.no;
            units.push_back(std::move(b));
            take(ns);
        };
        auto lost = [&](int& e) {
            // infer_lost_number moves `e` on; keep `covered` in step
            const int before_e = e;
            if (!infer_lost_number(units, kind, e)) return false;
            take({before_e});
            return true;
        };
        std::vector<const line*> before;
        for (const line* l : part) {
            if (l->kind != line_kind::text) {
                if (!units.empty()) units.back().lines.push_back(l);
                else before.push_back(l);
                continue;
            }
            std::string text = l->text;
            std::string num, rest;
            bool started = false;
            // OCR lost a number: "1 Kent u …?" / "Zijn er …?" / "3 Zijn er …": the unnumbered
            // line that opens a sentence after a question mark is number 2
            if (RE2::FullMatch(text, at_start, &num, &rest)) {
                const auto ns = numbers_of(num);
                if (!ns.empty() && ns.front() == expected + 1 && !units.empty()) lost(expected);
                if (!ns.empty() && ns.front() == expected) {
                    open_unit(ns, *l);
                    text = rest;
                    started = true;
                }
            }
            // inline numbers
            while (true) {
                re2::StringPiece m[4];
                std::size_t pos = 0;
                std::vector<int> ns;
                while (pos < text.size() && inline_num.Match(text, pos, text.size(), RE2::UNANCHORED, m, 4)) {
                    ns = numbers_of(std::string_view(m[2].data(), m[2].size()));
                    if (!ns.empty() && ns.front() == expected) break;
                    ns.clear();
                    pos = static_cast<std::size_t>(m[0].data() - text.data()) + 1;
                }
                if (ns.empty()) {
                    // the same for a number inside the line ("…? 4Is het …" after a lost 3)
                    bool inferred = false;
                    pos = 0;
                    while (!units.empty() && !started && pos < text.size() &&
                           inline_num.Match(text, pos, text.size(), RE2::UNANCHORED, m, 4)) {
                        auto next = numbers_of(std::string_view(m[2].data(), m[2].size()));
                        if (!next.empty() && next.front() == expected + 1 && lost(expected)) {
                            inferred = true;
                            break;
                        }
                        pos = static_cast<std::size_t>(m[0].data() - text.data()) + 1;
                    }
                    if (!inferred) break;
                    continue;
                }
                const std::size_t cut = static_cast<std::size_t>(m[1].data() - text.data()) + m[1].size();
                const std::size_t resume = static_cast<std::size_t>(m[3].data() - text.data());
                std::string head = text.substr(0, cut);
                if (!units.empty()) units.back().lines.push_back(&synthetic(*l, head));
                else before.push_back(&synthetic(*l, head));
                open_unit(ns, *l);
                text = text.substr(resume);
                started = true;
            }
            const line* piece = started ? &synthetic(*l, text) : l;
            if (!units.empty()) units.back().lines.push_back(piece);
            else before.push_back(piece);
        }
        if (units.empty()) {
            // no numbers: paragraphs (Word questions) or, for answers, one answer to all
            if (kind == unit_kind::answer) {
                bool any = std::any_of(part.begin(), part.end(), [](const line* l) { return l->kind == line_kind::text; });
                if (!any) return;
                unit_builder b;
                b.u.kind = kind;
                b.u.numbers = all_q.empty() ? std::vector<int>{1} : all_q;
                b.u.numbers_inferred = true;
                b.u.line = part.front()->no;
                b.lines = part;
                units.push_back(std::move(b));
                diag("answer_unnumbered", severity::note, part.front()->no,
                     "answer text has no numbers; taken as one answer to all questions", part.front()->text);
            } else {
                int n = 1;
                bool open = false;
                for (const line* l : part) {
                    if (l->kind == line_kind::blank) {
                        open = false;
                        continue;
                    }
                    if (!open) {
                        unit_builder b;
                        b.u.kind = kind;
                        b.u.numbers = {n++};
                        b.u.numbers_inferred = true;
                        b.u.line = l->no;
                        units.push_back(std::move(b));
                        open = true;
                    }
                    units.back().lines.push_back(l);
                }
                if (!units.empty())
                    diag("questions_unnumbered", severity::note, units.front().u.line,
                         "questions carry no numbers; numbered by position", "");
            }
            before.clear();
        }
        for (const line* l : before)
            if (l->kind == line_kind::text) {
                if (kind == unit_kind::question) header_lines_.push_back(l);
                else diag("text_before_first_answer", severity::note, l->no, "text before the first numbered answer", l->text);
            }
        auto& list = kind == unit_kind::question ? questions_ : answers_;
        for (auto& b : units) list.push_back(std::move(b));
    }

    void diag(std::string code, severity s, int line_no, std::string message, std::string_view ex) {
        doc_.diagnostics.push_back({std::move(code), s, line_no, 1, std::move(message), excerpt(ex)});
    }

    void finish_units() {
        for (auto* list : {&questions_, &answers_}) {
            for (auto& b : *list) {
                // trailing blank lines are no paragraph
                std::string marked = tb_.build(b.lines);
                b.u.text = text_builder::take_refs(marked, b.u.footnote_refs);
                (b.u.kind == unit_kind::question ? doc_.questions : doc_.answers).push_back(std::move(b.u));
            }
        }
        std::vector<const line*> header = header_lines_;
        header_text = text_builder::take_refs(tb_.build(header), ignored_refs_);
        if (!postponement_lines_.empty())
            doc_.postponement = text_builder::take_refs(tb_.build(postponement_lines_), ignored_refs_);
    }

    std::vector<line>& lines_;
    layout layout_;
    const text_builder& tb_;
    document& doc_;
    std::vector<std::optional<heading_info>> heads_;
    std::deque<unit_builder> questions_, answers_;
    unit_builder* current_ = nullptr;
    std::vector<const line*> header_lines_, postponement_lines_;
    std::deque<line> synthetic_;
    std::vector<footnote_ref> ignored_refs_;
    bool lone_number_questions_ = false;
};

void add_gaps_and_pairs(document& doc) {
    // gaps noted in headings: "(vraag 3 ontbreekt)"
    static const RE2 noted(R"((?i)vra(?:ag|gen)\s+(\d{1,3}(?:\s*(?:,|en|t/m)\s*\d{1,3})*)\s+(?:ontbreekt|ontbreken|is niet gesteld|bestaat niet|vervalt|ontbrak))");
    std::map<int, std::string> gaps;
    for (const auto* list : {&doc.questions, &doc.answers})
        for (const unit& u : *list) {
            std::string nums;
            if (!u.note.empty() && RE2::PartialMatch(u.note, noted, &nums))
                for (int n : parse_number_list(nums)) gaps[n] = u.note;
        }
    std::set<int> asked;
    int max_q = 0;
    for (const unit& q : doc.questions)
        for (int n : q.numbers) {
            asked.insert(n);
            max_q = std::max(max_q, n);
        }
    for (int n = 1; n < max_q; ++n)
        if (!asked.count(n) && !gaps.count(n)) gaps[n] = "";
    for (auto& [n, note] : gaps)
        if (!asked.count(n)) doc.gaps.push_back({n, note});
    // pair through an index by number: a question-by-answer loop is quadratic
    std::map<int, std::vector<int>> answers_by_number;
    for (std::size_t ai = 0; ai < doc.answers.size(); ++ai)
        for (int n : doc.answers[ai].numbers) answers_by_number[n].push_back(static_cast<int>(ai));
    for (std::size_t qi = 0; qi < doc.questions.size(); ++qi) {
        std::set<int> paired;
        for (int n : doc.questions[qi].numbers)
            if (auto it = answers_by_number.find(n); it != answers_by_number.end()) paired.insert(it->second.begin(), it->second.end());
        for (int ai : paired) {
            doc.questions[qi].paired.push_back(ai);
            doc.answers[static_cast<std::size_t>(ai)].paired.push_back(static_cast<int>(qi));
        }
    }
}

void check_structure(document& doc) {
    auto add = [&](std::string code, severity s, int line, std::string msg) {
        doc.diagnostics.push_back({std::move(code), s, line, line ? 1 : 0, std::move(msg), {}});
    };
    std::set<int> seen;
    for (const unit& q : doc.questions)
        for (int n : q.numbers)
            if (!seen.insert(n).second) add("duplicate_question", severity::warning, q.line, "question " + std::to_string(n) + " appears twice");
    if (doc.kind == document_kind::answered) {
        for (const unit& a : doc.answers)
            for (int n : a.numbers)
                if (!seen.count(n) && !doc.questions.empty())
                    add("answer_without_question", severity::warning, a.line,
                        "answer " + std::to_string(n) + " names question " + std::to_string(n) + ", which does not exist");
        for (const unit& q : doc.questions)
            if (q.paired.empty())
                for (int n : q.numbers) add("question_without_answer", severity::warning, q.line, "question " + std::to_string(n) + " has no answer");
    }
    if (doc.questions.empty() && doc.answers.empty()) add("no_units", severity::warning, 0, "no question or answer units found");
    for (const unit& u : doc.questions)
        if (u.text.empty()) add("empty_unit", severity::warning, u.line, "question " + std::to_string(u.numbers.empty() ? 0 : u.numbers[0]) + " has no text");
    for (const unit& u : doc.answers)
        if (u.text.empty()) add("empty_unit", severity::warning, u.line, "answer " + std::to_string(u.numbers.empty() ? 0 : u.numbers[0]) + " has no text");
    // footnote references without a body and bodies without a reference
    std::set<int> referenced;
    for (const auto* list : {&doc.questions, &doc.answers})
        for (const unit& u : *list)
            for (const auto& r : u.footnote_refs) referenced.insert(r.number);
    for (const footnote& f : doc.footnotes)
        if (!referenced.count(f.number))
            add("footnote_unreferenced", severity::note, f.line, "footnote " + std::to_string(f.number) + " is not referenced in any unit");
}

}  // namespace

document parse(std::string_view bytes, const parse_options& options) {
    document doc;
    doc.source = options.source;
    std::string text = normalise(decode_to_utf8(bytes, doc.diagnostics));
    std::vector<line> lines = split_lines(text);
    const layout lay = detect_layout(lines);
    hints h;
    mark_furniture(lines, lay, h);
    split_glued_headings(lines);
    if (lay == layout::ocr) keep_first_record(lines, doc.diagnostics);
    doc.footnotes = extract_footnotes(lines, lay, doc.diagnostics);
    std::set<int> numbers;
    // Footnotes are numbered without gaps: when footnote 9 was found, 1 to 8 exist too,
    // and their references come out of the text even where a body was not recognised.
    int max_footnote = 0;
    for (const footnote& f : doc.footnotes) max_footnote = std::max(max_footnote, f.number);
    for (int n = 1; n <= max_footnote; ++n) numbers.insert(n);
    text_builder tb(options.words.get(), lay, lines, numbers);
    assembler a(lines, lay, tb, doc);
    a.run();
    extract_metadata(a.header_text, a.answer_intro_text, h, doc);
    const bool mededeling = a.postponement_section || !doc.postponement.empty() ||
                            a.header_text.find("Mededeling van") != std::string::npos ||
                            a.answer_intro_text.find("Mededeling") != std::string::npos;
    // An archive record without "Vragen van …" and without "Antwoord van …" is some other
    // parliamentary paper (a "Memorie van antwoord", minutes) that the archive filed here.
    const bool foreign = lay == layout::ocr && !a.found_header && a.answer_intro_text.empty() &&
                         a.header_text.find("Antwoord van") == std::string::npos;
    if (foreign)
        doc.diagnostics.push_back({"not_written_questions", severity::warning, 0, 0,
                                   "no \"Vragen van …\" and no \"Antwoord van …\": the record does not look like "
                                   "written questions; its numbered paragraphs are kept as units",
                                   {}});
    if (foreign) doc.kind = document_kind::other;
    else if (mededeling && doc.answers.empty()) doc.kind = document_kind::postponement;
    else if (!doc.answers.empty())
        doc.kind = starts_with(trim(a.answer_intro_text), "Nader antwoord") ||
                           a.header_text.find("Nader antwoord van") != std::string::npos
                       ? document_kind::additional_answer
                       : document_kind::answered;
    else if (!doc.questions.empty()) doc.kind = document_kind::questions_only;
    else doc.kind = document_kind::other;
    if (doc.kind == document_kind::postponement && !doc.postponement.empty()) {
        doc.expected_date = parse_dutch_date(doc.postponement);
        if (doc.question_ref.empty()) {
            static const RE2 zref(R"(\b(\d{4})Z\s?(\d{5})\b)");
            std::string y, n;
            if (RE2::PartialMatch(doc.postponement, zref, &y, &n)) doc.question_ref = y + "Z" + n;
        }
    }
    add_gaps_and_pairs(doc);
    check_structure(doc);
    for (const unit& u : doc.questions)
        if (u.numbers_inferred && !u.heading.empty()) {
            doc.diagnostics.push_back({"number_inferred", severity::note, u.line, 1,
                                       "question number inferred from its position", excerpt(u.heading)});
        }
    doc.diagnostics.push_back({"layout", severity::note, 0, 0, std::string("layout: ") + to_string(lay), {}});
    return doc;
}

}  // namespace kamervragen
