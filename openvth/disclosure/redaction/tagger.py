"""A learned detector beside the rules (issue 15): a linear-chain CRF (CRFsuite) that tags each word of a text as
part of a person's name or a home address, trained on the annotated development data of the Woo test set
(`openvth.disclosure.testset`: the old sets' development part and the former fresh sets; never a held-out text).

The rules find what they were written for; a new writer's texts hold names and addresses in forms no rule foresaw.
The tagger reads the words around each word (titles, roles, fields, "wonende"), the word's own shape and affixes and
deduce's lookup lists (given names, surnames, places, ordinary words), so it finds such a name where the rules miss
it. Its spans are findings like any detector's: the policy's `decide` still lets a kept span win (a name is clipped by
an organisation, a home address is cut by any kept span) and widens every removal to whole words. Health data stays
the rules' (detectors.health_spans): where a passage on health begins and ends differs from writer to writer ("astma",
"heeft astma", the whole sentence), and a tagger trained on three writers' borders added nothing to the rules on the
fourth.

`train` writes the model (`tagger.crfsuite`, beside this file) and its sidecar (`tagger.json`) with a hash of the
feature and label sequences it was trained on, so that a test can tell when the committed model is stale
(`openvth woo train` trains it again; training is deterministic: fixed order, fixed parameters)."""

import functools
import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from openvth.rules.redaction_policy import Span

from .loading import lookups
from .names import STREET_LAST, ordinary_word
from .vocabulary import NOT_A_NAME, OPENING_WORDS, STREET_SUFFIX

MODEL_FILE = Path(__file__).with_name("tagger.crfsuite")
SIDECAR_FILE = MODEL_FILE.with_suffix(".json")

# the test set's personal labels the tagger learns, by family; the others (phone, e-mail, BSN, IBAN, registration,
# KvK number, dates and places of birth, health data) are the other detectors' and stay "O"
FAMILIES = {"person": "PER", "trade_name": "PER", "trade_name_person": "PER", "home_address": "ADR"}
FAMILY_LABELS = {"PER": "person", "ADR": "home_address"}
# CRFsuite's L-BFGS with elastic-net regularisation; L1 keeps the model small
PARAMETERS = {"c1": 0.15, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
# a word is taken as part of a family where the model gives the family at least this probability (chosen by training
# without one former fresh set and scoring the engine on it: 0.5 to 0.2 differ by a few items either way)
THRESHOLD = 0.35

# an e-mail address is one token (the regular-expression detector's), a word keeps its inner hyphens and apostrophes
TOKEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\w+(?:['’-]\w+)*|\S")
FIELD = re.compile(r"[ \t]*([^\W\d_][\w .'/-]{0,30}?)[ \t]*:")
STREET = re.compile(rf"\w{STREET_SUFFIX}$", re.IGNORECASE)
SHAPE_RUN = re.compile(r"(.)\1+")
SENTENCE_END = frozenset({".", "!", "?", ";"})


def run_break(gap: str) -> bool:
    """Whether the gap between two tokens ends a run of one family: a line, or a column of a table or signature
    block."""
    return "\n" in gap or "\t" in gap or "   " in gap


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def shape(word: str) -> str:
    classes = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in word)
    return SHAPE_RUN.sub(r"\1", classes)


NEIGHBOURS = (-2, -1, 1, 2)


@functools.lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[tuple[str, ...], ...]:
    """The features a word gives: all of them at its own position, then a few at each of NEIGHBOURS' positions, then
    the word alone a little farther left ("L:") and right ("R:")."""
    structs = lookups()
    lower = word.lower()
    capitalised = word[:1].upper() + word[1:].lower()
    flags = [
        flag
        for flag, present in (
            ("T", word[:1].isupper() and word[1:].islower()),
            ("U", len(word) > 1 and word.isupper()),
            ("D", word.isdigit()),
            ("fn", [capitalised] in structs["first_name"]),
            ("sn", [capitalised] in structs["surname"] or capitalised in structs["interfix_surname"]),
            ("pl", [word] in structs["placename"]),
            ("ord", ordinary_word(lower, structs)),
            ("ifx", lower in structs["interfix"]),
            ("pfx", word in structs["prefix"] or f"{word}." in structs["prefix"]),
            ("st", bool(STREET.search(word))),
            ("pc", len(word) == 4 and word.isdigit() and word[0] != "0"),
        )
        if present
    ]
    near = (f"w={lower}", f"sh={shape(word)}", *flags)
    own = (*near, f"s3={lower[-3:]}", f"s4={lower[-4:]}", f"p3={lower[:3]}", f"len={min(len(word), 9)}")
    around = tuple(tuple(f"{offset}:{feature}" for feature in near) for offset in NEIGHBOURS)
    return (own, *around, (f"L:{lower}",), (f"R:{lower}",))


LEFT, RIGHT = len(NEIGHBOURS) + 1, len(NEIGHBOURS) + 2
BEFORE_LINE, AFTER_LINE = ("-1:line",), ("1:line",)  # the token opens or ends its line
LINE_START, SENTENCE_START, LINE_END, TITLED = ("bol", "sos"), ("sos",), ("eol",), ("titled",)


def lines(text: str, tokens: list[Token]) -> list[range]:
    """The indices of the tokens of each line that holds any."""
    if not tokens:
        return []
    begins = [0, *(i for i in range(1, len(tokens)) if text.find("\n", tokens[i - 1].end, tokens[i].start) >= 0)]
    return [range(begin, end) for begin, end in zip(begins, [*begins[1:], len(tokens)], strict=True)]


def features(text: str, tokens: list[Token], model: "Model | None" = None) -> list[list[str | bytes]]:
    """Each token's features: its own, its neighbours' two either side on its line, the words three to five before
    and three to four after it, and where it stands (first or last on its line, after a field such as "Van:" or
    "Eigenaar:", at the start of a sentence, a word that elsewhere follows a title or an initial). With a `model`,
    only the features it knows (the others weigh nothing, and CRFsuite takes time to look each up), those the words
    give as UTF-8 bytes (`Model.known_word_features`)."""
    words = [token.text for token in tokens]
    given = [(model.word_features if model else word_features)(word) for word in words]
    titled = titled_words(words)
    # padded so that lefts[index : index + 3] are the words five to three before a token, rights[index + 3 : index + 5]
    # the words three and four after it
    lefts = [(), (), (), (), (), *(parts[LEFT] for parts in given)]
    rights = [*(parts[RIGHT] for parts in given), (), (), (), (), ()]
    sequence = []
    for line in lines(text, tokens):
        begin, end = line.start, line.stop
        line_start = text.rfind("\n", 0, tokens[begin].start) + 1
        line_end = text.find("\n", line_start)
        match = FIELD.match(text, line_start, len(text) if line_end < 0 else line_end)
        field = (f"field={match.group(1).lower()}",) if match else ()
        if model and field and field[0] not in model.attributes:
            field = ()
        for index in line:
            sequence.append(
                [
                    "bias",
                    *given[index][0],
                    *(TITLED if words[index] in titled else ()),
                    *(LINE_START if index == begin else SENTENCE_START if words[index - 1] in SENTENCE_END else ()),
                    *(LINE_END if index + 1 == end else ()),
                    *field,
                    *(given[index - 2][1] if index - 2 >= begin else ()),
                    *(given[index - 1][2] if index > begin else BEFORE_LINE),
                    *(given[index + 1][3] if index + 1 < end else AFTER_LINE),
                    *(given[index + 2][4] if index + 2 < end else ()),
                    *lefts[index],
                    *lefts[index + 1],
                    *lefts[index + 2],
                    *rights[index + 3],
                    *rights[index + 4],
                ]
            )
    return sequence


TITLE_WORDS = frozenset({"heer", "mevrouw", "mevr", "mw", "dhr", "meneer", "mr", "ing", "drs", "dr", "ir", "familie"})


def titled_words(words: list[str]) -> set[str]:
    """The capitalised words of a text that somewhere stand right after a title or an initial ("de heer Boersma",
    "K. Boersma"): a surname wherever else it stands."""
    found = set()
    for index in range(1, len(words)):
        word, before = words[index], words[index - 1]
        if not (word[:1].isupper() and word[1:].islower()):
            continue
        previous = words[index - 2] if index > 1 else ""
        if before.lower() in TITLE_WORDS or (
            before == "." and (previous.lower() in TITLE_WORDS or (len(previous) == 1 and previous.isupper()))
        ):
            found.add(word)
    return found


def bio_labels(tokens: list[Token], items: Iterable) -> list[str]:  # noqa: ANN001  (testset Items)
    """The BIO label of each token: the family of the personal item that holds it, the longest where two do."""
    labels = ["O"] * len(tokens)
    owner: list[int] = [0] * len(tokens)
    for item in items:
        family = FAMILIES.get(item.label)
        if not family:
            continue
        inside = [i for i, t in enumerate(tokens) if item.start <= t.start and t.end <= item.end]
        length = item.end - item.start
        for position, index in enumerate(inside):
            if length >= owner[index]:
                labels[index] = f"{'B' if position == 0 else 'I'}-{family}"
                owner[index] = length
    return labels


def training_cases() -> list:
    """The development data, in a fixed order: the old sets' development part (ids not ending in a multiple of 4) and
    every former fresh set (`fresh_dev_*.jsonl`). The held-out files are not read."""
    from openvth.disclosure.testset import load, load_fresh_dev

    return [case for case in load() if not case.holdout] + load_fresh_dev()


def sequences(cases: Iterable) -> Iterator[tuple[list[list[str]], list[str]]]:
    """Each case's feature and label sequence, and those of a copy with other names (see `renamed`)."""
    for case in cases:
        tokens = tokenize(case.text)
        labels = bio_labels(tokens, case.personal)
        yield features(case.text, tokens), labels
        yield features(case.text, renamed(tokens, labels, random.Random(case.id))), labels


@functools.cache
def name_pools() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given names and surnames of deduce's lists that are one capitalised word and no ordinary word."""
    structs = lookups()

    def pool(table: str) -> tuple[str, ...]:
        words = (key[0] for key in structs[table].prefixes if len(key) == 1 and structs[table].prefixes[key])
        return tuple(
            sorted(
                w
                for w in words
                if w.isalpha()
                and w[:1].isupper()
                and w[1:].islower()
                and len(w) > 2
                and w.lower() not in structs["whitelist"]
                and w.lower() not in structs["common_word"]
            )
        )

    return pool("first_name"), pool("surname")


# the share of a renamed copy's names that are no name of any list but made of syllables ("Kalodor", "Vitanel"): a
# name the lists do not know is told by where it stands and its shape
INVENTED = 0.35
SYLLABLES = tuple(
    "ka lo mi ren dor sa vi tan bo el ji ku ne ra to wa ze ol un ay se ho ib ta fu ng ch ou ek as".split()  # noqa: SIM905
)


def renamed(tokens: list[Token], labels: list[str], rng: random.Random) -> list[Token]:
    """The tokens with every word of a person's name replaced by another given name or surname of deduce's lists or by
    an invented one (the same word by the same name throughout), in its case, and a fifth of the names written in
    lower case and a fifth of the surnames in capitals: so that the model learns a name by its place and shape, not by
    the names of the development data."""
    structs = lookups()
    given_names, surnames = name_pools()
    replacement: dict[str, str] = {}
    result = list(tokens)
    style = ""
    for index, (token, label) in enumerate(zip(tokens, labels, strict=True)):
        if label == "B-PER":
            style = rng.choice(("", "", "", "lower", "upper"))
        if not label.endswith("-PER"):
            continue
        word = token.text
        if not (word.isalpha() and len(word) > 1 and word[:1].isupper()) or word.lower() in structs["interfix"]:
            continue
        if word not in replacement:
            given = [word.capitalize()] in structs["first_name"] and [word.capitalize()] not in structs["surname"]
            invented = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            replacement[word] = invented if rng.random() < INVENTED else rng.choice(given_names if given else surnames)
        new = replacement[word]
        if style == "lower" or word.islower():
            new = new.lower()
        elif (style == "upper" and index and labels[index - 1].endswith("-PER")) or word.isupper():
            new = new.upper()
        result[index] = Token(token.start, token.end, new)
    return result


def fingerprint(pairs: list[tuple[list[list[str]], list[str]]]) -> str:
    """A hash of what a model learns from: the feature and label sequences and the training parameters."""
    digest = hashlib.sha256(json.dumps(PARAMETERS, sort_keys=True).encode())
    for xseq, yseq in pairs:
        digest.update(json.dumps([xseq, yseq], ensure_ascii=False).encode())
    return digest.hexdigest()


def train(cases: Iterable, model_file: Path = MODEL_FILE) -> dict:
    """Train the tagger on `cases` (testset Cases) and write the model and its sidecar beside it (the cases' ids, the
    fingerprint of what it learnt from); the sidecar's contents are returned."""
    import pycrfsuite

    cases = list(cases)
    pairs = list(sequences(cases))
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for xseq, yseq in pairs:
        trainer.append(xseq, yseq)
    trainer.set_params(PARAMETERS)
    partial = model_file.with_suffix(".partial")
    trainer.train(str(partial))
    partial.replace(model_file)
    sidecar = {
        "fingerprint": fingerprint(pairs),
        "texts": len(cases),
        "tokens": sum(len(tokenize(case.text)) for case in cases),
        "parameters": PARAMETERS,
        "cases": [case.id for case in cases],
    }
    model_file.with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
    return sidecar


class Model:
    """A trained tagger, with the features it knows."""

    def __init__(self, model_file: Path) -> None:
        import pycrfsuite

        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_file))
        self.attributes = frozenset(self.tagger.info().attributes)
        labels = set(self.tagger.labels())
        self.families = [
            (family, [f"{tag}-{family}" for tag in "BI" if f"{tag}-{family}" in labels]) for family in FAMILY_LABELS
        ]
        self.word_features = functools.lru_cache(maxsize=65536)(self.known_word_features)

    def known_word_features(self, word: str) -> tuple[tuple[bytes, ...], ...]:
        """The word's features that the model knows, in UTF-8: CRFsuite takes a feature as bytes or text, and a text
        it encodes at each token again."""
        return tuple(tuple(f.encode() for f in part if f in self.attributes) for part in word_features(word))

    def tagged(self, text: str) -> Iterator[Span]:
        """The spans in `text`: runs of tokens of one family on one line, each a token the model gives that family
        at least THRESHOLD probability (the sum of its B- and I- marginals), as `pieces` makes them."""
        tokens = tokenize(text)
        if not tokens:
            return
        tagger = self.tagger
        tagger.set(features(text, tokens, self))
        run: list[int] = []
        run_family = None
        # a family may have THRESHOLD only where "O" leaves it that much; any other token ends a run
        for index in [i for i in range(len(tokens)) if tagger.marginal("O", i) <= 1 - THRESHOLD]:
            best, probability = None, THRESHOLD
            for family, labels in self.families:
                p = sum(tagger.marginal(label, index) for label in labels)
                if p >= probability:
                    best, probability = family, p
            if (
                best is not None
                and best == run_family
                and index == run[-1] + 1
                and not run_break(text[tokens[index - 1].end : tokens[index].start])
            ):
                run.append(index)
                continue
            if run_family:
                yield from pieces(tokens, run, run_family)
            run, run_family = [index], best
        if run_family:
            yield from pieces(tokens, run, run_family)


@functools.cache
def model() -> Model:
    """The process's one tagger, from the committed model."""
    return Model(MODEL_FILE)


# the abbreviations whose full stop ends no sentence inside a run ("ing. R.J. ter Horst", "nr. 4")
ABBREVIATIONS = TITLE_WORDS | {"nr", "no", "jr", "sr", "st", "sint", "gebr", "wed", "mej", "prof", "bc", "ca"}
PARTICLES = frozenset(
    "van de der den het ter ten te op in 't la le du da dos das del von zu y el al bin ibn".split()  # noqa: SIM905
)
NAME_WORDS_IN_LOWER_CASE = PARTICLES | ABBREVIATIONS


def pieces(tokens: list[Token], run: list[int], family: str) -> Iterator[Span]:
    """The spans of one run of tokens: split where a sentence ends in it (a full stop after a word that is no
    abbreviation or initial), without punctuation at either end. A name is also split at a word that can be no part
    of one (`name_word`), loses its leading particles (unless a title stands before it: "mevrouw van der Sande", not
    "klacht van Ria") and is one only where it holds a capital, not one word in capitals alone."""
    parts: list[list[int]] = [[]]
    for index in run:
        word = tokens[index].text
        if family == "PER" and (not name_word(word) or organisation_after(tokens, index)):
            parts.append([])  # "woont" ends a name, and "van de" before an abbreviation ("Kees Smit van de NVWA")
            continue
        previous = tokens[index - 1].text if index else ""
        parts[-1].append(index)
        if word in SENTENCE_END and len(previous) > 1 and previous.isalpha() and previous.lower() not in ABBREVIATIONS:
            parts.append([])
    for part in parts:
        words = [i for i in part if any(c.isalnum() for c in tokens[i].text)]
        if not words:
            continue
        first, last = words[0], words[-1]
        if family == "PER":
            while first <= last and tokens[first].text in PARTICLES and not titled_before(tokens, first):
                first += 1
            if OPENING.fullmatch(tokens[first].text + " "):
                if first == last:
                    continue
                first += 1  # "Daarna" opening the sentence is no part of the name after it
            if abbreviation_before_name(tokens, first, last):
                first += 2  # "ODNN, Karel Dijkhuis": an organisation, then a person's full name
            if STREET_LAST.search(tokens[last].text):
                continue  # "Paul Krugerstraat" is a street
            capitalised = [tokens[i].text for i in range(first, last + 1) if tokens[i].text[:1].isupper()]
            if not capitalised or (len(capitalised) == 1 and capitalised[0].isupper() and len(capitalised[0]) > 1):
                continue  # a word in capitals alone is an abbreviation ("NVWA"), not a name
        yield Span(tokens[first].start, tokens[last].end, FAMILY_LABELS[family])


OPENING = re.compile(OPENING_WORDS)


def abbreviation_before_name(tokens: list[Token], first: int, last: int) -> bool:
    """Whether a run opens with a word in capitals and a comma before a full name, one that ends in a surname of the
    lists that is no given name ("ODNN, Karel Dijkhuis"); not a surname before its given names ("KOWALSKI, Piotr")."""
    if last - first < 3 or tokens[first + 1].text != "," or not tokens[first].text.isupper():
        return False
    structs = lookups()
    surname = tokens[last].text
    return [surname] in structs["surname"] and [surname] not in structs["first_name"]


def organisation_after(tokens: list[Token], index: int) -> bool:
    """Whether a particle joins a name to an organisation's abbreviation after it: "van" or "de" of "van de NVWA"."""
    if tokens[index].text not in PARTICLES:
        return False
    following = index + 1
    while following < len(tokens) and tokens[following].text in PARTICLES:
        following += 1
    word = tokens[following].text if following < len(tokens) else ""
    return len(word) > 1 and word.isupper() and word.isalpha()


def name_word(word: str) -> bool:
    """Whether a word can be part of a name: not in lower case but for a particle or title, and none of its parts
    after a hyphen in lower case but for a particle ("Jansen-de Vries", not "DCMR-medewerkers")."""
    if word[:1].islower():
        return word in NAME_WORDS_IN_LOWER_CASE
    return all(part[:1].isupper() or part in PARTICLES for part in word.split("-")[1:])


def titled_before(tokens: list[Token], index: int) -> bool:
    """Whether the word before a token (past a full stop) is a title: "mevrouw", "dhr."."""
    position = index - 1
    if position >= 0 and tokens[position].text == ".":
        position -= 1
    return position >= 0 and tokens[position].text.lower() in TITLE_WORDS


def outside(text: str, span: Span, keeps: list[Span]) -> Iterator[Span]:
    """The parts of a span that no kept span covers, each with a letter or digit in it."""
    parts = [(span.start, span.end)]
    for keep in keeps:
        parts = [
            part
            for start, end in parts
            for part in ((start, min(end, keep.start)), (max(start, keep.end), end))
            if part[0] < part[1]
        ]
    for start, end in parts:
        if any(c.isalnum() for c in text[start:end]):
            yield Span(start, end, span.label)


def spans(text: str, public: list[Span]) -> Iterator[Span]:
    """The tagger's findings for the engine: a name as it is (the policy clips it at kept spans), a home address
    without what a kept span covers (the policy would remove all of an address that runs into a kept span)."""
    for span in model().tagged(text):
        if span.label == "person":
            if not capital_heading(text[span.start : span.end]):
                yield span
            continue
        if business_street(text, span):
            continue
        yield from outside(text, span, [k for k in public if k.start < span.end and span.start < k.end])


def capital_heading(value: str) -> bool:
    """Whether a name of the tagger is a heading in capitals ("B. BEVINDINGEN", "CONCLUSIE"): every word of more than
    one letter in capitals and an ordinary word or a heading word (NOT_A_NAME), none a given name or surname of deduce's
    lists."""
    structs = lookups()
    words = [w for w in re.findall(r"\w+", value) if len(w) > 1]
    return bool(words) and all(
        w.isupper()
        and (ordinary_word(w.lower(), structs) or w.capitalize() in NOT_A_NAME)
        and [w.capitalize()] not in structs["first_name"]
        and [w.capitalize()] not in structs["surname"]
        for w in words
    )


def business_street(text: str, span: Span) -> bool:
    """Whether a home address of the tagger is a street without a number that its sentence puts at a business ("de
    renovatie van een kantoorpand aan de Kleverparkweg"): an establishment's street, public."""
    from .addresses import ESTABLISHMENT_CUE, HOME_CUE

    if any(c.isdigit() for c in text[span.start : span.end]):
        return False
    before = text[max(0, span.start - 60) : span.start]
    return bool(ESTABLISHMENT_CUE.search(before)) and not HOME_CUE.search(before)
