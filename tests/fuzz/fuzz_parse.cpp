// fuzz_parse.cpp: a libFuzzer target over parse() and the XML round trip. Without
// libFuzzer (KV_FUZZ off) a main() replays every file in the folders given, so the
// target is built and run as an ordinary test and cannot rot.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "kamervragen/parser.hpp"
#include "kamervragen/xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const auto doc = kamervragen::parse(in);
    const auto back = kamervragen::from_xml(kamervragen::to_xml(doc));
    if (!back.ok) std::abort();
    (void)kamervragen::to_json(doc);
    (void)kamervragen::from_xml(in);  // the reader is an input path too
    return 0;
}

#ifndef KV_LIBFUZZER
int main(int argc, char** argv) {
    int n = 0;
    for (int i = 1; i < argc; ++i) {
        for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i])) {
            if (!e.is_regular_file()) continue;
            std::ifstream f(e.path(), std::ios::binary);
            std::ostringstream ss;
            ss << f.rdbuf();
            const std::string s = ss.str();
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
            ++n;
        }
    }
    std::cout << "replayed " << n << " inputs\n";
    return n > 0 ? 0 : 1;
}
#endif
