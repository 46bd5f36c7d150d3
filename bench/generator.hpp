// generator.hpp: realistic synthetic Kamervragen documents, deterministic from a seed.
// Used by the benchmark and by tests that need many documents (the crash-safety test).
// The text imitates the official PDF as pdftotext prints it: masthead, page footers and
// page numbers, merged units ("Vraag 2 en 3"), gaps ("Antwoord 4 en 6 (vraag 5
// ontbreekt)"), footnotes at page ends, hyphenated line breaks, several askers.
#pragma once

#include <cstdint>
#include <string>

namespace kvbench {

struct generated {
    std::string text;
    std::string doc_id;      ///< "ah-tk-20232024-1234"
    int questions = 0;       ///< question units written
    int answers = 0;         ///< answer units written
};

/// Document number `index` of the collection with this seed.
generated generate_document(std::uint64_t seed, std::uint64_t index);

/// Writes `count` documents as DIR/gen-NNNNNNN.txt on `threads` threads; returns bytes written.
std::uint64_t generate_collection(const std::string& dir, std::uint64_t seed, std::uint64_t count, unsigned threads);

}  // namespace kvbench
