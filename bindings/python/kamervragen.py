"""kamervragen: Python binding over the C API (libkamervragen_c.so) through ctypes.

    import kamervragen
    doc = kamervragen.parse(open("ah-tk-20102011-3278.txt", "rb").read())
    doc["askers"], [q["text"] for q in doc["questions"]]
    hits = kamervragen.search("index", 'party:SP "stand van zaken"', limit=5)

The library is looked up in $KAMERVRAGEN_LIB, then as libkamervragen_c.so.0 on the
system's library path. Errors raise kamervragen.Error with the library's message.
"""
import ctypes
import json
import os

__all__ = ["Error", "parse", "parse_xml", "search", "version"]


class Error(Exception):
    """A failure the library reported (a malformed query, a missing index, …)."""


def _load():
    path = os.environ.get("KAMERVRAGEN_LIB") or "libkamervragen_c.so.0"
    lib = ctypes.CDLL(path)
    lib.kv_version.restype = ctypes.c_char_p
    lib.kv_version.argtypes = []
    # returned strings are void* so that ctypes does not copy them away from kv_free
    lib.kv_parse.restype = ctypes.c_void_p
    lib.kv_parse.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int,
                             ctypes.POINTER(ctypes.c_void_p)]
    lib.kv_search.restype = ctypes.c_void_p
    lib.kv_search.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_int,
                              ctypes.POINTER(ctypes.c_void_p)]
    lib.kv_free.restype = None
    lib.kv_free.argtypes = [ctypes.c_void_p]
    return lib


_lib = _load()


def _take(ptr):
    """The library's string as Python str, freed."""
    try:
        return ctypes.string_at(ptr).decode("utf-8", errors="replace")
    finally:
        _lib.kv_free(ptr)


def _call(fn, *args):
    err = ctypes.c_void_p()
    out = fn(*args, ctypes.byref(err))
    if not out:
        raise Error(_take(err.value) if err.value else "unknown error")
    return _take(out)


def version():
    """The library's version."""
    return _lib.kv_version().decode()


def _bytes(text):
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)


def parse(text, source="-", lexicon=True):
    """Parses one document (str, or the bytes of a file) into a dict: askers, parties,
    addressees, answerers, dates, questions and answers with their numbers and text,
    footnotes, diagnostics (the field names of the gold annotations)."""
    data = _bytes(text)
    return json.loads(_call(_lib.kv_parse, data, len(data), source.encode(), b"json", 1 if lexicon else 0))


def parse_xml(text, source="-", lexicon=True):
    """Parses one document into the document XML (a str)."""
    data = _bytes(text)
    return _call(_lib.kv_parse, data, len(data), source.encode(), b"xml", 1 if lexicon else 0)


def search(index_dir, query, limit=10, offset=0, sort_by_date=False):
    """Searches an index folder made by `kamervragen index`; a list of hits (dicts with
    id, doc_id, kind, date, score, snippet, askers, parties, ministers, text and the
    paired units)."""
    return json.loads(_call(_lib.kv_search, os.fsencode(index_dir), query.encode("utf-8"), limit, offset,
                            1 if sort_by_date else 0))
