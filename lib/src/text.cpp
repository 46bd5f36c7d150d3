// text.cpp: UTF-8 helpers on top of ICU.
#include "text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/locid.h>

#include <array>
#include <cstring>

#include <re2/re2.h>

namespace kamervragen::detail {
namespace {

// Decodes the code point at byte i; advances i. Invalid bytes give U+FFFD.
char32_t next_cp(std::string_view s, std::size_t& i) {
    UChar32 c = 0;
    int32_t idx = static_cast<int32_t>(i);
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), idx, static_cast<int32_t>(s.size()), c);
    i = static_cast<std::size_t>(idx);
    return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

bool is_space_cp(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0 ||
           c == 0x2007 || c == 0x202F || c == 0x200B || (c >= 0x2000 && c <= 0x200A) || c == 0x3000 ||
           c == 0xFEFF;
}

// True when every code point from U+0300 on (the first that NFC can change; in UTF-8
// their lead bytes are 0xCC and up) is one NFC keeps as it is and combines with nothing
// (NFC quick check "yes", combining class 0): then the text is in NFC. False when unsure
// (ICU decides then). Dutch text has few such code points ("–", "«", "€"), and the whole
// check of ICU costs about nine instructions a byte.
bool nfc_by_quick_check(std::string_view s) {
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size(); ++i) {
        while (i + 8 <= s.size()) {  // eight ASCII bytes at a time
            std::uint64_t w;
            std::memcpy(&w, b + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= s.size()) break;
        if (b[i] < 0xCC) continue;
        std::size_t j = i;
        const char32_t c = next_cp(s, j);
        if (c == U'\uFFFD' || u_getCombiningClass(static_cast<UChar32>(c)) != 0 ||
            u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) != UNORM_YES)
            return false;
        i = j - 1;
    }
    return true;
}

}  // namespace

namespace {
// An ASCII byte that is no white space: a text that begins (or ends) with one needs no trim there.
inline bool ascii_solid(char c) {
    const auto b = static_cast<unsigned char>(c);
    return b > ' ' && b < 0x80;
}
}  // namespace

std::string_view trim_left(std::string_view s) {
    if (!s.empty() && ascii_solid(s.front())) return s;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        if (!is_space_cp(next_cp(s, j))) break;
        i = j;
    }
    return s.substr(i);
}

std::string_view trim_right(std::string_view s) {
    if (!s.empty() && ascii_solid(s.back())) return s;
    std::size_t end = s.size();
    while (end > 0) {
        // step back one code point
        std::size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        std::size_t j = start;
        if (!is_space_cp(next_cp(s, j))) break;
        end = start;
    }
    return s.substr(0, end);
}

std::string_view trim(std::string_view s) { return trim_right(trim_left(s)); }

// True when collapse_space would return s unchanged: single ASCII spaces between words,
// none at the ends, no other white space. Most paragraphs are like that.
bool already_collapsed(std::string_view s) {
    static const std::array<bool, 256> look = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c <= 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
        t[0xC2] = t[0xE2] = t[0xE3] = t[0xEF] = true;  // first bytes of U+00A0, U+2000.., U+3000, U+FEFF
        return t;
    }();
    if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    constexpr std::uint64_t high = 0x8080808080808080ull, low7 = 0x7F7F7F7F7F7F7F7Full, spaces = 0x2020202020202020ull;
    // the byte at i, with what follows it (two spaces in a row, a control, a Unicode space)
    const auto spoils = [&](std::size_t i) {
        if (!look[b[i]]) return false;
        const unsigned char c = b[i], c1 = i + 1 < n ? b[i + 1] : 0, c2 = i + 2 < n ? b[i + 2] : 0;
        if (c == ' ') return c1 == ' ';
        if (c < 0x20) return true;
        return (c == 0xC2 && c1 == 0xA0) || (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF)) ||
               (c == 0xE3 && c1 == 0x80 && c2 == 0x80) || (c == 0xEF && c1 == 0xBB && c2 == 0xBF);
    };
    std::size_t i = 0;
    // Eight bytes at a time where they are ASCII without controls: only two spaces in a
    // row (within the eight, or across from the byte before) can spoil them. Other eights
    // are looked at byte by byte.
    for (; i + 8 <= n; i += 8) {
        if (i > 0 && b[i - 1] == ' ' && b[i] == ' ') return false;
        std::uint64_t w;
        std::memcpy(&w, b + i, 8);
        if ((w & high) || ((w - spaces) & ~w & high)) {  // a byte beyond ASCII, or below 0x20
            for (std::size_t k = i; k < i + 8; ++k)
                if (spoils(k)) return false;
            continue;
        }
        const std::uint64_t x = w ^ spaces;  // zero where a space is
        const std::uint64_t at_space = ~(((x & low7) + low7) | x | low7);
        if (at_space & (at_space >> 8)) return false;
    }
    if (i > 0 && i < n && b[i - 1] == ' ' && b[i] == ' ') return false;
    for (; i < n; ++i)
        if (spoils(i)) return false;
    return true;
}

std::string collapse_space(std::string_view s) {
    if (already_collapsed(s)) return std::string(s);
    return collapse_space_full(s);
}

std::string collapse_space_full(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    std::size_t i = 0;
    while (i < s.size()) {
        // a run of printable ASCII is copied at once
        std::size_t run = i;
        while (run < s.size() && static_cast<unsigned char>(s[run]) > ' ' && static_cast<unsigned char>(s[run]) < 0x80)
            ++run;
        if (run > i) {
            if (pending) out.push_back(' ');
            pending = false;
            out.append(s.data() + i, run - i);
            i = run;
            continue;
        }
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f') {
                pending = !out.empty();
                continue;
            }
            if (pending) out.push_back(' ');
            pending = false;
            out.push_back(static_cast<char>(b));
            continue;
        }
        std::size_t start = i;
        char32_t c = next_cp(s, i);
        if (is_space_cp(c)) {
            pending = !out.empty();
            continue;
        }
        if (pending) out.push_back(' ');
        pending = false;
        out.append(s.substr(start, i - start));
    }
    return out;
}

std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    for_each_word(s, [&](std::string_view w) { out.push_back(w); });
    return out;
}

bool space_at_slow(std::string_view s, std::size_t& i) { return is_space_cp(next_cp(s, i)); }

char32_t first_char_slow(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t i = 0;
    return next_cp(s, i);
}

char32_t last_char_slow(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    return next_cp(s, start);
}

bool is_letter_slow(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }
bool is_upper_slow(char32_t c) { return u_isupper(static_cast<UChar32>(c)) != 0; }
bool is_lower_slow(char32_t c) { return u_islower(static_cast<UChar32>(c)) != 0; }

bool is_digit_str(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string to_lower(std::string_view s) {
    // most words are ASCII: no need for ICU
    if (is_ascii(s)) {
        std::string out(s);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    u.toLower(icu::Locale::getRoot());
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::string normalize_nfc(std::string_view s) {
    // PDF extractors print accents as spacing characters beside the letter ("Kostic ´",
    // "Yes¸ilgöz"). Map the spacing form to the combining one so NFC composes them.
    static const std::array<std::pair<char32_t, char32_t>, 7> spacing = {{
        {0x00B4, 0x0301}, {0x00B8, 0x0327}, {0x02C7, 0x030C}, {0x00A8, 0x0308},
        {0x02DC, 0x0303}, {0x02C6, 0x0302}, {0x02D8, 0x0306}}};
    // Fast path: no spacing accent and already NFC (the common case) → as it is.
    {
        bool spacing_accent = false;
        // their first bytes are C2 and CB: memchr finds the few places to look at
        for (const int lead : {0xC2, 0xCB}) {
            for (const char* p = static_cast<const char*>(std::memchr(s.data(), lead, s.size())); p && !spacing_accent;
                 p = static_cast<const char*>(std::memchr(p + 1, lead, static_cast<std::size_t>(s.data() + s.size() - p - 1)))) {
                if (p + 1 >= s.data() + s.size()) break;
                const auto b = static_cast<unsigned char>(p[1]);
                spacing_accent = lead == 0xC2 ? (b == 0xB4 || b == 0xB8 || b == 0xA8)
                                              : (b == 0x87 || b == 0x9C || b == 0x86 || b == 0x98);
            }
        }
        if (!spacing_accent && valid_utf8(s) && nfc_by_quick_check(s)) return std::string(s);
        if (!spacing_accent) {
            UErrorCode st = U_ZERO_ERROR;
            const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
            if (U_SUCCESS(st) && nfc->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), st) &&
                U_SUCCESS(st))
                return std::string(s);
        }
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    icu::UnicodeString fixed;
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        int32_t n = U16_LENGTH(c);
        bool done = false;
        for (auto [sp, comb] : spacing) {
            if (static_cast<char32_t>(c) != sp) continue;
            // "c ´" -> drop the space the extractor put between letter and accent.
            int32_t len = fixed.length();
            if (len > 0 && fixed.charAt(len - 1) == u' ' && len > 1 && u_isalpha(fixed.char32At(len - 2)))
                fixed.truncate(len - 1);
            if (fixed.length() > 0 && u_isalpha(fixed.char32At(fixed.length() - 1))) {
                fixed.append(static_cast<UChar32>(comb));
                done = true;
            }
            break;
        }
        if (!done) fixed.append(c);
        i += n;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    std::string out;
    if (U_FAILURE(status)) {
        fixed.toUTF8String(out);
        return out;
    }
    icu::UnicodeString normalized = nfc->normalize(fixed, status);
    if (U_FAILURE(status)) normalized = fixed;
    normalized.toUTF8String(out);
    return out;
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        // eight ASCII bytes at a time
        if (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        UChar32 c = 0;
        int32_t idx = static_cast<int32_t>(i);
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), idx, static_cast<int32_t>(s.size()), c);
        if (c < 0) return false;
        i = static_cast<std::size_t>(idx);
    }
    return true;
}

int count_chars(std::string_view s) {
    // bytes that begin a code point (all but 10xxxxxx), eight at a time
    std::size_t cont = 0, i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        // one bit per continuation byte, moved to each byte's low bit and summed by a multiply
        cont += static_cast<std::size_t>((((w & ~(w << 1) & 0x8080808080808080ull) >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < s.size(); ++i) cont += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
    return static_cast<int>(s.size() - cont);
}

namespace {
const std::array<const char*, 12> month_names = {"januari", "februari", "maart", "april", "mei", "juni",
                                                 "juli", "augustus", "september", "oktober", "november", "december"};

// "18-07-2011", "18.07.2011"
std::string numeric_date(std::string_view s) {
    static const RE2 numeric(R"(\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b)");
    std::string day, month, year;
    char buf[32];  // "YYYY-MM-DD"; room for any int the format could print
    if (RE2::PartialMatch(s, numeric, &day, &month, &year)) {
        int d = to_int_or_max(day), m = to_int_or_max(month);
        if (d >= 1 && d <= 31 && m >= 1 && m <= 12) {
            std::snprintf(buf, sizeof buf, "%s-%02d-%02d", year.c_str(), m, d);
            return buf;
        }
    }
    return {};
}
}  // namespace

std::string parse_dutch_date_by_pattern(std::string_view s) {
    // "18 juli 2011", "7 september 2011", "1 oktober\n2023" (white space of any kind between).
    static const RE2 long_form(R"((?i)\b(\d{1,2})\s*(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\s*(\d{4})\b)");
    std::string day, month, year;
    char buf[32];
    if (RE2::PartialMatch(s, long_form, &day, &month, &year)) {
        std::string m = to_lower(month);
        for (std::size_t i = 0; i < month_names.size(); ++i)
            if (m == month_names[i]) {
                std::snprintf(buf, sizeof buf, "%s-%02zu-%02d", year.c_str(), i + 1, to_int_or_max(day));
                return buf;
            }
    }
    return numeric_date(s);
}

std::string parse_dutch_date(std::string_view s) {
    // ASCII text, where (?i) folds ASCII letters only, is read by hand: the leftmost
    // "D[D] month YYYY" the long pattern finds (\b and \s as RE2 has them)
    if (!is_ascii(s))
        return parse_dutch_date_by_pattern(s);
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const auto word = [&](char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    for (std::size_t p = 0; p < s.size(); ++p) {
        if (!digit(s[p]) || (p > 0 && word(s[p - 1]))) continue;
        std::size_t q = p + 1;
        if (q < s.size() && digit(s[q])) ++q;
        const std::size_t day_end = q;
        while (q < s.size() && is_pattern_space(s[q])) ++q;
        for (std::size_t m = 0; m < month_names.size(); ++m) {
            const std::string_view name = month_names[m];
            if (s.size() - q < name.size()) continue;
            bool same = true;
            for (std::size_t k = 0; k < name.size() && same; ++k)
                same = (s[q + k] >= 'A' && s[q + k] <= 'Z' ? s[q + k] + 32 : s[q + k]) == name[k];
            if (!same) continue;
            std::size_t y = q + name.size();
            while (y < s.size() && is_pattern_space(s[y])) ++y;
            if (s.size() - y < 4 || !digit(s[y]) || !digit(s[y + 1]) || !digit(s[y + 2]) || !digit(s[y + 3]) ||
                (y + 4 < s.size() && word(s[y + 4])))
                break;  // the month matched; no other name reads on from here
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.4s-%02zu-%02d", s.data() + y, m + 1,
                          to_int_or_max(std::string(s.substr(p, day_end - p))));
            return buf;
        }
    }
    return numeric_date(s);
}

namespace {
int small_number(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}
}  // namespace

bool ends_note_ref(std::string_view t, std::size_t e, bool comma) {
    if (e >= t.size()) return true;
    const char c = t[e];
    return is_pattern_space(c) || c == '.' || (comma && c == ',') || c == ';' || c == ':' || c == '!' || c == '?' ||
           c == ')';
}

bool find_glued_number(std::string_view t, std::size_t from, glued_number& out) {
    std::size_t e = 0;
    for (std::size_t begin = next_digit_run(t, from, e); begin != std::string_view::npos;
         begin = next_digit_run(t, e, e)) {
        if (begin == 0 || e - begin > 3 || !ends_note_ref(t, e, true)) continue;
        std::size_t pre_at = begin - 1;
        while (pre_at > 0 && (static_cast<unsigned char>(t[pre_at]) & 0xC0) == 0x80) --pre_at;
        if (pre_at < from) continue;
        const char32_t pre = first_char(t.substr(pre_at, begin - pre_at));
        const bool punct = pre == U'?' || pre == U'!' || pre == U'.' || pre == U',' || pre == U';' || pre == U':' ||
                           pre == U'»' || pre == U'”' || pre == U'’' || pre == U'"' || pre == U')' || pre == U']';
        if (!punct && !is_letter(pre)) continue;
        out = {pre_at, begin, e, pre, small_number(t.substr(begin, e - begin))};
        return true;
    }
    return false;
}

bool list_tail_at(std::string_view t, std::size_t at, int& value, std::size_t& end) {
    if (at >= t.size() || t[at] != ',') return false;
    std::size_t s = at + 1;
    if (s < t.size() && is_pattern_space(t[s])) ++s;
    std::size_t e = s;
    while (e < t.size() && is_digit_byte(t[e])) ++e;
    if (e == s || e - s > 3 || !ends_note_ref(t, e, false)) return false;
    value = small_number(t.substr(s, e - s));
    end = e;
    return true;
}

bool is_decimal_point(std::string_view s, std::size_t at) {
    std::size_t n = 0;
    while (n < at && s[at - 1 - n] >= '0' && s[at - 1 - n] <= '9') ++n;
    return n >= 1 && n <= 3;
}

bool starts_with_month(std::string_view s) {
    static constexpr std::array<std::string_view, 12> months = {"januari", "februari", "maart",     "april",
                                                                "mei",     "juni",     "juli",      "augustus",
                                                                "september", "oktober", "november", "december"};
    for (std::string_view m : months)
        if (starts_with(s, m) && (s.size() == m.size() || !is_letter(first_char(s.substr(m.size()))))) return true;
    return false;
}

std::string excerpt(std::string_view s) {
    s = trim(s);
    std::size_t i = 0;
    int n = 0;
    while (i < s.size() && n < 60) {
        next_cp(s, i);
        ++n;
    }
    std::string out(s.substr(0, i));
    if (i < s.size()) out += "…";
    return out;
}

}  // namespace kamervragen::detail
