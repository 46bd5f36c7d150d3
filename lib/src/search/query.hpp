// query.hpp (internal): the query language of `kamervragen search`, compiled to an FTS5
// MATCH expression plus SQL conditions on the units table (alias u).
//
//   words            stemmed, in question text, answer text or subject
//   "exact phrase"   unstemmed (folded) in the exact column
//   prefix*          unstemmed prefix in the exact column
//   a OR b, a AND b, NOT a, -a, ( … ), NEAR(a b, 10)
//   asker: party: minister: addressee:   exact names (a word, "a phrase" or prefix*)
//   kind:question|answer  doc:ID  year:2011|2010-2011  date:2011-07..2011-09
//
// kind:, doc:, year: and date: narrow the whole query: they stand at the top level
// (optionally negated), not inside OR or brackets.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kamervragen/search.hpp"

namespace kamervragen::search::detail {

struct compiled_query {
    std::string match;                ///< FTS5 expression; empty when the query only filters
    std::vector<std::string> where;   ///< SQL conditions, ANDed
    std::vector<std::string> params;  ///< bound in order of the '?' in `where`
    /// When the query is plain words ANDed, with filters that narrow the whole query:
    /// the words' stems (the stored-lists path); else empty.
    std::vector<std::string> plain_stems;
    /// asker:, party:, minister:, addressee: at the top level: they filter, they do not
    /// rank (their columns weigh 0). Folded tokens, the last one a prefix when `prefix`.
    struct name_filter {
        std::string column;
        std::vector<std::string> tokens;
        bool prefix = false;
    };
    std::vector<name_filter> name_filters;
    /// "Exact phrases" at the top level: folded tokens that must follow each other in the
    /// unit's text and subject (the exact column); their words are in plain_stems.
    std::vector<std::vector<std::string>> phrase_filters;
};

std::variant<compiled_query, query_error> compile_query(std::string_view query);

}  // namespace kamervragen::search::detail
