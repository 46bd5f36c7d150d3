// generator.cpp: see generator.hpp. Word lists are written for this project; word
// frequencies follow a Zipf law, and every document also coins a few compounds from
// syllables, which gives the long tail of rare terms real collections have.
#include "generator.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

namespace kvbench {
namespace {

// Frequent words first: the Zipf sampler favours the start of the list.
const std::vector<std::string> words = {
    "de", "het", "een", "van", "en", "in", "dat", "op", "te", "is", "voor", "met", "niet", "die", "zijn", "aan",
    "er", "om", "ook", "bij", "door", "of", "worden", "wordt", "u", "kabinet", "minister", "over", "als", "naar",
    "dit", "deze", "nog", "wel", "hoe", "geen", "kan", "meer", "uit", "tot", "wat", "gemeenten", "maatregelen",
    "regering", "beleid", "jaar", "mensen", "onderzoek", "informatie", "Kamer", "afspraken", "situatie",
    "mogelijk", "belangrijk", "zorg", "onderwijs", "kosten", "gevolgen", "provincies", "wet", "regeling",
    "uitvoering", "organisaties", "burgers", "bedrijven", "middelen", "gesprek", "rapport", "brief", "bericht",
    "aantal", "periode", "termijn", "besluit", "toezicht", "inspectie", "signalen", "problemen", "oplossing",
    "ondersteuning", "financiering", "subsidie", "capaciteit", "wachtlijsten", "huurwoningen", "woningbouw",
    "stikstof", "natuur", "landbouw", "boeren", "energie", "netcongestie", "klimaat", "uitstoot", "water",
    "dijken", "verkeer", "spoor", "luchtvaart", "Schiphol", "veiligheid", "politie", "justitie", "rechtspraak",
    "gevangenis", "asielzoekers", "opvang", "migratie", "arbeidsmigranten", "gezondheid", "ziekenhuizen",
    "huisartsen", "jeugdzorg", "ouderen", "mantelzorg", "pensioenen", "belastingen", "toeslagen", "ouders",
    "leerlingen", "scholen", "leraren", "studenten", "universiteiten", "defensie", "militairen", "Oekraïne",
    "sancties", "export", "handel", "ontwikkelingssamenwerking", "cultuur", "musea", "sport", "media",
    "privacy", "gegevens", "algoritmen", "cyberveiligheid", "digitalisering", "overheid", "ambtenaren",
    "gemeenteraad", "provinciale", "waterschappen", "inwoners", "regio", "grens", "Europese", "Commissie",
    "richtlijn", "verordening", "Nederland", "Nederlandse", "landelijke", "lokale", "structurele", "tijdelijke",
    "extra", "verdere", "nieuwe", "huidige", "eerdere", "mogelijke", "concrete", "financiële", "juridische",
    "maatschappelijke", "zorgvuldige", "beëindiging", "evaluatie", "monitoring", "verantwoording", "transparantie",
    "bereikbaarheid", "betaalbaarheid", "beschikbaarheid", "knelpunten", "doelstellingen", "ambities",
    "voortgang", "resultaten", "cijfers", "percentage", "miljoen", "euro", "procent", "gevallen", "meldingen",
    "klachten", "handhaving", "vergunningen", "procedures", "wachttijden", "achterstanden", "tekorten",
    "verbetering", "versterking", "samenwerking", "overleg", "partijen", "sector", "branche", "werkgevers",
    "werknemers", "vakbonden", "gesprekken", "contact", "reactie", "standpunt", "inzet", "aanpak", "plan",
    "programma", "agenda", "voorstel", "wetsvoorstel", "motie", "amendement", "toezegging", "debat",
    "beantwoording", "verzoek", "aanvraag", "bezwaar", "uitspraak", "rechter", "advies", "Raad", "State",
    "Rekenkamer", "ombudsman", "college", "wethouder", "burgemeester", "commissaris", "directeur", "bestuur",
    "verantwoordelijk", "bevoegd", "bereid", "bekend", "eens", "juist", "waar", "duidelijk", "voldoende",
    "onvoldoende", "snel", "spoedig", "tijdig", "jaarlijks", "inmiddels", "momenteel", "binnenkort", "daarnaast",
    "bovendien", "echter", "daarom", "immers", "namelijk", "overigens", "tevens", "vervolgens"};

const std::vector<std::string> syllables = {"ver", "be", "ge", "ont", "kwel", "der", "dijk", "land", "bouw",
                                            "zorg", "wacht", "lijst", "stel", "sel", "hand", "ha", "ving", "water",
                                            "schap", "plan", "ning", "grond", "slag", "werk", "ge", "ver", "spoor",
                                            "weg", "brug", "haven", "markt", "toe", "zicht", "kring", "loop"};

const std::vector<std::string> surnames = {
    "Jansen", "De Vries", "Van den Berg", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot",
    "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits",
    "De Graaf", "Van der Meer", "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Heuvel",
    "Van der Veen", "Van den Broek", "De Bruijn", "Schouten", "Van Beek", "Willems", "Van Dijk", "Hoekstra",
    "Maas", "Verhoeven", "Koster", "Van Dam", "Prins", "Blom", "Huisman", "Peeters", "Kuipers", "Van Wijk",
    "Post", "Kuiper", "Veenstra", "Kramer", "Van Vliet", "Van den Bosch", "Boer", "Postma", "Verbeek"};

const std::vector<std::string> parties = {"VVD", "PVV", "NSC", "BBB", "GroenLinks-PvdA", "D66", "CDA", "SP",
                                          "ChristenUnie", "SGP", "PvdD", "Volt", "JA21", "DENK", "FvD"};

const std::vector<std::string> portfolios = {
    "Binnenlandse Zaken en Koninkrijksrelaties", "Financiën", "Justitie en Veiligheid", "Asiel en Migratie",
    "Volksgezondheid, Welzijn en Sport", "Onderwijs, Cultuur en Wetenschap", "Infrastructuur en Waterstaat",
    "Economische Zaken", "Klimaat en Groene Groei", "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Sociale Zaken en Werkgelegenheid", "Defensie", "Buitenlandse Zaken", "Volkshuisvesting en Ruimtelijke Ordening"};

const std::vector<std::string> months = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                         "juli",    "augustus", "september", "oktober", "november", "december"};

const std::vector<std::string> question_starts = {
    "Bent u bekend met", "Klopt het dat", "Kunt u aangeven hoe", "Deelt u de mening dat", "Hoe beoordeelt u",
    "Wat is de stand van zaken rond", "Welke maatregelen neemt u tegen", "Kunt u toelichten waarom",
    "Hoeveel", "Waarom", "Bent u bereid", "Is het waar dat", "Wanneer verwacht u", "Op welke wijze"};

const std::vector<std::string> answer_starts = {"Ja.", "Nee.", "Het kabinet", "Ik", "De regering",
                                                "Zoals aangegeven in het antwoord op vraag 1,", "Op dit moment",
                                                "In de brief van", "Uit de cijfers blijkt dat", "Daarover"};

class zipf {
public:
    explicit zipf(std::size_t n, double s = 1.05) : cdf_(n) {
        double sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
            cdf_[i] = sum;
        }
        for (auto& c : cdf_) c /= sum;
    }
    std::size_t operator()(std::mt19937_64& rng) const {
        const double u = std::uniform_real_distribution<double>(0, 1)(rng);
        return static_cast<std::size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
    }

private:
    std::vector<double> cdf_;
};

const zipf& word_dist() {
    static const zipf z(words.size());
    return z;
}

template <class T>
const T& pick(const std::vector<T>& v, std::mt19937_64& rng) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

bool chance(std::mt19937_64& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

std::string coin(std::mt19937_64& rng) {
    std::string w;
    const int n = 2 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) w += pick(syllables, rng);
    return w;
}

std::string sentence(std::mt19937_64& rng, const std::vector<std::string>& own_words, bool question) {
    std::string s = question ? pick(question_starts, rng) : pick(answer_starts, rng);
    if (s == "Ja." || s == "Nee.") {
        if (chance(rng, 0.5)) return s;
    }
    const int n = 6 + static_cast<int>(rng() % 16);
    for (int i = 0; i < n; ++i) {
        s += ' ';
        if (!own_words.empty() && chance(rng, 0.06)) s += pick(own_words, rng);
        else s += words[word_dist()(rng)];
    }
    s += question ? "?" : ".";
    return s;
}

struct date {
    int y, m, d;
};
std::string long_date(date x) { return std::to_string(x.d) + " " + months[static_cast<std::size_t>(x.m - 1)] + " " + std::to_string(x.y); }

// Lays text out as pdftotext does: wrapped lines, some words hyphenated at the break,
// pages of about 48 lines with the footer and page number, footnote bodies at the end
// of the page their reference is on.
class page_writer {
public:
    page_writer(std::mt19937_64& rng, std::string session, std::string doc_id, int year)
        : rng_(rng), session_(std::move(session)), doc_id_(std::move(doc_id)), year_(year) {}

    void line(const std::string& l) {
        lines_.push_back(l);
        if (lines_.size() >= 48) page_break();
    }
    // A paragraph wrapped at 78 columns.
    void paragraph(const std::string& text) {
        std::string cur;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = text.find(' ', i);
            if (j == std::string::npos) j = text.size();
            std::string w = text.substr(i, j - i);
            i = j + 1;
            if (cur.size() + 1 + w.size() > 78 && !cur.empty()) {
                // hyphenate a long lower-case word at the break now and then
                if (w.size() >= 10 && std::islower(static_cast<unsigned char>(w[0])) && chance(rng_, 0.5) &&
                    w.find('-') == std::string::npos && static_cast<unsigned char>(w[0]) < 0x80) {
                    std::size_t cut = w.size() / 2;
                    while (cut < w.size() && (static_cast<unsigned char>(w[cut]) & 0xC0) == 0x80) ++cut;
                    if (cur.size() + cut + 2 <= 80 && cut < w.size()) {
                        line(cur + " " + w.substr(0, cut) + "-");
                        cur = w.substr(cut);
                        continue;
                    }
                }
                line(cur);
                cur = w;
            } else {
                cur += cur.empty() ? w : " " + w;
            }
        }
        if (!cur.empty()) line(cur);
    }
    void footnote(int n, const std::string& body) { notes_.push_back(std::to_string(n) + " " + body); }

    std::string finish() {
        page_break();
        return out_;
    }

private:
    void page_break() {
        ++page_;
        for (const auto& l : lines_) out_ += l + "\n";
        lines_.clear();
        if (!notes_.empty()) {
            out_ += "\n";
            for (const auto& n : notes_) out_ += n + "\n";
            notes_.clear();
        }
        out_ += "\n";
        if (page_ == 1) {
            out_ += doc_id_ + "\nISSN 0921 - 7398\n’s-Gravenhage " + std::to_string(year_) + "\n\n";
        } else {
            out_ += "Tweede Kamer, vergaderjaar " + session_ + ", Aanhangsel\n\n" + std::to_string(page_) + "\n\n";
        }
        out_ += "\f";
    }

    std::mt19937_64& rng_;
    std::string session_, doc_id_;
    int year_;
    std::vector<std::string> lines_, notes_;
    std::string out_;
    int page_ = 0;
};

}  // namespace

generated generate_document(std::uint64_t seed, std::uint64_t index) {
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + index);
    generated g;
    const int y0 = 2010 + static_cast<int>(rng() % 15);
    const std::string session = std::to_string(y0) + "–" + std::to_string(y0 + 1);
    // numbers run on across the collection, so that every document has its own id
    const int number = 1 + static_cast<int>(index);
    g.doc_id = "ah-tk-" + std::to_string(y0) + std::to_string(y0 + 1) + "-" + std::to_string(number);
    date sub{y0 + (chance(rng, 0.5) ? 1 : 0), 1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28)};
    date rec = sub;
    rec.m += 1 + static_cast<int>(rng() % 2);
    if (rec.m > 12) {
        rec.m -= 12;
        ++rec.y;
    }
    std::vector<std::string> own;
    for (int i = 0; i < 4; ++i) own.push_back(coin(rng));

    page_writer w(rng, session, g.doc_id, sub.y);
    w.line("Tweede Kamer der Staten-Generaal");
    w.line("");
    w.line("Vergaderjaar " + session);
    w.line("");
    w.line("Aanhangsel van de Handelingen");
    w.line("");
    w.line("Vragen gesteld door de leden der Kamer, met de daarop door de");
    w.line("regering gegeven antwoorden");
    w.line("");
    w.line(std::to_string(number));

    // askers: one or several, with parties
    const int n_askers = chance(rng, 0.7) ? 1 : 2 + static_cast<int>(rng() % 2);
    std::string askers;
    if (n_askers == 1) {
        askers = "het lid " + pick(surnames, rng) + " (" + pick(parties, rng) + ")";
    } else {
        askers = "de leden ";
        for (int i = 0; i < n_askers; ++i) {
            if (i) askers += i + 1 == n_askers ? " en " : ", ";
            askers += pick(surnames, rng) + " (" + pick(parties, rng) + ")";
        }
    }
    const std::string portfolio = pick(portfolios, rng);
    const std::string subject = "het bericht «" + sentence(rng, own, false).substr(0, 60) + "»";
    const std::string minister = pick(surnames, rng);
    w.paragraph("Vragen van " + askers + " aan de Minister van " + portfolio + " over " + subject + " (ingezonden " +
                long_date(sub) + ").");
    w.paragraph("Antwoord van Minister " + minister + " (" + portfolio + ") (ontvangen " + long_date(rec) + ").");

    const int n_questions = 2 + static_cast<int>(rng() % 10);
    int footnotes = 0;
    for (int q = 1; q <= n_questions; ++q) {
        // a merged pair, a gap, or one question
        std::string heading_q = "Vraag " + std::to_string(q), heading_a = "Antwoord " + std::to_string(q);
        int last = q;
        if (q + 1 <= n_questions && chance(rng, 0.12)) {
            last = q + 1;
            heading_q = "Vraag " + std::to_string(q) + " en " + std::to_string(q + 1);
            heading_a = "Antwoord " + std::to_string(q) + " en " + std::to_string(q + 1);
        } else if (q + 2 <= n_questions && chance(rng, 0.05)) {
            // question q+1 is missing from the document; the answer says so
            last = q + 2;
            heading_q = "Vraag " + std::to_string(q);
            heading_a = "Antwoord " + std::to_string(q) + " en " + std::to_string(q + 2) + " (vraag " +
                        std::to_string(q + 1) + " ontbreekt)";
            w.line(heading_q);
            w.paragraph(sentence(rng, own, true));
            w.line("Vraag " + std::to_string(q + 2));
            w.paragraph(sentence(rng, own, true));
            g.questions += 2;
            w.line(heading_a);
            w.paragraph(sentence(rng, own, false) + " " + sentence(rng, own, false));
            ++g.answers;
            q = last;
            continue;
        }
        w.line(heading_q);
        std::string qt = sentence(rng, own, true);
        if (chance(rng, 0.25)) {
            ++footnotes;
            qt += std::to_string(footnotes);
            w.footnote(footnotes, "Zie " + pick(words, rng) + ", " + std::to_string(1 + rng() % 28) + " " +
                                      pick(months, rng) + " " + std::to_string(sub.y) + ".");
        }
        if (chance(rng, 0.4)) qt += " " + sentence(rng, own, true);
        w.paragraph(qt);
        ++g.questions;
        w.line(heading_a);
        std::string at;
        const int n_sent = 1 + static_cast<int>(rng() % 5);
        for (int i = 0; i < n_sent; ++i) at += (i ? " " : "") + sentence(rng, own, false);
        w.paragraph(at);
        ++g.answers;
        q = last;
    }
    g.text = w.finish();
    return g;
}

std::uint64_t generate_collection(const std::string& dir, std::uint64_t seed, std::uint64_t count, unsigned threads) {
    std::filesystem::create_directories(dir);
    std::atomic<std::uint64_t> next{0}, bytes{0};
    auto work = [&] {
        for (std::uint64_t i = next++; i < count; i = next++) {
            const generated g = generate_document(seed, i);
            char name[32];
            std::snprintf(name, sizeof name, "gen-%07llu.txt", static_cast<unsigned long long>(i));
            std::ofstream out(std::filesystem::path(dir) / name, std::ios::binary);
            out << g.text;
            bytes += g.text.size();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < std::max(1u, threads); ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
    return bytes;
}

}  // namespace kvbench
