// phases.hpp: the data passed between the parser's phases (internal). The pipeline is
//   decode -> lines (split, furniture, headings) -> footnotes -> assemble units
//   -> inline passes (footnote refs, dehyphenation, glued words) -> metadata -> pairing.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "kamervragen/document.hpp"
#include "text.hpp"

namespace kamervragen {
class lexicon;
}

namespace kamervragen::detail {

/// Limits, each with its reason.
/// A range "2 t/m N" in a heading expands to at most this many numbers: real documents
/// stay below 60 questions, and a bigger range is OCR damage that would blow up memory.
inline constexpr int max_range_span = 200;
/// Question numbers above this are not question numbers (years, amounts).
inline constexpr int max_question_number = 400;
/// Footnote numbers above this are not footnote numbers.
inline constexpr int max_footnote_number = 400;

/// How the text was extracted; decides which footnote and word-gluing rules apply.
enum class layout {
    plain,      ///< running text without page furniture (the seed, web page text)
    pdftotext,  ///< poppler pdftotext: blank lines, labels on lines of their own, \f
    pypdf,      ///< pypdf/PyPDF2: footer glued to the page end, words glued at line breaks
    docx,       ///< a ministry's Word answer: one paragraph per line, blank lines between
    markdown,   ///< PDF converted to markdown ("-----" page breaks, **bold**)
    ocr         ///< pre-1995 archive OCR
};
const char* to_string(layout l);

enum class line_kind {
    blank,
    text,
    furniture,  ///< page header/footer, page number, masthead, ISSN block
    footnote,   ///< part of a footnote body
    label       ///< a footnote number printed on a line of its own (pdftotext)
};

struct line {
    std::string text;  ///< trimmed text of the line (furniture prefixes/suffixes removed)
    int no = 0;        ///< 1-based source line
    int page = 0;      ///< 0-based page
    bool page_start = false;
    bool leading_space = false;  ///< the raw line started with white space
    line_kind kind = line_kind::text;
    int footnote = 0;  ///< for kind footnote or label: its number
    /// Footnote references the footnote phase found at the end of a longer digit run
    /// ("november 20231" is 2023 and note 1; "NIS24" is NIS2 and note 4): byte offset of
    /// the reference's digits in `text`, and the note's number.
    std::vector<std::pair<std::size_t, int>> suffix_refs;
};

/// What furniture told about the document (masthead, footers, Word headers).
struct hints {
    std::string chamber;
    std::string session_year;
    std::string doc_id;
    std::string question_ref;
    std::optional<int> number;
};

struct heading_info {
    unit_kind kind = unit_kind::question;
    std::vector<int> numbers;
    std::string label;  ///< heading as printed, without the note
    std::string note;   ///< "(vraag 3 ontbreekt)" without brackets
    std::string rest;   ///< text after "Antwoord vraag 4-7:" on the same line
    bool bare = false;  ///< "Antwoord" without numbers
    bool operator==(const heading_info&) const = default;
};

/// Splits decoded text into lines and pages (\f and markdown "-----" break pages).
std::vector<line> split_lines(std::string_view text);
layout detect_layout(const std::vector<line>& lines);
/// Marks page furniture, strips furniture glued to text, and collects hints.
void mark_furniture(std::vector<line>& lines, layout lay, hints& h);
/// Recognises a heading line ("Vraag 2 en 4", "Antwoord op vraag 1", "Antwoord").
std::optional<heading_info> parse_heading(std::string_view text);
/// parse_heading without its quick rejections: the pattern with captures on every line
/// that starts like a heading (kept for the test that compares the two).
std::optional<heading_info> parse_heading_by_pattern(std::string_view text);
/// Parses a list of numbers: "2 en 4", "3, 4 en 5", "2 t/m 6", "4-7".
std::vector<int> parse_number_list(std::string_view s);
/// Splits "...Aanhangsel 1Antwoord 3" and "tekst.Vraag 2" into text and heading lines.
void split_glued_headings(std::vector<line>& lines);

/// Finds footnote bodies, marks their lines and returns them in number order.
std::vector<footnote> extract_footnotes(std::vector<line>& lines, layout lay, std::vector<diagnostic>& diags);

/// "1 Deze brief", "1) Pointer", "12https://…": a line that starts with a footnote's
/// number (^(\d{1,3})(\)\s*|\s+|)([^\d\s].*)$): the number, the separator, the text.
bool numbered_line(std::string_view text, std::string& num, std::string& sep, std::string& body);
/// The same by the RE2 pattern (for the test that compares the two).
bool numbered_line_by_pattern(std::string_view text, std::string& num, std::string& sep, std::string& body);

/// A line that holds only footnote superscripts: "2", "2.", "1, 2" (pypdf prints them on a
/// line of their own). Returns the numbers, or empty; `punct` gets a trailing '.', ',', ';'
/// or ':' that belongs to the sentence before.
std::vector<int> superscript_line(std::string_view text, std::string* punct = nullptr);

/// Private-use code points mark footnote references inside unit text until the last pass.
inline constexpr char32_t ref_marker_base = 0xF0000;

/// Inline passes over one unit's lines. Keeps a reference to the document's lines.
class text_builder {
public:
    text_builder(const lexicon* lex, layout lay, const std::vector<line>& all_lines,
                 std::set<int> footnote_numbers);
    /// Joins the unit's lines into running text: footnote references become markers,
    /// line-break hyphens are resolved, glued words split. Returns text with markers.
    std::string build(const std::vector<const line*>& lines) const;
    /// Removes markers, filling refs with their offsets.
    static std::string take_refs(const std::string& marked, std::vector<footnote_ref>& refs);
    /// Joins two pieces at a line break, deciding about a trailing hyphen.
    std::string join_hyphen(std::string_view left, std::string_view right) const;
    /// join_hyphen in place: out ends with a hyphen after a letter.
    void append_hyphenated(std::string& out, std::string_view right) const;
    bool known(std::string_view word) const;
    /// True when the lexicon (not the document) knows the word; cached per document.
    bool lexicon_word(std::string_view word) const;
    /// How often the lower-cased word occurs in the document; a scan may stop counting
    /// once it has found `enough`.
    int count(const std::string& lower, int enough = INT_MAX) const;

private:
    std::string mark_refs(const line& l) const;
    std::string fix_words(std::string_view text) const;
    const lexicon* lex_;
    layout layout_;
    std::set<int> footnotes_;
    std::string split_glued(std::string_view core) const;
    /// The lexicon lets the (lower-case) word close a compound.
    bool closes_compound(const std::string& lower) const;
    /// An end of the word longer than the one from `split` closes a compound.
    bool other_head(const std::string& lower, std::size_t split) const;
    void make_vocab() const;
    void count_word(std::string_view w) const;
    static bool vocab_key(std::string_view word, std::string& key);
    int count_by_scan(std::string_view lower, int enough) const;
    const std::vector<line>* all_lines_;  ///< the document's lines, which outlive the builder
    mutable bool vocab_made_ = false;
    mutable int scans_ = 0;  ///< counts made by scanning; the vocabulary is made after a few
    mutable std::vector<char> ascii_lines_;  ///< per line: only ASCII bytes (made by the first scan)
    mutable word_map<int> vocab_;  ///< lower-cased words of the whole document, with their counts
    mutable std::unordered_map<std::string, bool> lex_cache_;
};

/// The "Vragen van … aan … over … (ingezonden …)" sentence of a collapsed header:
/// askers, addressees, subject, submitted date (empty when absent). Read by hand where
/// the text allows, else (and with by_pattern) by the RE2 pattern; both give the same.
std::optional<std::array<std::string, 4>> find_vragen(std::string_view header, bool by_pattern = false);
/// "Antwoord van … (ontvangen …)": who answered, and the date received.
std::optional<std::array<std::string, 2>> find_antwoord(std::string_view text, bool by_pattern = false);

/// Fills the metadata fields from the header text (everything before the units) and
/// the answer/postponement intro lines.
void extract_metadata(const std::string& header, const std::string& answer_intro, const hints& h,
                      document& doc);

}  // namespace kamervragen::detail
