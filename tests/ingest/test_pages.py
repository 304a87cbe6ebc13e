"""HTML pages: trafilatura extraction plus the boilerplate post-filter."""

from __future__ import annotations

import shutil

from watchfloor.ingest.pages import clean_lines, extract_page

PARAGRAPHS = [
    "Two police constables were killed and three others wounded late on Friday",
    "According to a senior police officer, the attackers opened fire from several directions",
    "The wounded officers were moved to the district headquarters hospital",
    "No group had claimed responsibility by Saturday afternoon.",
]
NEVER = ["Home", "»", "Asia Defense Global News Military News", "Source", "Dawn News", "Share",
         "Facebook", "WhatsApp", "cookie", "Accept", "tracking", "UA-0000", "Copyright", "Filed under"]


def check_aggregator(a) -> None:
    assert a.publisher == "Frontline Defence Desk"
    assert a.original_source == "Dawn News"
    assert a.title == "Militants storm police post in Lakki Marwat, two constables killed"
    for para in PARAGRAPHS:
        assert para in a.text
    for junk in NEVER:
        assert junk not in a.text, junk
    assert not a.text.startswith("Militants storm")  # the repeated title line is gone
    assert a.text.startswith("Two police constables")
    assert a.text.rstrip().endswith("compensation to the families of the two officers.")
    assert set(a.categories) == {"Asia Defense", "Global News", "Military News"}
    assert a.published == "2023-09-02T08:40:00+05:00"
    assert a.author == "Desk Editor" and a.language == "en"


def test_aggregator_repost_from_file(tmp_path, ingest, samples_dir):
    f = tmp_path / "repost.html"
    shutil.copy(samples_dir / "aggregator.html", f)
    (a,), errors = ingest([f])
    assert not errors
    check_aggregator(a)
    assert a.url is None and a.source == str(f)


def test_aggregator_repost_over_http(site, ingest):
    url = f"{site}/2023/09/02/police-post-attack/"
    (a,), errors = ingest([url])
    assert not errors
    check_aggregator(a)
    assert a.url == url and a.source == url


def test_publisher_falls_back_to_host_and_date_to_url(tmp_path, ingest, read_sample):
    html = read_sample("aggregator.html")
    html = html.replace('<meta property="og:site_name" content="Frontline Defence Desk">', "")
    html = html.replace(" - Frontline Defence Desk</title>", "</title>")
    html = html.replace('<meta property="article:published_time" content="2023-09-02T08:40:00+05:00">',
                        '<link rel="canonical" href="https://www.frontline-defence.example/2023/09/02/post/">')
    f = tmp_path / "p.html"
    f.write_text(html, encoding="utf-8")
    (a,), _ = ingest([f])
    assert a.publisher == "frontline-defence.example"
    assert a.url == "https://www.frontline-defence.example/2023/09/02/post/"
    assert a.published == "2023-09-02"


def test_post_filter_lines():
    vocab = {"asia", "defense", "global", "news", "military", "home"}
    text = "\n".join([
        "Home » Security › A title",
        "A title",
        "Asia Defense | Global News",
        "Share this:Share on FacebookShare on TwitterWhatsApp",
        "We use cookies on this site. Accept or manage preferences.",
        "« Nous ne céderons pas » a déclaré le ministre.",
        "Military News reported that a convoy was hit.",
        "Global news",
        "Tags: Military, Asia",
    ])
    assert clean_lines(text, "A title", vocab).split("\n") == [
        "« Nous ne céderons pas » a déclaré le ministre.",
        "Military News reported that a convoy was hit.",
    ]


def test_scripts_never_reach_text(tmp_path, ingest):
    f = tmp_path / "evil.html"
    f.write_text(
        "<html><head><title>Rally dispersed</title><script>window.location='http://evil'</script></head>"
        "<body><article><p>Police fired tear gas to disperse a rally in Karachi on Sunday, and several"
        " people were detained.<script>alert('owned')</script></p><style>p{color:red}</style>"
        "<p onclick=\"alert(2)\">Organisers said the rally had been peaceful'; DROP TABLE events;--</p>"
        "<iframe src='javascript:alert(3)'>frame text</iframe></article></body></html>",
        encoding="utf-8",
    )
    (a,), errors = ingest([f])
    assert not errors
    assert "alert" not in a.text and "evil" not in a.text and "color" not in a.text
    assert "DROP TABLE events;--" in a.text  # SQL metacharacters are kept as plain data


def test_malformed_and_truncated_html_still_yield_text(tmp_path, ingest, read_sample):
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div><p>Two soldiers were injured when their vehicle hit a "
                      "landmine near Kohlu, <b>officials said<i> on Monday</div></span></p>", encoding="utf-8")
    cut = tmp_path / "cut.html"
    cut.write_text(read_sample("article_one.html")[:1200], encoding="utf-8")
    (a, b), errors = ingest([broken, cut])
    assert not errors
    assert "landmine near Kohlu" in a.text
    assert b.text.startswith("BANNU, Sept. 4, 2023") and b.published == "2023-09-04T11:00:00+00:00"


def test_html_without_article_text(tmp_path, ingest):
    f = tmp_path / "nav.html"
    f.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    (err,) = ingest([f])[1]
    assert err.reason == "no article text found in HTML"


def test_extract_page_reads_reuters_dateline(read_sample):
    page = extract_page(read_sample("article_two.html"), url="https://www.valley-courier.test/q")
    assert page.publisher == "valley-courier.test"  # no site name: the host stands in
    assert page.text.startswith("QUETTA (Reuters) -")
