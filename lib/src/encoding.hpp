// encoding.hpp: bring any input bytes to UTF-8 (internal).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kamervragen/document.hpp"

namespace kamervragen::detail {

/// Converts raw bytes to UTF-8: drops a UTF-8 byte-order mark, converts UTF-16 with a
/// byte-order mark, and reads anything that is not valid UTF-8 as Windows-1252
/// (a superset of Latin-1 for printable text). NUL bytes become spaces. Each conversion
/// adds a note to `diags`.
std::string decode_to_utf8(std::string_view bytes, std::vector<diagnostic>& diags);

}  // namespace kamervragen::detail
