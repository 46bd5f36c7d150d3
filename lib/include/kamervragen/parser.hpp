// kamervragen/parser.hpp: turn the text of a Kamervragen document into a document model.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "kamervragen/document.hpp"

namespace kamervragen {

class lexicon;

/// Options for parse(). The defaults are what the command-line tool uses.
struct parse_options {
    /// Name recorded in document::source and diagnostics.
    std::string source = "-";
    /// Dutch word list for dehyphenation and for splitting words an extractor glued
    /// together. Null: the parser uses only the document's own vocabulary.
    /// The lexicon must outlive the call; one lexicon may serve many threads at once.
    std::shared_ptr<const lexicon> words;
};

/// Parses `bytes`, the raw contents of a file. Any byte sequence is valid input: the
/// result is the best structure that could be found plus diagnostics. Text that is not
/// UTF-8 (UTF-16 with a byte-order mark, Windows-1252) is converted, with a note.
/// Thread safety: reentrant; concurrent calls may share one lexicon.
[[nodiscard]] document parse(std::string_view bytes, const parse_options& options = {});

}  // namespace kamervragen
