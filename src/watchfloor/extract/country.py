"""Which country an article is about, from its evidence: never a default.

Evidence, strongest first: provinces and districts it names, towns, country names and
nationality words ("Nigerian troops"), the home country of the named groups it mentions,
and, only as a weak prior, the publisher's country. Places where somebody spoke count for
less than places where something happened. With no evidence the answer is None.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..geo.demonyms import find_nations
from ..models import Place
from .actors import ActorMention, actor_table

_PLACE_WEIGHT = {"admin1": 3.0, "admin2": 3.0, "city": 2.0, "country": 1.0}
_ROLE_FACTOR = {"speaker": 0.3, "dateline": 1.0}


def country_votes(text: str, places: list[Place], actors: list[ActorMention], *, lowercase: bool = False,
                  prior: str | None = None) -> Counter:
    votes: Counter = Counter()
    for p in places:
        if p.country and p.role != "nationality":  # nationality words are counted below
            votes[p.country] += _PLACE_WEIGHT.get(p.feature or "country", 1.0) * _ROLE_FACTOR.get(p.role, 1.0)
    for n in find_nations(text, lowercase=lowercase):
        if n.country and n.kind in ("adjective", "people"):
            votes[n.country] += 1.0
    for a in actors:
        if a.nation:
            continue  # counted with the nationality word
        home = _homes().get(a.name)
        if home:
            votes[home] += 1.0
    if prior:
        votes[prior] += 0.5
    return votes


def article_country(text: str, places: list[Place], actors: list[ActorMention], *, lowercase: bool = False,
                    prior: str | None = None) -> str | None:
    votes = country_votes(text, places, actors, lowercase=lowercase, prior=prior)
    return votes.most_common(1)[0][0] if votes else None


@lru_cache(maxsize=1)
def _homes() -> dict[str, str]:
    """Canonical group name -> the one country it operates in (a group in several: none)."""
    homes: dict[str, str] = {}
    for e in actor_table().entries:
        c = e.get("country")
        if isinstance(c, list):
            c = c[0] if len(c) == 1 else None
        if c:
            homes[e["name"]] = c
    return homes
