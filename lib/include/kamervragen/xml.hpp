// kamervragen/xml.hpp: the document XML (schema in schema/kamervragen.xsd) and the JSON
// form with the field names of the gold annotations.
#pragma once

#include <string>
#include <string_view>

#include "kamervragen/document.hpp"

namespace kamervragen {

/// Writes the document XML, UTF-8, indented. Thread safety: reentrant.
[[nodiscard]] std::string to_xml(const document& doc);

/// The result of reading XML back: `ok` false with a description and byte offset when
/// the text is not a document XML.
struct xml_read_result {
    bool ok = false;
    std::string error;
    std::size_t offset = 0;
    kamervragen::document document;
};

/// Reads a document XML written by to_xml() back into the model.
[[nodiscard]] xml_read_result from_xml(std::string_view xml);

/// Writes the model as one JSON object (field names as in gold/SCHEMA.md, plus
/// full unit texts and diagnostics). `indent` < 0 writes one line.
[[nodiscard]] std::string to_json(const document& doc, int indent = 2);

}  // namespace kamervragen
