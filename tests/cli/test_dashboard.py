"""The dashboard in Debian's headless Chromium (driven by Selenium with the system
chromedriver; nothing downloads a browser), over a copy of the demo store plus one hostile
article: each view loads, the timeline's brush filters the table, an event shows its reports
with the evidence highlighted, and nothing the hostile article says runs or renders as markup.
Screenshots of the views go to tests/artifacts/."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import httpx
import pytest
from cli_support import serve_in_thread

from watchfloor.store import Store

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Gunmen kill three guards at a Bannu checkpoint'
HOSTILE_TEXT = ("BANNU: Gunmen killed three police guards at a checkpoint in Bannu district on Tuesday, "
                "officials said. <script>window.__pwned=2</script> <b onmouseover=\"window.__pwned=3\">The attackers "
                "fled</b> into nearby fields before reinforcements arrived.")

pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")


HOSTILE_ROW = {"event_id_cnty": "XYZ666", "event_date": "2024-11-20", "year": "2024", "time_precision": "1",
               "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
               "actor1": '<img src=x onerror="window.__pwned=5">', "inter1": "Rebel group",
               "actor2": "Military Forces of Exampleland (2020-)", "inter2": "State forces", "iso": "999",
               "country": "Exampleland", "admin1": "Hill", "location": "<script>window.__pwned=6</script>Rivertown",
               "latitude": "31.5", "longitude": "-70.2", "geo_precision": "3", "source": "<b>Example</b> Times",
               "notes": '<a href="javascript:window.__pwned=7">click</a>', "fatalities": "2", "timestamp": "1700000000"}


def _import_hostile_row(db: Path, folder: Path) -> None:
    """An ACLED row whose fields carry markup: imports keep fields as they are, so this reaches
    the dashboard raw (ingested articles lose their markup before they are stored)."""
    import csv

    from watchfloor.exchange.acled import COLUMNS
    from watchfloor.service import import_events

    path = folder / "hostile.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow({c: HOSTILE_ROW.get(c, "") for c in COLUMNS})
    with Store(db) as store:
        assert import_events(store, str(path), "acled").new == 1


@pytest.fixture(scope="module")
def site(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("dashboard")
    db = folder / "dash.db"
    shutil.copy(demo_db, db)
    _import_hostile_row(db, folder)
    with Store(db) as store:
        token = store.tokens.create("dashboard-tests")
    server, thread, base = serve_in_thread(db)
    job = httpx.post(f"{base}/api/ingest?wait=true", timeout=120, headers={"Authorization": f"Bearer {token}"},
                     json={"articles": [{"title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "published": "2024-11-19",
                                         "url": "javascript:window.__pwned=4"}]}).json()
    assert job["status"] == "done" and job["progress"]["events"] == 1, job
    TOKENS[base] = token
    yield base
    server.should_exit = True
    thread.join(10)


TOKENS: dict[str, str] = {}


def site_token(base: str) -> str:
    return TOKENS[base]


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()


def _wait(driver, script: str, seconds: float = 30):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never true: {script}")


def _shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"dashboard-{name}.png"))


def _problems(driver) -> list[str]:
    """Console errors other than the browser's own notes (CSP violations land here)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_events_view_map_timeline_table_and_brushing(site, browser) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    _wait(browser, "return document.body.dataset.ready")
    rows = browser.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
    assert len(rows) > 50
    assert browser.find_elements(By.CSS_SELECTOR, ".marker-cluster, .event-point, .event-area")
    # the outlines lie in their own pane below the events: every country, and the provinces of
    # the countries with events (Pakistan's among them)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".leaflet-outlines-pane path.outline-country")) > 150
    assert len(browser.find_elements(By.CSS_SELECTOR, ".leaflet-outlines-pane path.outline-province")) > 100
    assert browser.execute_script("return state.provinces.getLayers().some(l => l.feature.properties.name === 'Punjab' "
                                  "&& l.feature.properties.country === 'PK')")
    assert "GeoNames" in browser.find_element(By.CSS_SELECTOR, ".leaflet-control-attribution").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline .bar")) > 50
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline .deaths") and \
        browser.find_elements(By.CSS_SELECTOR, "#timeline .surge")
    _shot(browser, "events")
    timeline = browser.find_element(By.ID, "timeline")
    width = timeline.size["width"]
    ActionChains(browser).move_to_element_with_offset(timeline, int(width * 0.25), 0).click_and_hold() \
        .move_by_offset(int(width * 0.2), 0).release().perform()
    since = _wait(browser, "return document.getElementById('f-since').value")
    until = browser.execute_script("return document.getElementById('f-until').value")
    _wait(browser, "return document.getElementById('f-summary').textContent.includes(' from ')")
    dates = [r.find_elements(By.TAG_NAME, "td")[0].text.replace("\n", "")
             for r in browser.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")]
    assert 0 < len(dates) < len(rows) and all(since <= d <= until for d in dates), (since, until, dates)
    assert _problems(browser) == []


def test_a_click_on_the_map_opens_the_event(site, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    _wait(browser, "return document.body.dataset.ready")
    # an event drawn on its own (not inside a cluster) is clicked where it is drawn
    point = _wait(browser, "const l = state.layer.getLayers().find(x => x.getElement && x.getElement()); "
                           "return l ? l.getElement() : null")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", point)
    _wait(browser, "return location.hash.startsWith('#event/') && document.getElementById('event-title')")
    assert browser.find_element(By.ID, "event-title").text


def test_an_event_shows_its_reports_with_the_evidence_highlighted(site, browser) -> None:
    from selenium.webdriver.common.by import By

    events = httpx.get(site + "/api/events", params={"_size": 200}).json()["events"]
    merged = next(e for e in events if e["source_count"] >= 3)
    browser.get(f"{site}/#event/{merged['id']}")
    _wait(browser, "return document.querySelectorAll('#view-event .report').length")
    reports = browser.find_elements(By.CSS_SELECTOR, "#view-event .report")
    assert len(reports) >= 3
    marks = browser.find_elements(By.CSS_SELECTOR, "#view-event mark")
    assert marks and {m.get_attribute("data-field") for m in marks} & {"location", "fatalities", "event_type"}
    _shot(browser, "event")


def test_ledger_feeds_and_ingest_views(site, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/#ledger")
    _wait(browser, "return document.querySelectorAll('.proposition').length")
    assert browser.find_elements(By.CSS_SELECTOR, ".pill.denies")
    _shot(browser, "ledger")
    browser.get(site + "/#feeds")
    _wait(browser, "return document.querySelectorAll('#view-feeds table').length === 3")
    _shot(browser, "feeds")
    browser.get(site + "/#ingest")
    _wait(browser, "return !document.getElementById('view-ingest').hidden")
    browser.find_element(By.ID, "ingest-url-value").send_keys("https://example.org/feed.xml")
    browser.find_element(By.CSS_SELECTOR, "#ingest-url button").click()
    assert "refused" in _wait(browser, "return document.getElementById('ingest-status').textContent")  # no token
    token_box = browser.find_element(By.ID, "token")
    token_box.send_keys(site_token(site))
    browser.execute_script("document.getElementById('token').dispatchEvent(new Event('change'))")
    upload = ARTIFACTS / "upload-test.txt"
    ARTIFACTS.mkdir(exist_ok=True)
    upload.write_text("Rocket fire hits a market in Kramatorsk\n\nKRAMATORSK, May 14, 2024 \u2014 Two people were "
                      "killed when rockets hit a market in Kramatorsk on Tuesday, the regional governor said.\n",
                      encoding="utf-8")
    browser.find_element(By.ID, "ingest-file-value").send_keys(str(upload))
    browser.find_element(By.CSS_SELECTOR, "#ingest-file button").click()
    done = _wait(browser, "const t = document.getElementById('ingest-status').textContent; "
                          "return t.startsWith('done') && t", 120)
    assert "stored 1" in done and "1 event reports" in done, done
    _shot(browser, "ingest")
    assert _problems(browser) == [] or all("401" in p for p in _problems(browser))


def test_hostile_text_never_runs_or_renders_as_markup(site, browser) -> None:
    from selenium.webdriver.common.by import By

    ingested = httpx.get(site + "/api/events", params={"q": "checkpoint guards Bannu", "_size": 50}).json()["events"]
    article = httpx.get(f"{site}/api/articles/{next(e for e in ingested if e['date'] == '2024-11-19')['articles'][0]}").json()
    assert "<" not in article["article"]["title"] and "<script" not in article["article"]["text"]  # stripped on ingest
    assert article["article"]["url"] is None  # a javascript: address is not kept
    browser.get(site + "/")
    _wait(browser, "return document.body.dataset.ready")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#events-table tbody tr") if "<img src=x" in r.text)
    assert "<script>window.__pwned=6</script>Rivertown" in row.text and not row.find_elements(By.CSS_SELECTOR, "img, script")
    row.click()
    title = _wait(browser, "return document.getElementById('event-title') && document.getElementById('event-title').textContent")
    assert "<script>window.__pwned=6</script>Rivertown" in title
    notes = _wait(browser, "return document.querySelector('#view-event .notes').textContent")
    assert notes == '<a href="javascript:window.__pwned=7">click</a>'
    view = browser.find_element(By.ID, "view-event")
    assert not view.find_elements(By.CSS_SELECTOR, "img, script, b, a[href^='javascript']")
    browser.execute_script("document.querySelectorAll('#view-event *').forEach(n => n.dispatchEvent(new MouseEvent('mouseover')))")
    browser.get(site + "/")  # the map's popups and the table hold the same fields
    _wait(browser, "return document.body.dataset.ready")
    assert browser.execute_script("return window.__pwned") is None
    _shot(browser, "hostile")
