// lexicon.cpp: the Dutch word list, hunspell behind a pointer so that no hunspell type
// reaches the public header.
#include "kamervragen/lexicon.hpp"

#include <hunspell/hunspell.hxx>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unordered_map>

namespace kamervragen {

namespace {
std::atomic<std::uint64_t> next_serial{1};

// Each thread remembers the answers it got (a collection's words repeat from document
// to document), so that most questions neither wait for the lock nor reach hunspell. The
// answers belong to one lexicon: another one (by serial, never reused) starts afresh.
struct answers {
    struct hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view v) const noexcept { return std::hash<std::string_view>{}(v); }
    };
    static constexpr std::size_t max_words = 1 << 18;
    std::uint64_t serial = 0;
    std::unordered_map<std::string, bool, hash, std::equal_to<>> known;
};
thread_local answers remembered;
}  // namespace

struct lexicon::impl {
    impl(const std::string& aff, const std::string& dic) : h(aff.c_str(), dic.c_str()) {}
    const std::uint64_t serial = next_serial.fetch_add(1);
    // Hunspell's spell() keeps per-call scratch state in the object: serialise calls.
    mutable std::mutex mu;
    mutable Hunspell h;
};

lexicon::lexicon(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
lexicon::~lexicon() = default;

std::shared_ptr<const lexicon> lexicon::open(const std::string& aff_path, const std::string& dic_path,
                                             std::string* error) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(aff_path, ec) || !std::filesystem::is_regular_file(dic_path, ec)) {
        if (error) *error = "dictionary not found: " + dic_path;
        return nullptr;
    }
    auto p = std::make_unique<impl>(aff_path, dic_path);
    return std::shared_ptr<const lexicon>(new lexicon(std::move(p)));
}

std::shared_ptr<const lexicon> lexicon::open_default(std::string* error) {
    if (const char* env = std::getenv("KAMERVRAGEN_DICT"); env && *env) {
        std::string base(env);
        return open(base + ".aff", base + ".dic", error);
    }
    for (const char* base : {"/usr/share/hunspell/nl", "/usr/share/hunspell/nl_NL", "/usr/share/myspell/nl_NL"}) {
        std::string b(base);
        std::error_code ec;
        if (std::filesystem::is_regular_file(b + ".dic", ec)) return open(b + ".aff", b + ".dic", error);
    }
    if (error) *error = "no Dutch hunspell dictionary found (install hunspell-nl or set KAMERVRAGEN_DICT)";
    return nullptr;
}

bool lexicon::is_word(std::string_view word) const {
    if (word.empty() || word.size() > 100) return false;
    answers& a = remembered;
    if (a.serial != impl_->serial) {
        a.known.clear();
        a.serial = impl_->serial;
    }
    if (auto it = a.known.find(word); it != a.known.end()) return it->second;
    bool ok = false;
    {
        std::lock_guard<std::mutex> lock(impl_->mu);
        ok = impl_->h.spell(std::string(word));
    }
    if (a.known.size() >= answers::max_words) a.known.clear();
    a.known.emplace(std::string(word), ok);
    return ok;
}

bool lexicon::can_end_compound(std::string_view word) const {
    // "werk" carries OpenTaal's compound-begin flag and ends in a consonant, so no vowel
    // clash rule (which asks for a hyphen) gets in the way.
    return is_word("werk" + std::string(word));
}

}  // namespace kamervragen
