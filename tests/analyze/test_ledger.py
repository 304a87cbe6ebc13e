"""The claims ledger: grouping claims across articles by proposition, and who asserts or denies it."""

from pathlib import Path

from watchfloor.analyze.ledger import build_ledger, contradictions, key_terms, side
from watchfloor.extract import get_extractor

FIXTURE = Path(__file__).parent.parent / "fixtures" / "seed_shaped.txt"


def claim(speaker, stance, content, date="2023-09-02"):
    return {"speaker": {"text": speaker, "entity": {"name": speaker}}, "stance": stance,
            "cue": {"text": "said"}, "content": {"text": content, "spans": [[0, len(content)]]}, "date": date}


def test_terms_fold_synonyms_and_drop_negation():
    a = key_terms("Militants are armed with weapons the Americans abandoned in Afghanistan")
    b = key_terms("No weapon has been smuggled out of the country")
    assert {"weapon", "leave", "militant", "us", "afghanistan"} <= a
    assert {"weapon", "leave"} <= b and "no" not in b
    assert "weapon" not in key_terms("the armed forces will be deployed at polling stations")


def test_side_combines_stance_and_negative_content():
    assert side(claim("Mujahid", "asserts", "not a single rifle had been smuggled")) == "denies"
    assert side(claim("Mujahid", "denies", "that weapons left the country")) == "denies"
    assert side(claim("Kakar", "asserts", "militants use weapons left in Afghanistan")) == "asserts"
    # Calling it false denies it, whatever the cue.
    assert side(claim("Army", "asserts", "the allegations that its jets struck the clinic were baseless")) == "denies"
    assert side(claim("Ministry", "denies", "the report of fatalities as invented for propaganda")) == "denies"
    # A negation inside a wish is not a denial.
    assert side(claim("FO", "asserts", "Kabul must ensure that Afghan soil is not used against Pakistan")) == "asserts"


def test_assertions_and_denials_of_one_proposition_meet_across_articles():
    claims = [
        claim("Anwaar-ul-Haq Kakar", "asserts", "militants are using weapons the US left behind in Afghanistan"),
        claim("Kakar", "asserts", "American equipment abandoned in Afghanistan has armed the TTP", "2023-09-05"),
        claim("Zabihullah Mujahid", "denies", "that any weapon left behind in Afghanistan has been smuggled to militants"),
        claim("Small Arms Survey", "warns", "militants still have access to US weapons left in Afghanistan"),
        claim("ISPR", "asserts", "nine soldiers were martyred in the Bannu convoy attack"),
        claim("Health minister", "asserts", "the new hospital wing in Quetta will open next month"),
    ]
    props = build_ledger(claims)
    weapons = [p for p in props if "weapon" in p.terms]
    assert len(weapons) == 1
    p = weapons[0]
    assert p.contested
    assert "Anwaar-ul-Haq Kakar" in p.asserted_by and "Kakar" not in p.asserted_by  # one speaker, fuller name
    assert "Small Arms Survey" in p.asserted_by
    assert p.denied_by == ["Zabihullah Mujahid"]
    others = [q for q in props if q is not p]
    assert all(len(q.claims) == 1 and not q.contested for q in others)
    assert contradictions(props) == [p]
    d = p.to_dict()
    assert d["first"] == "2023-09-02" and d["last"] == "2023-09-05"
    assert {c["side"] for c in d["claims"]} == {"asserts", "denies"}


def test_seed_shaped_article_ledger():
    """The issue's "done when": assertion, denial and the report that disputes it, in one
    proposition, each with speaker, stance, channel and evidence."""
    text = FIXTURE.read_text(encoding="utf-8")
    result = get_extractor().extract(text, "2023-09-02")
    claims = [c.to_dict() for c in result.claims]
    props = build_ledger(claims)
    weapons = next(p for p in props if "Zabihullah Mujahid" in p.denied_by)
    d = weapons.to_dict()
    by_speaker = {c["speaker"]: c for c in d["claims"]}
    kakar = by_speaker["Anwaar-ul-Haq Kakar"]
    assert kakar["side"] == "asserts" and "abandoned in Afghanistan" in kakar["content"]
    assert kakar["channel"] == "state television"  # the interview named later in the article
    mujahid = by_speaker["Zabihullah Mujahid"]
    assert mujahid["side"] == "denies" and mujahid["channel"] == "a post on X"
    assert "no weapon has been smuggled" in mujahid["content"]
    report = by_speaker["US Department of Defense report"]
    assert report["side"] == "disputes" and report["channel"] == "a report" and report["stance"] == "asserts"
    assert "removed or destroyed nearly all major equipment" in report["content"]
    assert weapons.contested and contradictions(props)[0] is weapons
    for c in d["claims"]:  # evidence: the content spans point at the words in the article
        assert c["spans"] and all(text[a:b] in c["content"] for a, b in c["spans"])
    assert "Anwaar-ul-Haq Kakar" in weapons.asserted_by
    assert {"Zabihullah Mujahid", "US Department of Defense report"} <= set(weapons.denied_by)


def test_opposite_terms_dispute_and_endorsements_stay_out():
    claims = [claim("Minister", "asserts", "US weapons left behind in Afghanistan arm the militants"),
              claim("Analyst", "asserts", "militants use US weapons left in Afghanistan"),
              claim("Pentagon", "asserts", "US forces removed or destroyed the weapons before leaving Afghanistan"),
              dict(claim("Voters", "asserts", "US weapons left in Afghanistan arm the militants"), cue_class="support")]
    props = build_ledger(claims)
    p = next(p for p in props if len(p.claims) > 1)
    sides = {c["speaker"]: c["side"] for c in p.to_dict()["claims"]}
    assert sides == {"Minister": "asserts", "Analyst": "asserts", "Pentagon": "disputes"}
    assert all("Voters" not in q.asserted_by for q in props)
