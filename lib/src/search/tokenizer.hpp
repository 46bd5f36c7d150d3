// tokenizer.hpp (internal): the Dutch tokenizer shared by the FTS5 tokenizer "kvdutch",
// the hot-term lists and the public search::tokens().
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../text.hpp"

struct sb_stemmer;
struct sqlite3;
struct fts5_api;

namespace kamervragen::search::detail {

/// A text starting with this byte is tokenized without stemming: the exact and name
/// columns, and exact phrases in queries.
inline constexpr char exact_marker = '\x01';

/// A document value starting with this byte is already tokens, separated by spaces (see
/// db.hpp, pretokenize): the FTS5 tokenizer passes them on as they are.
inline constexpr char pretokenized_marker = '\x02';

using kamervragen::detail::word_map;

/// Splits on anything that is not a letter or digit, folds case and diacritics,
/// optionally stems. Not thread-safe (one per thread or per FTS5 tokenizer instance).
class dutch_tokenizer {
public:
    dutch_tokenizer();
    ~dutch_tokenizer();
    dutch_tokenizer(const dutch_tokenizer&) = delete;
    dutch_tokenizer& operator=(const dutch_tokenizer&) = delete;

    /// Calls emit(token, start, end) for each token; start/end are byte offsets in text.
    /// Returns early with emit's non-zero result.
    template <class Emit>
    int run(std::string_view text, bool stem, Emit&& emit);

    /// Stems a folded token when asked; the result is in the returned view (valid until
    /// the next call).
    std::string_view finish(std::string_view folded, bool stem);

private:
    static constexpr std::size_t max_cached_stems = 1 << 17;
    static constexpr std::size_t max_cached_bytes = std::size_t{16} << 20;
    sb_stemmer* stemmer_ = nullptr;
    struct span {
        std::uint32_t offset = 0, length = 0;
    };
    word_map<span> stems_;    ///< folded word -> its stem in stem_text_
    std::string stem_text_;
};

/// Appends the case- and diacritic-folded form of code point c; returns false when c is
/// not part of a word (not a letter, digit or combining mark).
bool fold_code_point(char32_t c, std::string& out, bool& is_word_char);

/// Decodes one UTF-8 code point at text[i] (invalid bytes read as U+FFFD), advancing i.
char32_t next_code_point(std::string_view text, std::size_t& i);

template <class Emit>
int dutch_tokenizer::run(std::string_view text, bool stem, Emit&& emit) {
    std::size_t i = 0;
    if (!text.empty() && text[0] == exact_marker) {
        stem = false;
        i = 1;
    }
    std::string token;
    std::size_t start = 0;
    bool in_token = false;
    for (;;) {
        const std::size_t at = i;
        bool word = false;
        if (i < text.size()) {
            const unsigned char b = static_cast<unsigned char>(text[i]);
            if (b < 0x80) {
                ++i;
                if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')) {
                    token += static_cast<char>(b);
                    word = true;
                } else if (b >= 'A' && b <= 'Z') {
                    token += static_cast<char>(b + 32);
                    word = true;
                }
            } else {
                fold_code_point(next_code_point(text, i), token, word);
            }
        }
        if (word) {
            if (!in_token) {
                in_token = true;
                start = at;
            }
            continue;
        }
        if (in_token) {
            in_token = false;
            if (!token.empty()) {
                if (int rc = emit(finish(token, stem), start, at); rc != 0) return rc;
            }
            token.clear();
        }
        if (at >= text.size()) break;
    }
    return 0;
}

/// The connection's FTS5 API, or nullptr.
fts5_api* fts5_api_of(sqlite3* db);

/// Registers the FTS5 tokenizer "kvdutch" on a connection. Returns an SQLite result code.
int register_tokenizer(sqlite3* db);

}  // namespace kamervragen::search::detail
