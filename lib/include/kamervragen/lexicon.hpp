// kamervragen/lexicon.hpp: a Dutch word list (hunspell's OpenTaal dictionary) that
// the parser asks whether a string is a word.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace kamervragen {

class lexicon {
public:
    /// Opens a hunspell dictionary: `aff_path` and `dic_path` (UTF-8 nl dictionary).
    /// Returns null and sets `error` when the files cannot be read.
    static std::shared_ptr<const lexicon> open(const std::string& aff_path,
                                               const std::string& dic_path,
                                               std::string* error = nullptr);
    /// Opens the Dutch dictionary of Debian's hunspell-nl package, or the one named by
    /// the environment variable KAMERVRAGEN_DICT (path without .aff/.dic). Null when
    /// none is installed.
    static std::shared_ptr<const lexicon> open_default(std::string* error = nullptr);

    ~lexicon();
    lexicon(const lexicon&) = delete;
    lexicon& operator=(const lexicon&) = delete;

    /// True when `word` (UTF-8) is a Dutch word or an accepted compound.
    /// Thread safety: may be called from many threads at once.
    [[nodiscard]] bool is_word(std::string_view word) const;

    /// True when `word` (lower case) may close a compound: the dictionary accepts it after
    /// a common first part ("werk|praktijk"). Adverbs, comparatives and verb forms
    /// ("verder", "minder", "opgelopen") may not; two words that do not make a compound
    /// this way were glued by an extractor.
    [[nodiscard]] bool can_end_compound(std::string_view word) const;

private:
    struct impl;
    explicit lexicon(std::unique_ptr<impl> p);
    std::unique_ptr<impl> impl_;
};

}  // namespace kamervragen
