// commands.hpp: the subcommands of `kamervragen` that live in their own files.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>

#include "kamervragen/lexicon.hpp"

namespace kvtool {

/// Loads the hunspell dictionary unless disabled; warns on stderr when it is missing.
std::shared_ptr<const kamervragen::lexicon> load_lexicon(bool disabled);

/// Adds `index` to the app; the returned function runs it (after parsing) and gives the exit status.
std::function<int()> add_index_command(CLI::App& app, const bool& no_lexicon);

/// Adds `search` to the app.
std::function<int()> add_search_command(CLI::App& app);

}  // namespace kvtool
