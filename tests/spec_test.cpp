// spec_test.cpp: runs every example in tests/spec/*.txt (format described at the top
// of tests/spec/parser.txt).
#include <doctest/doctest.h>

#include <filesystem>

#include "kamervragen/parser.hpp"
#include "test_support.hpp"

namespace {

struct example {
    std::string title, input, dump;
    std::vector<std::pair<std::string, std::string>> fields;
    int line = 0;
};

std::vector<example> load(const std::filesystem::path& p) {
    std::istringstream in(kvtest::read_file(p));
    std::vector<example> out;
    std::string l;
    example cur;
    int state = 0, no = 0;  // 0 outside, 1 input, 2 expectations
    while (std::getline(in, l)) {
        ++no;
        if (state == 0) {
            if (l.rfind("### ", 0) == 0) {
                cur = example{l.substr(4), "", "", {}, no};
                state = 1;
            }
        } else if (state == 1) {
            if (l == "---") {
                state = 2;
            } else {
                cur.input += l + "\n";
            }
        } else {
            if (l == "===") {
                out.push_back(cur);
                state = 0;
            } else if (cur.dump.empty() && l.find(" = ") == std::string::npos && !l.empty()) {
                cur.dump = l;
            } else if (auto eq = l.find(" = "); eq != std::string::npos) {
                cur.fields.emplace_back(l.substr(0, eq), l.substr(eq + 3));
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("spec examples") {
    const auto dir = std::filesystem::path(KV_SOURCE_DIR) / "tests" / "spec";
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".txt") continue;
        for (const example& ex : load(entry.path())) {
            ++count;
            CAPTURE(ex.title);
            CAPTURE(ex.line);
            kamervragen::parse_options opt;
            opt.words = kvtest::test_lexicon();
            const auto doc = kamervragen::parse(ex.input, opt);
            CHECK(kvtest::dump(doc) == ex.dump);
            for (const auto& [k, v] : ex.fields) {
                CAPTURE(k);
                const std::string got = kvtest::field(doc, k);
                if (k == "diag") CHECK_MESSAGE(got.find(v) != std::string::npos, "diagnostics: " << got);
                else CHECK(got == v);
            }
        }
    }
    CHECK(count >= 20);
}
