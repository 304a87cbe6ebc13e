"""Safe HTTP against a real local server: limits, redirects, robots.txt, private addresses."""

from __future__ import annotations

import copy
import socket

import pytest

from watchfloor.ingest import Fetcher, FetchError


def only_error(ingest, url, cfg=None):
    articles, errors = ingest([url], cfg)
    assert not articles and len(errors) == 1
    assert errors[0].source == url
    return errors[0].reason


def test_page_and_plain_text_urls(site, ingest):
    articles, errors = ingest([f"{site}/articles/one.html", f"{site}/plain.txt"])
    assert not errors
    page, plain = articles
    assert page.publisher == "Valley Courier" and page.original_source is None
    assert page.published == "2023-09-04T11:00:00Z".replace("Z", "+00:00")
    assert plain.title == "Curfew lifted in Parachinar" and plain.publisher == "127.0.0.1"


def test_redirect_is_followed_to_final_url(site, ingest):
    (a,), errors = ingest([f"{site}/moved"])
    assert not errors and a.url == f"{site}/articles/one.html" and a.source == f"{site}/moved"


def test_timeout(site, ingest):
    assert only_error(ingest, f"{site}/slow") == "timed out after 0.5s"


def test_redirect_loop_and_too_many_redirects(site, ingest):
    assert only_error(ingest, f"{site}/loop/a").startswith("redirect loop: ")
    assert only_error(ingest, f"{site}/chain/0") == "too many redirects (max 5)"


def test_response_size_limit(site, ingest):
    assert only_error(ingest, f"{site}/huge") == "response over the 200000-byte limit"  # Content-Length
    assert only_error(ingest, f"{site}/huge-stream") == "response over the 200000-byte limit"


def test_robots_txt(site, bare_site, ingest, settings, hits):
    assert only_error(ingest, f"{site}/private/secret.html") == "blocked by robots.txt"
    cfg = copy.deepcopy(settings)
    cfg["fetch"]["respect_robots"] = False
    assert len(ingest([f"{site}/private/secret.html"], cfg)[0]) == 1
    # no robots.txt at all means allowed
    assert len(ingest([f"{bare_site}/page.html"])[0]) == 1


def test_robots_txt_is_fetched_once_per_host(site, settings, hits):
    before = hits.get("/robots.txt", 0)
    with Fetcher(settings) as fetcher:
        fetcher.get(f"{site}/articles/one.html")
        fetcher.get(f"{site}/articles/two.html")
    assert hits["/robots.txt"] == before + 1


def test_private_addresses_refused_unless_allowed(site, ingest, settings):
    cfg = copy.deepcopy(settings)
    cfg["fetch"]["allow_private"] = False
    reason = only_error(ingest, f"{site}/articles/one.html", cfg)
    assert reason == "refused: 127.0.0.1 is a private/loopback address (use --allow-private or set fetch.allow_private to allow)"
    port = site.rsplit(":", 1)[1]
    assert only_error(ingest, f"http://localhost:{port}/x", cfg).startswith("refused: ")
    assert only_error(ingest, "http://169.254.169.254/latest/meta-data/", cfg).startswith("refused: 169.254")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/report.txt", "javascript:alert(1)"])
def test_non_http_schemes_refused(url, ingest):
    reason = only_error(ingest, url)
    assert reason.startswith("refused: ") and "only http and https" in reason


def test_redirect_to_file_scheme_refused(site, ingest):
    assert only_error(ingest, f"{site}/to-file") == "refused: file: is not fetched (only http and https)"


def test_unreachable_and_http_errors(site, ingest):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert only_error(ingest, f"http://127.0.0.1:{port}/").startswith("unreachable: ")
    assert only_error(ingest, f"{site}/articles/missing.html") == "HTTP 404 Not Found"
    assert only_error(ingest, f"{site}/empty") == "empty response"


def test_path_traversal_in_urls_is_just_a_path(site, ingest):
    assert only_error(ingest, f"{site}/../../etc/passwd") == "HTTP 404 Not Found"
    assert only_error(ingest, f"{site}/articles/..%2F..%2Fetc%2Fpasswd") == "HTTP 404 Not Found"


def test_user_agent_from_settings(site, ingest, settings):
    (a,), _ = ingest([f"{site}/echo-ua"])
    assert settings["fetch"]["user_agent"] in a.text


def test_per_host_interval_sleeps_between_requests(site, bare_site, settings):
    cfg = copy.deepcopy(settings)
    cfg["fetch"].update(per_host_interval=2.0, respect_robots=False)
    naps: list[float] = []
    with Fetcher(cfg, sleep=naps.append, clock=lambda: 100.0) as fetcher:
        fetcher.get(f"{site}/articles/one.html")
        fetcher.get(f"{bare_site}/page.html")  # another host: no wait
        assert naps == []
        fetcher.get(f"{site}/articles/two.html")
    assert naps == [2.0]


def test_fetch_error_is_raised_directly(site, settings):
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="blocked by robots.txt"):
        fetcher.get(f"{site}/private/secret.html")
