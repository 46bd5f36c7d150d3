// query.cpp: a small recursive-descent compiler from the query language (see query.hpp)
// to FTS5. Every error names what is wrong and the byte offset it points at.
#include "query.hpp"

#include <re2/re2.h>

#include "tokenizer.hpp"

namespace kamervragen::search::detail {
namespace {

constexpr const char* free_columns = "{qtext atext subject}";

enum class tk { word, phrase, field, lparen, rparen, op_or, op_and, op_not, minus, near, comma, end };

struct token {
    tk type = tk::end;
    std::string text;
    bool star = false;
    std::size_t pos = 0;
};

struct failure {
    query_error e;
};

[[noreturn]] void fail(std::string msg, std::size_t pos) { throw failure{{std::move(msg), pos}}; }

// Control characters (NUL included) separate words like a space: a query pasted from
// elsewhere or sent by a form may hold them, and FTS5 reads its strings up to a NUL.
bool is_space(char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; }

std::vector<token> lex(std::string_view q) {
    std::vector<token> out;
    std::size_t i = 0;
    while (i < q.size()) {
        const char c = q[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        token t;
        t.pos = i;
        if (c == '(') {
            t.type = tk::lparen;
            ++i;
        } else if (c == ')') {
            t.type = tk::rparen;
            ++i;
        } else if (c == ',') {
            t.type = tk::comma;
            ++i;
        } else if (c == '"') {
            std::size_t close = q.find('"', i + 1);
            if (close == std::string_view::npos) fail("this quote is not closed", i);
            t.type = tk::phrase;
            t.text = std::string(q.substr(i + 1, close - i - 1));
            i = close + 1;
            if (i < q.size() && q[i] == '*') {
                t.star = true;
                ++i;
            }
        } else if (c == '-' && i + 1 < q.size() && !is_space(q[i + 1]) && q[i + 1] != '-') {
            t.type = tk::minus;
            ++i;
        } else {
            std::size_t j = i;
            while (j < q.size() && !is_space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"' && q[j] != ',') {
                if (q[j] == ':') break;
                ++j;
            }
            std::string_view w = q.substr(i, j - i);
            if (j < q.size() && q[j] == ':') {
                bool letters = !w.empty();
                for (char ch : w) letters = letters && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
                if (letters) {
                    t.type = tk::field;
                    t.text = std::string(w);
                    out.push_back(t);
                    i = j + 1;
                    continue;
                }
                // "https://…": a colon inside a word is part of the word
                while (j < q.size() && !is_space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"' && q[j] != ',') ++j;
                w = q.substr(i, j - i);
            }
            i = j;
            if (w == "OR") t.type = tk::op_or;
            else if (w == "AND") t.type = tk::op_and;
            else if (w == "NOT") t.type = tk::op_not;
            else if (w == "NEAR" && i < q.size() && q[i] == '(') t.type = tk::near;
            else {
                t.type = tk::word;
                if (w.size() > 1 && w.back() == '*') {
                    t.star = true;
                    w.remove_suffix(1);
                }
                if (w == "*") fail("a '*' needs letters before it (as in minist*)", t.pos);
                t.text = std::string(w);
            }
        }
        out.push_back(std::move(t));
    }
    token e;
    e.type = tk::end;
    e.pos = q.size();
    out.push_back(e);
    return out;
}

std::string fts_string(std::string_view s, bool exact) {
    std::string out = "\"";
    if (exact) out += exact_marker;
    for (char c : s) {
        if (c == '"') out += '"';
        out += is_space(c) ? ' ' : c;
    }
    out += '"';
    return out;
}

bool has_tokens(std::string_view s) { return !tokens(s, false).empty(); }

class compiler {
public:
    explicit compiler(std::string_view q) : q_(q), toks_(lex(q)) {}

    compiled_query run() {
        if (toks_.size() == 1) fail("the query is empty", 0);
        std::string m = parse_or(0);
        if (peek().type == tk::rparen) fail("a closing bracket without an opening one", peek().pos);
        if (peek().type != tk::end) fail("unexpected text here", peek().pos);
        out_.match = m;
        if (m.empty() && out_.where.empty()) fail("nothing to search for", 0);
        if (!simple_) out_.plain_stems.clear();
        return out_;
    }

private:
    const token& peek() const { return toks_[k_]; }
    const token& take() { return toks_[k_ < toks_.size() - 1 ? k_++ : k_]; }

    std::string parse_or(int depth) {
        const std::size_t filters_before = out_.where.size();
        std::vector<std::string> alts;
        std::vector<std::size_t> starts;
        starts.push_back(peek().pos);
        alts.push_back(parse_and(depth));
        while (peek().type == tk::op_or) {
            const token& op = take();
            simple_ = false;
            if (peek().type == tk::end || peek().type == tk::rparen || peek().type == tk::op_or)
                fail("OR needs something to search on both sides", op.pos);
            starts.push_back(peek().pos);
            alts.push_back(parse_and(depth));
        }
        if (alts.size() == 1) return alts[0];
        if (out_.where.size() != filters_before)
            fail("kind:, doc:, year: and date: narrow the whole query; they cannot stand inside OR", filter_pos_);
        std::string out = "(";
        for (std::size_t i = 0; i < alts.size(); ++i) {
            if (alts[i].empty()) fail("OR needs something to search on both sides", starts[i]);
            if (i) out += " OR ";
            out += alts[i];
        }
        return out + ")";
    }

    std::string parse_and(int depth) {
        std::vector<std::string> pos, neg;
        std::size_t first_neg = 0;
        while (true) {
            const token& t = peek();
            if (t.type == tk::end || t.type == tk::rparen || t.type == tk::op_or) break;
            if (t.type == tk::op_and || t.type == tk::comma) {
                take();
                continue;
            }
            bool negate = false;
            std::size_t at = t.pos;
            if (t.type == tk::op_not || t.type == tk::minus) {
                take();
                negate = true;
                simple_ = false;
                if (peek().type == tk::end || peek().type == tk::op_or || peek().type == tk::rparen)
                    fail("NOT needs a word after it", at);
            }
            std::string item = parse_primary(depth, negate);
            if (item.empty()) continue;
            if (negate) {
                if (neg.empty()) first_neg = at;
                neg.push_back(item);
            } else {
                pos.push_back(item);
            }
        }
        if (pos.empty() && !neg.empty())
            fail("a query cannot only exclude: add a word to find before NOT", first_neg);
        std::string out;
        for (std::size_t i = 0; i < pos.size(); ++i) {
            if (i) out += " AND ";
            out += pos[i];
        }
        if (pos.size() > 1 && !neg.empty()) out = "(" + out + ")";
        for (const auto& n : neg) out = out + " NOT " + n;
        return out;
    }

    std::string parse_primary(int depth, bool negate) {
        const token t = take();
        switch (t.type) {
        case tk::lparen: {
            simple_ = false;
            std::string inner = parse_or(depth + 1);
            if (peek().type != tk::rparen) fail("this bracket is not closed", t.pos);
            take();
            if (inner.empty()) fail("empty brackets", t.pos);
            return "(" + inner + ")";
        }
        case tk::near:
            simple_ = false;
            return parse_near(t);
        case tk::field:
            return parse_field(t, depth, negate);
        case tk::phrase: {
            if (!has_tokens(t.text)) fail("this phrase has no word in it", t.pos);
            const std::string exact = std::string("{exact} : ") + fts_string(t.text, true) + (t.star ? " *" : "");
            if (t.star) {
                simple_ = false;
                return exact;
            }
            // A phrase filters (the exact column weighs 0) and its words rank: the unit
            // holds them in this order, and scores as the words do. The words add no
            // condition (a phrase in text or subject has each word there).
            std::string out = "(" + exact;
            for (const auto& w : tokens(t.text, false)) out += std::string(" AND ") + free_columns + " : " + fts_string(w, false);
            out += ")";
            if (depth == 0 && !negate) {
                for (const auto& st : tokens(t.text, true)) out_.plain_stems.push_back(st);
                out_.phrase_filters.push_back(tokens(t.text, false));
            } else {
                simple_ = false;
            }
            return out;
        }
        case tk::word:
            if (!has_tokens(t.text)) fail("nothing to search for in '" + t.text + "'", t.pos);
            if (t.star) {
                simple_ = false;
                return std::string("{exact} : ") + fts_string(t.text, true) + " *";
            }
            // a word of several tokens ("ex-ama's") is a phrase to FTS5, not plain words
            if (auto stems = tokens(t.text, true); stems.size() == 1) out_.plain_stems.push_back(stems[0]);
            else simple_ = false;
            return std::string(free_columns) + " : " + fts_string(t.text, false);
        case tk::rparen:
            fail("a closing bracket without an opening one", t.pos);
        case tk::op_or:
        case tk::op_and:
            fail(std::string(t.type == tk::op_or ? "OR" : "AND") + " needs something to search on both sides", t.pos);
        case tk::op_not:
        case tk::minus:
            fail("NOT twice in a row", t.pos);
        case tk::comma:
        case tk::end:
            break;
        }
        fail("expected a word here", t.pos);
    }

    std::string parse_near(const token& t) {
        take();  // '('
        std::vector<std::string> terms;
        std::string distance;
        while (peek().type == tk::word || peek().type == tk::phrase) {
            const token w = take();
            if (!has_tokens(w.text)) fail("nothing to search for here", w.pos);
            terms.push_back(fts_string(w.text, false) + (w.star ? " *" : ""));
        }
        if (peek().type == tk::comma) {
            take();
            const token d = take();
            if (d.type != tk::word || d.text.find_first_not_of("0123456789") != std::string::npos || d.text.size() > 4)
                fail("NEAR's distance must be a number, as in NEAR(a b, 10)", d.pos);
            distance = d.text;
        }
        if (peek().type != tk::rparen) fail("NEAR( … ) is not closed, or holds something other than words", t.pos);
        take();
        if (terms.size() < 2) fail("NEAR needs at least two words", t.pos);
        std::string out = std::string(free_columns) + " : NEAR(";
        for (std::size_t i = 0; i < terms.size(); ++i) {
            if (i) out += ' ';
            out += terms[i];
        }
        if (!distance.empty()) out += ", " + distance;
        return out + ")";
    }

    // The value after "field:": a word, a "phrase", either with a trailing '*'.
    token field_value(const token& f) {
        const token& v = peek();
        if (v.type != tk::word && v.type != tk::phrase)
            fail(f.text + ": needs a value, as in " + f.text + ":" + example(f.text), f.pos);
        if (v.pos != f.pos + f.text.size() + 1) fail(f.text + ": needs its value right after the colon, without a space", f.pos);
        return take();
    }

    static std::string example(const std::string& field) {
        if (field == "kind") return "question";
        if (field == "year") return "2011";
        if (field == "date") return "2011-07..2011-09";
        if (field == "party") return "SP";
        if (field == "doc") return "ah-tk-20102011-3279";
        return "\"Van der Plas\"";
    }

    void add_filter(std::string clause, std::vector<std::string> params, bool negate, const token& f, int depth) {
        if (depth > 0) fail(f.text + ": narrows the whole query; it cannot stand inside brackets", f.pos);
        filter_pos_ = f.pos;
        out_.where.push_back(negate ? "NOT (" + clause + ")" : "(" + clause + ")");
        for (auto& p : params) out_.params.push_back(std::move(p));
    }

    static bool date_part(const std::string& s) {
        static const RE2 re(R"(\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?)");
        return s.empty() || RE2::FullMatch(s, re);
    }

    std::string parse_field(const token& f, int depth, bool negate) {
        const std::string name = f.text;
        if (name == "asker" || name == "party" || name == "minister" || name == "addressee") {
            const token v = field_value(f);
            if (!has_tokens(v.text)) fail("nothing to search for after " + name + ":", v.pos);
            if (depth == 0 && !negate) out_.name_filters.push_back({name, tokens(v.text, false), v.star});
            else simple_ = false;
            return "{" + name + "} : " + fts_string(v.text, true) + (v.star ? " *" : "");
        }
        if (name == "kind") {
            const token v = field_value(f);
            std::string k;
            if (v.text == "question" || v.text == "questions" || v.text == "vraag" || v.text == "vragen") k = "question";
            else if (v.text == "answer" || v.text == "answers" || v.text == "antwoord" || v.text == "antwoorden") k = "answer";
            else fail("kind: is question or answer", v.pos);
            add_filter("u.kind = ?", {k}, negate, f, depth);
            return {};
        }
        if (name == "doc") {
            const token v = field_value(f);
            if (v.star) {
                std::string like;
                for (char c : v.text) {
                    if (c == '%' || c == '_' || c == '\\') like += '\\';
                    like += c;
                }
                add_filter("u.doc_key LIKE ? ESCAPE '\\' OR u.doc_id LIKE ? ESCAPE '\\'", {like + "%", like + "%"}, negate, f, depth);
            } else {
                add_filter("u.doc_key = ? OR u.doc_id = ?", {v.text, v.text}, negate, f, depth);
            }
            return {};
        }
        if (name == "year") {
            const token v = field_value(f);
            static const RE2 year(R"(\d{4})");
            static const RE2 session(R"((\d{4})\s*(?:-|–|/)\s*(\d{4}))");
            std::string a, b;
            if (RE2::FullMatch(v.text, year)) {
                add_filter("substr(u.date, 1, 4) = ?", {v.text}, negate, f, depth);
            } else if (RE2::FullMatch(v.text, session, &a, &b)) {
                add_filter("u.session_year = ?", {a + "-" + b}, negate, f, depth);
            } else {
                fail("year: is a year (2011) or a session year (2010-2011)", v.pos);
            }
            return {};
        }
        if (name == "date") {
            const token v = field_value(f);
            std::string lo = v.text, hi = v.text;
            if (auto dots = v.text.find(".."); dots != std::string::npos) {
                lo = v.text.substr(0, dots);
                hi = v.text.substr(dots + 2);
            }
            if (!date_part(lo) || !date_part(hi) || (lo.empty() && hi.empty()))
                fail("date: is a date or a range: 2011, 2011-07, 2011-07-18, 2011-07..2011-09, ..2011-09", v.pos);
            std::vector<std::string> clauses, params;
            if (!lo.empty()) {
                clauses.push_back("u.date >= ?");
                params.push_back(lo);
            }
            if (!hi.empty()) {
                clauses.push_back("u.date <= ?");
                params.push_back(hi + "~");  // "2011-09~" is after every day of September
            }
            std::string clause = clauses[0];
            if (clauses.size() > 1) clause += " AND " + clauses[1];
            add_filter(clause + " AND u.date <> ''", params, negate, f, depth);
            return {};
        }
        fail("unknown field " + name + ": (fields: asker, party, minister, addressee, kind, doc, year, date)", f.pos);
    }

    std::string_view q_;
    std::vector<token> toks_;
    std::size_t k_ = 0;
    compiled_query out_;
    bool simple_ = true;
    std::size_t filter_pos_ = 0;
};

}  // namespace

std::variant<compiled_query, query_error> compile_query(std::string_view query) {
    try {
        return compiler(query).run();
    } catch (const failure& f) {
        return f.e;
    }
}

}  // namespace kamervragen::search::detail
