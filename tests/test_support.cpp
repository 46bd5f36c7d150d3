// test_support.cpp: the dump notation and field accessors used by the spec tests.
#include "test_support.hpp"

#include <algorithm>

namespace kvtest {

using namespace kamervragen;

namespace {
std::string nums(const std::vector<int>& v) {
    std::string s;
    for (int n : v) s += (s.empty() ? "" : ",") + std::to_string(n);
    return s;
}
}  // namespace

std::string dump(const document& doc) {
    std::vector<const unit*> all;
    for (const auto& u : doc.questions) all.push_back(&u);
    for (const auto& u : doc.answers) all.push_back(&u);
    std::stable_sort(all.begin(), all.end(), [](const unit* a, const unit* b) { return a->line < b->line; });
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
    for (const unit* u : all) add((u->kind == unit_kind::question ? "q{" : "a{") + nums(u->numbers) + "}");
    for (const auto& g : doc.gaps) add("gap{" + std::to_string(g.number) + "}");
    for (const auto& f : doc.footnotes) add("fn{" + std::to_string(f.number) + "}");
    return out;
}

std::string field(const document& doc, const std::string& name) {
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
        return s;
    };
    if (name == "kind") return to_string(doc.kind);
    if (name == "chamber") return doc.chamber;
    if (name == "doc_id") return doc.doc_id;
    if (name == "session_year") return doc.session_year;
    if (name == "number") return doc.number ? std::to_string(*doc.number) : "";
    if (name == "question_ref") return doc.question_ref;
    if (name == "subject") return doc.subject;
    if (name == "submitted") return doc.submitted;
    if (name == "received") return doc.received;
    if (name == "expected_date") return doc.expected_date;
    if (name == "askers") {
        std::vector<std::string> v;
        for (const auto& a : doc.askers) v.push_back(a.name + " (" + a.party + ")");
        return join(v);
    }
    if (name == "addressees") return join(doc.addressees);
    if (name == "co_signers") return join(doc.co_signers);
    if (name == "answerers") {
        std::vector<std::string> v;
        for (const auto& a : doc.answerers) v.push_back(a.role + " " + a.name + " (" + a.portfolio + ")");
        return join(v);
    }
    if (name == "see_also") {
        std::vector<std::string> v;
        for (const auto& r : doc.see_also)
            v.push_back(r.text + " [" + r.session_year + " " + (r.number ? std::to_string(*r.number) : "") + "]");
        return join(v);
    }
    if (name == "gap_notes") {
        std::vector<std::string> v;
        for (const auto& g : doc.gaps)
            if (!g.note.empty() && std::find(v.begin(), v.end(), g.note) == v.end()) v.push_back(g.note);
        return join(v);
    }
    if (name == "diag") {
        std::vector<std::string> v;
        for (const auto& d : doc.diagnostics)
            if (d.code != "layout" && std::find(v.begin(), v.end(), d.code) == v.end()) v.push_back(d.code);
        return join(v);
    }
    if (name.size() > 2 && name.rfind("fn", 0) == 0) {
        int n = std::stoi(name.substr(2));
        for (const auto& f : doc.footnotes)
            if (f.number == n) return f.text;
        return "<no footnote>";
    }
    // q1.text, a2.note, q1.refs (number@offset)
    if (name.size() > 3 && (name[0] == 'q' || name[0] == 'a')) {
        std::size_t dot = name.find('.');
        int idx = std::stoi(name.substr(1, dot - 1)) - 1;
        const auto& list = name[0] == 'q' ? doc.questions : doc.answers;
        if (idx < 0 || idx >= static_cast<int>(list.size())) return "<no unit>";
        const unit& u = list[static_cast<std::size_t>(idx)];
        std::string f = name.substr(dot + 1);
        if (f == "text") return u.text;
        if (f == "note") return u.note;
        if (f == "heading") return u.heading;
        if (f == "refs") {
            std::vector<std::string> v;
            for (const auto& r : u.footnote_refs) v.push_back(std::to_string(r.number) + "@" + std::to_string(r.offset));
            return join(v);
        }
    }
    return "<unknown field " + name + ">";
}

}  // namespace kvtest
