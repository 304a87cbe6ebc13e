"""Place mentions: find them, resolve them with context, and say what role each plays.

A place can be where something happened ("event"), where somebody spoke ("speaker":
"told reporters in Islamabad"), the dateline ("dateline": "QUETTA —"), or anything else.
Ambiguous names are resolved with the article's country and province mentions, never by
the first gazetteer hit.
"""

from __future__ import annotations

import re
from collections import Counter

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


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _DATELINE.finditer(text[:2000]):
        if m.start() > 600:  # only the first paragraphs carry a dateline
            break
        spans.append((m.start(1), m.end(1)))
    return spans


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
    spans = gaz.match_spans(text, case_insensitive=lowercase)
    exclude = exclude or []
    spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in exclude)]
    if not spans:
        return []

    # Context: which countries and provinces does the article talk about?
    first_pass = [(s, gaz.resolve(s[2], country=None)) for s in spans]
    countries = Counter(c.country for _, c in first_pass if c is not None and c.kind == "country")
    country = countries.most_common(1)[0][0] if countries else default_country
    if country != default_country and default_country in countries:
        country = default_country
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
            cand = gaz.resolve(surface, country=None)
        if cand is None:
            continue
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
