"""The "known word" check behind the vocabulary-gated de-obfuscation steps.

Words come from the Arabic frequency list of the ``wordfreq`` package (read
from its installed data file, never from the network), this project's own
conflict vocabulary (``marsad/data/vocab/conflict_terms.txt``) and any extra
word lists a caller passes in (actor or trigger lexicons). Everything is kept
in matching-key form, so the check agrees with the text side.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from marsad.errors import DataError

# Zipf frequency given to words from the project's own lexicons.
LEXICON_ZIPF = 6.0
# A word found only by stripping a clitic counts as this much rarer than its stem.
CLITIC_PENALTY = 1.0
PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه")


def fold_table() -> dict[int, str | None]:
    """Translation table applying the matching steps a word-list key needs."""
    from marsad.normalize.steps import load_steps

    table: dict[int, str | None] = {}
    for name in ("tatweel", "diacritics", "alef", "alef_maqsura", "taa_marbuta"):
        for char, replacement in load_steps()[name].table.items():
            table[ord(char)] = replacement or None
    return table


def read_word_file(path: Path | str) -> Iterator[str]:
    """Words of a plain word list: one per line, ``#`` starts a comment."""
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read word list: {exc}", source=str(path)) from None
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            yield word


def package_word_list(name: str) -> Iterator[str]:
    """Words of a word list shipped in ``marsad/data/vocab``."""
    source = resources.files("marsad.data").joinpath(f"vocab/{name}")
    for line in source.read_text("utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            yield word


def _wordfreq_bins() -> list[list[str]]:
    """wordfreq's Arabic list: bins of words, bin ``i`` at -i centibels."""
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return []
    path = Path(wordfreq.DATA_PATH) / "large_ar.msgpack.gz"
    if not path.exists():  # pragma: no cover
        path = Path(wordfreq.DATA_PATH) / "small_ar.msgpack.gz"
    bins: list[list[str]] = wordfreq.read_cBpack(str(path))
    return bins


class Vocabulary:
    """A set of known Arabic words with their frequency, in matching-key form.

    ``min_zipf`` drops the long tail of the frequency list (typos and the
    very spellings this module undoes show up there); project lexicon words
    are always known.
    """

    def __init__(
        self,
        extra_words: Iterable[str] = (),
        *,
        use_wordfreq: bool = True,
        use_project_lexicon: bool = True,
        min_zipf: float = 2.5,
        lexicon_files: Iterable[Path | str] = (),
    ) -> None:
        self.fold_table = fold_table()
        fold = self.fold_table
        zipf: dict[str, float] = {}
        if use_wordfreq:
            for index, words in enumerate(_wordfreq_bins()):
                value = 9.0 - index / 100.0
                if value < min_zipf:
                    break
                for word in words:
                    key = word.translate(fold)
                    # One letter, or one letter repeated, is noise (and the
                    # very shape of the letter-repetition evasion).
                    if key not in zipf and len(set(key)) > 1:
                        zipf[key] = value
        lexicon: list[str] = list(extra_words)
        if use_project_lexicon:
            lexicon.extend(package_word_list("conflict_terms.txt"))
        for path in lexicon_files:
            lexicon.extend(read_word_file(path))
        for word in lexicon:
            zipf[word.translate(fold)] = LEXICON_ZIPF
        self._zipf = zipf
        self.abbreviations = frozenset(
            "".join(entry.split()).translate(fold)
            for entry in package_word_list("abbreviations.txt")
        )
        self._rasm: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._zipf)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.known(word)

    def fold(self, word: str) -> str:
        return word.translate(self.fold_table)

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (clitics allowed); 0.0 when unknown."""
        key = word.translate(self.fold_table)
        table = self._zipf
        found = table.get(key)
        if found is not None:
            return found
        best = 0.0
        for stem in _stems(key):
            value = table.get(stem)
            if value is not None and value > best:
                best = value
        return max(best - CLITIC_PENALTY, 0.01) if best else 0.0

    def known(self, word: str) -> bool:
        return self.zipf(word) > 0.0

    def is_abbreviation(self, letters: str) -> bool:
        """Whether single letters written apart spell a listed abbreviation."""
        return letters.translate(self.fold_table) in self.abbreviations

    def rasm_index(self, rasm_of: dict[int, str]) -> dict[str, list[str]]:
        """Known words grouped by skeleton (built on first use)."""
        if self._rasm is None:
            index: dict[str, list[str]] = {}
            for word in self._zipf:
                index.setdefault(word.translate(rasm_of), []).append(word)
            self._rasm = index
        return self._rasm


def _stems(key: str) -> Iterator[str]:
    """``key`` without a proclitic and/or an enclitic (stems of 2+ letters)."""
    heads = [key]
    for prefix in PROCLITICS:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            stem = key[len(prefix) :]
            heads.append(stem)
            if prefix in ("لل", "ولل", "فلل"):
                heads.append("ال" + stem)
            yield heads[-1]
            if heads[-1] != stem:
                yield stem
    for head in heads:
        if head.startswith("ال"):
            continue  # the article and a possessive suffix exclude each other
        for suffix in ENCLITICS:
            if head.endswith(suffix) and len(head) - len(suffix) >= 2:
                stem = head[: -len(suffix)]
                yield stem
                if stem.endswith("ت"):
                    yield stem[:-1] + "ه"
