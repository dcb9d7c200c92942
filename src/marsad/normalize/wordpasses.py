"""De-obfuscation passes that decide word by word, some with a known-word check.

Each function takes the compiled patterns, the text of its layer and a source
of the vocabulary (asked only when a decision needs it) and returns edits in
that text's offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations, pairwise, product
from typing import TYPE_CHECKING, Protocol, cast

import ahocorasick

from marsad.normalize.offsets import Edit
from marsad.normalize.vocab import PROCLITICS, Vocabulary

if TYPE_CHECKING:
    from marsad.normalize.deobfuscate import Patterns

# Readings tried per candidate word at most (combinations of stand-ins).
MAX_READINGS = 256
# A second reading competes with the best one when at most this many Zipf
# units rarer (1.5 = about 30 times rarer).
COMPETING_ZIPF = 1.5
STRONG, MEDIUM, WEAK = 2, 1, 0
# Characters a letter written apart may take with its marks and tatweel.
SPACED_LETTER_REACH = 40


class VocabularySource(Protocol):
    cache: dict[tuple[str, str], object]

    @property
    def vocabulary(self) -> Vocabulary: ...


@dataclass(frozen=True, slots=True)
class PendingAmbiguity:
    """An ambiguity in the offsets of the text a pass worked on."""

    start: int
    end: int
    readings: tuple[str, ...]
    technique: str


def word_bounds(p: Patterns, text: str, start: int, end: int) -> tuple[int, int]:
    """Extend ``start..end`` over the Arabic letters and marks around it."""
    is_word = p.word_char_re.match
    while start > 0 and is_word(text, start - 1):
        start -= 1
    match = p.word_run_re.match(text, end)
    return start, match.end() if match else end


def _chunk(text: str, start: int, end: int, reach: int = 300) -> str:
    """The whitespace-delimited chunk around ``start..end`` (looking ``reach`` chars out)."""
    low, high = max(0, start - reach), min(len(text), end + reach)
    left = max(text.rfind(c, low, start) for c in " \n\t")
    ends = [i for i in (text.find(c, end, high) for c in " \n\t") if i >= 0]
    return text[max(left + 1, low) : min(ends) if ends else high]


def _protected(text: str, start: int, end: int) -> bool:
    """Inside a URL, an e-mail address, a handle or a hashtag: never touched."""
    chunk = _chunk(text, start, end)
    return "://" in chunk or "www." in chunk or "@" in chunk or chunk.startswith("#")


def _junction_kind(p: Patterns, junk: str) -> tuple[str, int] | None:
    """Technique and strength of a run inserted between two letters."""
    tatweel = p.tables.tatweel
    core = p.marks_re.sub("", p.invisible_re.sub("", junk.replace(tatweel, "")))
    if not core:
        return None  # decorative tatweel: the matching step's business
    has_tatweel = tatweel in junk
    if " " in core:
        return "tatweel_space", STRONG
    if p.symbol_re.search(core) and not p.strong_re.sub("", p.symbol_re.sub("", core)):
        return "emoji_inside", STRONG if has_tatweel else MEDIUM
    if has_tatweel:
        return "tatweel_punct", STRONG
    return "punct_inside", MEDIUM if p.strong_re.search(core) else WEAK


def junctions(p: Patterns, text: str, source: VocabularySource) -> list[Edit]:
    """Marks, tatweel, symbols and emoji inserted between the letters of a word."""
    edits: list[Edit] = []
    matches = list(p.junction_re.finditer(text))
    i = 0
    while i < len(matches):
        group = [matches[i]]
        i += 1
        while i < len(matches):
            run = p.word_run_re.match(text, group[-1].end())
            if run is None or run.end() < matches[i].start():
                break
            group.append(matches[i])
            i += 1
        found = [(m.start(), m.end(), _junction_kind(p, m.group())) for m in group]
        kept = [(s, e, kind) for s, e, kind in found if kind is not None]
        if kept:
            edits.extend(_compound(p, text, kept, source))
    return edits


def _compound(
    p: Patterns,
    text: str,
    junctions_found: list[tuple[int, int, tuple[str, int]]],
    source: VocabularySource,
) -> list[Edit]:
    """Decide which junctions of one written word to remove."""
    left, _ = word_bounds(p, text, junctions_found[0][0], junctions_found[0][0])
    _, right = word_bounds(p, text, junctions_found[-1][1], junctions_found[-1][1])
    if _protected(text, left, right):
        return []
    bounds = [left] + [x for s, e, _ in junctions_found for x in (s, e)] + [right]
    pieces = [text[bounds[k] : bounds[k + 1]] for k in range(0, len(bounds), 2)]
    stand_ins = [
        p.lookalikes.get(text[s:e].strip(p.tables.tatweel), ("", ()))[1]
        for s, e, _ in junctions_found
    ]
    if all(kind[1] == STRONG for _, _, kind in junctions_found) and not any(stand_ins):
        return [Edit(s, e, "", kind[0]) for s, e, kind in junctions_found]
    vocab = source.vocabulary
    fold = vocab.fold
    # A piece of marks alone (a stray haraka before the inserted mark) spells no
    # letter: left out here as the word's own raw span leaves it out, so that
    # the span alone reads the same.
    lettered = [piece for piece in pieces if fold(piece)]
    if all(len(fold(piece)) == 1 for piece in lettered) and (
        len(lettered) < 3 or vocab.is_abbreviation("".join(lettered))
    ):
        return []  # letters with dots between them: an abbreviation (ق.م، د.م)
    options = [(*readings, "") for readings in stand_ins]
    for choice in product(*options):
        tail = "".join(r + piece for r, piece in zip(choice, pieces[1:], strict=True))
        reading = pieces[0] + tail
        if vocab.known(reading):
            return [
                Edit(s, e, r, "latin_lookalike" if r else kind[0])
                for (s, e, kind), r in zip(junctions_found, choice, strict=True)
            ]
    edits: list[Edit] = []
    for k, (s, e, (technique, strength)) in enumerate(junctions_found):
        if strength == STRONG:
            edits.append(Edit(s, e, "", technique))
        elif strength == MEDIUM:
            before, after = fold(pieces[k]), fold(pieces[k + 1])
            glued_words = (
                len(before) > 1 and len(after) > 1 and vocab.known(before) and vocab.known(after)
            )
            if not glued_words:
                edits.append(Edit(s, e, "", technique))
    return edits


def spaced_letters(p: Patterns, text: str, source: VocabularySource) -> list[Edit]:
    """Single letters written apart (``ق ت ل``) that spell a known word."""
    edits: list[Edit] = []
    done_until = -1
    for hint in p.spaced_hint_re.finditer(text):
        if hint.start() < done_until:
            continue
        # From the start of the letter before the hint's space, however much
        # tatweel or marks it carries (the matching steps drop them).
        reach = max(0, hint.start() - SPACED_LETTER_REACH)
        first = max(reach, text.rfind(" ", reach, hint.start()) + 1)
        m = p.spaced_re.search(text, first, hint.end() + 400)
        if m is None or m.start() > hint.start() + 1:
            continue
        done_until = m.end()
        joined = m.group().replace(" ", "")
        vocab = source.vocabulary
        if vocab.is_abbreviation(joined) or not vocab.known(joined):
            continue
        start = m.start()
        edits.extend(
            Edit(start + k, start + k + 1, "", "spaced_letters")
            for k, char in enumerate(m.group())
            if char == " "
        )
    return edits


def lookalikes(p: Patterns, text: str, source: VocabularySource) -> list[Edit]:
    """Latin letters, digits and Cyrillic/Greek look-alikes standing for Arabic letters."""
    edits: list[Edit] = []
    stand = p.lookalikes
    is_word, is_letter = p.word_char_re.match, p.letter_re.match
    done_until = -1
    for m in p.stand_in_re.finditer(text):
        start, end = m.span()
        if start < done_until:
            continue
        if not ((start > 0 and is_word(text, start - 1)) or is_word(text, end)):
            continue
        token_start = start
        while token_start > 0 and (
            is_word(text, token_start - 1) or text[token_start - 1] in stand
        ):
            token_start -= 1
        token_end = p.stand_in_token_re.match(text, end).end()  # type: ignore[union-attr]
        done_until = token_end
        if (token_start > 0 and text[token_start - 1].isalnum()) or (
            token_end < len(text) and text[token_end].isalnum()
        ):
            continue  # part of a Latin word or a number
        positions = [i for i in range(token_start, token_end) if text[i] in stand]
        if any(b == a + 1 for a, b in pairwise(positions)):
            continue  # a run of digits or Latin letters is a number or a name
        article = p.article_re.match(text, token_start)
        first = article.end() if article else token_start
        letters = sum(1 for i in range(first, token_end) if is_letter(text, i))
        options = [stand[text[i]][1] for i in positions]
        size = 1
        for option in options:
            size *= len(option)
        if letters < 2 or size > MAX_READINGS:
            continue
        vocab = source.vocabulary
        token = text[token_start:token_end]
        best: tuple[float, tuple[str, ...]] | None = None
        for choice in product(*options):
            chars = list(token)
            for i, reading in zip(positions, choice, strict=True):
                chars[i - token_start] = reading
            zipf = vocab.zipf("".join(chars))
            if zipf > 0 and (best is None or zipf > best[0]):
                best = (zipf, choice)
        if best is not None:
            edits.extend(
                Edit(i, i + 1, reading, stand[text[i]][0])
                for i, reading in zip(positions, best[1], strict=True)
            )
    return edits


def _is_affix_double(text: str, word_start: int, run_start: int, run_end: int) -> bool:
    """Doubles that prefixes make in ordinary words (ال + ل, ل + ال, -يين)."""
    pair = text[run_start:run_end]
    if pair == "لل" and (run_start == word_start or text[run_start - 1] == "ا"):
        return True
    if pair == "تت" and (run_start == word_start or text[run_start - 1] in "وفسلب"):
        return True  # imperfect prefix before a verb of form V or VI (تتحصن)
    return pair == "يي" and text[run_end : run_end + 1] in ("ن", "ة")


def repetition(p: Patterns, text: str, source: VocabularySource) -> list[Edit]:
    """Letters repeated to break a word (``قصصصف``), kept when the word is real (``قصص``)."""
    edits: list[Edit] = []
    for word_start, word_end in _doubled_words(p, text):
        if _beside_stand_in(p, text, word_start, word_end):
            continue
        word = text[word_start:word_end]
        key = ("repetition", word)
        cached = source.cache.get(key)
        if cached is None:
            cuts = _repetition_cuts(p, word, source)
            source.cache[key] = cuts
        else:
            cuts = cast(tuple[tuple[int, int], ...], cached)
        edits.extend(Edit(word_start + s, word_start + e, "", "letter_repetition") for s, e in cuts)
    return edits


def _doubled_words(p: Patterns, text: str) -> Iterator[tuple[int, int]]:
    """Each whole word (letters and marks) holding a doubled letter, in text order.

    Found from the doubled letters, which are few, rather than by a pattern tried
    at every word of the text.
    """
    done = 0
    for pair in p.doubled_letter_re.finditer(text):
        if pair.start() < done:
            continue  # a second double in a word already given
        word_start, done = word_bounds(p, text, pair.start(), pair.end())
        yield word_start, done


def _beside_stand_in(p: Patterns, text: str, start: int, end: int) -> bool:
    """Part of a token with digits or Latin stand-ins: the look-alike pass judged it."""
    return (start > 0 and text[start - 1] in p.lookalikes) or (
        end < len(text) and text[end] in p.lookalikes
    )


def _repetition_cuts(
    p: Patterns, word: str, source: VocabularySource
) -> tuple[tuple[int, int], ...]:
    """Spans of ``word`` to delete so that its repeated letters spell a known word."""
    runs = [
        r.span()
        for r in p.repetition_re.finditer(word)
        if r.end() - r.start() > 2 or not _is_affix_double(word, 0, *r.span())
    ]
    if not runs:
        return ()
    long_run = any(e - s > 2 for s, e in runs)
    vocab = source.vocabulary
    if not long_run and vocab.known(word):
        return ()
    best: tuple[float, tuple[int, ...]] | None = None
    for keep in product((1, 2), repeat=min(len(runs), 8)):
        parts, cursor = [], 0
        for (s, e), k in zip(runs, keep, strict=False):
            parts.append(word[cursor : s + k])
            cursor = e
        parts.append(word[cursor:])
        zipf = vocab.zipf("".join(parts))
        if zipf > 0 and (best is None or zipf > best[0]):
            best = (zipf, keep)
    if best is None:
        return ()
    return tuple((s + k, e) for (s, e), k in zip(runs, best[1], strict=False) if e - s > k)


def dotless(
    p: Patterns, text: str, source: VocabularySource, pending: list[PendingAmbiguity]
) -> list[Edit]:
    """Dotless (rasm) letters restored when exactly one dotted reading is a known word."""
    edits: list[Edit] = []
    done_until = -1
    starts = [m.start() for m in p.dotless_re.finditer(text)]
    starts.extend(m.start() for m in p.medial_yeh_re.finditer(text))
    for position in sorted(starts):
        if position < done_until:
            continue
        word_start, word_end = word_bounds(p, text, position, position + 1)
        done_until = word_end
        if _beside_stand_in(p, text, word_start, word_end):
            continue
        word = text[word_start:word_end]
        key = ("dotless", word)
        cached = source.cache.get(key)
        if cached is None:
            decision = _dotless_decision(p, word, source.vocabulary)
            source.cache[key] = decision
        else:
            decision = cast(DotlessDecision, cached)
        changes, ambiguous = decision
        if ambiguous:
            pending.append(PendingAmbiguity(word_start, word_end, ambiguous, "dotless"))
        edits.extend(Edit(word_start + k, word_start + k + 1, c, "dotless") for k, c in changes)
    return edits


DotlessDecision = tuple[tuple[tuple[int, str], ...], tuple[str, ...]]


def _dotless_decision(p: Patterns, word: str, vocab: Vocabulary) -> DotlessDecision:
    """(letter changes, competing readings) for a word written with dotless letters."""
    index = [i for i in range(len(word)) if p.letter_re.match(word, i)]
    allowed = [_allowed(p, vocab, word[i], k == len(index) - 1) for k, i in enumerate(index)]
    changes, ambiguous = _decide(p, vocab, word, index, allowed)
    if ambiguous and "\u0649" in word:
        # A medial ى left as written is folded to ي by the matching steps, and with
        # that ي one reading of the word's other dotless letters may win (اىٮ: ابن،
        # اين، انت... but with ي only اين). Decide them so now, as normalising the
        # result again would: otherwise normalising twice changes the text more.
        folded = [
            frozenset({vocab.fold(word[i])}) if word[i] == "\u0649" else a
            for i, a in zip(index, allowed, strict=True)
        ]
        settled, _ = _decide(p, vocab, word, index, folded)
        if settled:
            return settled, ()
    return changes, ambiguous


def _decide(
    p: Patterns, vocab: Vocabulary, word: str, index: list[int], allowed: list[frozenset[str]]
) -> DotlessDecision:
    """The decision among the known readings whose letters fit ``allowed``."""
    readings = _dotted_readings(p, vocab, allowed)
    if not readings:
        return (), ()
    best = max(readings.values())
    competing = sorted(r for r, z in readings.items() if z >= best - COMPETING_ZIPF)
    if len(competing) > 1:
        return (), tuple(competing)
    reading = competing[0]
    changes = tuple(
        (i, reading[k]) for k, i in enumerate(index) if vocab.fold(word[i]) != reading[k]
    )
    return changes, ()


def _allowed(p: Patterns, vocab: Vocabulary, char: str, last: bool) -> frozenset[str]:
    tables = p.tables
    if char == "\u0649" and last:
        return frozenset({vocab.fold(char)})
    if char in tables.dotless_letters:
        return frozenset(vocab.fold(c) for c in tables.dotless_letters[char])
    if char in tables.dotless_twins:
        return frozenset(vocab.fold(c) for c in (char, *tables.dotless_twins[char]))
    return frozenset({vocab.fold(char)})


def _consistent(word: str, allowed: list[frozenset[str]]) -> bool:
    return len(word) == len(allowed) and all(c in a for c, a in zip(word, allowed, strict=True))


def _dotted_readings(
    p: Patterns, vocab: Vocabulary, allowed: list[frozenset[str]]
) -> dict[str, float]:
    """Known words (with a proclitic or not) whose letters fit ``allowed``."""
    index = vocab.rasm_index(p.rasm_of)
    skeleton = "".join(min(a) for a in allowed).translate(p.rasm_of)
    found: dict[str, float] = {}
    for word in index.get(skeleton, ()):
        if _consistent(word, allowed):
            found[word] = vocab.zipf(word)
    for prefix in PROCLITICS:
        n = len(prefix)
        if len(allowed) - n < 2 or not _consistent(prefix, allowed[:n]):
            continue
        for stem in index.get(skeleton[n:], ()):
            if _consistent(stem, allowed[n:]):
                reading = prefix + stem
                found[reading] = vocab.zipf(reading)
    return found


# Twins that only spelling variation (not evasion) confuses; the matching steps fold them.
_FOLDED_TWINS = frozenset("اأإوؤهة")


def twin_variants(p: Patterns, terms: Iterable[str]) -> ahocorasick.Automaton:
    """Finder of lexicon terms written with dotted letters swapped for dotless twins.

    ``داعس`` for ``داعش``: the written form has no tell-tale dotless letter, so
    only the project's own terms are looked for (every variant of each, with
    one or more of its letters undotted).
    """
    undotted = {
        dotted: plain
        for plain, dotted_forms in p.tables.dotless_twins.items()
        if plain not in _FOLDED_TWINS
        for dotted in dotted_forms
    }
    variants: dict[str, set[str]] = {}
    for term in terms:
        if " " in term:
            continue
        positions = [i for i, c in enumerate(term) if c in undotted]
        for k in range(1, min(len(positions), 3) + 1):
            for chosen in combinations(positions, k):
                variant = "".join(undotted[c] if i in chosen else c for i, c in enumerate(term))
                variants.setdefault(variant, set()).add(term)
    finder = ahocorasick.Automaton()
    for variant, found in variants.items():
        finder.add_word(variant, (variant, tuple(sorted(found))))
    if variants:
        finder.make_automaton()
    return finder


def twin_dotless(
    p: Patterns,
    text: str,
    source: VocabularySource,
    finder: ahocorasick.Automaton,
    pending: list[PendingAmbiguity],
) -> list[Edit]:
    """Restore lexicon terms whose dots were dropped onto twin letters, if unambiguous."""
    if finder.kind != ahocorasick.AHOCORASICK:
        return []
    edits: list[Edit] = []
    is_word = p.word_char_re.match
    for last, (variant, terms) in finder.iter(text):
        start, end = last + 1 - len(variant), last + 1
        if end < len(text) and is_word(text, end):
            continue
        word_start, _ = word_bounds(p, text, start, start)
        if word_start < start and text[word_start:start] not in PROCLITICS:
            continue
        if _beside_stand_in(p, text, word_start, end):
            continue
        vocab = source.vocabulary
        if vocab.known(text[word_start:end]):
            continue  # the written word is real (a dotless مجزرة reads محررة)
        readings = [t for t in terms if vocab.known(t)]
        if len(readings) > 1:
            pending.append(PendingAmbiguity(word_start, end, tuple(readings), "dotless"))
        elif readings:
            edits.extend(
                Edit(start + i, start + i + 1, c, "dotless")
                for i, (c, w) in enumerate(zip(readings[0], variant, strict=True))
                if c != w
            )
    return edits
