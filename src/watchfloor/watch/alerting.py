"""Alert rules and what they raise: pure functions from rules, merged events and surges to
the alerts due, given what was already sent. One alert per event or surge, and an update only
when it grows, never one per report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from .delivery import Alert

RULE_KINDS = ("event", "surge", "toll")
# A surge is raised again when its observed count has grown by half since the last alert.
SURGE_GROWTH = 1.5


@dataclass
class AlertRule:
    """``event``: a new event matching the filters (raised again when its toll grows);
    ``surge``: a surge starting in a matching region; ``toll``: an event whose toll passes
    ``toll``. Channels: ``stdout``, ``log:PATH``, ``webhook:URL``, ``email:ADDRESS``."""

    name: str
    kind: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    actor: str | None = None
    event_type: str | None = None
    min_fatalities: int = 0
    toll: int | None = None
    by: str = "admin1"
    measure: str = "events"
    channels: list[str] = field(default_factory=lambda: ["stdout"])

    def __post_init__(self) -> None:
        if self.kind not in RULE_KINDS:
            raise ValueError(f"alert rule {self.name!r}: kind must be one of {', '.join(RULE_KINDS)}, not {self.kind!r}")
        if self.kind == "toll" and not self.toll:
            raise ValueError(f"alert rule {self.name!r}: a toll rule needs toll = N (the toll to pass)")
        if self.by not in ("country", "admin1", "admin2"):
            raise ValueError(f"alert rule {self.name!r}: by must be country, admin1 or admin2")
        for channel in self.channels:
            kind, _, target = channel.partition(":")
            if kind not in ("stdout", "log", "webhook", "email") or (kind != "stdout" and not target):
                raise ValueError(f"alert rule {self.name!r}: unknown channel {channel!r} "
                                 "(stdout, log:PATH, webhook:URL or email:ADDRESS)")

    @classmethod
    def from_dict(cls, data: dict) -> "AlertRule":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"alert rule {data.get('name')!r}: unknown setting {unknown[0]!r}")
        return cls(**known)

    def spec(self) -> dict:
        d = asdict(self)
        d.pop("name"), d.pop("kind")
        return d

    def region_matches(self, place: dict) -> bool:
        return all(want is None or (place.get(k) or "").casefold() == want.casefold()
                   for k, want in (("country", self.country), ("admin1", self.admin1), ("admin2", self.admin2)))

    def event_matches(self, e: dict) -> bool:
        if not self.region_matches(e):
            return False
        if self.event_type and (e.get("event_type") or "").casefold() != self.event_type.casefold():
            return False
        if self.actor and not any(self.actor.casefold() in (e.get(a) or "").casefold() for a in ("actor1", "actor2")):
            return False
        return (e.get("fatalities") or 0) >= self.min_fatalities


def _event_payload(e: dict) -> dict:
    keep = ("id", "date", "event_type", "sub_event_type", "location", "admin2", "admin1", "country", "actor1",
            "actor2", "fatalities", "fatalities_low", "fatalities_high", "fatalities_best", "disputed", "source_count",
            "articles", "notes", "latitude", "longitude")
    return {k: e.get(k) for k in keep}


def _where(e: dict) -> str:
    return ", ".join(x for x in (e.get("location"), e.get("admin1"), e.get("country")) if x) or "unknown place"


def event_alerts(rule: AlertRule, events: Iterable[dict], sent: Callable[[str], int | None]) -> list[Alert]:
    """Alerts for new or grown events under an ``event`` or ``toll`` rule. ``sent(subject)``
    gives the level already sent for an event id (or one merged into it), or None."""
    out = []
    for e in events:
        if not rule.event_matches(e):
            continue
        killed = e.get("fatalities") or 0
        if rule.kind == "toll" and killed < rule.toll:
            continue
        level = killed + 1  # 1 for an event with no deaths: the first alert
        before = sent(e["id"])
        if before is not None and level <= before:
            continue
        update = before is not None
        what = f"{e.get('sub_event_type') or e.get('event_type') or 'event'} in {_where(e)} on {e.get('date')}"
        title = (f"toll now {killed}: " if update else (f"toll passed {rule.toll}: " if rule.kind == "toll" else "")) \
            + f"{what}, {killed} killed"
        out.append(Alert(kind="toll" if rule.kind == "toll" else "event", key=f"{rule.name}:{e['id']}", level=level,
                         title=title, payload={"rule": rule.name, "update": update, "event": _event_payload(e)}))
    return out


def surge_alerts(rule: AlertRule, surges: Iterable[dict], sent: Callable[[str], int | None]) -> list[Alert]:
    """Alerts for surges (``trends.surge_dict`` shapes) starting in matching regions, and an
    update when an ongoing one has grown by half."""
    out = []
    for s in surges:
        if not rule.region_matches(s["region"]):
            continue
        region = ", ".join(x for x in (s["region"].get("admin2"), s["region"].get("admin1"), s["region"].get("country"))
                           if x)
        subject = f"{region}|{s['first_alarm']}"
        before = sent(subject)
        if before is not None and s["observed"] < before * SURGE_GROWTH:
            continue
        title = (f"surge growing in {region}" if before is not None else f"surge in {region}") + \
            f" since {s['start']}: {s['observed']} {s['measure']} against {s['expected']:.1f} expected"
        out.append(Alert(kind="surge", key=f"{rule.name}:{subject}", level=int(s["observed"]), title=title,
                         payload={"rule": rule.name, "update": before is not None,
                                  "surge": {k: v for k, v in s.items() if k != "events"},
                                  "events": s["events"][-50:]}))
    return out
