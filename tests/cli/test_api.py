"""The HTTP API, served by a real uvicorn on 127.0.0.1 over a copy of the demo store: filters
and keyset pages, one event with its reports, the changes feed, facets, trends and surges;
malformed and hostile parameters; writes with and without a token; oversized bodies; the rate
limit; and the security headers on every response."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from pathlib import Path

import httpx
import pytest
from cli_support import serve_in_thread as _serve

from watchfloor.store import Store


@pytest.fixture(scope="module")
def api(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("api") / "api.db"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        token = store.tokens.create("tests")
    server, thread, base = _serve(db, writes_per_minute=1000)
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client, token, db
    server.should_exit = True
    thread.join(10)


def _all_pages(client: httpx.Client, **query) -> list[dict]:
    rows, url, params = [], "/api/events", {"_size": 7, **query}
    while url:
        got = client.get(url, params=params)
        assert got.status_code == 200, got.text
        body = got.json()
        rows += body["events"]
        url, params = body["next_url"], None
    return rows


def test_keyset_pages_cover_every_event_once_newest_first(api) -> None:
    client, _, db = api
    rows = _all_pages(client)
    with sqlite3.connect(db) as con:
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert len(rows) == total == len({r["id"] for r in rows})
    dates = [r["date"] or "" for r in rows]
    assert dates == sorted(dates, reverse=True)
    streamed = [json.loads(line) for line in client.get("/api/events.ndjson").text.splitlines()]
    assert [r["id"] for r in streamed] == [r["id"] for r in rows]


def test_filters_in_acled_style(api) -> None:
    client, _, _ = api
    two = _all_pages(client, country="Pakistan|Nigeria", event_date="2023-09-01|2024-06-30")
    assert two and all(r["country"] in ("Pakistan", "Nigeria") and "2023-09-01" <= r["date"] <= "2024-06-30"
                       for r in two)
    big = _all_pages(client, min_fatalities=10)
    assert big and all((r["fatalities"] or 0) >= 10 for r in big)
    boxed = _all_pages(client, bbox="60,24,72,37")  # around Pakistan
    assert boxed and all(60 <= r["longitude"] <= 72 and 24 <= r["latitude"] <= 37 for r in boxed)
    assert all(r["disputed"] for r in _all_pages(client, disputed="true"))
    convoy = _all_pages(client, q="convoy")
    assert convoy and len(convoy) < len(_all_pages(client))
    facets = client.get("/api/facets", params={"field": "country", "event_type": "Battles"}).json()["facets"]
    assert facets[0]["events"] >= facets[-1]["events"] and all(f["value"] for f in facets)


@pytest.mark.parametrize("query, message", [
    ({"_size": "lots"}, "_size: 'lots' is not a number"),
    ({"_size": "0"}, "_size: between 1 and 1000"),
    ({"event_date": "2024-13-01|2024-12-31"}, "event_date: '2024-13-01' is not a date"),
    ({"bbox": "1,2"}, "bbox: four numbers"),
    ({"_next": "not-a-cursor"}, "_next: not a cursor this API gave out"),
    ({"contry": "Pakistan"}, "unknown parameter 'contry'"),
    ({"disputed": "maybe"}, "disputed: use true or false"),
    ({"actor": "x" * 600}, "actor: longer than 500 characters"),
])
def test_malformed_parameters_get_a_400_with_a_message(api, query, message) -> None:
    client, _, _ = api
    got = client.get("/api/events", params=query)
    assert got.status_code == 400 and message in got.json()["error"], got.text


@pytest.mark.parametrize("value", ["x' OR 1=1 --", "\"; DROP TABLE events; --", "%_\\", "NEAR(a b) AND *",
                                   "\x1b[31mred", "<script>alert(1)</script>"])
def test_sql_and_fts_metacharacters_are_only_text(api, value) -> None:
    client, _, db = api
    for name in ("country", "admin1", "actor", "q", "sub_event_type"):
        got = client.get("/api/events", params={name: value})
        assert got.status_code == 200 and got.json()["events"] == [], (name, got.text)
    assert client.get("/api/claims", params={"text": value, "speaker": value}).status_code == 200
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_one_event_with_its_reports_text_and_evidence(api) -> None:
    client, _, _ = api
    merged = next(r for r in _all_pages(client, country="Pakistan") if r["source_count"] >= 3)
    got = client.get(f"/api/events/{merged['id']}").json()
    assert got["event"]["id"] == merged["id"] and len(got["reports"]) >= 3
    report = got["reports"][0]
    assert report["text"] and report["evidence"]
    start, end = report["evidence"]["location"][0]
    assert report["event"]["location"] or report["text"][start:end]
    assert got["history"][0]["change"] in ("created", "imported", "split")
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404 and missing.json() == {"error": "no event has the id 'nope'", "status": 404}


def test_changes_feed_gives_what_changed_and_where_to_continue(api) -> None:
    client, _, _ = api
    everything = client.get("/api/changes").json()
    assert everything["updated"] and everything["next_since"]
    later = client.get("/api/changes", params={"since": everything["next_since"]}).json()
    assert len(later["updated"]) <= len(everything["updated"])
    assert client.get("/api/changes", params={"sinse": "x"}).status_code == 400


def test_trends_surges_claims_and_the_ledger(api) -> None:
    client, _, _ = api
    trend = client.get("/api/trends", params={"every": "month", "by": "country", "top": 3}).json()
    assert trend["interval"] == "month" and trend["rows"]
    compared = client.get("/api/trends", params={"a": "2024-01-01..2024-06-30", "b": "2023-01-01..2023-06-30"}).json()
    assert "rate_ratio" in compared["groups"][0]["events"]
    assert isinstance(client.get("/api/surges", params={"by": "admin1"}).json(), list)
    assert client.get("/api/trends", params={"every": "year"}).status_code == 400
    assert client.get("/api/claims", params={"stance": "denies"}).json()["claims"]
    assert client.get("/api/propositions").json()["propositions"]


def test_writes_need_a_valid_token(api) -> None:
    client, token, _ = api
    assert client.post("/api/feeds", json={"url": "https://example.org/feed"}).status_code == 401
    wrong = client.post("/api/feeds", json={"url": "https://example.org/feed"}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    auth = {"Authorization": f"Bearer {token}"}
    added = client.post("/api/feeds", json={"url": "https://example.org/feed"}, headers=auth)
    assert added.status_code == 201 and added.json()["added"]
    assert any(f["url"] == "https://example.org/feed" for f in client.get("/api/feeds").json())
    bad_url = client.post("/api/feeds", json={"url": "file:///etc/passwd"}, headers=auth)
    assert bad_url.status_code == 400
    rule = client.post("/api/alerts/rules", json={"name": "api-rule", "kind": "toll", "toll": 20}, headers=auth)
    assert rule.status_code == 201 and rule.json()["toll"] == 20
    assert client.post("/api/alerts/rules", json={"name": "r", "kind": "often"}, headers=auth).status_code == 400
    assert client.delete("/api/alerts/rules/api-rule", headers=auth).status_code == 200


def test_ingest_by_json_and_refusals(api) -> None:
    client, token, _ = api
    auth = {"Authorization": f"Bearer {token}"}
    article = {"title": "Gunmen kill two guards at a school in Mardan",
               "text": "MARDAN: Gunmen killed two security guards at a private school in Mardan district on "
                       "Wednesday morning, police said. The attackers escaped on a motorcycle.",
               "published": "2024-11-20", "url": "https://api-test.example/mardan"}
    got = client.post("/api/ingest", json={"articles": [article]}, headers=auth)
    assert got.status_code == 202, got.text
    job = got.json()
    deadline = time.monotonic() + 120
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(job["status_url"]).json()
    assert job["status"] == "done" and job["progress"]["added"] == 1 and job["progress"]["events"] == 1
    again = client.post("/api/ingest?wait=true", json={"articles": [article]}, headers=auth).json()
    assert again["status"] == "done" and again["progress"]["duplicates"] == 1
    redo = client.post("/api/extract?wait=true", headers=auth).json()
    assert redo["status"] == "done" and redo["kind"] == "extract"
    assert client.get("/api/jobs/job-999").status_code == 404
    assert client.post("/api/ingest", content=b"", headers=auth).status_code == 400
    huge = client.post("/api/ingest", content=b"x" * 10_000_001, headers=auth)
    assert huge.status_code == 413
    sneaky = client.post("/api/ingest?name=../../etc/passwd", content=b"<html></html>", headers=auth)
    assert sneaky.status_code == 400 and "not a path" in sneaky.json()["error"]
    assert client.post("/api/ingest", content=b"{not json", headers={**auth, "Content-Type": "application/json"}
                       ).status_code == 400


def test_security_headers_and_the_openapi_document(api) -> None:
    client, _, _ = api
    got = client.get("/openapi.json")
    assert got.status_code == 200 and "/api/events" in got.json()["paths"]
    csp = got.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src" not in csp.replace("default-src", "")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/nothing-here").json()["status"] == 404


def test_writes_are_rate_limited(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "limited.db"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        token = store.tokens.create("burst")
    server, thread, base = _serve(db, writes_per_minute=3)
    try:
        auth = {"Authorization": f"Bearer {token}"}
        codes = [httpx.post(f"{base}/api/feeds", json={"url": f"https://example.org/{i}"}, headers=auth).status_code
                 for i in range(5)]
        assert codes == [201, 201, 201, 429, 429]
    finally:
        server.should_exit = True
        thread.join(10)


def test_private_reads_need_a_token(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "private.db"
    shutil.copy(demo_db, db)
    server, thread, base = _serve(db, private_reads=True)
    try:
        assert httpx.get(f"{base}/api/events").status_code == 401
    finally:
        server.should_exit = True
        thread.join(10)


def test_exports_in_every_format_and_no_path_tricks(api) -> None:
    client, _, _ = api
    acled = client.get("/api/export/events.acled")
    assert acled.status_code == 200 and acled.text.splitlines()[0].startswith("event_id_cnty,event_date,year")
    assert client.get("/api/export/events.parquet").content[:4] == b"PAR1"
    assert client.get("/api/export/claims.jsonl").text.count("\n") > 10
    for bad in ("/api/export/..%2F..%2Fetc%2Fpasswd.csv", "/api/export/events.exe", "/api/export/secrets.csv"):
        got = client.get(bad)
        assert got.status_code == 404 and "error" in got.json(), bad


def test_articles_by_text_and_by_id_with_their_extraction(api) -> None:
    client, _, _ = api
    found = client.get("/api/articles", params={"q": "convoy Bannu"}).json()["articles"]
    assert found
    got = client.get(f"/api/articles/{found[0]['id']}").json()
    assert got["article"]["text"] and "places" in got["extraction"] and got["events"]
    assert client.get("/api/articles/none").status_code == 404
    assert client.get("/api/articles").status_code == 400
    assert client.get("/api/stats").json()["events"] > 0


def test_deleting_an_article_removes_only_what_it_alone_supported(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "delete.db"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        token = store.tokens.create("delete")
        events = store.events()
        shared = next(e for e in events if e["source_count"] >= 3 and len(e["articles"]) >= 3)
        alone = next(e for e in events if len(e["articles"]) == 1 and e["origin"] == "extracted")
    server, thread, base = _serve(db)
    try:
        auth = {"Authorization": f"Bearer {token}"}
        assert httpx.delete(f"{base}/api/articles/{alone['articles'][0]}").status_code == 401
        gone = httpx.delete(f"{base}/api/articles/{alone['articles'][0]}", headers=auth)
        assert gone.status_code == 200, gone.text
        assert httpx.get(f"{base}/api/events/{alone['id']}").status_code == 404
        first = shared["articles"][0]
        assert httpx.delete(f"{base}/api/articles/{first}", headers=auth).status_code == 200
        kept = httpx.get(f"{base}/api/events/{shared['id']}").json()
        assert first not in kept["event"]["articles"] and len(kept["event"]["articles"]) == len(shared["articles"]) - 1
        assert httpx.delete(f"{base}/api/articles/{first}", headers=auth).status_code == 404
    finally:
        server.should_exit = True
        thread.join(10)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM event_reports WHERE article_id = ?", (first,)).fetchone()[0] == 0


def test_sorting_sources_actors_places_and_filtered_exports(api) -> None:
    client, _, _ = api
    by_toll = _all_pages(client, _sort="-fatalities")
    tolls = [r["fatalities"] or 0 for r in by_toll]
    assert tolls == sorted(tolls, reverse=True) and len(by_toll) == len({r["id"] for r in by_toll})
    assert client.get("/api/events", params={"_sort": "size"}).status_code == 400
    page = client.get("/api/events", params={"_size": 3}).json()
    other = client.get("/api/events", params={"_size": 3, "_sort": "fatalities", "_next": page["next"]})
    assert other.status_code == 400  # a cursor belongs to its order
    outlet = by_toll[0]["sources"][0]["publisher"]
    assert all(any(outlet in (s.get("publisher") or "") for s in r["sources"])
               for r in _all_pages(client, source=outlet))
    actors = client.get("/api/actors", params={"q": "Pakistan"}).json()["actors"]
    assert actors and all("Pakistan" in a["name"] for a in actors)
    assert client.get("/api/places").json()["places"][0]["mentions"] >= 1
    exported = client.get("/api/export/events.csv", params={"country": "Nigeria"}).text.splitlines()
    assert len(exported) - 1 == len(_all_pages(client, country="Nigeria")) > 0
    assert client.get("/api/export/claims.csv", params={"country": "Nigeria"}).status_code == 400


def test_api_lists_its_routes(api) -> None:
    client, _, _ = api
    got = client.get("/api").json()
    assert got["openapi"] == "/openapi.json" and "/api/events" in got["api"] and "/api/jobs/{job_id}" in got["api"]


def test_a_configured_basemap_is_the_only_other_origin_allowed(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "basemap.db"
    shutil.copy(demo_db, db)
    server, thread, base = _serve(db, basemap_url="https://tiles.example.org/{z}/{x}/{y}.png",
                                  basemap_attribution="Example tiles")
    try:
        got = httpx.get(f"{base}/api/dashboard")
        assert got.json() == {"basemap_url": "https://tiles.example.org/{z}/{x}/{y}.png",
                              "basemap_attribution": "Example tiles"}
        assert "img-src 'self' data: https://tiles.example.org" in got.headers["content-security-policy"]
        assert "script-src" not in got.headers["content-security-policy"]
    finally:
        server.should_exit = True
        thread.join(10)
