// json.cpp: the model as JSON, with the field names of the gold annotations
// (corpus/gold/SCHEMA.md) plus full unit texts, footnote references and diagnostics.
#include <nlohmann/json.hpp>

#include "kamervragen/xml.hpp"

namespace kamervragen {
namespace {

nlohmann::json null_if_empty(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

nlohmann::json unit_json(const unit& u) {
    nlohmann::json refs = nlohmann::json::array();
    for (const auto& r : u.footnote_refs) refs.push_back({{"number", r.number}, {"offset", r.offset}});
    nlohmann::json j = {{"numbers", u.numbers}, {"text", u.text}, {"line", u.line}, {"footnote_refs", refs},
                        {"paired", u.paired}};
    if (!u.heading.empty()) j["heading"] = u.heading;
    if (!u.note.empty()) j["note"] = u.note;
    if (u.numbers_inferred) j["numbers_inferred"] = true;
    return j;
}

}  // namespace

std::string to_json(const document& doc, int indent) {
    using nlohmann::json;
    json askers = json::array(), answerers = json::array(), questions = json::array(), answers = json::array(),
         footnotes = json::array(), diags = json::array(), see_also = json::array(), missing = json::array(),
         notes = json::array(), see_also_parsed = json::array();
    for (const auto& a : doc.askers) askers.push_back({{"name", a.name}, {"party", null_if_empty(a.party)}});
    for (const auto& a : doc.answerers)
        answerers.push_back({{"name", a.name}, {"role", a.role}, {"portfolio", null_if_empty(a.portfolio)}});
    for (const auto& u : doc.questions) questions.push_back(unit_json(u));
    for (const auto& u : doc.answers) answers.push_back(unit_json(u));
    for (const auto& f : doc.footnotes) footnotes.push_back({{"number", f.number}, {"text", f.text}, {"line", f.line}});
    for (const auto& r : doc.see_also) {
        see_also.push_back(r.text);
        see_also_parsed.push_back({{"text", r.text},
                                   {"chamber", null_if_empty(r.chamber)},
                                   {"session_year", null_if_empty(r.session_year)},
                                   {"number", r.number ? json(*r.number) : json(nullptr)}});
    }
    for (const auto& g : doc.gaps) {
        missing.push_back(g.number);
        if (!g.note.empty() && std::find(notes.begin(), notes.end(), g.note) == notes.end()) notes.push_back(g.note);
    }
    for (const auto& d : doc.diagnostics)
        diags.push_back({{"code", d.code}, {"severity", to_string(d.severity)}, {"line", d.line},
                         {"column", d.column}, {"message", d.message}, {"excerpt", d.excerpt}});
    json j = {
        {"file", doc.source},
        {"kind", to_string(doc.kind)},
        {"chamber", null_if_empty(doc.chamber)},
        {"doc_id", null_if_empty(doc.doc_id)},
        {"session_year", null_if_empty(doc.session_year)},
        {"number", doc.number ? json(*doc.number) : json(nullptr)},
        {"question_ref", null_if_empty(doc.question_ref)},
        {"askers", askers},
        {"addressees", doc.addressees},
        {"subject", null_if_empty(doc.subject)},
        {"submitted", null_if_empty(doc.submitted)},
        {"answerers", answerers},
        {"co_signers", doc.co_signers},
        {"received", null_if_empty(doc.received)},
        {"see_also", see_also},
        {"see_also_parsed", see_also_parsed},
        {"postponement", null_if_empty(doc.postponement)},
        {"expected_date", null_if_empty(doc.expected_date)},
        {"questions", questions},
        {"answers", answers},
        {"missing_questions", missing},
        {"gap_notes", notes},
        {"footnotes", footnotes},
        {"diagnostics", diags},
    };
    return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace kamervragen
