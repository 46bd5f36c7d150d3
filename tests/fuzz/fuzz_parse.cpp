// fuzz_parse.cpp: a libFuzzer target over parse(), the XML round trip and the readers of
// the document XML and of the XML index (what `index --rebuild` reads). Without
// libFuzzer (KV_LIBFUZZER undefined) a main() replays every file in the files and folders
// given, so the target is built and run as an ordinary test and cannot rot.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "kamervragen/parser.hpp"
#include "kamervragen/search.hpp"
#include "kamervragen/xml.hpp"
#include "replay.hpp"

namespace {
std::string replaying;  // the input being replayed, to name it when a check fails

[[noreturn]] void fail(const char* what) {
    std::cerr << "fuzz-parse: " << what << (replaying.empty() ? "" : " in " + replaying) << "\n";
    std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const auto doc = kamervragen::parse(in);
    const auto back = kamervragen::from_xml(kamervragen::to_xml(doc));
    if (!back.ok) fail("the document XML does not read back");
    (void)kamervragen::to_json(doc);
    (void)kamervragen::from_xml(in);  // the readers are input paths too
    const auto records = kamervragen::search::from_solr_xml(in);
    if (!records.ok && records.error.empty()) fail("the XML index reader refused without a reason");
    // what the parse gives survives the XML index's round trip
    const auto units = kamervragen::search::records_of(doc, "k");
    const auto again = kamervragen::search::from_solr_xml(kamervragen::search::to_solr_xml(units));
    if (!again.ok || again.records.size() != units.size()) fail("the XML index does not read back");
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto &a = units[i], &b = again.records[i];
        if (a.id != b.id || a.text != b.text || a.subject != b.subject || a.askers != b.askers || a.numbers != b.numbers)
            fail("a record of the XML index reads back changed");
    }
    return 0;
}

#ifndef KV_LIBFUZZER
int main(int argc, char** argv) { return replay_main(argc, argv, replaying, "inputs"); }
#endif
