// tokenizer.hpp (internal): the Dutch tokenizer shared by the FTS5 tokenizer "kvdutch",
// the hot-term lists and the public search::tokens().
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <cstdint>
#include <cstring>
#include <vector>

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

/// A table from words to small values: open addressing, the words in one arena. For
/// the tokenizer's stem cache and the hot-term pass, which look up every word they meet.
/// Hashes come from kamervragen::detail::short_hash.
template <class V>
class word_map {
public:
    /// The value of `word`, or nullptr.
    V* find(std::string_view word, std::uint64_t hash) {
        if (slots_.empty()) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            slot& sl = slots_[i];
            if (!sl.used) return nullptr;
            if (sl.hash == hash && sl.length == word.size() &&
                std::memcmp(words_.data() + sl.offset, word.data(), word.size()) == 0)
                return &sl.value;
        }
    }
    /// Adds a word that is not in the table.
    V& add(std::string_view word, std::uint64_t hash, V value) {
        if (slots_.empty()) slots_.resize(1024);
        if ((used_ + 1) * 2 > slots_.size()) {  // at most half full
            std::vector<slot> old(slots_.size() * 2);
            old.swap(slots_);
            for (const slot& o : old)
                if (o.used) slots_[free_slot(o.hash)] = o;
        }
        slot& sl = slots_[free_slot(hash)];
        sl = {hash, static_cast<std::uint32_t>(words_.size()), static_cast<std::uint32_t>(word.size()), true, value};
        words_.append(word);
        ++used_;
        return sl.value;
    }
    [[nodiscard]] std::size_t size() const { return used_; }
    [[nodiscard]] std::size_t bytes() const { return words_.size(); }
    void clear() {
        slots_.clear();
        words_.clear();
        used_ = 0;
    }

private:
    struct slot {
        std::uint64_t hash = 0;
        std::uint32_t offset = 0, length = 0;
        bool used = false;
        V value{};
    };
    std::size_t free_slot(std::uint64_t hash) const {
        std::size_t i = hash & (slots_.size() - 1);
        while (slots_[i].used) i = (i + 1) & (slots_.size() - 1);
        return i;
    }
    std::vector<slot> slots_;
    std::string words_;
    std::size_t used_ = 0;
};

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
