"""Actors: find mentions of armed groups, forces and civilians, and name them canonically."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# ACLED actor types (the digit in the interaction code).
STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)


@dataclass(frozen=True)
class ActorMention:
    name: str  # canonical, with "{country}" still unfilled
    kind: int
    start: int
    end: int
    text: str

    def canonical(self, country: str | None) -> str:
        return self.name.replace("{country}", country or "Pakistan")

    @property
    def named_group(self) -> bool:
        """A specific organization, not a generic description like "gunmen"."""
        return "{country}" not in self.name or self.kind == STATE


@dataclass
class ActorTable:
    entries: list[dict]
    pattern_ci: re.Pattern  # aliases, case-insensitive
    pattern_cs: re.Pattern | None  # acronyms, capitals only
    lookup: dict[str, dict]


def _load_entries(extra_file: str | Path | None) -> list[dict]:
    text = resources.files("watchfloor.data").joinpath("actors.toml").read_text(encoding="utf-8")
    entries = tomllib.loads(text)["actor"]
    if extra_file:
        with open(extra_file, "rb") as fh:
            entries = tomllib.load(fh).get("actor", []) + entries  # user entries win
    return entries


@lru_cache(maxsize=4)
def actor_table(extra_file: str | None = None) -> ActorTable:
    entries = _load_entries(extra_file)
    lookup: dict[str, dict] = {}
    acronyms: dict[str, dict] = {}
    for entry in entries:
        for alias in [entry["name"].split(":")[-1].strip(), *entry.get("aliases", [])]:
            if "{country}" not in alias:
                lookup.setdefault(alias.casefold(), entry)
        for acr in entry.get("acronyms", []):
            acronyms.setdefault(acr, entry)
            lookup.setdefault(acr.casefold(), entry)
    # Longest alias first so "Pakistani Taliban" wins over "Taliban".
    ci = sorted(lookup, key=len, reverse=True)
    pattern_ci = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in ci) + r")(?![\w-])", re.I)
    pattern_cs = (
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True)) + r")(?![\w-])")
        if acronyms else None
    )
    return ActorTable(entries, pattern_ci, pattern_cs, {**lookup, **{k: v for k, v in acronyms.items()}})


def find_actors(text: str, offset: int = 0, extra_file: str | None = None,
                lowercase: bool = False) -> list[ActorMention]:
    """Actor mentions in text order; an acronym counts only in capitals (TTP, not "ttp"),
    unless the whole text is lower-cased (some wire archives are), when case says nothing."""
    table = actor_table(extra_file)
    found: dict[int, ActorMention] = {}
    if table.pattern_cs:
        for m in table.pattern_cs.finditer(text):
            e = table.lookup[m.group(0)]
            found[m.start()] = ActorMention(e["name"], e["kind"], offset + m.start(), offset + m.end(), m.group(0))
    for m in table.pattern_ci.finditer(text):
        key = m.group(0).casefold()
        e = table.lookup.get(key)
        if e is None or m.start() in found:
            continue
        # Lower-case acronyms in running text are usually ordinary words ("bra", "fc").
        if not lowercase and key.upper() in e.get("acronyms", []) and not m.group(0).isupper() and len(key) <= 5:
            continue
        found[m.start()] = ActorMention(e["name"], e["kind"], offset + m.start(), offset + m.end(), m.group(0))
    # Drop mentions nested inside a longer one.
    out: list[ActorMention] = []
    for mention in sorted(found.values(), key=lambda a: (a.start, -(a.end - a.start))):
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


def interaction(kind1: int | None, kind2: int | None) -> int | None:
    """ACLED interaction code: the two actor types, lower first; one-sided events end in 0."""
    if kind1 is None:
        return None
    if kind2 is None:
        return kind1 * 10
    a, b = sorted((kind1, kind2))
    return a * 10 + b
