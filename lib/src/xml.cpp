// xml.cpp: the document XML (schema/kamervragen.xsd), written and read with pugixml.
// Footnote references stand inside unit text as <fn-ref number="1"/>, so a reader sees
// where each one belongs.
#include <pugixml.hpp>

#include <sstream>

#include "kamervragen/xml.hpp"
#include "text.hpp"

namespace kamervragen {
namespace {

constexpr const char* schema_version = "1";

std::string join_numbers(const std::vector<int>& v, const char* prefix = "") {
    std::string out;
    for (int n : v) {
        if (!out.empty()) out += ' ';
        out += prefix;
        out += std::to_string(n);
    }
    return out;
}

std::vector<int> split_numbers(const char* s, char skip_prefix = 0) {
    std::vector<int> out;
    std::istringstream in(s);
    std::string tok;
    while (in >> tok) {
        if (skip_prefix && !tok.empty() && tok[0] == skip_prefix) tok = tok.substr(1);
        try {
            out.push_back(std::stoi(tok));
        } catch (...) {
        }
    }
    return out;
}

void set_if(pugi::xml_node n, const char* name, const std::string& v) {
    if (!v.empty()) n.append_attribute(name) = v.c_str();
}

void write_text_with_refs(pugi::xml_node parent, const std::string& text, const std::vector<footnote_ref>& refs) {
    std::size_t pos = 0;
    for (const footnote_ref& r : refs) {
        const std::size_t off = std::min(r.offset, text.size());
        if (off > pos) parent.append_child(pugi::node_pcdata).set_value(text.substr(pos, off - pos).c_str());
        parent.append_child("fn-ref").append_attribute("number") = r.number;
        pos = std::max(pos, off);
    }
    if (pos < text.size()) parent.append_child(pugi::node_pcdata).set_value(text.substr(pos).c_str());
}

void write_unit(pugi::xml_node list, const unit& u, std::size_t index) {
    const bool q = u.kind == unit_kind::question;
    pugi::xml_node n = list.append_child(q ? "question" : "answer");
    n.append_attribute("id") = ((q ? "q" : "a") + std::to_string(index + 1)).c_str();
    n.append_attribute("numbers") = join_numbers(u.numbers).c_str();
    if (u.numbers_inferred) n.append_attribute("inferred") = "true";
    n.append_attribute("line") = u.line;
    if (!u.paired.empty()) {
        std::vector<int> ids;
        for (int p : u.paired) ids.push_back(p + 1);
        n.append_attribute("pairs") = join_numbers(ids, q ? "a" : "q").c_str();
    }
    if (!u.heading.empty() || !u.note.empty()) {
        pugi::xml_node h = n.append_child("heading");
        set_if(h, "note", u.note);
        h.text() = u.heading.c_str();
    }
    write_text_with_refs(n.append_child("text"), u.text, u.footnote_refs);
}

std::string node_text(pugi::xml_node n) { return n.text().as_string(); }

}  // namespace

std::string to_xml(const document& doc) {
    pugi::xml_document x;
    pugi::xml_node d = x.append_child("document");
    d.append_attribute("schema-version") = schema_version;
    d.append_attribute("kind") = to_string(doc.kind);
    set_if(d, "source", doc.source);
    set_if(d, "chamber", doc.chamber);
    set_if(d, "doc-id", doc.doc_id);
    set_if(d, "session-year", doc.session_year);
    if (doc.number) d.append_attribute("number") = *doc.number;
    set_if(d, "question-ref", doc.question_ref);

    pugi::xml_node m = d.append_child("metadata");
    pugi::xml_node askers = m.append_child("askers");
    for (const asker& a : doc.askers) {
        pugi::xml_node n = askers.append_child("asker");
        set_if(n, "party", a.party);
        n.text() = a.name.c_str();
    }
    pugi::xml_node addr = m.append_child("addressees");
    for (const std::string& a : doc.addressees) addr.append_child("addressee").text() = a.c_str();
    if (!doc.subject.empty()) m.append_child("subject").text() = doc.subject.c_str();
    if (!doc.submitted.empty()) m.append_child("submitted").text() = doc.submitted.c_str();
    pugi::xml_node ans = m.append_child("answerers");
    for (const answerer& a : doc.answerers) {
        pugi::xml_node n = ans.append_child("answerer");
        set_if(n, "role", a.role);
        set_if(n, "portfolio", a.portfolio);
        n.text() = a.name.c_str();
    }
    if (!doc.co_signers.empty()) {
        pugi::xml_node co = m.append_child("co-signers");
        for (const std::string& c : doc.co_signers) co.append_child("co-signer").text() = c.c_str();
    }
    if (!doc.received.empty()) m.append_child("received").text() = doc.received.c_str();
    if (!doc.see_also.empty()) {
        pugi::xml_node sa = m.append_child("see-also");
        for (const reference& r : doc.see_also) {
            pugi::xml_node n = sa.append_child("reference");
            set_if(n, "chamber", r.chamber);
            set_if(n, "session-year", r.session_year);
            if (r.number) n.append_attribute("number") = *r.number;
            n.text() = r.text.c_str();
        }
    }
    if (!doc.postponement.empty() || !doc.expected_date.empty()) {
        pugi::xml_node p = m.append_child("postponement");
        set_if(p, "expected", doc.expected_date);
        p.text() = doc.postponement.c_str();
    }

    pugi::xml_node qs = d.append_child("questions");
    for (std::size_t i = 0; i < doc.questions.size(); ++i) write_unit(qs, doc.questions[i], i);
    pugi::xml_node as = d.append_child("answers");
    for (std::size_t i = 0; i < doc.answers.size(); ++i) write_unit(as, doc.answers[i], i);
    if (!doc.gaps.empty()) {
        pugi::xml_node g = d.append_child("gaps");
        for (const gap& gp : doc.gaps) {
            pugi::xml_node n = g.append_child("gap");
            n.append_attribute("number") = gp.number;
            if (!gp.note.empty()) n.text() = gp.note.c_str();
        }
    }
    if (!doc.footnotes.empty()) {
        pugi::xml_node f = d.append_child("footnotes");
        for (const footnote& fn : doc.footnotes) {
            pugi::xml_node n = f.append_child("footnote");
            n.append_attribute("number") = fn.number;
            n.append_attribute("line") = fn.line;
            n.text() = fn.text.c_str();
        }
    }
    if (!doc.diagnostics.empty()) {
        pugi::xml_node ds = d.append_child("diagnostics");
        for (const diagnostic& dg : doc.diagnostics) {
            pugi::xml_node n = ds.append_child("diagnostic");
            n.append_attribute("code") = dg.code.c_str();
            n.append_attribute("severity") = to_string(dg.severity);
            n.append_attribute("line") = dg.line;
            n.append_attribute("column") = dg.column;
            set_if(n, "excerpt", dg.excerpt);
            n.text() = dg.message.c_str();
        }
    }
    std::ostringstream out;
    x.save(out, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.str();
}

xml_read_result from_xml(std::string_view xml) {
    xml_read_result r;
    pugi::xml_document x;
    pugi::xml_parse_result pr = x.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
    if (!pr) {
        r.error = pr.description();
        r.offset = static_cast<std::size_t>(pr.offset);
        return r;
    }
    pugi::xml_node d = x.child("document");
    if (!d) {
        r.error = "root element <document> missing";
        return r;
    }
    document& doc = r.document;
    if (auto k = document_kind_from_string(d.attribute("kind").as_string())) doc.kind = *k;
    doc.source = d.attribute("source").as_string();
    doc.chamber = d.attribute("chamber").as_string();
    doc.doc_id = d.attribute("doc-id").as_string();
    doc.session_year = d.attribute("session-year").as_string();
    if (d.attribute("number")) doc.number = d.attribute("number").as_int();
    doc.question_ref = d.attribute("question-ref").as_string();
    pugi::xml_node m = d.child("metadata");
    for (pugi::xml_node n : m.child("askers").children("asker"))
        doc.askers.push_back({node_text(n), n.attribute("party").as_string()});
    for (pugi::xml_node n : m.child("addressees").children("addressee")) doc.addressees.push_back(node_text(n));
    doc.subject = node_text(m.child("subject"));
    doc.submitted = node_text(m.child("submitted"));
    for (pugi::xml_node n : m.child("answerers").children("answerer"))
        doc.answerers.push_back({node_text(n), n.attribute("role").as_string(), n.attribute("portfolio").as_string()});
    for (pugi::xml_node n : m.child("co-signers").children("co-signer")) doc.co_signers.push_back(node_text(n));
    doc.received = node_text(m.child("received"));
    for (pugi::xml_node n : m.child("see-also").children("reference")) {
        reference ref;
        ref.text = node_text(n);
        ref.chamber = n.attribute("chamber").as_string();
        ref.session_year = n.attribute("session-year").as_string();
        if (n.attribute("number")) ref.number = n.attribute("number").as_int();
        doc.see_also.push_back(std::move(ref));
    }
    if (pugi::xml_node p = m.child("postponement")) {
        doc.postponement = node_text(p);
        doc.expected_date = p.attribute("expected").as_string();
    }
    auto read_units = [&](pugi::xml_node list, const char* name, unit_kind kind, std::vector<unit>& out) {
        for (pugi::xml_node n : list.children(name)) {
            unit u;
            u.kind = kind;
            u.numbers = split_numbers(n.attribute("numbers").as_string());
            u.numbers_inferred = n.attribute("inferred").as_bool();
            u.line = n.attribute("line").as_int();
            for (int p : split_numbers(n.attribute("pairs").as_string(), kind == unit_kind::question ? 'a' : 'q'))
                u.paired.push_back(p - 1);
            if (pugi::xml_node h = n.child("heading")) {
                u.heading = node_text(h);
                u.note = h.attribute("note").as_string();
            }
            for (pugi::xml_node c : n.child("text").children()) {
                // The writer indents around <fn-ref/> elements. Unit text never holds a
                // white-space-only run with a line break (paragraphs are never empty), so
                // such a node is indentation, wherever it stands.
                if (c.type() == pugi::node_pcdata) {
                    const std::string_view v(c.value());
                    if (v.find('\n') != std::string_view::npos && v.find_first_not_of(" \n\t") == std::string_view::npos)
                        continue;
                }
                if (c.type() == pugi::node_pcdata) u.text += c.value();
                else if (std::string_view(c.name()) == "fn-ref")
                    u.footnote_refs.push_back({c.attribute("number").as_int(), u.text.size()});
            }
            out.push_back(std::move(u));
        }
    };
    read_units(d.child("questions"), "question", unit_kind::question, doc.questions);
    read_units(d.child("answers"), "answer", unit_kind::answer, doc.answers);
    for (pugi::xml_node n : d.child("gaps").children("gap")) doc.gaps.push_back({n.attribute("number").as_int(), node_text(n)});
    for (pugi::xml_node n : d.child("footnotes").children("footnote"))
        doc.footnotes.push_back({n.attribute("number").as_int(), node_text(n), n.attribute("line").as_int()});
    for (pugi::xml_node n : d.child("diagnostics").children("diagnostic")) {
        diagnostic dg;
        dg.code = n.attribute("code").as_string();
        std::string sev = n.attribute("severity").as_string();
        dg.severity = sev == "error" ? severity::error : sev == "warning" ? severity::warning : severity::note;
        dg.line = n.attribute("line").as_int();
        dg.column = n.attribute("column").as_int();
        dg.excerpt = n.attribute("excerpt").as_string();
        dg.message = node_text(n);
        doc.diagnostics.push_back(std::move(dg));
    }
    r.ok = true;
    return r;
}

}  // namespace kamervragen
