// encoding.cpp: charset detection and conversion with ICU converters.
#include "encoding.hpp"

#include <cstring>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "text.hpp"

namespace kamervragen::detail {
namespace {

std::string convert(std::string_view bytes, const char* charset, bool& ok) {
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
    ok = !u.isBogus();
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

std::string decode_to_utf8(std::string_view bytes, std::vector<diagnostic>& diags) {
    std::string out;
    auto note = [&](std::string code, std::string msg) {
        diags.push_back({std::move(code), severity::note, 0, 0, std::move(msg), {}});
    };
    if (starts_with(bytes, "\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
        note("utf8_bom", "UTF-8 byte-order mark dropped");
    }
    bool ok = true;
    if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
        const bool le = bytes[0] == '\xFF';
        out = convert(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", ok);
        note("converted_utf16", le ? "input converted from UTF-16LE" : "input converted from UTF-16BE");
    } else if (valid_utf8(bytes)) {
        out.assign(bytes);
    } else {
        out = convert(bytes, "windows-1252", ok);
        note("converted_cp1252", "input is not valid UTF-8; read as Windows-1252");
    }
    if (!ok) {
        diags.push_back({"conversion_failed", severity::warning, 0, 0,
                         "charset conversion failed; text may be incomplete", {}});
    }
    bool had_nul = false;
    for (void* p = std::memchr(out.data(), '\0', out.size()); p;
         p = std::memchr(p, '\0', out.size() - static_cast<std::size_t>(static_cast<char*>(p) - out.data()))) {
        *static_cast<char*>(p) = ' ';
        had_nul = true;
    }
    if (had_nul) note("nul_bytes", "NUL bytes replaced by spaces");
    return out;
}

}  // namespace kamervragen::detail
