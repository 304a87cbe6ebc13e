"""Place mentions: find them, resolve them with context, and say what role each plays.

A place can be where something happened ("event"), where somebody spoke ("speaker":
"told reporters in Islamabad"), the dateline ("dateline": "QUETTA —"), or anything else.
Ambiguous names are resolved with the article's country and province mentions, never by
the first gazetteer hit.
"""

from __future__ import annotations

import re
from collections import Counter

from ..geo import is_plausible_place
from spacy.lang.en.stop_words import STOP_WORDS

from ..models import Place

# A place right after these words is where somebody spoke, not where something happened.
_SPEAKER_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|telling|spoke|speaking|addressing|addressed|announced|stated|remarked|"
    r"statement|press\s+conference|news\s+conference|press\s+briefing|briefing|remarks|interview|"
    r"news\s+briefing|presser|media\s+talk|talking\s+to\s+(?:reporters|journalists|the\s+media)|"
    r"representatives|reporters|journalists|media|meeting|summit|ceremony|event|session|parliament|assembly)"
    r"\b[^.;!?]{0,50}?\b(?:in|at|from)\s+(?:the\s+(?:capital|city\s+of|provincial\s+capital)\s*,?\s*)?$",
    re.I,
)
# "ISLAMABAD —", "QUETTA:", "Peshawar, Sept 2 (Reuters) -" at the start of a paragraph.
_DATELINE = re.compile(r"^[ \t]*([A-Z][A-Za-z .'-]{2,40}?)(?:\s*,\s*[^\n]{0,40}?)?\s*(?:\([^)]{1,30}\)\s*)?[—–:-]+\s", re.M)


_DISTRICT_AFTER = re.compile(r"\s+(?:district|agency|tribal\s+district|division)\b", re.I)


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _DATELINE.finditer(text[:2000]):
        if m.start() > 600:  # only the first paragraphs carry a dateline
            break
        spans.append((m.start(1), m.end(1)))
    return spans


# A capitalized word right before a name ("Anwaar-ul-Haq Kakar", "Gen. Asim Munir") or a
# speech verb right after it ("Kakar said") makes the name a person's, wherever it recurs.
_NAME_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Brig|Sgt|Justice|Senator|Minister|President|"
                          r"Premier|Chief|Commander|Spokesman|Spokesperson|Governor|Maulana|Mufti|Sheikh|Syed|Sardar|"
                          r"Nawab|Mir|Malik|Khan|Haji|Qari|Mullah|Hafiz)\.?|[A-Z][a-z]+(?:-[a-z]+-[A-Z][a-z]+)?)\s+$")
_NAME_AFTER = re.compile(r"^(?:'s)?\s*,?\s+(?:said|says|told|added|stated|claimed|noted|wrote|argued|asserted|denied|"
                         r"insisted|warned|explained|remarked|declared|who\s+(?:is|was|heads|leads))\b")
_NOT_NAMES = {"The", "In", "On", "At", "From", "Near", "Of", "And", "But", "For", "To", "By", "With", "As",
              "A", "An", "Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East",
              "West", "Upper", "Lower", "Greater", "Old", "New", "Pakistani", "Afghan", "Iranian", "Indian",
              "Home", "Province", "District", "Capital", "City", "Town", "Village", "Tehsil", "Agency"}


def _person_names(text: str, spans) -> set[str]:
    people = set()
    for start, end, surface in spans:
        before = _NAME_BEFORE.search(text[max(0, start - 40): start])
        if before:
            word = before.group(0).strip().rstrip(".")
            line_start = text.rfind("\n", 0, start) + 1
            at_sentence_start = not text[line_start:start - len(before.group(0))].strip() or re.search(
                r"[.!?\"“]\s*$", text[max(0, start - len(before.group(0)) - 3): start - len(before.group(0))])
            if word not in _NOT_NAMES and not (at_sentence_start and word in _NOT_NAMES):
                if not re.search(r"\b(?:in|at|of|from|near|to)\s+\S+\s+$", text[max(0, start - 40): start]):
                    people.add(surface)
        if _NAME_AFTER.match(text[end: end + 30]) and not re.search(
                r"\b(?:in|at|from|near|of|to|across|outside|inside)\s+(?:the\s+)?$", text[max(0, start - 15): start], re.I):
            people.add(surface)  # "Kakar said"; but "an official in D.I. Khan told" names a place
    return people


def find_places(
    text: str,
    *,
    default_country: str = "PK",
    lowercase: bool = False,
    exclude: list[tuple[int, int]] | None = None,
) -> list[Place]:
    """Every resolvable place mention in ``text`` with its role (event roles are set later)."""
    from ..geo import get_gazetteer  # loaded on first use: the index takes a second

    gaz = get_gazetteer()
    spans = gaz.match_spans(text, case_sensitive=not lowercase)
    exclude = exclude or []
    spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in exclude)]
    people = _person_names(text, spans)
    spans = [s for s in spans if s[2] not in people and is_plausible_place(s[2])
             and not (" " not in s[2] and s[2].lower() in STOP_WORDS)]
    if not spans:
        return []

    # Context: which countries and provinces does the article talk about?
    first_pass = [(s, gaz.resolve(s[2], country=None)) for s in spans]
    # Votes: a province or district names its country more surely than a country name does
    # ("Afghanistan" is mentioned in most Pakistani security stories).
    weight = {"country": 1, "admin1": 3, "admin2": 3, "city": 1}
    countries: Counter = Counter()
    for _, c in first_pass:
        if c is not None and c.country:
            countries[c.country] += weight.get(c.kind, 1)
    countries[default_country] += 0.5  # ties go to the default
    country = countries.most_common(1)[0][0]
    provinces = Counter(
        c.admin1 for _, c in first_pass if c is not None and c.kind == "admin1" and c.country == country
    )
    datelines = _dateline_spans(text)
    dateline_point = None

    places: list[Place] = []
    for start, end, surface in spans:
        # The nearest province named in the same sentence (or the article's commonest) breaks ties.
        window = text[max(0, start - 150): end + 150]
        local = [p for p in provinces if p and p.lower() in window.lower()]
        admin1 = local[0] if local else (provinces.most_common(1)[0][0] if provinces else None)
        cand = gaz.resolve(surface, country=country, admin1=admin1, near=dateline_point)
        if cand is None:
            # Outside the article's country only what is well known, or in a country it names
            # ("Kabul" when Afghanistan is mentioned), never a hamlet on another continent.
            cand = gaz.resolve(surface, country=None)
            if cand is not None and not (
                cand.kind in ("country", "admin1") or (cand.population or 0) >= 100_000 or cand.country in countries
            ):
                cand = None
        if cand is None:
            continue
        if surface.isupper() and len(surface) <= 5 and cand.kind not in ("country", "admin1") and not any(
            a <= start and end <= b for a, b in datelines
        ):
            continue  # "NATO", "ISPR": acronyms are organizations unless a dateline
        if cand.kind == "city" and _DISTRICT_AFTER.match(text, end) and cand.admin2:
            district = next((c for c in gaz.candidates(cand.admin2, cand.country)
                             if c.kind == "admin2" and c.admin1 == cand.admin1), None)
            if district is not None:
                cand = district
        role = "other"
        if any(a <= start and end <= b for a, b in datelines):
            role = "dateline"
            if cand.latitude is not None:
                dateline_point = (cand.latitude, cand.longitude)
        elif _SPEAKER_BEFORE.search(text[max(0, start - 90): start]):
            role = "speaker"
        places.append(
            Place(
                text=text[start:end], start=start, end=end, name=cand.name, admin1=cand.admin1,
                admin2=cand.admin2, country=cand.country, iso3=cand.iso3, latitude=cand.latitude,
                longitude=cand.longitude, geonameid=cand.geonameid, feature=cand.kind, role=role,
            )
        )
    return places
