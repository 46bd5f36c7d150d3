// kamervragen/document.hpp: the document model that the parser fills, the XML and JSON
// writers serialise and the XML reader restores. Plain value types: copy them freely.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kamervragen {

/// How serious a diagnostic is. Only I/O failures and hard limits are errors; anything
/// the parser could recover from is a warning or a note.
enum class severity { note, warning, error };

/// One finding about the input: a stable code ("answer_without_question"), a 1-based
/// line and column in the decoded text (0 when it concerns the whole document), a
/// message for people and a short excerpt of the line concerned.
struct diagnostic {
    std::string code;
    kamervragen::severity severity = severity::warning;
    int line = 0;
    int column = 0;
    std::string message;
    std::string excerpt;
};

/// What kind of document this is.
enum class document_kind {
    answered,        ///< questions with the government's answers
    questions_only,  ///< questions as submitted (kv-tk), no answers yet
    postponement,    ///< "Mededeling": the answer is postponed
    additional_answer,  ///< "Nader antwoord": answers given after an earlier (partial) answer
    other            ///< none of the above could be recognised
};

/// A member who asked the questions, with the party printed beside the name ("" if none).
struct asker {
    std::string name;
    std::string party;
    bool operator==(const asker&) const = default;
};

/// A member of government who answered: role ("Minister", "Staatssecretaris"), name
/// and portfolio as printed in brackets after the name.
struct answerer {
    std::string name;
    std::string role;
    std::string portfolio;
    bool operator==(const answerer&) const = default;
};

/// A reference to another publication ("Zie ook Aanhangsel Handelingen, vergaderjaar
/// 2010–2011, nr. 3278"): the literal text and its parts where they could be read.
struct reference {
    std::string text;          ///< as printed
    std::string chamber;       ///< "TK", "EK" or "" when the text does not say
    std::string session_year;  ///< "2010-2011" (plain hyphen) or ""
    std::optional<int> number; ///< the Aanhangsel number
    bool operator==(const reference&) const = default;
};

/// A footnote reference inside a unit's text: which footnote, and the byte offset in
/// the unit's text right after the word it was attached to.
struct footnote_ref {
    int number = 0;
    std::size_t offset = 0;
    bool operator==(const footnote_ref&) const = default;
};

enum class unit_kind { question, answer };

/// One question or answer unit. A merged unit ("Vraag 2 en 4", "Antwoord 3 t/m 5")
/// covers several numbers.
struct unit {
    unit_kind kind = unit_kind::question;
    std::vector<int> numbers;      ///< the question numbers this unit covers, ascending
    bool numbers_inferred = false; ///< true when numbered by position, not by the document
    std::string heading;           ///< the heading as printed ("Antwoord 2 en 4"), or ""
    std::string note;              ///< a note in brackets after the heading, or ""
    std::string text;              ///< running text: furniture, footnotes and hyphenation removed
    int line = 0;                  ///< 1-based source line where the unit starts
    std::vector<footnote_ref> footnote_refs;
    std::vector<int> paired;       ///< indexes into the other list (answers for a question)
    bool operator==(const unit&) const = default;
};

/// A footnote body, taken out of the running text.
struct footnote {
    int number = 0;
    std::string text;
    int line = 0;
    bool operator==(const footnote&) const = default;
};

/// A question number that does not appear, with the document's own note if it has one
/// ("vraag 3 ontbreekt").
struct gap {
    int number = 0;
    std::string note;
    bool operator==(const gap&) const = default;
};

/// A parsed Kamervragen document.
struct document {
    std::string source;          ///< file name or "-"; informational
    document_kind kind = document_kind::other;
    std::string chamber;         ///< "TK", "EK" or "" when the document does not say
    std::string doc_id;          ///< "ah-tk-20232024-1314", "kv-tk-2011Z17247" or ""
    std::string session_year;    ///< "2023-2024" or ""
    std::optional<int> number;   ///< Aanhangsel number
    std::string question_ref;    ///< the questions' Z-number, "2024Z18294", or ""
    std::vector<asker> askers;
    std::vector<std::string> addressees;
    std::string subject;
    std::string submitted;       ///< ISO date "2011-07-18" or ""
    std::vector<answerer> answerers;
    std::vector<std::string> co_signers; ///< "mede namens de minister van Financiën"
    std::string received;        ///< ISO date or ""
    std::vector<reference> see_also;
    std::string postponement;    ///< text of a "Mededeling", or ""
    std::string expected_date;   ///< for a postponement: the date the answer is expected, ISO, or ""
    std::vector<unit> questions;
    std::vector<unit> answers;
    std::vector<gap> gaps;
    std::vector<footnote> footnotes;
    std::vector<diagnostic> diagnostics;

    /// Question numbers covered by no answer unit (empty for documents without answers).
    [[nodiscard]] std::vector<int> unanswered_questions() const;
    /// Numbers that an answer covers but that no question has.
    [[nodiscard]] std::vector<int> answers_without_question() const;
    /// True when a diagnostic of warning severity or worse was recorded.
    [[nodiscard]] bool has_warnings() const;
};

[[nodiscard]] const char* to_string(document_kind kind) noexcept;
[[nodiscard]] const char* to_string(severity s) noexcept;
[[nodiscard]] const char* to_string(unit_kind k) noexcept;
[[nodiscard]] std::optional<document_kind> document_kind_from_string(const std::string& s) noexcept;

}  // namespace kamervragen
