// records.cpp: from the document model to index records, and the records' Solr XML
// update form (field names chosen for a stock Solr `_default` configset: `id` plus
// dynamic-field suffixes _s, _ss, _i, _is, _dt, _txt_nl).
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

#include "kamervragen/search.hpp"

namespace kamervragen::search {
namespace {

std::string unit_id(const std::string& key, unit_kind kind, const std::vector<int>& numbers, int index) {
    std::string id = key + (kind == unit_kind::question ? "/q/" : "/a/");
    if (numbers.empty()) return id + "u" + std::to_string(index + 1);
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (i) id += '-';
        id += std::to_string(numbers[i]);
    }
    return id;
}

// Solr dates are instants: "2011-07-18T00:00:00Z".
std::string solr_date(const std::string& iso) { return iso.empty() ? iso : iso + "T00:00:00Z"; }
std::string from_solr_date(const std::string& s) { return s.size() >= 10 ? s.substr(0, 10) : s; }

// The Solr field names. Text fields are _txt_nl (Dutch analysis in Solr); names and
// codes are strings for exact filtering and faceting.
struct names {
    static constexpr const char* id = "id";
    static constexpr const char* doc_key = "doc_key_s";
    static constexpr const char* doc_id = "doc_id_s";
    static constexpr const char* doc_kind = "doc_kind_s";
    static constexpr const char* chamber = "chamber_s";
    static constexpr const char* session_year = "session_year_s";
    static constexpr const char* number = "number_i";
    static constexpr const char* question_ref = "question_ref_s";
    static constexpr const char* submitted = "submitted_dt";
    static constexpr const char* received = "received_dt";
    static constexpr const char* date = "date_dt";
    static constexpr const char* kind = "kind_s";
    static constexpr const char* numbers = "numbers_is";
    static constexpr const char* paired = "paired_ss";
    static constexpr const char* askers = "askers_ss";
    static constexpr const char* parties = "parties_ss";
    static constexpr const char* addressees = "addressees_ss";
    static constexpr const char* ministers = "ministers_ss";
    static constexpr const char* subject = "subject_txt_nl";
    static constexpr const char* text = "text_txt_nl";
    static constexpr const char* source = "source_s";
};

}  // namespace

std::string unit_record::date() const {
    if (kind == "answer") return received.empty() ? submitted : received;
    return submitted.empty() ? received : submitted;
}

std::string document_key(const document& doc, std::uint64_t content_hash) {
    if (!doc.doc_id.empty()) return doc.doc_id;
    char buf[24];
    std::snprintf(buf, sizeof buf, "src-%016llx", static_cast<unsigned long long>(content_hash));
    return buf;
}

std::vector<unit_record> records_of(const document& doc, const std::string& doc_key) {
    unit_record base;
    base.doc_key = doc_key;
    base.doc_id = doc.doc_id;
    base.doc_kind = to_string(doc.kind);
    base.chamber = doc.chamber;
    base.session_year = doc.session_year;
    base.number = doc.number;
    base.question_ref = doc.question_ref;
    base.submitted = doc.submitted;
    base.received = doc.received;
    for (const auto& a : doc.askers) {
        base.askers.push_back(a.name);
        if (!a.party.empty() && std::find(base.parties.begin(), base.parties.end(), a.party) == base.parties.end())
            base.parties.push_back(a.party);
    }
    base.addressees = doc.addressees;
    for (const auto& a : doc.answerers) base.ministers.push_back(a.name);
    base.subject = doc.subject;
    base.source = doc.source;

    std::vector<std::string> qids, aids;
    for (std::size_t i = 0; i < doc.questions.size(); ++i)
        qids.push_back(unit_id(doc_key, unit_kind::question, doc.questions[i].numbers, static_cast<int>(i)));
    for (std::size_t i = 0; i < doc.answers.size(); ++i)
        aids.push_back(unit_id(doc_key, unit_kind::answer, doc.answers[i].numbers, static_cast<int>(i)));
    // A question number asked twice ("Vraag 2" for each item of a list) gives the same
    // id twice: make later ones unique.
    auto dedupe = [](std::vector<std::string>& ids) {
        std::map<std::string, int> seen;  // ids hold no '.', so "…/q/2.2" is new
        for (auto& id : ids)
            if (int n = ++seen[id]; n > 1) id += "." + std::to_string(n);
    };
    dedupe(qids);
    dedupe(aids);

    std::vector<unit_record> out;
    auto add = [&](const std::vector<unit>& units, const std::vector<std::string>& ids,
                   const std::vector<std::string>& other_ids, const char* kind) {
        for (std::size_t i = 0; i < units.size(); ++i) {
            unit_record r = base;
            r.id = ids[i];
            r.kind = kind;
            r.numbers = units[i].numbers;
            for (int p : units[i].paired)
                if (p >= 0 && static_cast<std::size_t>(p) < other_ids.size()) r.paired.push_back(other_ids[static_cast<std::size_t>(p)]);
            r.text = units[i].text;
            out.push_back(std::move(r));
        }
    };
    add(doc.questions, qids, aids, "question");
    add(doc.answers, aids, qids, "answer");
    return out;
}

namespace detail {

namespace {
void escape(std::string& out, std::string_view v) {
    // runs without & < > are copied at once (index.xml holds every text of the collection)
    std::size_t from = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c != '&' && c != '<' && c != '>') continue;
        out.append(v.data() + from, i - from);
        out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;";
        from = i + 1;
    }
    out.append(v.data() + from, v.size() - from);
}
void put(std::string& out, const char* name, std::string_view value) {
    if (value.empty()) return;
    out += "    <field name=\"";
    out += name;
    out += "\">";
    escape(out, value);
    out += "</field>\n";
}
}  // namespace

void append_solr_doc(std::string& out, const unit_record& r) {
    // Written by hand, not through a DOM: index.xml holds every unit of the collection.
    out += "  <doc>\n";
    put(out, names::id, r.id);
    put(out, names::doc_key, r.doc_key);
    put(out, names::doc_id, r.doc_id);
    put(out, names::doc_kind, r.doc_kind);
    put(out, names::chamber, r.chamber);
    put(out, names::session_year, r.session_year);
    if (r.number) put(out, names::number, std::to_string(*r.number));
    put(out, names::question_ref, r.question_ref);
    put(out, names::submitted, solr_date(r.submitted));
    put(out, names::received, solr_date(r.received));
    put(out, names::date, solr_date(r.date()));
    put(out, names::kind, r.kind);
    for (int n : r.numbers) put(out, names::numbers, std::to_string(n));
    for (const auto& p : r.paired) put(out, names::paired, p);
    for (const auto& v : r.askers) put(out, names::askers, v);
    for (const auto& v : r.parties) put(out, names::parties, v);
    for (const auto& v : r.addressees) put(out, names::addressees, v);
    for (const auto& v : r.ministers) put(out, names::ministers, v);
    put(out, names::subject, r.subject);
    put(out, names::text, r.text);
    put(out, names::source, r.source);
    out += "  </doc>\n";
}

}  // namespace detail

std::string to_solr_xml(const std::vector<unit_record>& records) {
    std::string out = "<add>\n";
    for (const auto& r : records) detail::append_solr_doc(out, r);
    out += "</add>\n";
    return out;
}

solr_read_result from_solr_xml(std::string_view xml) {
    solr_read_result out;
    pugi::xml_document x;
    // A concatenation of <add> messages is not one XML document: wrap it.
    std::string wrapped = "<root>";
    wrapped.append(xml);
    wrapped += "</root>";
    auto res = x.load_buffer(wrapped.data(), wrapped.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!res) {
        out.error = std::string("not XML: ") + res.description() + " at byte " +
                    std::to_string(res.offset > 6 ? res.offset - 6 : 0);
        return out;
    }
    for (auto add : x.child("root").children("add")) {
        for (auto d : add.children("doc")) {
            unit_record r;
            std::string date;
            for (auto f : d.children("field")) {
                const std::string name = f.attribute("name").value();
                const std::string v = f.text().get();
                if (name == names::id) r.id = v;
                else if (name == names::doc_key) r.doc_key = v;
                else if (name == names::doc_id) r.doc_id = v;
                else if (name == names::doc_kind) r.doc_kind = v;
                else if (name == names::chamber) r.chamber = v;
                else if (name == names::session_year) r.session_year = v;
                else if (name == names::number) {
                    try {
                        r.number = std::stoi(v);
                    } catch (...) {
                        out.error = "record " + r.id + ": number_i is not a number: " + v;
                        return out;
                    }
                } else if (name == names::question_ref) r.question_ref = v;
                else if (name == names::submitted) r.submitted = from_solr_date(v);
                else if (name == names::received) r.received = from_solr_date(v);
                else if (name == names::kind) r.kind = v;
                else if (name == names::numbers) {
                    try {
                        r.numbers.push_back(std::stoi(v));
                    } catch (...) {
                        out.error = "record " + r.id + ": numbers_is is not a number: " + v;
                        return out;
                    }
                } else if (name == names::paired) r.paired.push_back(v);
                else if (name == names::askers) r.askers.push_back(v);
                else if (name == names::parties) r.parties.push_back(v);
                else if (name == names::addressees) r.addressees.push_back(v);
                else if (name == names::ministers) r.ministers.push_back(v);
                else if (name == names::subject) r.subject = v;
                else if (name == names::text) r.text = v;
                else if (name == names::source) r.source = v;
            }
            if (r.id.empty() || r.doc_key.empty() || (r.kind != "question" && r.kind != "answer")) {
                out.error = "record " + std::to_string(out.records.size() + 1) +
                            ": id, doc_key_s and kind_s (question|answer) are required";
                return out;
            }
            out.records.push_back(std::move(r));
        }
    }
    out.ok = true;
    return out;
}

std::string to_json(const search_result& result, int indent) {
    auto unit = [](const unit_record& u) {
        return nlohmann::json{{"id", u.id},           {"doc_id", u.doc_id}, {"kind", u.kind},
                              {"numbers", u.numbers}, {"date", u.date()},   {"text", u.text}};
    };
    auto marked = [](const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == '\x02') out += "<mark>";
            else if (c == '\x03') out += "</mark>";
            else out += c;
        }
        return out;
    };
    nlohmann::json out = nlohmann::json::array();
    for (const auto& h : result.hits) {
        nlohmann::json o = unit(h.unit);
        o["score"] = h.score;
        o["snippet"] = marked(h.snippet);
        o["subject"] = h.unit.subject;
        o["session_year"] = h.unit.session_year;
        o["askers"] = h.unit.askers;
        o["parties"] = h.unit.parties;
        o["ministers"] = h.unit.ministers;
        o["addressees"] = h.unit.addressees;
        o["source"] = h.unit.source;
        o["paired"] = nlohmann::json::array();
        for (const auto& p : h.paired) o["paired"].push_back(unit(p));
        out.push_back(o);
    }
    return out.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kamervragen::search
