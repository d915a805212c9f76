"""deduce, loaded once per process with only what the engine uses.

The engine runs deduce's name processors only (its own detectors find phone numbers, e-mail addresses, BSNs,
addresses and dates), and reads the lookup lists those processors and `place` need. `warm` saves them in a cache of
the engine's own, beside deduce's lookup lists, with the word tries stored flat (a dict of word sequences, which
unpickles several times faster than deduce's tree of trie objects): a new process loads it in a fraction of a second.
"""

import functools
import json
import logging
import pickle
import threading
from pathlib import Path

logger = logging.getLogger(__name__)

# deduce's processor groups the engine runs: names only (phone, e-mail and BSN are the engine's own detectors)
DEDUCE_GROUPS = {"names"}
# name processors the engine does not run: medical eponyms ("ziekte van Parkinson") are no person in VTH documents;
# the patient's own name is never given; and the token patterns of a title, initials or a particle before a name
# ("dhr. Jansen", "J. de Vries") are the engine's own name patterns (names.name_spans), which know the titles, roles
# and fields of enforcement documents (measured on the development part: no name lost without them, a quarter of
# deduce's time saved)
DEDUCE_SKIPPED = {
    "eponymous_disease",
    "patient_name",
    "prefix_with_initial",
    "prefix_with_interfix",
    "prefix_with_name",
    "interfix_with_name",
    "initial_with_name",
    "initial_interfix",
}
# the lookup structures the name processors and `place` read (and `common_word` for trade names); the whitelist is
# already the union of deduce's stop words, medical terms and common words
LOOKUP_STRUCTS = (
    "first_name",
    "surname",
    "interfix_surname",
    "prefix",
    "interfix",
    "initial",
    "whitelist",
    "common_word",
    "placename",
)
CACHE_VERSION = 2  # raised whenever the cache's contents change


def import_deduce():  # noqa: ANN201  (deduce has no type information)
    """Import deduce without the logging.basicConfig(stdout, DEBUG) it runs at import, which would print every
    library's debug messages into a command's output."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    root.handlers[:] = handlers
    root.setLevel(level)
    return deduce


@functools.cache
def flat_trie_class() -> type:
    """deduce's LookupTrie (none has a matching pipeline) as one dict from every prefix of an item to whether it is
    an item: the `children` keys, `in` and `longest_matching_prefix` the processors call, a fraction of the load
    time of deduce's tree of trie objects. A LookupTrie subclass, so that deduce hands it to its lookup annotators."""
    from docdeid.ds import LookupTrie

    class FlatTrie(LookupTrie):
        def __init__(self, prefixes: dict[tuple[str, ...], bool]) -> None:  # noqa: D107
            self.matching_pipeline = None
            self.prefixes = prefixes
            self.children = {key[0]: None for key in prefixes if len(key) == 1}
            self.is_terminal = False

        def __contains__(self, item) -> bool:  # noqa: ANN001
            return self.prefixes.get(tuple(item), False)

        def longest_matching_prefix(self, item: list[str], start_i: int = 0) -> list[str] | None:
            longest, prefixes = None, self.prefixes
            for end in range(start_i + 1, len(item) + 1):
                terminal = prefixes.get(tuple(item[start_i:end]))
                if terminal is None:
                    break
                if terminal:
                    longest = end
            return None if longest is None else item[start_i:longest]

    return FlatTrie


def flatten(trie) -> dict[tuple[str, ...], bool]:  # noqa: ANN001  (a docdeid LookupTrie)
    prefixes: dict[tuple[str, ...], bool] = {}
    stack = [((), trie)]
    while stack:
        path, node = stack.pop()
        if path:
            prefixes[path] = node.is_terminal
        stack += [((*path, word), child) for word, child in node.children.items()]
    return prefixes


def cache_file() -> Path:
    """Where `warm` stores the engine's lookup structures: beside deduce's lookup lists, in a folder named after
    deduce's version, so that a file that is there is valid (deduce's own cache, 77 MB, takes seconds to unpickle and
    is held stale whenever a list's mtime is later than the naive local time it was saved at)."""
    deduce = import_deduce()
    return Path(deduce.__file__).parent / "data" / f"openvth-{deduce.__version__}" / f"lookup-v{CACHE_VERSION}.pickle"


def cache_dir() -> Path:
    return cache_file().parent


def deduce_config() -> dict:
    deduce = import_deduce()
    config = json.loads((Path(deduce.__file__).parent / "base_config.json").read_text(encoding="utf-8"))
    config["annotators"] = {
        name: annotator
        for name, annotator in config["annotators"].items()
        if annotator.get("group") in DEDUCE_GROUPS and name not in DEDUCE_SKIPPED
    }
    return config


def lookup_structs() -> dict:
    """The engine's lookup structures from deduce's full set (its cache, or a build of a minute or more); a trie as
    the dict of its prefixes."""
    deduce = import_deduce()
    full = deduce.Deduce().lookup_structs
    return {name: flatten(full[name]) if hasattr(full[name], "children") else full[name] for name in LOOKUP_STRUCTS}


def save_lookup_structs() -> Path:
    path = cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as file:
        pickle.dump(lookup_structs(), file, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    return path


def load_lookup_structs():  # noqa: ANN201  (a docdeid DsCollection)
    from docdeid.ds import DsCollection

    path = cache_file()
    if not path.exists():
        try:
            save_lookup_structs()
        except OSError as exc:  # a read-only installation: work from deduce's own lookup structures
            logger.warning("deduce-cache niet te schrijven (%s): `openvth woo warm` als eigenaar van de venv", exc)
            structs = lookup_structs()
        else:
            structs = pickle.loads(path.read_bytes())
    else:
        structs = pickle.loads(path.read_bytes())
    collection = DsCollection()
    for name, struct in structs.items():
        collection[name] = flat_trie_class()(struct) if isinstance(struct, dict) else struct
    return collection


@functools.cache
def model():  # noqa: ANN201
    """The process's one deduce instance with only the name processors, on the engine's lookup structures."""
    deduce = import_deduce()
    from deduce import deduce as deduce_module

    structs = load_lookup_structs()
    with CONSTRUCTING:
        original = deduce_module.get_lookup_structs
        deduce_module.get_lookup_structs = lambda **kwargs: structs  # deduce would read its own 77 MB cache
        try:
            return deduce.Deduce(load_base_config=False, config=deduce_config())
        finally:
            deduce_module.get_lookup_structs = original


CONSTRUCTING = threading.Lock()  # deduce's loader is swapped while one model is made


def warm() -> str:
    """Save the engine's lookup structures (`cache_file()`), for `make install` through `openvth woo warm`; returns
    the cache file's path."""
    model.cache_clear()
    lookups.cache_clear()
    path = save_lookup_structs()
    model()
    return str(path)


@functools.cache
def lookups():  # noqa: ANN201
    return model().lookup_structs


def tokenizer():  # noqa: ANN201
    return model().tokenizers["default"]
