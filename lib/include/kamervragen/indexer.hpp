// kamervragen/indexer.hpp: the batch indexer behind `kamervragen index`. It walks files
// and folders, parses changed files on all cores, and keeps in INDEX:
//   search.db            the search database (SQLite FTS5; also the manifest of sources)
//   documents/KEY.xml    the document XML of every document
//   index.xml            every unit as a record of one Solr <add> message (the XML
//                        index), written from the database at the end of each run
//   report.txt           the last run's per-file report
// Text files are read as they are, PDFs through pdftotext. A run never stops on one bad
// file; it can be killed at any moment and started again.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kamervragen/lexicon.hpp"

namespace kamervragen::search {

enum class file_status {
    indexed,    ///< parsed and stored
    unchanged,  ///< content as in the last run: not parsed again
    duplicate,  ///< another source of the same document was kept
    failed,     ///< unreadable, or no Kamervragen document in it
    skipped,    ///< a PDF while pdftotext (poppler-utils) is not installed
    removed     ///< gone from disk, its document dropped (--prune)
};
[[nodiscard]] const char* to_string(file_status s) noexcept;

struct file_report {
    std::string path;
    file_status status = file_status::indexed;
    std::string message;   ///< why it failed, which source was kept, …
    std::string doc_key;
    std::size_t warnings = 0;
};

struct index_progress {
    std::size_t done = 0;       ///< files examined so far (parsed or found unchanged)
    std::size_t total = 0;      ///< files to examine
    std::size_t bytes_done = 0; ///< bytes parsed so far
    std::size_t bytes_total = 0;///< bytes of the files that need parsing
    const file_report* last = nullptr;  ///< the file just finished (nullptr for unchanged ones)
};

struct index_options {
    std::vector<std::string> sources;  ///< files and folders
    std::string index_dir;
    bool prune = false;                ///< drop documents whose files are gone
    unsigned threads = 0;              ///< parser threads; 0 = one per core
    std::shared_ptr<const lexicon> words;  ///< for dehyphenation; may be null
    /// Called on the calling thread after each file, and at the end.
    std::function<void(const index_progress&)> progress;
};

struct index_summary {
    std::size_t indexed = 0, unchanged = 0, duplicates = 0, failed = 0, skipped = 0, removed = 0;
    std::size_t with_warnings = 0;  ///< indexed files whose parse gave warnings
    std::size_t missing = 0;        ///< files in the index that are gone (kept without --prune)
    std::size_t documents = 0, units = 0, hot_terms = 0;
    /// Where the time went: parsing and storing, the FTS5 merge, the hot-term lists, and
    /// writing index.xml, which runs alongside the merge and the hot terms (the run's time
    /// is about store + max(merge + hot, xml)).
    double seconds_store = 0, seconds_merge = 0, seconds_hot = 0, seconds_xml = 0;
    /// Of seconds_store: the time the one database writer waited for parsed documents.
    /// The rest (seconds_store - seconds_waiting) is the writer's own work (SQLite inserts
    /// and commits, moving document XML into place), which more parser threads cannot shorten.
    double seconds_waiting = 0;
    std::vector<file_report> files; ///< every file that was not unchanged, in path order
};

/// Runs the indexer. Returns nullopt with a message for a fatal problem (the index
/// folder cannot be created, another run holds its lock, the database is damaged);
/// problems with single files are in the summary.
[[nodiscard]] std::optional<index_summary> run_index(const index_options& options, std::string* error);

/// Rebuilds search.db from index.xml alone (the manifest is kept for documents found).
[[nodiscard]] std::optional<index_summary> rebuild_index(const std::string& index_dir, std::string* error);

/// The search database file inside an index folder.
[[nodiscard]] std::string database_path(const std::string& index_dir);

}  // namespace kamervragen::search
