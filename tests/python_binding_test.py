"""The Python binding: parse a document of corpus/, index corpus/ with the command, search.
Usage: python_binding_test.py LIBKAMERVRAGEN KAMERVRAGEN_CLI CORPUS WORKDIR"""
import os
import shutil
import subprocess
import sys

lib, cli, corpus, work = sys.argv[1:5]
os.environ["KAMERVRAGEN_LIB"] = lib
import kamervragen  # noqa: E402  (after the library path is set)

failures = 0


def check(cond, what):
    global failures
    if not cond:
        print("failed:", what, file=sys.stderr)
        failures += 1


check(len(kamervragen.version().split(".")) == 3, "version")
with open(os.path.join(corpus, "answered-merged-gap-footnote.txt"), "rb") as f:
    raw = f.read()
doc = kamervragen.parse(raw, source="answered-merged-gap-footnote.txt")
check(any("Verhoef" in str(a) for a in doc.get("askers", [])), "asker Verhoef")
numbers = [q.get("numbers") for q in doc.get("questions", [])]
check([2, 4] in numbers, "merged question 2 en 4: %r" % numbers)
check(kamervragen.parse_xml(raw).startswith("<?xml"), "document XML")
check(isinstance(kamervragen.parse(b"\x00\xff random bytes"), dict), "any bytes parse")

shutil.rmtree(work, ignore_errors=True)
subprocess.run([cli, "--no-lexicon", "index", corpus, "-o", os.path.join(work, "index"), "-q"], check=True,
               stdout=subprocess.DEVNULL)
hits = kamervragen.search(os.path.join(work, "index"), "gemeenten", limit=3)
check(0 < len(hits) <= 3, "hits for gemeenten")
check(all("<mark>" in h["snippet"] for h in hits), "snippets mark the match")
check(all("paired" in h for h in hits), "paired units")
try:
    kamervragen.search(os.path.join(work, "index"), '"unclosed phrase')
    check(False, "a malformed query raises")
except kamervragen.Error as e:
    check("offset" in str(e), "the message says where: %s" % e)
try:
    kamervragen.search(os.path.join(work, "missing"), "gemeenten")
    check(False, "a missing index raises")
except kamervragen.Error:
    pass
print("python binding: %d failures" % failures)
sys.exit(1 if failures else 0)
