// replay.hpp: the main() of a fuzz target built without libFuzzer: runs
// LLVMFuzzerTestOneInput on every file given and every file below the folders given,
// keeping the current file's path in `current` so that a failing check can name it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

inline int replay_main(int argc, char** argv, std::string& current, const char* what) {
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        std::error_code ec;
        if (std::filesystem::is_directory(argv[i], ec)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(argv[i]))
                if (e.is_regular_file()) inputs.push_back(e.path());
        } else if (std::filesystem::is_regular_file(argv[i], ec)) {
            inputs.emplace_back(argv[i]);
        } else {
            std::cerr << argv[i] << ": no such file or folder\n";
            return 2;
        }
    }
    for (const auto& p : inputs) {
        current = p.string();
        std::ifstream f(p, std::ios::binary);
        std::ostringstream ss;
        ss << f.rdbuf();
        const std::string s = ss.str();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
    }
    current.clear();
    std::cout << "replayed " << inputs.size() << " " << what << "\n";
    return inputs.empty() ? 1 : 0;
}
