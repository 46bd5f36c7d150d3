// kamervragen/evaluate.hpp: compare a parse with a gold annotation (corpus/gold/SCHEMA.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kamervragen/document.hpp"

namespace kamervragen {

/// One metadata field of one document.
struct field_result {
    std::string field;
    bool exact = false;
    std::string expected;  ///< JSON of the gold value
    std::string got;       ///< JSON of the parsed value
};

/// How one parsed document agrees with its gold annotation.
struct gold_comparison {
    bool ok = false;        ///< false when the gold JSON could not be read
    std::string error;
    std::string file;       ///< the gold's "file" field
    int units_total = 0;    ///< gold units plus units the parser found that gold lacks
    int units_exact = 0;    ///< same numbers, same first and last five words
    std::vector<field_result> fields;
    std::vector<std::string> unit_mismatches;  ///< human-readable, one per unit that differs
};

/// The names of the metadata fields compared, in report order.
const std::vector<std::string>& gold_fields();

/// First / last `n` words of a text, white space collapsed (the gold's "first"/"last").
std::string first_words(std::string_view text, std::size_t n = 5);
std::string last_words(std::string_view text, std::size_t n = 5);

/// The gold's "file" field (the document path relative to the corpus), or "".
std::string gold_file_field(std::string_view gold_json);

/// Compares `doc` with the gold JSON text. Thread safety: reentrant.
gold_comparison compare_with_gold(const document& doc, std::string_view gold_json);

}  // namespace kamervragen
