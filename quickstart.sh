#!/usr/bin/env bash
# quickstart.sh: on Debian 12, install what is missing, build, and run the main job on
# corpus/: parse every document to XML, report per folder, index the folder and run an
# example search. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential cmake ninja-build pkg-config libicu-dev libre2-dev libpugixml-dev
          doctest-dev libhunspell-dev hunspell-nl nlohmann-json3-dev libcli11-dev
          libsqlite3-dev libstemmer-dev libjemalloc-dev libxml2-utils poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${CMAKE_ARGS:-}
cmake --build "$build"

mkdir -p out
"$build/tools/kamervragen" parse corpus/*.txt -o out/corpus.xml
echo "wrote out/corpus.xml ($(grep -c '<document ' out/corpus.xml) documents)"
"$build/tools/kamervragen" check corpus
"$build/tools/kamervragen" index corpus -o out/index
echo '$ kamervragen search -i out/index "opvang gemeenten" -n 2'
"$build/tools/kamervragen" search -i out/index "opvang gemeenten" -n 2
