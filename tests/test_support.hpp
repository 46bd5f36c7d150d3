// test_support.hpp: helpers shared by the tests: file reading, the compact dump
// notation (q{1} a{2,4} gap{3} fn{1}) and named fields of a document.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "kamervragen/document.hpp"
#include "kamervragen/lexicon.hpp"

namespace kvtest {

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The shared corpus beside the checkout (../shared), or empty when absent.
inline std::filesystem::path shared_dir() {
    for (auto p : {std::filesystem::path(KV_SOURCE_DIR) / ".." / "shared"}) {
        std::error_code ec;
        if (std::filesystem::is_directory(p / "corpus", ec)) return p;
    }
    return {};
}

inline std::shared_ptr<const kamervragen::lexicon> test_lexicon() {
    static auto lex = kamervragen::lexicon::open_default();
    return lex;
}

std::string dump(const kamervragen::document& doc);
/// A named field: "kind", "askers", "q1.text", "a2.note", "fn1", "q1.refs", "diag", …
std::string field(const kamervragen::document& doc, const std::string& name);

}  // namespace kvtest
