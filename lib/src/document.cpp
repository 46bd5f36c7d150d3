// document.cpp: queries on the document model and enum names.
#include <algorithm>
#include <set>

#include "kamervragen/document.hpp"

namespace kamervragen {

std::vector<int> document::unanswered_questions() const {
    std::vector<int> out;
    if (answers.empty()) return out;
    std::set<int> answered;
    for (const unit& a : answers) answered.insert(a.numbers.begin(), a.numbers.end());
    for (const unit& q : questions)
        for (int n : q.numbers)
            if (!answered.count(n)) out.push_back(n);
    return out;
}

std::vector<int> document::answers_without_question() const {
    std::set<int> asked;
    for (const unit& q : questions) asked.insert(q.numbers.begin(), q.numbers.end());
    std::vector<int> out;
    for (const unit& a : answers)
        for (int n : a.numbers)
            if (!asked.count(n)) out.push_back(n);
    return out;
}

bool document::has_warnings() const {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const diagnostic& d) { return d.severity != severity::note; });
}

const char* to_string(document_kind kind) noexcept {
    switch (kind) {
        case document_kind::answered: return "answered";
        case document_kind::questions_only: return "questions_only";
        case document_kind::additional_answer: return "additional_answer";
        case document_kind::postponement: return "postponement";
        case document_kind::other: return "other";
    }
    return "other";
}

std::optional<document_kind> document_kind_from_string(const std::string& s) noexcept {
    for (auto k : {document_kind::answered, document_kind::questions_only, document_kind::postponement,
                   document_kind::additional_answer, document_kind::other})
        if (s == to_string(k)) return k;
    return std::nullopt;
}

const char* to_string(severity s) noexcept {
    switch (s) {
        case severity::note: return "note";
        case severity::warning: return "warning";
        case severity::error: return "error";
    }
    return "note";
}

const char* to_string(unit_kind k) noexcept { return k == unit_kind::question ? "question" : "answer"; }

}  // namespace kamervragen
