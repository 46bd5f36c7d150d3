// text.hpp: small UTF-8 helpers shared by the parser phases (internal).
#pragma once

#include <climits>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kamervragen::detail {

/// A fast hash of a short string (a word): eight bytes at a time, each step a multiply
/// and a shift. For the parser's vocabulary and the search tokenizer's stem cache.
inline std::uint64_t short_hash(std::string_view w) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ w.size();
    std::size_t i = 0;
    for (; i + 8 <= w.size(); i += 8) {
        std::uint64_t k;
        std::memcpy(&k, w.data() + i, 8);
        h = (h ^ k) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    std::uint64_t k = 0;
    std::memcpy(&k, w.data() + i, w.size() - i);
    h = (h ^ k) * 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

/// A table from words to small values: open addressing, the words in one arena (32-bit
/// offsets: a table stops taking words at 4 GB of them). For the document vocabulary,
/// the search tokenizer's stem cache and the hot-term pass, which look up every word they
/// meet. Hashes come from short_hash.
template <class V>
class word_map {
public:
    /// The value of `word`, or nullptr.
    V* find(std::string_view word, std::uint64_t hash) {
        return const_cast<V*>(static_cast<const word_map*>(this)->find(word, hash));
    }
    const V* find(std::string_view word, std::uint64_t hash) const {
        if (slots_.empty()) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const slot& sl = slots_[i];
            if (!sl.used) return nullptr;
            if (sl.hash == hash && sl.length == word.size() &&
                std::memcmp(words_.data() + sl.offset, word.data(), word.size()) == 0)
                return &sl.value;
        }
    }
    /// Adds a word that is not in the table; false (nothing added) past 4 GB of words.
    bool add(std::string_view word, std::uint64_t hash, V value) {
        if (words_.size() + word.size() > UINT32_MAX) return false;
        if ((used_ + 1) * 2 > slots_.size()) reserve(used_ + 1);  // at most half full
        slots_[free_slot(hash)] = {hash, static_cast<std::uint32_t>(words_.size()),
                                   static_cast<std::uint32_t>(word.size()), true, value};
        words_.append(word);
        ++used_;
        return true;
    }
    /// Room for `words` words without growing.
    void reserve(std::size_t words) {
        std::size_t cap = 1024;
        while (cap < words * 2) cap *= 2;
        if (cap <= slots_.size()) return;
        std::vector<slot> old(cap);
        old.swap(slots_);
        for (const slot& o : old)
            if (o.used) slots_[free_slot(o.hash)] = o;
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

/// Strips ASCII and Unicode spaces (incl. NBSP) from both ends.
std::string_view trim(std::string_view s);
std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);

/// Collapses runs of white space to one space and trims.
std::string collapse_space(std::string_view s);
/// True when collapse_space would return s unchanged: single ASCII spaces between words,
/// none at the ends, no other white space, no control characters.
bool already_collapsed(std::string_view s);
/// collapse_space without its check for text that needs no change (for the test that
/// compares the two).
std::string collapse_space_full(std::string_view s);

/// Splits on white space.
std::vector<std::string_view> words(std::string_view s);

/// True when the code point at byte i is white space; moves i past it.
bool space_at_slow(std::string_view s, std::size_t& i);
inline bool space_at(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // ASCII: space, \t \n \v \f \r
        ++i;
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
    return space_at_slow(s, i);
}

/// Calls f(word) for each word between white space, without allocating.
template <class F>
void for_each_word(std::string_view s, F&& f) {
    std::size_t i = 0, word_start = std::string_view::npos;
    while (i < s.size()) {
        const std::size_t start = i;
        if (space_at(s, i)) {
            if (word_start != std::string_view::npos) f(s.substr(word_start, start - word_start));
            word_start = std::string_view::npos;
        } else if (word_start == std::string_view::npos) {
            word_start = start;
        }
    }
    if (word_start != std::string_view::npos) f(s.substr(word_start));
}

/// First / last code point of s (0 when empty or invalid).
char32_t first_char_slow(std::string_view s);
char32_t last_char_slow(std::string_view s);
inline char32_t first_char(std::string_view s) {
    return !s.empty() && static_cast<unsigned char>(s[0]) < 0x80 ? static_cast<char32_t>(s[0]) : first_char_slow(s);
}
inline char32_t last_char(std::string_view s) {
    return !s.empty() && static_cast<unsigned char>(s.back()) < 0x80 ? static_cast<char32_t>(s.back()) : last_char_slow(s);
}

// Unicode's letter and case classes (ICU), ASCII without a call.
bool is_letter_slow(char32_t c);
bool is_upper_slow(char32_t c);
bool is_lower_slow(char32_t c);
inline bool is_letter(char32_t c) { return c < 0x80 ? ((c | 0x20u) >= 'a' && (c | 0x20u) <= 'z') : is_letter_slow(c); }
inline bool is_upper(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : is_upper_slow(c); }
inline bool is_lower(char32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : is_lower_slow(c); }
bool is_digit_str(std::string_view s);

/// Lower-cases with ICU's full case mapping (UTF-8 in, UTF-8 out).
std::string to_lower(std::string_view s);

/// NFC-normalises; joins a spacing accent to the letter before it ("Kostic ´" -> "Kostić").
std::string normalize_nfc(std::string_view s);

/// True when s is valid UTF-8.
bool valid_utf8(std::string_view s);

/// Number of code points (for columns in diagnostics).
int count_chars(std::string_view s);

/// Parses "18 juli 2011", "7 september\n2011", "18-07-2011" inside s; returns ISO "2011-07-18" or "".
std::string parse_dutch_date(std::string_view s);
/// The same by RE2 patterns only (for the test that compares the two).
std::string parse_dutch_date_by_pattern(std::string_view s);

/// Only ASCII bytes (eight at a time).
inline bool is_ascii(std::string_view s) {
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if (w & 0x8080808080808080ull) return false;
    }
    for (; i < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
    return true;
}

/// RE2's \s: the white space the patterns (and the scans that stand for them) know.
inline bool is_pattern_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

/// Starts-with helpers. (A pattern that begins with \d is tried only where this holds.)
inline bool starts_with_digit(std::string_view s) { return !s.empty() && s[0] >= '0' && s[0] <= '9'; }
/// One to `most` ASCII digits and nothing else (what ^\d{1,most}$ matches).
inline bool digits_only(std::string_view s, std::size_t most) {
    if (s.empty() || s.size() > most) return false;
    for (const char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}
/// The value of ASCII digits (all of `s`), or nullopt when `s` is empty, holds anything
/// else or does not fit an int. Never throws: std::stoi does past INT_MAX, and a pattern's
/// \d+ lets any length through ("AH 30672267221").
inline std::optional<int> to_int(std::string_view s) {
    if (s.empty()) return std::nullopt;
    long long v = 0;
    for (const char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
        if (v > INT_MAX) return std::nullopt;
    }
    return static_cast<int>(v);
}
/// to_int where the caller refuses large numbers anyway (a question number, a note number):
/// digits too many for an int give INT_MAX; anything that is not digits gives 0.
inline int to_int_or_max(std::string_view s) {
    if (auto v = to_int(s)) return *v;
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos ? INT_MAX : 0;
}
inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
/// Where `needle` first occurs in `s` at `from` or later (npos if not): glibc's memmem,
/// which unlike std::string::find does not stop at every occurrence of the first byte
/// ("ergaderjaar" in Dutch text stopped at every 'e').
inline std::size_t find_bytes(std::string_view s, std::string_view needle, std::size_t from = 0) {
    if (from > s.size()) return std::string_view::npos;
    const void* p = ::memmem(s.data() + from, s.size() - from, needle.data(), needle.size());
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
}
inline bool contains(std::string_view s, std::string_view needle) {
    return find_bytes(s, needle) != std::string_view::npos;
}

/// A fixed needle searched in many short texts (every line): Horspool's skip table made
/// once, where memmem would set itself up on every call.
class byte_searcher {
public:
    explicit byte_searcher(std::string_view needle) : needle_(needle) {
        for (auto& k : skip_) k = needle_.size();
        for (std::size_t i = 0; i + 1 < needle_.size(); ++i)
            skip_[static_cast<unsigned char>(needle_[i])] = needle_.size() - 1 - i;
    }
    [[nodiscard]] std::size_t find(std::string_view h, std::size_t from = 0) const {
        const std::size_t m = needle_.size();
        if (m == 0) return from <= h.size() ? from : std::string_view::npos;
        for (std::size_t i = from; i + m <= h.size();) {
            const char last = h[i + m - 1];
            if (last == needle_[m - 1] && h.compare(i, m - 1, needle_, 0, m - 1) == 0) return i;
            i += skip_[static_cast<unsigned char>(last)];
        }
        return std::string_view::npos;
    }
    [[nodiscard]] bool in(std::string_view h) const { return find(h) != std::string_view::npos; }

private:
    std::string needle_;
    std::size_t skip_[256];
};
inline bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

/// True when s starts with a Dutch month name as a word ("december 2023 aan …"): a
/// number before it is a day, not a footnote.
bool starts_with_month(std::string_view s);

/// The '.' or ',' at `at` separates the digits of one number ("1.2", "3,5", "150.000"): one
/// to three digits stand before it. After a year it ends a sentence ("in 2018.12" is a
/// note's number).
bool is_decimal_point(std::string_view s, std::size_t at);

inline bool is_digit_byte(char c) { return c >= '0' && c <= '9'; }

/// The next run of ASCII digits at `from` or later: its start (npos when none), and in
/// `end` where it ends.
inline std::size_t next_digit_run(std::string_view t, std::size_t from, std::size_t& end) {
    // eight bytes at a time while none is a digit (most of a line's bytes)
    constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull, low7 = 0x7F7F7F7F7F7F7F7Full;
    while (from + 8 <= t.size()) {
        std::uint64_t w;
        std::memcpy(&w, t.data() + from, 8);
        // a byte between 0x2F and 0x3A exclusive (below 0x80: ~w clears the others)
        const std::uint64_t x = w & low7;
        if (((ones * (127 + 0x3A) - x) & ~w & (x + ones * (127 - 0x2F)) & high) != 0) break;
        from += 8;
    }
    while (from < t.size() && !is_digit_byte(t[from])) ++from;
    if (from >= t.size()) return std::string_view::npos;
    end = from;
    while (end < t.size() && is_digit_byte(t[end])) ++end;
    return from;
}

/// What may follow a note reference at `e`: a space (RE2's \s), one of .,;:!?) (',' when
/// `comma`), or the end of the text.
bool ends_note_ref(std::string_view t, std::size_t e, bool comma);

/// A number of 1 to 3 digits glued to what it annotates, a footnote reference if the
/// document has that note: after a letter or one of ?!.,;:»”’")] (`pre`, which starts at
/// `pre_at`), before a space, one of .,;:!?) or the end of the text ("achtergrond?1 Wat",
/// "tegen4.", "»?1").
struct glued_number {
    std::size_t pre_at = 0, begin = 0, end = 0;  ///< the digits are [begin, end)
    char32_t pre = 0;
    int value = 0;
};
/// The first glued number whose `pre` starts at `from` or later.
bool find_glued_number(std::string_view t, std::size_t from, glued_number& out);
/// ",2" or ", 2" at `at` continuing a list of references ("»?1, 2"), before a space, one
/// of .;:!?) or the end: its value, and where its digits end.
bool list_tail_at(std::string_view t, std::size_t at, int& value, std::size_t& end);

/// Short excerpt of a line for diagnostics (at most ~60 code points).
std::string excerpt(std::string_view s);

}  // namespace kamervragen::detail
