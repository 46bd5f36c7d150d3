// evaluate.cpp: scoring a parse against the gold annotations.
#include "kamervragen/evaluate.hpp"

#include <nlohmann/json.hpp>

#include "text.hpp"

namespace kamervragen {

using nlohmann::json;

const std::vector<std::string>& gold_fields() {
    static const std::vector<std::string> f = {"kind",     "chamber",   "doc_id",    "session_year",     "number",
                                               "question_ref", "askers", "addressees", "subject_start",  "submitted",
                                               "answerers", "received", "see_also",  "missing_questions", "gap_notes",
                                               "footnotes"};
    return f;
}

std::string first_words(std::string_view text, std::size_t n) {
    auto w = detail::words(text);
    std::string out;
    for (std::size_t i = 0; i < w.size() && i < n; ++i) {
        if (!out.empty()) out += ' ';
        out += w[i];
    }
    return out;
}

std::string last_words(std::string_view text, std::size_t n) {
    auto w = detail::words(text);
    std::string out;
    for (std::size_t i = w.size() > n ? w.size() - n : 0; i < w.size(); ++i) {
        if (!out.empty()) out += ' ';
        out += w[i];
    }
    return out;
}

namespace {

json str_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string numbers_str(const std::vector<int>& v) {
    std::string s;
    for (int n : v) s += (s.empty() ? "" : ",") + std::to_string(n);
    return s;
}

void compare_units(const json& gold, const std::vector<unit>& ours, const char* kind, gold_comparison& out) {
    std::vector<bool> used(ours.size(), false);
    if (!gold.is_array()) return;
    for (const json& g : gold) {
        std::vector<int> nums = g.value("numbers", std::vector<int>{});
        const std::string first = detail::collapse_space(g.value("first", ""));
        const std::string last = detail::collapse_space(g.value("last", ""));
        const std::size_t nf = detail::words(first).size(), nl = detail::words(last).size();
        ++out.units_total;
        bool matched = false;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            if (used[i] || ours[i].numbers != nums) continue;
            used[i] = true;
            matched = true;
            const std::string f = first_words(ours[i].text, std::max<std::size_t>(nf, 1));
            const std::string l = last_words(ours[i].text, std::max<std::size_t>(nl, 1));
            if (f == first && l == last) {
                ++out.units_exact;
            } else {
                out.unit_mismatches.push_back(std::string(kind) + " " + numbers_str(nums) + ": expected «" + first +
                                              " … " + last + "», got «" + f + " … " + l + "»");
            }
            break;
        }
        if (!matched) out.unit_mismatches.push_back(std::string(kind) + " " + numbers_str(nums) + ": not found");
    }
    for (std::size_t i = 0; i < ours.size(); ++i)
        if (!used[i]) {
            ++out.units_total;
            out.unit_mismatches.push_back(std::string(kind) + " " + numbers_str(ours[i].numbers) + ": not in gold");
        }
}

}  // namespace

std::string gold_file_field(std::string_view gold_json) {
    try {
        json g = json::parse(gold_json);
        if (g.is_object() && g.contains("file") && g["file"].is_string()) return g["file"].get<std::string>();
    } catch (const std::exception&) {
    }
    return {};
}

gold_comparison compare_with_gold(const document& doc, std::string_view gold_json) {
    gold_comparison out;
    json g;
    try {
        g = json::parse(gold_json);
    } catch (const std::exception& e) {
        out.error = e.what();
        return out;
    }
    if (!g.is_object()) {
        out.error = "gold annotation is not a JSON object";
        return out;
    }
    out.ok = true;
    out.file = g.value("file", "");
    compare_units(g.value("questions", json::array()), doc.questions, "question", out);
    compare_units(g.value("answers", json::array()), doc.answers, "answer", out);

    auto field = [&](const std::string& name, const json& expected, const json& got, bool exact) {
        out.fields.push_back({name, exact, expected.dump(), got.dump()});
    };
    auto simple = [&](const std::string& name, const json& got) {
        const json expected = g.contains(name) ? g[name] : json(nullptr);
        field(name, expected, got, expected == got);
    };
    // the gold schema knows no "additional_answer": a "Nader antwoord" is an answered document there
    simple("kind", doc.kind == document_kind::additional_answer ? "answered" : to_string(doc.kind));
    simple("chamber", str_or_null(doc.chamber));
    simple("doc_id", str_or_null(doc.doc_id));
    simple("session_year", str_or_null(doc.session_year));
    simple("number", doc.number ? json(*doc.number) : json(nullptr));
    simple("question_ref", str_or_null(doc.question_ref));
    json askers = json::array();
    for (const auto& a : doc.askers) askers.push_back({{"name", a.name}, {"party", a.party}});
    simple("askers", askers);
    simple("addressees", doc.addressees);
    {
        const json expected = g.value("subject_start", json(nullptr));
        bool exact;
        if (expected.is_null()) exact = doc.subject.empty();
        else exact = detail::starts_with(detail::collapse_space(doc.subject), detail::collapse_space(expected.get<std::string>()));
        field("subject_start", expected, str_or_null(doc.subject), exact);
    }
    simple("submitted", str_or_null(doc.submitted));
    json answerers = json::array();
    for (const auto& a : doc.answerers) answerers.push_back({{"name", a.name}, {"role", a.role}, {"portfolio", a.portfolio}});
    simple("answerers", answerers);
    simple("received", str_or_null(doc.received));
    json see = json::array();
    for (const auto& r : doc.see_also) see.push_back(r.text);
    simple("see_also", see);
    json missing = json::array(), notes = json::array();
    for (const auto& gp : doc.gaps) {
        missing.push_back(gp.number);
        if (!gp.note.empty() && std::find(notes.begin(), notes.end(), gp.note) == notes.end()) notes.push_back(gp.note);
    }
    simple("missing_questions", missing);
    simple("gap_notes", notes);
    {
        const json expected = g.value("footnotes", json::array());
        json got = json::array();
        bool exact = expected.size() == doc.footnotes.size();
        for (std::size_t i = 0; i < doc.footnotes.size(); ++i) {
            const auto& f = doc.footnotes[i];
            std::size_t n = 5;
            if (i < expected.size()) n = detail::words(expected[i].value("first", "")).size();
            std::string first = first_words(f.text, std::max<std::size_t>(n, 1));
            got.push_back({{"number", f.number}, {"first", first}});
            if (i < expected.size() &&
                (expected[i].value("number", -1) != f.number || detail::collapse_space(expected[i].value("first", "")) != first))
                exact = false;
        }
        field("footnotes", expected, got, exact);
    }
    return out;
}

}  // namespace kamervragen
