"""The actor dictionary (YAML data) and the matcher that finds actors in text.

The dictionary lives in ``marsad/data/actors/*.yaml`` (one file per country or
region, see ``docs/actors.md`` for the format). Loading validates every entry
and refuses a surface form that names two actors unless a disambiguation rule
says how to choose. ``ActorMatcher`` compiles every form into one Aho-Corasick
automaton and finds mentions in normalised text, reporting raw-text offsets.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import yaml

from marsad.errors import DataError
from marsad.normalize import NormalizedText, lower_ascii, match_key
from marsad.recognize.types import ActorEntry, ActorMention, Mention, Offsets

_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = [
    "ACTOR_TYPES",
    "ActorDictionary",
    "ActorMatch",
    "ActorMatcher",
    "ActorRecord",
    "AnaphorClass",
    "AnaphorMention",
    "FormRule",
    "ParsedFile",
    "compact_key",
    "package_actor_files",
    "parse_actor_file",
]

# Letters that may be glued to the front of a name: conjunctions, then prepositions.
PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
# ``ل`` + ``ال`` is written ``لل``; only a conjunction may precede that.
FUSED_PROCLITICS = frozenset({"", "و", "ف"})

_WORD = re.compile(r"[^\W_]+")
# Between two words of a name: spaces and quotes only ("تنظيم "داعش"").
_SOFT_GAP = re.compile(r"[ \t\u00a0\u200c\u200f\u200e\"'«»“”‘’]*")
_QUOTES = "\"'"
# Every gap between words except the common single space (which needs no change):
# two or more separators, or one that is not a space. Opening with the character
# class lets the regex engine skip from one separator to the next.
_ODD_GAP = re.compile(r"[\W_](?:[\W_]+|(?<! ))")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def compact_key(term: str) -> str:
    """The automaton key of a surface form: match_key folding, words joined by one space."""
    return " ".join(_WORD.findall(match_key(term).translate(_ASCII_LOWER)))


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """An actor with everything the data says about it beyond ``ActorEntry``."""

    entry: ActorEntry
    forms: tuple[str, ...]
    template: str | None = None  # generic entries: "Police Forces of {country}"
    external_inter: int | None = None  # inter when acting outside ``entry.country``
    anaphor_classes: tuple[str, ...] = ()
    source: str = ""
    theatres: tuple[str, ...] = ()  # countries where shared forms default to this actor
    coded_as: str | None = None  # the actor ACLED codes this one's events under


@dataclass(frozen=True, slots=True)
class ActorMatch(ActorMention):
    """An actor mention plus the dictionary key it matched (for country resolution)."""

    key: str


@dataclass(frozen=True, slots=True)
class AnaphorMention(Mention):
    """A word such as ``التنظيم`` that refers back to an actor named earlier."""

    anaphor_class: str


ACTOR_TYPES: dict[str, int] = {
    "State forces": 1,
    "Rebel group": 2,
    "Political militia": 3,
    "Identity militia": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}
RULES = frozenset({"event_country"})
_FILE_KEYS = frozenset(
    {"country", "actors", "generic", "rules", "anaphors", "blockers", "countries", "spellings"}
)
_ACTOR_KEYS = frozenset(
    {
        "name",
        "type",
        "inter",
        "country",
        "parent",
        "forms",
        "external_inter",
        "anaphors",
        "theatres",
        "coded_as",
        "note",
    }
)
_GENERIC_KEYS = frozenset({"template", "name", "type", "inter", "forms", "external_inter", "note"})
_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True, slots=True)
class FormRule:
    """How to choose among the actors that share a surface form."""

    key: str
    rule: str  # "event_country": the actor of the event's country, else ``default``
    default: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class AnaphorClass:
    """Words such as ``التنظيم`` and the actors they may refer back to."""

    name: str
    forms: tuple[str, ...]
    actor_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """One dictionary file, validated entry by entry."""

    path: str
    records: tuple[ActorRecord, ...] = ()
    rules: tuple[FormRule, ...] = ()
    anaphors: tuple[AnaphorClass, ...] = ()
    blockers: tuple[str, ...] = ()
    countries: tuple[tuple[str, str], ...] = ()
    spellings: tuple[tuple[str, str], ...] = ()


def unknown_country_name(template: str) -> str:
    """``Police Forces of {country}`` -> ``Police Forces (unknown country)``."""
    name = template.replace(" of {country}", " (unknown country)")
    return name.replace("({country})", "(unknown country)").replace("{country}", "unknown country")


class _FileReader:
    """Validation helpers that name the file and the entry in every error."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> DataError:
        return DataError(f"{where}: {problem}", source=self.path)

    def strings(self, value: object, where: str, field: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(where, f"{field!r} must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    def mapping(self, item: object, where: str, allowed: frozenset[str]) -> dict[str, object]:
        if not isinstance(item, dict):
            raise self.fail(where, "must be a mapping")
        unknown = sorted(str(k) for k in item if k not in allowed)
        if unknown:
            raise self.fail(where, f"unknown field(s) {', '.join(unknown)}")
        return item

    def type_and_inter(self, item: dict[str, object], where: str) -> tuple[str, int]:
        actor_type = item.get("type")
        if actor_type not in ACTOR_TYPES:
            expected = ", ".join(ACTOR_TYPES)
            raise self.fail(where, f"unknown actor type {actor_type!r}; expected one of {expected}")
        assert isinstance(actor_type, str)
        inter = item.get("inter", ACTOR_TYPES[actor_type])
        if inter != ACTOR_TYPES[actor_type]:
            code = ACTOR_TYPES[actor_type]
            raise self.fail(where, f"inter {inter!r} does not match {actor_type!r} ({code})")
        return actor_type, ACTOR_TYPES[actor_type]

    def countries(self, value: object, where: str) -> tuple[str, ...]:
        codes = self.strings(value, where, "theatres") if value else ()
        bad = [c for c in codes if not _COUNTRY.fullmatch(c)]
        if bad:
            raise self.fail(where, f"theatres {bad} are not ISO alpha-2 codes")
        return codes

    def forms(self, item: dict[str, object], where: str) -> tuple[str, ...]:
        forms = self.strings(item.get("forms", []), where, "forms")
        for form in forms:
            if not compact_key(form):
                raise self.fail(where, f"form {form!r} has no letters")
        return forms

    def external(self, item: dict[str, object], where: str, actor_type: str) -> int | None:
        value = item.get("external_inter", 8 if actor_type == "State forces" else None)
        if value is not None and value not in ACTOR_TYPES.values():
            raise self.fail(where, f"external_inter {value!r} is not an inter code 1-8")
        return value if isinstance(value, int) else None

    def actor(self, item: object, index: int, file_country: object) -> ActorRecord:
        where = f"actors[{index}]"
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            where += f" ({item['name']!r})"
        fields = self.mapping(item, where, _ACTOR_KEYS)
        name = fields.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail(where, "needs a 'name'")
        actor_type, inter = self.type_and_inter(fields, where)
        country = fields.get("country", file_country)
        if country is not None and not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
            raise self.fail(where, f"country {country!r} is not an ISO alpha-2 code such as SY")
        parent = fields.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise self.fail(where, "'parent' must be an actor name")
        coded_as = fields.get("coded_as")
        if coded_as is not None and not isinstance(coded_as, str):
            raise self.fail(where, "'coded_as' must be an actor name")
        entry = ActorEntry(name.strip(), actor_type, inter, country, parent, False)
        return ActorRecord(
            entry,
            self.forms(fields, where),
            None,
            self.external(fields, where, actor_type),
            self.strings(fields.get("anaphors", []), where, "anaphors"),
            self.path,
            self.countries(fields.get("theatres", []), where),
            coded_as,
        )

    def generic(self, item: object, index: int) -> ActorRecord:
        where = f"generic[{index}]"
        fields = self.mapping(item, where, _GENERIC_KEYS)
        template = fields.get("template")
        if not isinstance(template, str) or "{country}" not in template:
            raise self.fail(where, "needs a 'template' containing {country}")
        where += f" ({template!r})"
        actor_type, inter = self.type_and_inter(fields, where)
        name = fields.get("name") or unknown_country_name(template)
        if not isinstance(name, str) or "{" in name:
            raise self.fail(where, f"name {name!r} must be plain text")
        entry = ActorEntry(name, actor_type, inter, None, None, True)
        return ActorRecord(
            entry, self.forms(fields, where), template, self.external(fields, where, actor_type),
            (), self.path,
        )  # fmt: skip

    def rules(self, item: object, index: int) -> list[FormRule]:
        where = f"rules[{index}]"
        fields = self.mapping(item, where, frozenset({"forms", "rule", "default", "note"}))
        if fields.get("rule") not in RULES:
            raise self.fail(
                where, f"unknown rule {fields.get('rule')!r}; expected one of {sorted(RULES)}"
            )
        default = fields.get("default")
        if not isinstance(default, str):
            raise self.fail(where, "needs a 'default' actor name")
        forms = self.strings(fields.get("forms"), where, "forms")
        return [FormRule(compact_key(f), "event_country", default, self.path) for f in forms]

    def anaphor(self, item: object, index: int) -> AnaphorClass:
        where = f"anaphors[{index}]"
        fields = self.mapping(item, where, frozenset({"class", "forms", "actor_types", "note"}))
        name = fields.get("class")
        if not isinstance(name, str):
            raise self.fail(where, "needs a 'class' name")
        types = self.strings(fields.get("actor_types", []), where, "actor_types")
        bad = [t for t in types if t not in ACTOR_TYPES]
        if bad:
            raise self.fail(where, f"unknown actor type(s) {bad}")
        return AnaphorClass(name, self.forms(fields, where), types)


def parse_actor_file(path: Path) -> ParsedFile:
    """Read and validate one dictionary file; DataError names the file and entry."""
    label = str(path)
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_YamlLoader)
    except FileNotFoundError:
        raise DataError("no such actor dictionary file", source=label) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", source=label) from None
    except yaml.YAMLError as exc:
        raise DataError(f"invalid YAML: {exc}".replace("\n", " "), source=label) from None
    reader = _FileReader(label)
    top = reader.mapping(data if data is not None else {}, "file", _FILE_KEYS)

    def items(key: str) -> list[object]:
        value = top.get(key, [])
        if not isinstance(value, list):
            raise reader.fail(key, "must be a list")
        return value

    records = [reader.actor(item, i, top.get("country")) for i, item in enumerate(items("actors"))]
    records += [reader.generic(item, i) for i, item in enumerate(items("generic"))]
    seen: set[str] = set()
    for record in records:
        if record.entry.name.casefold() in seen:
            raise reader.fail(f"actor {record.entry.name!r}", "defined twice in this file")
        seen.add(record.entry.name.casefold())
    countries = top.get("countries", {})
    if not isinstance(countries, dict) or not all(
        isinstance(k, str) and _COUNTRY.fullmatch(k) and isinstance(v, str)
        for k, v in countries.items()
    ):
        raise reader.fail("countries", "must map ISO alpha-2 codes to names")
    spellings = []
    for i, pair in enumerate(items("spellings")):
        both = reader.strings(pair, f"spellings[{i}]", "pair")
        if len(both) != 2:
            raise reader.fail(f"spellings[{i}]", "must be a pair of spellings")
        spellings.append((match_key(both[0]), match_key(both[1])))
    return ParsedFile(
        label,
        tuple(records),
        tuple(rule for i, item in enumerate(items("rules")) for rule in reader.rules(item, i)),
        tuple(reader.anaphor(item, i) for i, item in enumerate(items("anaphors"))),
        tuple(
            compact_key(b) for b in reader.strings(top.get("blockers", []), "blockers", "blockers")
        ),
        tuple(sorted(countries.items())),
        tuple(spellings),
    )


def _spelling_variants(key: str, spellings: Sequence[tuple[str, str]]) -> list[str]:
    """``key`` and its variants under the data's spelling pairs (e.g. ميليشيا/مليشيا)."""
    variants = [key]
    for a, b in spellings:
        for variant in list(variants):
            for old, new in ((a, b), (b, a)):
                if old in variant and variant.replace(old, new) not in variants:
                    variants.append(variant.replace(old, new))
    return variants


def package_actor_files() -> list[Path]:
    """The dictionary files shipped with marsad, ``generic.yaml`` first."""
    folder = resources.files("marsad.data") / "actors"
    paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))
    return sorted(paths, key=lambda p: (p.name != "generic.yaml", p.name))


class ActorDictionary:
    """Every actor, its forms, and the rules that resolve generic and shared forms."""

    def __init__(self, files: Sequence[ParsedFile]) -> None:
        records: dict[str, ActorRecord] = {}
        self.rules: dict[str, FormRule] = {}
        self.anaphors: dict[str, AnaphorClass] = {}
        self.blockers: set[str] = set()
        self.countries: dict[str, str] = {}
        spellings = [pair for parsed in files for pair in parsed.spellings]
        for parsed in files:  # later files override earlier ones, name by name
            for record in parsed.records:
                records[record.entry.name.casefold()] = record
            for rule in parsed.rules:
                self.rules.update(dict.fromkeys(_spelling_variants(rule.key, spellings), rule))
            self.anaphors.update({a.name: a for a in parsed.anaphors})
            for blocker in parsed.blockers:
                self.blockers.update(_spelling_variants(blocker, spellings))
            self.countries.update(parsed.countries)
        self._records = records
        self._by_key: dict[str, list[str]] = {}
        for folded, record in records.items():
            for form in record.forms:
                for key in _spelling_variants(compact_key(form), spellings):
                    names = self._by_key.setdefault(key, [])
                    if folded not in names:
                        names.append(folded)
        self._anaphor_keys = {
            key: a.name
            for a in self.anaphors.values()
            for form in a.forms
            for key in _spelling_variants(compact_key(form), spellings)
        }
        self._templates = [
            (re.compile(re.escape(r.template).replace(re.escape("{country}"), "(.+)"), re.I), r)
            for r in records.values()
            if r.template
        ]
        self._validate()

    @classmethod
    def load(
        cls, paths: Sequence[Path | str] | None = None, *, package: bool = True
    ) -> ActorDictionary:
        """The package dictionary (unless ``package=False``) overlaid by ``paths`` in order."""
        files = package_actor_files() if package else []
        files += [Path(p) for p in paths or ()]
        return cls([parse_actor_file(path) for path in files])

    def _validate(self) -> None:
        for record in self._records.values():
            parent = record.entry.parent
            if parent and parent.casefold() not in self._records:
                raise DataError(
                    f"actor {record.entry.name!r}: parent {parent!r} is not in the dictionary",
                    source=record.source,
                )
            coded_as = record.coded_as
            if coded_as and coded_as.casefold() not in self._records:
                raise DataError(
                    f"actor {record.entry.name!r}: coded_as {coded_as!r} is not in the dictionary",
                    source=record.source,
                )
        for key, names in self._by_key.items():
            rule = self.rules.get(key)
            if key in self._anaphor_keys or key in self.blockers:
                where = "an anaphor" if key in self._anaphor_keys else "a blocker"
                raise DataError(
                    f"form {key!r} of {self._records[names[0]].entry.name!r} is also {where}",
                    source=self._records[names[0]].source,
                )
            if len(names) > 1 and rule is None:
                listed = ", ".join(repr(self._records[n].entry.name) for n in names)
                raise DataError(
                    f"form {key!r} names {listed} but no rule says how to choose "
                    "(add it under 'rules:')",
                    source=self._records[names[-1]].source,
                )
            if rule is not None and rule.default.casefold() not in names:
                raise DataError(
                    f"rule for {key!r}: default {rule.default!r} does not list this form",
                    source=rule.source,
                )

    # -- queries ---------------------------------------------------------------

    @property
    def entries(self) -> list[ActorEntry]:
        """Every actor entry, in dictionary order."""
        return [r.entry for r in self._records.values()]

    @property
    def records(self) -> list[ActorRecord]:
        return list(self._records.values())

    def record(self, entry: ActorEntry | str) -> ActorRecord | None:
        """The full record of an actor (by entry or English name)."""
        name = entry if isinstance(entry, str) else entry.name
        return self._records.get(name.casefold())

    def get(self, name: str) -> ActorEntry | None:
        """The actor with this English name (case-insensitive), or None."""
        record = self._records.get(name.strip().casefold())
        return record.entry if record else None

    def keys(self) -> dict[str, str]:
        """Every automaton key with its kind: ``actor``, ``anaphor`` or ``block``."""
        kinds = dict.fromkeys(self._by_key, "actor")
        kinds.update(dict.fromkeys(self._anaphor_keys, "anaphor"))
        kinds.update(dict.fromkeys(self.blockers, "block"))
        return kinds

    def anaphor_class_of(self, key: str) -> str:
        """The anaphor class of a compact key (KeyError if it is not an anaphor)."""
        return self._anaphor_keys[key]

    def candidates(self, key: str) -> list[ActorEntry]:
        """The actors a compact key can name (more than one only under a rule)."""
        return [self._records[n].entry for n in self._by_key.get(key, [])]

    def form_key(self, form: str) -> str | None:
        """The dictionary key of a surface form, proclitics stripped (وللنظام -> النظام)."""
        key = compact_key(form)
        if key in self._by_key:
            return key
        for conjunction in FUSED_PROCLITICS:
            if (
                key.startswith(conjunction + "لل")
                and "ال" + key[len(conjunction) + 2 :] in self._by_key
            ):
                return "ال" + key[len(conjunction) + 2 :]
        for size in (2, 1):
            if key[:size] in PROCLITICS and key[size:] in self._by_key:
                return key[size:]
        return None

    def resolve_form(self, form: str, country_code: str | None) -> ActorEntry | None:
        """The actor an Arabic form names in an event in ``country_code`` (rules applied)."""
        key = self.form_key(form)
        return self.resolve_key(key, country_code) if key else None

    def lookup(self, name: str) -> list[ActorEntry]:
        """Actors by Arabic surface form or English name (case-insensitive)."""
        key = self.form_key(name) if name.strip() else None
        found = self.candidates(key) if key else []
        entry = self.get(name)
        if entry is not None and entry not in found:
            found.append(entry)
        for pattern, record in self._templates:
            matched = pattern.fullmatch(name.strip())
            code = self.country_code(matched.group(1)) if matched else None
            if code:
                resolved = self.resolve(record.entry, code)
                if resolved not in found:
                    found.append(resolved)
        return found

    def country_name(self, code: str) -> str:
        """The ACLED country name of an ISO alpha-2 code (the code itself if unknown)."""
        return self.countries.get(code.upper(), code.upper())

    def country_code(self, name: str) -> str | None:
        folded = name.strip().casefold()
        for code, country in self.countries.items():
            if country.casefold() == folded or code.casefold() == folded:
                return code
        return None

    def resolve(self, entry: ActorEntry, country_code: str | None) -> ActorEntry:
        """A generic entry made specific to the event's country; other entries unchanged.

        With no country a generic entry comes back as it is, named e.g.
        "Police Forces (unknown country)".
        """
        record = self.record(entry)
        if not entry.generic or not country_code or record is None or not record.template:
            return entry
        code = country_code.upper()
        name = record.template.format(country=self.country_name(code))
        return replace(entry, name=name, country=code, generic=False)

    def resolve_key(self, key: str, country_code: str | None) -> ActorEntry | None:
        """The actor a matched key stands for in an event in ``country_code``."""
        names = self._by_key.get(key)
        if not names:
            return None
        entries = [self._records[n].entry for n in names]
        rule = self.rules.get(key)
        if rule is None or len(entries) == 1:
            return self.resolve(entries[0], country_code)
        default = self._records[rule.default.casefold()].entry
        if country_code:
            code = country_code.upper()
            for entry in entries:
                if not entry.generic and entry.country == code:
                    return entry
            for entry in entries:
                if code in self._records[entry.name.casefold()].theatres:
                    return entry
            for entry in entries:
                if entry.generic:
                    return self.resolve(entry, code)
        return default

    def resolve_mention(self, mention: ActorMention, country_code: str | None) -> ActorEntry:
        """The actor of a mention for an event in ``country_code`` (rules and generics)."""
        if isinstance(mention, ActorMatch):
            resolved = self.resolve_key(mention.key, country_code)
            if resolved is not None:
                return resolved
        return self.resolve(mention.actor, country_code)

    def inter_for(self, entry: ActorEntry, event_country_code: str | None) -> int:
        """The inter code of ``entry`` in an event in ``event_country_code``.

        A state's forces (or any actor with ``external_inter``) acting outside
        their own country are coded 8, External/Other forces.
        """
        record = self.record(entry)
        external = record.external_inter if record else None
        if (
            external is not None
            and entry.country
            and event_country_code
            and entry.country != event_country_code.upper()
        ):
            return external
        return entry.inter

    def root(self, entry: ActorEntry) -> ActorEntry:
        """The top of the parent chain (e.g. the 5th Corps -> Military Forces of Syria)."""
        seen = {entry.name.casefold()}
        while entry.parent:
            parent = self.get(entry.parent)
            if parent is None or parent.name.casefold() in seen:
                break
            seen.add(parent.name.casefold())
            entry = parent
        return entry

    def coded(self, entry: ActorEntry) -> ActorEntry:
        """The actor an event names for ``entry``.

        ACLED codes a state's units (a division, an intelligence branch) as the
        state's forces, so a state-force unit is coded as the top of its parent
        chain; ``coded_as`` names the actor where the data says so explicitly
        (the coalition against IS as the forces of the state that leads it).
        """
        record = self.record(entry)
        if record is not None and record.coded_as:
            named = self.get(record.coded_as)
            if named is not None:
                return named
        if entry.actor_type != "State forces" or not entry.parent:
            return entry
        top = self.root(entry)
        return top if top.actor_type == "State forces" else entry

    def default_entry(self, key: str) -> ActorEntry:
        """The actor a key names when nothing is known about the event's country."""
        entry = self.resolve_key(key, None)
        if entry is None:
            raise KeyError(key)
        return entry

    def refers_to(self, anaphor_class: str, entry: ActorEntry) -> bool:
        """Whether an anaphor of this class can refer to ``entry``."""
        cls = self.anaphors.get(anaphor_class)
        record = self.record(entry)
        if cls is None:
            return False
        if record is not None and anaphor_class in record.anaphor_classes:
            return True
        return entry.actor_type in cls.actor_types

    def resolve_anaphor(
        self, anaphor: AnaphorMention, preceding: Iterable[ActorMention]
    ) -> ActorMention | None:
        """The last actor mention before ``anaphor`` that its class can refer to."""
        best: ActorMention | None = None
        for mention in preceding:
            if mention.end <= anaphor.start and self.refers_to(
                anaphor.anaphor_class, mention.actor
            ):
                if best is None or mention.end > best.end:
                    best = mention
        return best


def _mention_offsets(nt: NormalizedText, norm_start: int, norm_end: int) -> Offsets:
    """Offset fields of a mention, keeping the marks written on its last letter."""
    start, end = nt.raw_span(norm_start, norm_end)
    raw = nt.raw
    while end < len(raw) and (raw[end] == "\u0640" or unicodedata.category(raw[end]) == "Mn"):
        end += 1
    return start, end, raw[start:end], norm_start, norm_end


def _compact(text: str) -> tuple[str, tuple[list[int], list[int]]]:
    """``text`` with every gap between words made one separator, ASCII lowercased.

    A gap of spaces and quotes becomes " " (names may span it), any other
    punctuation or a line break becomes "\\n" (names never span it). Returns
    the compact string and the marks that map its offsets back to ``text``.
    """
    lowered = lower_ascii(text)
    pieces: list[str] = []
    compact_at: list[int] = [0]  # compact offset where a new shift starts
    shift: list[int] = [0]  # text offset minus compact offset from there on
    done = length = 0
    for gap in _ODD_GAP.finditer(lowered):
        pieces.append(lowered[done : gap.start()])
        length += gap.start() - done
        soft = _SOFT_GAP.fullmatch(gap.group()) is not None
        pieces.append(" " if soft else "\n")
        length += 1
        done = gap.end()
        compact_at.append(length)
        shift.append(done - length)
    pieces.append(lowered[done:])
    return "".join(pieces), (compact_at, shift)


def _to_text(marks: tuple[list[int], list[int]], index: int) -> int:
    """The ``text`` offset of a word character at compact offset ``index``."""
    compact_at, shift = marks
    return index + shift[bisect_right(compact_at, index) - 1]


class _Hit(NamedTuple):
    """An automaton hit kept for the overlap check (a tuple: dozens per report)."""

    norm_start: int
    norm_end: int
    kind: str
    key: str


class ActorMatcher:
    """Finds actor mentions (and anaphors) in normalised text. Build once, reuse."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        automaton = ahocorasick.Automaton()
        for key, kind in dictionary.keys().items():
            automaton.add_word(key, (kind, key, False))
            if key.startswith("ال") and len(key) > 3:
                fused = "لل" + key[2:]
                if not automaton.exists(fused):
                    automaton.add_word(fused, (kind, key, True))
        automaton.make_automaton()
        self._automaton = automaton

    def automaton_bytes(self) -> int:
        """Memory held by the compiled automaton (as pyahocorasick reports it)."""
        return int(self._automaton.get_stats()["total_size"])

    def _hits(self, text: str) -> list[_Hit]:
        compact, marks = _compact(text)
        hits: list[_Hit] = []
        for last, (kind, key, fused) in self._automaton.iter(compact):
            end = last + 1
            if end < len(compact) and compact[end] not in " \n":
                continue
            start = end - len(key)  # "للنظام" is as long as "النظام"
            word_start = max(compact.rfind(" ", 0, start), compact.rfind("\n", 0, start)) + 1
            if compact[word_start:start] not in (FUSED_PROCLITICS if fused else PROCLITICS):
                continue
            norm_start = _to_text(marks, start)
            norm_end = _to_text(marks, last) + 1
            after = text[norm_end : norm_end + 1]
            if after and after in _QUOTES and text[norm_start:norm_end].count(after) % 2:
                norm_end += 1  # take the closing quote of `تنظيم "داعش"`
            hits.append(_Hit(norm_start, norm_end, kind, key))
        # Longest match wins; among equals, the earlier one.
        hits.sort(key=lambda h: (h.norm_start - h.norm_end, h.norm_start))
        taken = bytearray(len(text) + 1)
        chosen: list[_Hit] = []
        for hit in hits:
            if taken.find(1, hit.norm_start, hit.norm_end) == -1:
                taken[hit.norm_start : hit.norm_end] = b"\x01" * (hit.norm_end - hit.norm_start)
                chosen.append(hit)
        chosen.sort(key=attrgetter("norm_start"))
        return chosen

    def scan(self, nt: NormalizedText) -> tuple[list[ActorMatch], list[AnaphorMention]]:
        """Actor mentions and anaphors of ``nt``, each in text order."""
        actors: list[ActorMatch] = []
        anaphors: list[AnaphorMention] = []
        for hit in self._hits(nt.text):
            offsets = _mention_offsets(nt, hit.norm_start, hit.norm_end)
            if hit.kind == "actor":
                entry = self.dictionary.default_entry(hit.key)
                actors.append(ActorMatch(*offsets, actor=entry, key=hit.key))
            elif hit.kind == "anaphor":
                name = self.dictionary.anaphor_class_of(hit.key)
                anaphors.append(AnaphorMention(*offsets, anaphor_class=name))
        return actors, anaphors

    def find(self, nt: NormalizedText) -> list[ActorMatch]:
        """Named actor mentions; generic ones unresolved (see ``resolve_mention``)."""
        return self.scan(nt)[0]

    def find_anaphors(self, nt: NormalizedText) -> list[AnaphorMention]:
        """Anaphoric mentions such as ``التنظيم`` or ``الحركة``."""
        return self.scan(nt)[1]
