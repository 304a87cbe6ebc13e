"""Which country an article is about, from its evidence: never a default.

Evidence, strongest first: provinces and districts it names, towns, country names and
nationality words ("Nigerian troops"), the countries the named groups it mentions operate
in, local-government unit words, national parties and peoples ("upazila", "Awami League",
"Fulani"), places inside institutions' names ("Addis Ababa University"), and,
only as a weak prior, the publisher's country. Places where somebody spoke count for less
than places where something happened. With no evidence the answer is None.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ..geo import norm
from ..geo.demonyms import find_nations, nation_weight
from ..geo.names import strip_generic
from ..geo.national_terms import find_national_terms
from ..models import Place
from .actors import ActorMention, actor_table
from .places import _KNOWN_TOWN, organization_votes

_PLACE_WEIGHT = {"admin1": 3.0, "admin2": 3.0, "city": 2.0, "country": 1.0}
# A town this big says half as much as a known one (places._KNOWN_TOWN), a smaller one half.
_MID_TOWN = 10_000
_ROLE_FACTOR = {"speaker": 0.3, "dateline": 1.0, "reference": 0.5, "near": 0.8}
# A group active in several countries shares its vote among them; the first listed (where it
# began) breaks ties.
_HOME_FIRST = 0.05


def context_votes(text: str, actors: list[ActorMention], *, lowercase: bool = False) -> Counter:
    """Evidence that is not a place name: named groups' countries, unit words, parties,
    peoples, and places inside institutions' names."""
    votes: Counter = Counter()
    for a in actors:
        if a.nation:
            continue  # counted with the nationality word
        _share(votes, _group_countries().get(a.name, ()))
    for t in find_national_terms(text, lowercase=lowercase):
        _share(votes, t.countries)
    votes.update(organization_votes(text, lowercase=lowercase))
    return votes


def _share(votes: Counter, codes: tuple[str, ...]) -> None:
    for i, code in enumerate(codes):
        votes[code] += 1.0 / len(codes) + (_HOME_FIRST if i == 0 and len(codes) > 1 else 0.0)


def _place_weight(p: Place) -> float:
    """A province or district says most; a town says more the better known it is: a village
    found in one country's list may as well be a namesake the gazetteer lacks."""
    if p.feature == "city":
        pop = p.population or 0
        weight = _PLACE_WEIGHT["city"] if pop >= _KNOWN_TOWN else (1.5 if pop >= _MID_TOWN else 1.0)
        # a town found only by another spelling ("Inata" for Japan's Inada) may be a different place
        return weight if strip_generic(norm(p.text)) == strip_generic(norm(p.name or "")) else weight / 2
    return _PLACE_WEIGHT.get(p.feature or "country", 1.0)


def country_votes(text: str, places: list[Place], actors: list[ActorMention], *, lowercase: bool = False,
                  prior: str | None = None, context: Counter | None = None) -> Counter:
    votes: Counter = Counter()
    for p in places:
        if p.country and p.role != "nationality":  # nationality words are counted below
            votes[p.country] += _place_weight(p) * _ROLE_FACTOR.get(p.role, 1.0)
    for n in find_nations(text, lowercase=lowercase):
        if n.country and n.kind in ("adjective", "people"):
            votes[n.country] += nation_weight(text, n)
    votes.update(context if context is not None else context_votes(text, actors, lowercase=lowercase))
    if prior:
        votes[prior] += 0.5
    return votes


def article_country(text: str, places: list[Place], actors: list[ActorMention], *, lowercase: bool = False,
                    prior: str | None = None, context: Counter | None = None) -> str | None:
    votes = country_votes(text, places, actors, lowercase=lowercase, prior=prior, context=context)
    return votes.most_common(1)[0][0] if votes else None


@lru_cache(maxsize=1)
def _group_countries() -> dict[str, tuple[str, ...]]:
    """Canonical group name -> the countries it operates in, where it began first."""
    out: dict[str, tuple[str, ...]] = {}
    for e in actor_table().entries:
        c = e.get("country")
        codes = tuple(c) if isinstance(c, list) else ((c,) if c else ())
        if codes:
            out[e["name"]] = codes
    return out
