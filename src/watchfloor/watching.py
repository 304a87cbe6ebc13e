"""The watch: poll each feed or page when its state says, ingest (extract, merge) what is new,
then raise the alerts that are due, and remember all of it in the store so a restarted watch
resumes where it stopped and never repeats an alert. Shared by the CLI and the API."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from datetime import datetime, timezone

from .service import ingest
from .store import Store
from .watch.alerting import AlertRule, event_alerts, surge_alerts
from .watch.delivery import Alert, Delivery, send_email, send_webhook, write_log
from .watch.polling import FeedState, PollPolicy, due, next_due, poll

EVENTS_MARK = "events_checked"
# The longest sleep between rounds, so new feeds and stop signals are noticed.
MAX_NAP = 60.0
ROBOTS_REFRESH = 3600.0


@dataclass
class Round:
    """What one round of the watch did."""

    polled: list[tuple[str, str]] = field(default_factory=list)  # (feed, note)
    articles_added: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    alerts: list[tuple[Alert, list[Delivery]]] = field(default_factory=list)


def add_targets(store: Store, urls: list[str]) -> int:
    """Register feeds and pages to watch; those already watched keep their state."""
    now = datetime.now(timezone.utc)
    return sum(store.watch.add_feed(u, FeedState(url=u, next_poll=now).to_dict()) for u in urls)


def alert_rules(store: Store, settings: dict) -> list[AlertRule]:
    """The rules of the config (``[[alerts.rules]]``) and those added with ``alerts add``."""
    configured = [AlertRule.from_dict(r) for r in settings.get("alerts", {}).get("rules", [])]
    stored = [AlertRule.from_dict(r) for r in store.watch.rules()]
    names = {r.name for r in configured}
    return configured + [r for r in stored if r.name not in names]


def poll_due(store: Store, settings: dict, fetcher, now: datetime, rng: random.Random | None = None,
             round_: Round | None = None) -> Round:
    """Poll every feed that is due, and ingest what changed."""
    from .ingest import read_fetched

    round_ = round_ or Round()
    policy = PollPolicy.from_settings(settings.get("watch"))
    for key, raw in store.watch.feeds():
        state = FeedState.from_dict(raw)
        if not due(state, now):
            continue
        result = poll(fetcher, state, now, policy, rng)
        store.watch.save_feed(key, result.state.to_dict())
        round_.polled.append((key, result.note))
        if result.body is None:
            continue
        pages = fetcher if settings["fetch"]["fetch_feed_pages"] else None
        items = read_fetched(result.body, result.state.url, settings, url=result.url,
                             content_type=result.content_type or "", charset=result.charset, fetcher=pages)
        report = ingest(store, [], settings, items=items, jobs=1)
        round_.articles_added += report.added
        round_.events += report.events
        round_.errors.extend(f"{e.source}: {e.reason}" for e in report.errors)
    return round_


def _sent_for_event(store: Store, rule: str, event_id: str) -> int | None:
    """The level sent for an event, or for an event merged into it."""
    level = store.watch.sent_level(rule, event_id)
    if level is None:
        merged = [store.watch.sent_level(rule, alias) for alias in store.watch.merged_into(event_id)]
        level = max((m for m in merged if m is not None), default=None)
    return level


def due_alerts(store: Store, settings: dict, rules: list[AlertRule]) -> list[tuple[AlertRule, Alert]]:
    """Every alert due now: events changed since the last check, ongoing surges."""
    from . import trends
    from .analyze.surges import SurgeRule

    since = store.watch.mark(EVENTS_MARK)
    events = store.watch.events_changed_since(since)
    surge_rule = SurgeRule.from_settings(settings.get("surges"))
    out = []
    for rule in rules:
        if rule.kind in ("event", "toll"):
            out.extend((rule, a) for a in event_alerts(rule, events, partial(_sent_for_event, store, rule.name)))
        else:
            sent = partial(store.watch.sent_level, rule.name)
            found = trends.surges(store, by=rule.by, measure=rule.measure, rule=surge_rule, country=rule.country,
                                  admin1=rule.admin1, admin2=rule.admin2, actor=rule.actor,
                                  event_type=rule.event_type)
            ongoing = [trends.surge_dict(s, rule.by) for s in found if s.end is None]
            out.extend((rule, a) for a in surge_alerts(rule, ongoing, sent))
    return out


def deliver(alert: Alert, channels: list[str], settings: dict, echo: Callable[[str], None]) -> list[Delivery]:
    """Send one alert on each of its rule's channels."""
    cfg = settings.get("alerts", {})
    out = []
    for channel in channels:
        kind, _, target = channel.partition(":")
        if kind == "stdout":
            echo(alert.to_json())
            out.append(Delivery("stdout", True, 1, "printed"))
        elif kind == "log":
            out.append(write_log(alert, target))
        elif kind == "webhook":
            secret = os.environ.get("WATCHFLOOR_WEBHOOK_SECRET") or cfg.get("webhook_secret") or None
            out.append(send_webhook(target, alert, secret=secret, attempts=int(cfg.get("webhook_attempts", 4)),
                                    backoff=float(cfg.get("webhook_backoff", 1.0)),
                                    allow_private=bool(settings["fetch"]["allow_private"])))
        elif kind == "email":
            smtp = cfg.get("smtp", {})
            out.append(send_email(alert, host=smtp.get("host", "localhost"), port=int(smtp.get("port", 25)),
                                  sender=smtp.get("sender", "watchfloor@localhost"), to=[target],
                                  starttls=bool(smtp.get("starttls", False)), username=smtp.get("username") or None,
                                  password=os.environ.get("WATCHFLOOR_SMTP_PASSWORD") or smtp.get("password") or None))
    return out


def raise_alerts(store: Store, settings: dict, echo: Callable[[str], None], round_: Round | None = None) -> Round:
    """Deliver the alerts due and record each one delivered; one whose every channel failed
    is tried again next round."""
    round_ = round_ or Round()
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    failed = False
    for rule, alert in due_alerts(store, settings, alert_rules(store, settings)):
        deliveries = deliver(alert, rule.channels, settings, echo)
        round_.alerts.append((alert, deliveries))
        if any(d.ok for d in deliveries):
            subject = alert.key.split(":", 1)[1]
            store.watch.record_sent(rule.name, subject, alert.level, {"title": alert.title})
        else:
            failed = True
    if not failed:
        store.watch.set_mark(EVENTS_MARK, stamp)
    return round_


def watch(store: Store, settings: dict, *, once: bool = False, echo: Callable[[str], None] = print,
          on_round: Callable[[Round], None] | None = None, rounds: int | None = None,
          sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll, ingest and alert until stopped (``once``: one round; ``rounds``: that many)."""
    from .ingest import Fetcher

    rng = random.Random()
    done = 0
    while True:
        # a fetcher remembers robots.txt for its lifetime: a new one each hour reads it again
        with Fetcher(settings) as fetcher:
            opened = time.monotonic()
            while time.monotonic() - opened < ROBOTS_REFRESH:
                now = datetime.now(timezone.utc)
                round_ = poll_due(store, settings, fetcher, now, rng)
                raise_alerts(store, settings, echo, round_)
                if on_round:
                    on_round(round_)
                done += 1
                if once or (rounds is not None and done >= rounds):
                    return
                upcoming = next_due(FeedState.from_dict(raw) for _, raw in store.watch.feeds())
                wait = MAX_NAP if upcoming is None else (upcoming - datetime.now(timezone.utc)).total_seconds()
                sleep(min(MAX_NAP, max(0.5, wait)))


def feed_health(store: Store) -> list[dict]:
    """Each watched feed: where it is now, its status, failures, last and next poll."""
    out = []
    for key, raw in store.watch.feeds():
        state = FeedState.from_dict(raw)
        d = state.to_dict()
        d["registered"] = key
        out.append(d)
    return out

