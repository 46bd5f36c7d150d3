// tokenizer.cpp: the Dutch tokenizer. Folding: ICU full case folding, then compatibility
// decomposition (NFKD) with combining marks dropped, so "Beëindiging" and "beeindiging"
// are one word and "ﬁ" is "fi". The fold of each code point is computed once with ICU
// and kept in a table: tokenizing runs at table-lookup speed.
// Stemming: the Snowball Dutch stemmer (libstemmer), on words with a letter and at
// least three bytes; numbers stay as they are.
#include "tokenizer.hpp"

#include <libstemmer.h>
#include <sqlite3.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ustring.h>

#include <array>
#include <cstring>
#include <mutex>
#include <new>
#include <stdexcept>
#include <vector>

#include "kamervragen/search.hpp"
#include "../text.hpp"

namespace kamervragen::search::detail {
namespace {

// Folded forms of the code points below table_end (Latin, Greek, Cyrillic, the general
// punctuation and symbols: what Dutch parliamentary text is made of), built on first use
// in a few milliseconds; others are folded by ICU when met.
constexpr char32_t table_end = 0x2600;

struct fold_table {
    std::vector<std::uint32_t> offset;  // index into chars; top bit: word character
    std::vector<std::uint8_t> length;
    std::string chars;
    const icu::Normalizer2* nfkd = nullptr;

    fold_table() : offset(table_end), length(table_end) {
        UErrorCode err = U_ZERO_ERROR;
        nfkd = icu::Normalizer2::getNFKDInstance(err);
        if (U_FAILURE(err)) throw std::runtime_error("ICU NFKD is not available");
        for (char32_t c = 0; c < table_end; ++c) {
            std::string folded;
            bool word = false;
            compute(c, nfkd, folded, word);
            offset[c] = static_cast<std::uint32_t>(chars.size()) | (word ? 0x80000000u : 0u);
            length[c] = static_cast<std::uint8_t>(folded.size());
            chars += folded;
        }
    }

    static void compute(char32_t c, const icu::Normalizer2* nfkd, std::string& out, bool& word) {
        const auto type = u_charType(static_cast<UChar32>(c));
        const bool mark = type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
        word = mark || u_isalnum(static_cast<UChar32>(c));
        if (!word || mark || (c >= 0xD800 && c <= 0xDFFF)) return;
        UErrorCode err = U_ZERO_ERROR;
        icu::UnicodeString s(static_cast<UChar32>(c));
        s.foldCase();
        icu::UnicodeString d = nfkd->normalize(s, err);
        if (U_FAILURE(err)) d = s;
        icu::UnicodeString kept;
        for (int32_t k = 0; k < d.length();) {
            const UChar32 x = d.char32At(k);
            k += U16_LENGTH(x);
            const auto t = u_charType(x);
            if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK) continue;
            if (!u_isalnum(x)) continue;  // "½" → "1⁄2": keep the digits only
            kept.append(u_foldCase(x, U_FOLD_CASE_DEFAULT));
        }
        kept.toUTF8String(out);
        if (out.size() > 255) out.clear();
    }
};

const fold_table& table() {
    static const fold_table t;
    return t;
}

}  // namespace

char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) {
        return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
    };
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF && cont(i + 1)) {
        char32_t c = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
        i += 2;
        return c;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF && cont(i + 1) && cont(i + 2)) {
        char32_t c = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                     (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
            i += 3;
            return c;
        }
    }
    if (b0 >= 0xF0 && b0 <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
        char32_t c = ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
                     ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
        if (c >= 0x10000 && c <= 0x10FFFF) {
            i += 4;
            return c;
        }
    }
    ++i;
    return 0xFFFD;
}

bool fold_code_point(char32_t c, std::string& out, bool& is_word_char) {
    const fold_table& t = table();
    if (c < table_end) {
        const std::uint32_t o = t.offset[c];
        is_word_char = (o & 0x80000000u) != 0;
        out.append(t.chars, o & 0x7FFFFFFFu, t.length[c]);
        return is_word_char;
    }
    // rare in Dutch text: ICU, the same way the table was made
    fold_table::compute(c, t.nfkd, out, is_word_char);
    return is_word_char;
}

dutch_tokenizer::dutch_tokenizer() : stemmer_(sb_stemmer_new("dutch", "UTF_8")) {
    if (!stemmer_) throw std::runtime_error("libstemmer has no Dutch stemmer");
    (void)table();
}

dutch_tokenizer::~dutch_tokenizer() { sb_stemmer_delete(stemmer_); }

std::string_view dutch_tokenizer::finish(std::string_view folded, bool stem) {
    if (!stem || folded.size() < 3) return folded;
    bool letter = false;
    for (char ch : folded)
        if (!(ch >= '0' && ch <= '9')) {
            letter = true;
            break;
        }
    if (!letter) return folded;
    // Snowball costs far more than a lookup, and a collection's words repeat: stems are
    // remembered (up to a bound, then forgotten all at once).
    const std::uint64_t h = kamervragen::detail::short_hash(folded);
    if (const span* c = stems_.find(folded, h)) return std::string_view(stem_text_).substr(c->offset, c->length);
    const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded.data()),
                                         static_cast<int>(folded.size()));
    if (!s) return folded;  // out of memory in libstemmer: index the word unstemmed
    const std::string_view stemmed(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(stemmer_)));
    if (stems_.size() >= max_cached_stems || stems_.bytes() + stem_text_.size() > max_cached_bytes) {
        stems_.clear();
        stem_text_.clear();
    }
    const span c{static_cast<std::uint32_t>(stem_text_.size()), static_cast<std::uint32_t>(stemmed.size())};
    stem_text_.append(stemmed);
    stems_.add(folded, h, c);
    return std::string_view(stem_text_).substr(c.offset, c.length);
}

namespace {

// FTS5 glue. The tokenizer takes no arguments.
int fts_create(void*, const char**, int, Fts5Tokenizer** out) {
    try {
        *out = reinterpret_cast<Fts5Tokenizer*>(new dutch_tokenizer());
        return SQLITE_OK;
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    } catch (...) {
        return SQLITE_ERROR;
    }
}

void fts_delete(Fts5Tokenizer* t) { delete reinterpret_cast<dutch_tokenizer*>(t); }

int fts_tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int n,
                 int (*token)(void*, int, const char*, int, int, int)) {
    auto* tok = reinterpret_cast<dutch_tokenizer*>(t);
    // A prefix query ("minist*") must not be stemmed: the stem of a prefix is not a prefix.
    const bool stem = (flags & FTS5_TOKENIZE_PREFIX) == 0;
    if ((flags & FTS5_TOKENIZE_DOCUMENT) && n > 0 && text[0] == pretokenized_marker) {
        // tokens made by the parser threads: positions are all FTS5 keeps of a document
        const std::string_view v(text + 1, static_cast<std::size_t>(n - 1));
        for (std::size_t i = 0; i < v.size();) {
            std::size_t e = v.find(' ', i);
            if (e == std::string_view::npos) e = v.size();
            if (e > i) {
                if (int rc = token(ctx, 0, v.data() + i, static_cast<int>(e - i), static_cast<int>(i + 1), static_cast<int>(e + 1));
                    rc != SQLITE_OK)
                    return rc;
            }
            i = e + 1;
        }
        return SQLITE_OK;
    }
    try {
        return tok->run(std::string_view(text, static_cast<std::size_t>(n)), stem,
                        [&](std::string_view w, std::size_t s, std::size_t e) {
                            return token(ctx, 0, w.data(), static_cast<int>(w.size()), static_cast<int>(s),
                                         static_cast<int>(e));
                        });
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    }
}

}  // namespace

fts5_api* fts5_api_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) return nullptr;
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(st);
    if (sqlite3_finalize(st) != SQLITE_OK) return nullptr;
    return api;
}

int register_tokenizer(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    if (!api) return SQLITE_ERROR;
    static fts5_tokenizer methods{fts_create, fts_delete, fts_tokenize};
    return api->xCreateTokenizer(api, "kvdutch", nullptr, &methods, nullptr);
}

}  // namespace kamervragen::search::detail

namespace kamervragen::search {

std::vector<std::string> tokens(std::string_view text, bool stem) {
    thread_local detail::dutch_tokenizer tok;
    std::vector<std::string> out;
    tok.run(text, stem, [&](std::string_view w, std::size_t, std::size_t) {
        out.emplace_back(w);
        return 0;
    });
    return out;
}

}  // namespace kamervragen::search
