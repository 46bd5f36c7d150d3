// search_test.cpp: the XML index records, the Dutch tokenizer, the query language, the
// search database and the batch indexer (incremental runs, duplicates, pruning,
// rebuilding from XML, the run lock, and kill -9 at random moments).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <random>
#include <set>
#include <thread>

#include "../lib/src/search/db.hpp"
#include "../lib/src/search/tokenizer.hpp"
#include "generator.hpp"
#include "kamervragen/indexer.hpp"
#include "kamervragen/parser.hpp"
#include "kamervragen/search.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kamervragen;
using namespace kamervragen::search;

namespace {

// A fresh folder under the system's temporary folder, removed at the end of the test.
struct temp_dir {
    fs::path path;
    temp_dir() {
        static int n = 0;
        path = fs::temp_directory_path() / ("kamervragen-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// Three small documents with known metadata, in the Word-answer layout.
std::string doc_a() {
    return "Vragen van het lid Spekman (PvdA) aan de Minister voor Immigratie en Asiel over de opvang van ex-ama's in "
           "gemeenten (ingezonden 18 juli 2011).\n\n"
           "Antwoord van Minister Leers (Immigratie en Asiel) (ontvangen 7 september 2011).\n\n"
           "Vraag 1\nHeeft u kennisgenomen van de brief van negentien gemeenten over de beëindiging van de opvang?\n\n"
           "Antwoord 1\nJa. De gemeente Utrecht heeft mij die brief gestuurd.\n\n"
           "Vraag 2 en 3\nWat vindt u van het stoppen met de opvang? Bent u bereid met de gemeenten te overleggen?\n\n"
           "Antwoord 2 en 3\nIk overleg met de Vereniging van Nederlandse Gemeenten over de afspraken.\n";
}
std::string doc_b() {
    return "Vragen van de leden Beckerman (SP) en Kröger (GroenLinks-PvdA) aan de Minister van Volkshuisvesting en "
           "Ruimtelijke Ordening over sociale huurwoningen (ingezonden 3 maart 2024).\n\n"
           "Antwoord van Minister De Jonge (Volkshuisvesting en Ruimtelijke Ordening) (ontvangen 2 april 2024).\n\n"
           "Vraag 1\nHoeveel sociale huurwoningen zijn in 2023 gebouwd?\n\n"
           "Antwoord 1\nIn 2023 zijn 25.000 sociale huurwoningen opgeleverd.\n\n"
           "Vraag 2\nDeelt u de mening dat de bouw van huurwoningen moet versnellen?\n\n"
           "Antwoord 2\nJa, daarom investeert het kabinet in woningbouw.\n";
}
std::string doc_c() {
    return "Vragen van het lid Omtzigt (NSC) aan de Minister van Financiën over toeslagen (ingezonden 10 januari "
           "2024).\n\n"
           "Antwoord van Minister Heinen (Financiën) (ontvangen 31 januari 2024).\n\n"
           "Vraag 1\nKlopt het dat ouders nog steeds wachten op herstel van de toeslagen?\n\n"
           "Antwoord 1\nHet herstel voor ouders loopt; de Belastingdienst werkt de achterstanden weg.\n";
}

std::unique_ptr<database> open_db(const fs::path& index) {
    std::string err;
    auto db = database::open(database_path(index.string()), false, &err);
    INFO(err);
    REQUIRE(db);
    return db;
}

std::set<std::string> ids(const search_result& r) {
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.unit.id);
    return out;
}

index_summary index_now(const fs::path& src, const fs::path& index, bool prune = false) {
    index_options o;
    o.sources = {src.string()};
    o.index_dir = index.string();
    o.prune = prune;
    o.words = kvtest::test_lexicon();
    std::string err;
    auto s = run_index(o, &err);
    INFO(err);
    REQUIRE(s.has_value());
    // the writer's waiting is part of the store phase
    CHECK(s->seconds_waiting >= 0);
    CHECK(s->seconds_waiting <= s->seconds_store);
    return *s;
}

bool have_pdftotext() { return std::system("command -v pdftotext > /dev/null 2>&1") == 0; }

// A one-page PDF with these lines of text (Helvetica, one line each); the byte offsets
// of the cross-reference table are computed, so the file is valid.
std::string make_pdf(const std::vector<std::string>& lines) {
    std::string content = "BT /F1 11 Tf 72 770 Td 14 TL\n";
    for (const auto& l : lines) {
        std::string esc;
        for (char c : l) {
            if (c == '(' || c == ')' || c == '\\') esc += '\\';
            esc += c;
        }
        content += "(" + esc + ") Tj T*\n";
    }
    content += "ET\n";
    std::vector<std::string> objs = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objs.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
    for (auto o : offsets) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
        pdf += buf;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

}  // namespace

TEST_CASE("indexer: PDF input through pdftotext") {
    if (!have_pdftotext()) {
        MESSAGE("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    temp_dir t;
    write(t.path / "src" / "vragen.pdf",
          make_pdf({"Vragen van het lid Jansen (SP) aan de Minister van Financien over de toeslagen (ingezonden",
                    "10 januari 2024).", "Antwoord van Minister Bakker (Financien) (ontvangen 31 januari 2024).",
                    "Vraag 1", "Klopt het dat ouders wachten op herstel van de toeslagen?", "Antwoord 1",
                    "Ja, het herstel loopt nog."}));
    write(t.path / "src" / "kapot.pdf", "%PDF-1.4\nthis is no PDF");
    const auto s = index_now(t.path / "src", t.path / "idx");
    CHECK(s.indexed == 1);
    CHECK(s.failed == 1);
    const auto bad = std::find_if(s.files.begin(), s.files.end(), [](const file_report& f) { return f.status == file_status::failed; });
    REQUIRE(bad != s.files.end());
    CHECK(bad->path.ends_with("kapot.pdf"));
    CHECK(bad->message.find("pdftotext") != std::string::npos);
    auto db = open_db(t.path / "idx");
    const auto r = db->search("herstel kind:question", {});
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].unit.askers == std::vector<std::string>{"Jansen"});
    CHECK(r.hits[0].unit.source.ends_with("vragen.pdf"));
    REQUIRE(r.hits[0].paired.size() == 1);
    CHECK(r.hits[0].paired[0].text == "Ja, het herstel loopt nog.");
}

TEST_CASE("tokenizer: ICU folding and the Snowball Dutch stemmer") {
    CHECK(tokens("Beëindiging van de GEMEENTEN", false) == std::vector<std::string>{"beeindiging", "van", "de", "gemeenten"});
    CHECK(tokens("gemeenten", true) == tokens("gemeente", true));
    CHECK(tokens("huurwoningen", true) == tokens("huurwoning", true));
    CHECK(tokens("ﬁnanciën Straße", false) == std::vector<std::string>{"financien", "strasse"});
    CHECK(tokens("ex-ama's 25.000", false) == std::vector<std::string>{"ex", "ama", "s", "25", "000"});
    CHECK(tokens("", true).empty());
    CHECK(tokens("– … ?", true).empty());
    // The stored-lists search finds words by a stem's first letters: Snowball Dutch keeps
    // min(3, length - 1) of them ("maan" → "man" keeps "ma").
    for (const char* w : {"maan", "manen", "straat", "straten", "draad", "boom", "bomen", "ziekenhuizen", "gemeenten",
                          "beëindiging", "uitvoering", "kinderen", "regelingen", "vaart", "zeeën", "ideeën"}) {
        const auto folded = tokens(w, false), stemmed = tokens(w, true);
        REQUIRE(folded.size() == 1);
        REQUIRE(stemmed.size() == 1);
        const std::size_t head = stemmed[0].size() <= 2 ? stemmed[0].size() : std::min<std::size_t>(3, stemmed[0].size() - 1);
        CHECK_MESSAGE(folded[0].starts_with(stemmed[0].substr(0, head)), w << " → " << stemmed[0]);
    }
    // invalid UTF-8 is read as replacement characters, never a crash
    CHECK(tokens(std::string("ab\xff\xfe" "cd"), false) == std::vector<std::string>{"ab", "cd"});
}

TEST_CASE("tokenizer: the stem cache gives what the stemmer gives, also after it fills and starts again") {
    // More distinct words than the cache holds (it forgets all at once when full), each
    // met twice: once new, once again (cached or forgotten).
    std::vector<std::string> words;
    const char* stems[] = {"woning", "gemeente", "kind", "regel", "straat", "vraag"};
    const char* ends[] = {"", "en", "s", "tje", "etjes", "elijk", "heden", "ing"};
    for (int n = 0; n < 150000; ++n)
        words.push_back(std::string(stems[n % 6]) + ends[(n / 6) % 8] + "x" + std::to_string(n / 48) +
                        std::string(static_cast<std::size_t>(n % 5), "aeiou"[n % 5]));
    // Each word is met new, then again 1,000 words later: cached, or forgotten when the
    // cache filled in between. Every seventh answer is checked against a fresh stemmer.
    search::detail::dutch_tokenizer cached;
    std::size_t checked = 0, differ = 0;
    for (std::size_t i = 0; i < words.size() + 1000; ++i)
        for (std::size_t w : {i, i - 1000}) {
            if (w >= words.size()) continue;  // (i - 1000 wraps below zero)
            const std::string got(cached.finish(words[w], true));
            if (w % 7) continue;
            search::detail::dutch_tokenizer fresh;
            ++checked;
            if (got != fresh.finish(words[w], true)) ++differ;
        }
    CHECK(checked > 40000);
    CHECK(differ == 0);
}

TEST_CASE("indexer: a document's FTS5 tokens made in one pass are the column values tokenized one by one") {
    // pretokenized_values folds a unit's text once for two columns and tokenizes the shared
    // subject once; the index must be what tokenizing each column value gives.
    auto check_doc = [](const document& doc, const std::string& name) {
        const auto records = records_of(doc, "k");
        const auto fast = search::detail::pretokenized_values(records);
        REQUIRE(fast.size() == records.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            const auto values = search::detail::fts_values(records[i]);
            for (std::size_t c = 0; c < 8; ++c)
                CHECK_MESSAGE(fast[i][c] == search::detail::pretokenize(values[c]), name << " unit " << i << " column " << c);
        }
        return records.size();
    };
    std::size_t units = 0;
    for (std::uint64_t n = 0; n < 40; ++n)
        units += check_doc(parse(kvbench::generate_document(7, n).text), "generated " + std::to_string(n));
    for (const auto& e : fs::directory_iterator(fs::path(KV_SOURCE_DIR) / "corpus")) {
        if (e.path().extension() != ".txt") continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        units += check_doc(parse(text), e.path().filename().string());
    }
    // units with the marker byte at the start take the plain way, and come out the same
    document odd;
    odd.subject = "\x01" "Woningbouw in gemeenten";
    odd.questions.push_back({});
    odd.questions.back().numbers = {1};
    odd.questions.back().text = "\x01" "De gemeenten bouwen";
    units += check_doc(odd, "marked");
    CHECK(units > 200);
}

TEST_CASE("XML index records: Solr field names, dates, pairs, round trip") {
    parse_options opt;
    opt.words = kvtest::test_lexicon();
    const document doc = parse(kvtest::read_file(fs::path(KV_SOURCE_DIR) / "corpus" / "answered-merged-gap-footnote.txt"), opt);
    const auto recs = records_of(doc, document_key(doc, 1));
    REQUIRE(recs.size() == doc.questions.size() + doc.answers.size());
    const std::string xml = to_solr_xml(recs);

    pugi::xml_document x;
    REQUIRE(x.load_string(xml.c_str()));
    std::size_t fields = 0;
    for (auto d : x.child("add").children("doc")) {
        for (auto f : d.children("field")) {
            ++fields;
            const std::string n = f.attribute("name").value();
            const bool ok = n == "id" || n.ends_with("_s") || n.ends_with("_ss") || n.ends_with("_i") ||
                            n.ends_with("_is") || n.ends_with("_dt") || n.ends_with("_txt_nl");
            CHECK_MESSAGE(ok, n);
            if (n.ends_with("_dt")) CHECK(std::string(f.text().get()).ends_with("T00:00:00Z"));
        }
    }
    CHECK(fields > recs.size() * 8);

    // the merged question 2 en 4 pairs with the merged answer
    const auto q24 = std::find_if(recs.begin(), recs.end(), [](const unit_record& r) {
        return r.kind == "question" && r.numbers == std::vector<int>{2, 4};
    });
    REQUIRE(q24 != recs.end());
    REQUIRE(q24->paired.size() == 1);
    CHECK(q24->paired[0].ends_with("/a/2-4"));

    const auto back = from_solr_xml(xml);
    REQUIRE(back.ok);
    CHECK(back.records == recs);

    CHECK_FALSE(from_solr_xml("<add><doc><field name=\"id\">x</field>").ok);
    const auto missing = from_solr_xml("<add><doc><field name=\"text_txt_nl\">x</field></doc></add>");
    CHECK_FALSE(missing.ok);
    CHECK(missing.error.find("required") != std::string::npos);
}

TEST_CASE("search: words, phrases, operators and fields") {
    temp_dir t;
    write(t.path / "src" / "a.txt", doc_a());
    write(t.path / "src" / "b.txt", doc_b());
    write(t.path / "src" / "c.txt", doc_c());
    const auto s = index_now(t.path / "src", t.path / "idx");
    REQUIRE(s.indexed == 3);
    REQUIRE(s.failed == 0);
    auto db = open_db(t.path / "idx");
    search_options o;
    o.limit = 50;

    auto run = [&](const std::string& q) {
        auto r = db->search(q, o);
        INFO(q << ": " << r.error.message);
        REQUIRE(r.ok);
        return r;
    };
    // stemming and folding
    CHECK(ids(run("gemeente")) == ids(run("gemeenten")));
    CHECK(!run("beeindiging").hits.empty());
    CHECK(ids(run("beeindiging")) == ids(run("BEËINDIGING")));
    // exact phrase: in this order only
    // (the phrase is also the subject of every unit of that document)
    CHECK(run("\"sociale huurwoningen\"").hits.size() == 4);
    for (const auto& h : run("\"sociale huurwoningen\"").hits) CHECK(h.unit.askers.front() == "Beckerman");
    CHECK(run("\"huurwoningen sociale\"").hits.empty());
    // prefix, OR, NOT
    CHECK(!run("toesla*").hits.empty());
    CHECK(run("toeslagen OR huurwoningen").hits.size() == run("toeslagen").hits.size() + run("huurwoningen").hits.size());
    for (const auto& h : run("opvang -gemeenten").hits) CHECK(h.unit.text.find("gemeenten") == std::string::npos);
    CHECK(run("opvang NOT gemeenten").hits.size() == run("opvang -gemeenten").hits.size());
    CHECK(!run("NEAR(sociale huurwoningen, 2)").hits.empty());
    // fields
    for (const auto& h : run("asker:Spekman").hits) CHECK(h.unit.askers == std::vector<std::string>{"Spekman"});
    CHECK(!run("asker:Spekman").hits.empty());
    CHECK(!run("party:SP huurwoningen").hits.empty());
    CHECK(run("party:SP toeslagen").hits.empty());
    CHECK(!run("minister:\"De Jonge\"").hits.empty());
    for (const auto& h : run("kind:answer opvang").hits) CHECK(h.unit.kind == "answer");
    for (const auto& h : run("year:2024 ouders").hits) CHECK(h.unit.date().starts_with("2024"));
    CHECK(run("year:2011 opvang").hits.size() == run("opvang").hits.size());
    CHECK(run("-year:2011 opvang").hits.empty());
    for (const auto& h : run("date:2024-01..2024-01 kind:question").hits) CHECK(h.unit.date() == "2024-01-10");
    CHECK(!run("date:2024-01..2024-01 kind:question").hits.empty());
    CHECK(run("doc:nonexistent opvang").hits.empty());

    // a hit in a question shows its answer; a merged answer shows both questions' unit
    const auto r = run("stoppen");
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].unit.kind == "question");
    CHECK(r.hits[0].unit.numbers == std::vector<int>{2, 3});
    REQUIRE(r.hits[0].paired.size() == 1);
    CHECK(r.hits[0].paired[0].text.find("Vereniging van Nederlandse Gemeenten") != std::string::npos);
    CHECK(r.hits[0].snippet.find("\x02stoppen\x03") != std::string::npos);
    CHECK(r.hits[0].unit.askers == std::vector<std::string>{"Spekman"});
    CHECK(r.hits[0].unit.parties == std::vector<std::string>{"PvdA"});
    CHECK(r.hits[0].unit.ministers == std::vector<std::string>{"Leers"});
    CHECK(r.hits[0].unit.date() == "2011-07-18");

    // ranking: sorted by score; --sort date: newest first; limit and offset page
    const auto ranked = run("huurwoningen");
    for (std::size_t i = 1; i < ranked.hits.size(); ++i) CHECK(ranked.hits[i - 1].score >= ranked.hits[i].score);
    search_options by_date = o;
    by_date.sort_by_date = true;
    const auto dated = db->search("de", by_date);
    REQUIRE(dated.ok);
    for (std::size_t i = 1; i < dated.hits.size(); ++i) CHECK(dated.hits[i - 1].unit.date() >= dated.hits[i].unit.date());
    search_options page = o;
    page.limit = 1;
    page.offset = 1;
    const auto second = db->search("huurwoningen", page);
    REQUIRE(second.hits.size() == 1);
    CHECK(second.hits[0].unit.id == ranked.hits[1].unit.id);
    CHECK(run("zzzzqqqq").hits.empty());
}

TEST_CASE("search: malformed queries say what is wrong and where") {
    temp_dir t;
    write(t.path / "src" / "a.txt", doc_a());
    index_now(t.path / "src", t.path / "idx");
    auto db = open_db(t.path / "idx");
    struct bad {
        const char* query;
        const char* message;
        std::size_t offset;
    };
    for (const auto& b : {bad{"opvang \"brief", "quote", 7}, bad{"opvang foo:bar", "unknown field foo", 7},
                          bad{"-opvang", "only exclude", 0}, bad{"opvang OR", "OR needs", 7},
                          bad{"(opvang gemeenten", "bracket is not closed", 0}, bad{"opvang)", "closing bracket", 6},
                          bad{"date:2011-13-45x opvang", "date:", 5}, bad{"date:2026-13 opvang", "date:", 5}, bad{"kind:vraagje opvang", "kind:", 5},
                          bad{"kind:question OR opvang", "cannot stand inside OR", 0},
                          bad{"(kind:question opvang)", "inside brackets", 1}, bad{"NEAR(opvang, 5)", "at least two", 0},
                          bad{"", "empty", 0}, bad{"asker: Spekman", "right after the colon", 0},
                          bad{"year:twintig opvang", "year:", 5}}) {
        const auto r = db->search(b.query, {});
        INFO(b.query);
        CHECK_FALSE(r.ok);
        CHECK_MESSAGE(r.error.message.find(b.message) != std::string::npos, r.error.message);
        CHECK(r.error.offset == b.offset);
    }
}

TEST_CASE("indexer: incremental runs, duplicates, pruning, failures, rebuild") {
    temp_dir t;
    const fs::path src = t.path / "src", idx = t.path / "idx";
    write(src / "a.txt", doc_a());
    write(src / "b.txt", doc_b());
    write(src / "c.txt", doc_c());
    write(src / "garbage.txt", "Boodschappen: melk, brood en kaas.\nNiet vergeten.\n");
    write(src / "scan.pdf", "%PDF-1.4 binary");  // no PDF: failed with pdftotext, skipped without
    write(src / ".hidden" / "x.txt", doc_a());

    auto s = index_now(src, idx);
    CHECK(s.indexed == 3);
    const std::size_t pdf_failed = have_pdftotext() ? 1 : 0;
    CHECK(s.failed == 1 + pdf_failed);
    CHECK(s.skipped == 1 - pdf_failed);
    const auto failed = std::find_if(s.files.begin(), s.files.end(), [](const file_report& f) {
        return f.status == file_status::failed && f.path.ends_with(".txt");
    });
    REQUIRE(failed != s.files.end());
    CHECK(failed->path.ends_with("garbage.txt"));
    CHECK(failed->message.find("no Kamervragen document") != std::string::npos);
    CHECK(fs::exists(idx / "index.xml"));
    CHECK(std::distance(fs::directory_iterator(idx / "documents"), fs::directory_iterator()) == 3);

    // the same sources again: nothing parsed, and nothing made again from the units
    const auto xml_time = fs::last_write_time(idx / "index.xml");
    const std::size_t hot_before = s.hot_terms;
    s = index_now(src, idx);
    CHECK(s.indexed == 0);
    CHECK(s.unchanged == 3);
    CHECK(s.failed == 1 + pdf_failed);  // not parsed again, but reported again
    CHECK(fs::last_write_time(idx / "index.xml") == xml_time);
    CHECK(s.hot_terms == hot_before);
    // a run killed after storing units but before the end leaves the flag set: the next
    // run makes index.xml again although it finds nothing new
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(database_path(idx.string()).c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "INSERT OR REPLACE INTO meta(key, value) VALUES('stale', '1')", nullptr, nullptr,
                             nullptr) == SQLITE_OK);
        sqlite3_close(raw);
        s = index_now(src, idx);
        CHECK(s.indexed == 0);
        CHECK(fs::last_write_time(idx / "index.xml") != xml_time);
        CHECK(from_solr_xml(kvtest::read_file(idx / "index.xml")).records.size() == s.units);
        // and the flag is cleared
        const auto again = fs::last_write_time(idx / "index.xml");
        s = index_now(src, idx);
        CHECK(fs::last_write_time(idx / "index.xml") == again);
    }

    // a new time, the same content: not parsed again
    fs::last_write_time(src / "a.txt", fs::file_time_type::clock::now() + std::chrono::seconds(5));
    s = index_now(src, idx);
    CHECK(s.indexed == 0);
    CHECK(s.unchanged == 3);

    // changed content: parsed again, the old text gone from the index
    std::string changed = doc_c();
    changed.replace(changed.find("achterstanden"), 13, "wachtlijsten");
    write(src / "c.txt", changed);
    fs::last_write_time(src / "c.txt", fs::file_time_type::clock::now() + std::chrono::seconds(10));
    s = index_now(src, idx);
    CHECK(s.indexed == 1);
    {
        auto db = open_db(idx);
        CHECK(db->search("achterstanden", {}).hits.empty());
        CHECK(!db->search("wachtlijsten", {}).hits.empty());
        std::string err;
        auto w = database::open(database_path(idx.string()), true, &err);
        REQUIRE(w);
        CHECK(w->verify() == "");
    }

    // changed content of a document with an id (the same key before and after): its
    // units are replaced, not added to
    write(src / "d.txt", "ah-tk-20232024-1234\n" + doc_b());
    s = index_now(src, idx);
    CHECK(s.indexed == 1);
    const std::size_t units_with_d = s.units;
    {
        std::string edited = "ah-tk-20232024-1234\n" + doc_b();
        edited.replace(edited.find("woningbouw"), 10, "vergunningen");
        write(src / "d.txt", edited);
        fs::last_write_time(src / "d.txt", fs::file_time_type::clock::now() + std::chrono::seconds(15));
        s = index_now(src, idx);
        CHECK(s.indexed == 1);
        CHECK(s.units == units_with_d);
        auto db = open_db(idx);
        search_options in_d;
        CHECK(db->search("doc:ah-tk-20232024-1234 woningbouw", in_d).hits.empty());
        CHECK(db->search("doc:ah-tk-20232024-1234 vergunningen", in_d).hits.size() == 1);
        std::string err;
        auto w = database::open(database_path(idx.string()), true, &err);
        REQUIRE(w);
        CHECK(w->verify() == "");
    }
    fs::remove(src / "d.txt");
    s = index_now(src, idx, true);
    CHECK(s.removed == 1);

    // the same document twice: one document, and the report says which source was kept
    write(src / "copy" / "a-again.txt", doc_a());
    s = index_now(src, idx);
    CHECK(s.duplicates == 1);
    const auto dup = std::find_if(s.files.begin(), s.files.end(), [](const file_report& f) { return f.status == file_status::duplicate; });
    REQUIRE(dup != s.files.end());
    CHECK(dup->message.find("a.txt") != std::string::npos);
    CHECK(s.documents == 3);

    // the kept source pruned: the duplicate takes its place, nothing is lost
    fs::remove(src / "a.txt");
    s = index_now(src, idx, true);
    CHECK(s.removed == 1);
    CHECK(s.documents == 3);
    {
        auto db = open_db(idx);
        const auto r = db->search("asker:Spekman", {});
        REQUIRE(!r.hits.empty());
        CHECK(r.hits[0].unit.source.ends_with("a-again.txt"));
    }

    // a file gone: kept until --prune, then dropped
    fs::remove(src / "b.txt");
    s = index_now(src, idx);
    CHECK(s.missing == 1);
    CHECK(s.documents == 3);
    s = index_now(src, idx, true);
    CHECK(s.removed == 1);
    CHECK(s.documents == 2);
    {
        std::string err;
        auto w = database::open(database_path(idx.string()), true, &err);
        REQUIRE(w);
        CHECK(w->verify() == "");
    }
    {
        auto db = open_db(idx);
        CHECK(db->search("huurwoningen", {}).hits.empty());
    }

    // the XML index alone rebuilds the database
    std::set<std::string> before;
    {
        auto db = open_db(idx);
        search_options o;
        o.limit = 100;
        before = ids(db->search("de", o));
    }
    std::string err;
    auto rebuilt = rebuild_index(idx.string(), &err);
    INFO(err);
    REQUIRE(rebuilt);
    CHECK(rebuilt->documents == 2);
    {
        auto db = open_db(idx);
        search_options o;
        o.limit = 100;
        CHECK(ids(db->search("de", o)) == before);
    }
    // and the next run after a rebuild parses nothing
    s = index_now(src, idx);
    CHECK(s.indexed == 0);

    // a second run while one holds the lock is refused with a message
    {
        const int fd = ::open((idx / ".lock").c_str(), O_RDWR);
        REQUIRE(fd >= 0);
        REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
        index_options o;
        o.sources = {src.string()};
        o.index_dir = idx.string();
        auto locked = run_index(o, &err);
        CHECK_FALSE(locked.has_value());
        CHECK(err.find("another index run") != std::string::npos);
        ::close(fd);
    }
}

TEST_CASE("indexer: killed with SIGKILL at random moments, then run to the end: complete and consistent") {
    temp_dir t;
    const fs::path src = t.path / "src", idx = t.path / "idx";
    const std::uint64_t count = 1500;
    kvbench::generate_collection(src.string(), 42, count, 2);
    std::size_t expected_units = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto g = kvbench::generate_document(42, i);
        expected_units += static_cast<std::size_t>(g.questions + g.answers);
    }
    std::mt19937 rng(7);
    int kills = 0;
    for (int round = 0; round < 5; ++round) {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            index_options o;
            o.sources = {src.string()};
            o.index_dir = idx.string();
            std::string err;
            auto s = run_index(o, &err);
            ::_exit(s ? 0 : 3);
        }
        // readers search while the run writes
        std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 900));
        if (fs::exists(database_path(idx.string()))) {
            std::string err;
            if (auto db = database::open(database_path(idx.string()), false, &err)) {
                auto r = db->search("minister", {});
                CHECK_MESSAGE(r.ok, r.error.message);
            }
        }
        if (::kill(child, SIGKILL) == 0) ++kills;
        int status = 0;
        ::waitpid(child, &status, 0);
    }
    MESSAGE(kills << " runs killed");
    const auto s = index_now(src, idx);
    CHECK(s.failed == 0);
    CHECK(s.documents == count);
    CHECK(s.units == expected_units);
    CHECK(s.indexed + s.unchanged == count);
    // no half-written file, one document file per document, the XML index complete
    for (const auto& e : fs::recursive_directory_iterator(idx)) CHECK_FALSE(e.path().extension() == ".tmp");
    CHECK(static_cast<std::uint64_t>(std::distance(fs::directory_iterator(idx / "documents"), fs::directory_iterator())) == count);
    const auto xml = from_solr_xml(kvtest::read_file(idx / "index.xml"));
    REQUIRE(xml.ok);
    CHECK(xml.records.size() == expected_units);
    std::set<std::string> unit_ids;
    for (const auto& r : xml.records) unit_ids.insert(r.id);
    CHECK(unit_ids.size() == expected_units);
    // SQLite and FTS5 agree with themselves, and FTS5's index with the unit texts
    {
        std::string err;
        auto w = database::open(database_path(idx.string()), true, &err);
        REQUIRE(w);
        CHECK(w->verify() == "");
    }
    {
        auto d = open_db(idx);
        CHECK(d->unit_count() == expected_units);
        CHECK(!d->search("minister", {}).hits.empty());
    }
}

TEST_CASE("search: the stored top hits of common words give what scoring every match gives") {
    temp_dir t;
    kvbench::generate_collection((t.path / "src").string(), 3, 2000, 2);
    const auto s = index_now(t.path / "src", t.path / "idx");
    REQUIRE(s.hot_terms > 5);
    auto db = open_db(t.path / "idx");
    int certified_differently = 0;
    std::map<std::string, int> plans;
    for (const char* q : {"minister", "de", "kabinet", "gemeenten maatregelen", "de het", "minister kabinet beleid",
                          "u de", "van regering", "het is", "party:SP minister", "kind:answer kabinet",
                          "year:2015 de", "asker:Jansen de het", "party:VVD gemeenten maatregelen",
                          "minister:\"Van Dijk\" de", "asker:Ja* kind:question het", "\"deelt u de mening\"",
                          "\"stand van zaken\"", "\"bent u bekend met\" kind:question", "\"op welke wijze\" minister"}) {
        for (std::size_t offset : {std::size_t{0}, std::size_t{7}}) {
            search_options fast, full;
            fast.limit = full.limit = 10;
            fast.offset = full.offset = offset;
            full.exhaustive = true;
            const auto a = db->search(q, fast), b = db->search(q, full);
            INFO(q << " offset " << offset);
            REQUIRE(a.ok);
            REQUIRE(b.ok);
            REQUIRE(a.hits.size() == b.hits.size());
            ++plans[a.plan];
            CHECK(b.plan == "fts5");
            for (std::size_t i = 0; i < a.hits.size(); ++i) {
                // equal scores may come in either order: compare scores, and ids where scores differ
                CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score).epsilon(1e-9));
                if (a.hits[i].unit.id != b.hits[i].unit.id && a.hits[i].score != doctest::Approx(b.hits[i].score))
                    ++certified_differently;
            }
        }
    }
    CHECK(certified_differently == 0);
    for (const auto& [plan, n] : plans) MESSAGE(plan << ": " << n << " queries");
    CHECK(plans["stored top hits"] > 0);
    CHECK(plans["threshold algorithm"] > 0);
}

TEST_CASE("search: any query text runs or gets a query error with its place, never a database error") {
    // Queries come from people and, later, from a web form: random mixes of the
    // language's pieces, stray syntax, bytes that are not UTF-8 and control characters.
    // Each either runs or is refused with a message and an offset inside the query; an
    // error from SQLite or FTS5 would mean the compiler wrote a MATCH it cannot read.
    temp_dir t;
    write(t.path / "src" / "a.txt", doc_a());
    write(t.path / "src" / "b.txt", doc_b());
    write(t.path / "src" / "c.txt", doc_c());
    index_now(t.path / "src", t.path / "idx");
    auto db = open_db(t.path / "idx");
    const std::vector<std::string> pieces = {
        "opvang", "gemeenten", "beëindiging", "BEEINDIGING", "huurwoningen", "Spekman", "ouders", "de", "a",
        "OR", "AND", "NOT", "or", "-", "+", "(", ")", "\"", "*", "NEAR(", "NEAR", ",", "5", "0", "999999999999",
        "asker:", "party:", "minister:", "addressee:", "kind:", "doc:", "year:", "date:", "question", "answer",
        "2011", "2011-07", "2011-07..2011-09", "..", "..2024-01", ":", "^", "'", "{", "}", "[", "]", "\\", "/",
        "é", "ĳ", "Ω", "\xff", "\xc3", "\x01", "\t", "\n", "\r", "‘", "’", "“", "”", "…", "–", "kv-tk-", "?", "!", ";",
        "\xef\xbb\xbf", "\xe2\x80\x8b", std::string(1, '\0')};
    std::mt19937 rng(20261129);
    std::uniform_int_distribution<std::size_t> len(0, 9), pick(0, pieces.size() - 1), glue(0, 3);
    std::size_t ran = 0, refused = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string q;
        for (std::size_t n = len(rng), k = 0; k < n; ++k) {
            if (k && glue(rng)) q += ' ';  // mostly spaced, sometimes glued
            q += pieces[pick(rng)];
        }
        search_options o;
        o.limit = 3;
        o.offset = glue(rng) == 0 ? 2 : 0;
        o.sort_by_date = glue(rng) == 1;
        const auto r = db->search(q, o);
        if (r.ok) {
            ++ran;
            CHECK(r.hits.size() <= 3);
            continue;
        }
        ++refused;
        std::string shown;  // control bytes and NUL made visible
        for (unsigned char c : q) {
            if (c < 0x20) shown += "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
            else shown += static_cast<char>(c);
        }
        INFO("query: «" << shown << "»");
        CHECK_FALSE(r.error.message.empty());
        CHECK(r.error.offset <= q.size());
        INFO("message: " << r.error.message);
        // errors from SQLite come worded so (the query's own messages quote only the query)
        CHECK(r.error.message.find("SQLite") == std::string::npos);
        CHECK(r.error.message.find("could not run this query") == std::string::npos);
        CHECK(r.error.message.find("fts5") == std::string::npos);
    }
    MESSAGE(ran << " queries ran, " << refused << " were refused with a message");
    CHECK(ran > 300);
    CHECK(refused > 300);
}

TEST_CASE("indexer: a run after a killed bulk load merges the index into one segment") {
    // A bulk load turns FTS5's merging off and writes many segments; killed before its
    // end, it leaves them, and its settings, in the database. The next run, however
    // little it finds, merges them: searches read one segment again.
    temp_dir t;
    const fs::path src = t.path / "src", idx = t.path / "idx";
    write(src / "a.txt", doc_a());
    write(src / "b.txt", doc_b());
    index_now(src, idx);
    auto segments = [&] {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(database_path(idx.string()).c_str(), &raw) == SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        // FTS5 numbers its data rows segment << 37 | page; rows below that are its own records
        REQUIRE(sqlite3_prepare_v2(raw, "SELECT count(DISTINCT id >> 37) FROM units_fts_data WHERE id >= (1 << 37)", -1,
                                   &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        const int n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(raw);
        return n;
    };
    auto set_automerge_off = [&] {  // what a killed bulk load leaves
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(database_path(idx.string()).c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "INSERT INTO units_fts_config(k, v) VALUES('automerge', 0) ON CONFLICT(k) DO UPDATE SET v = 0",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    };
    // an ordinary small run adds a segment and leaves merging to FTS5
    write(src / "c.txt", doc_c());
    index_now(src, idx);
    CHECK(segments() >= 2);
    // after a killed bulk load, a small run merges everything
    set_automerge_off();
    write(src / "d.txt", "ah-tk-20232024-1234\n" + doc_b());
    const auto s = index_now(src, idx);
    CHECK(s.indexed == 1);
    CHECK(segments() == 1);
    auto db = open_db(idx);
    CHECK(db->search("opvang", {}).hits.size() >= 1);
    std::string err;
    auto w = database::open(database_path(idx.string()), true, &err);
    REQUIRE(w);
    CHECK(w->verify() == "");
}
