"""The claims ledger kept in the store as claims arrive: stable proposition ids, candidates from
the term index, the same grouping as the batch ledger, and the real seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.analyze.ledger import build_ledger
from watchfloor.models import Article, Claim, Extraction
from watchfloor.normalize import article_id, content_hash
from watchfloor.service import group_claims
from watchfloor.store import Store

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "voa_pakistan_blames_us_exit_2023.txt"
SEED_SHAPED = Path(__file__).parent.parent / "fixtures" / "seed_shaped.txt"


def claim(speaker, stance, content, start=0):
    return Claim(speaker={"text": speaker, "entity": {"name": speaker}}, cue={"text": "said", "start": start, "end": start + 4},
                 content={"text": content, "spans": [[0, len(content)]]}, stance=stance)


def store_article(store, text, published, claims):
    h = content_hash(text)
    art = Article(text=text, content_hash=h, id=article_id(h), title=text[:30], published=published)
    store.add_articles([art])
    with store.transaction():
        before = store.propositions_of(art.id)
        store.save_extraction(art.id, Extraction(claims=claims), "test")
        group_claims(store, art.id, also=before)
    return art


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "ledger.db") as s:
        yield s


def test_an_assertion_and_a_denial_in_two_articles_form_one_contested_proposition(store):
    store_article(store, "Article one about weapons.", "2023-09-01", [
        claim("Anwaar-ul-Haq Kakar", "asserts", "militants are using weapons the US left behind in Afghanistan"),
        claim("Kakar", "asserts", "the rushed withdrawal hurt the whole region", 50)])
    store_article(store, "Article two about weapons.", "2023-09-02", [
        claim("Zabihullah Mujahid", "denies", "that any US weapon left behind in Afghanistan reached militants")])
    store_article(store, "Article three about removal.", "2023-09-03", [
        claim("The Pentagon", "asserts", "nearly all US weapons in Afghanistan were removed or destroyed")])
    ledger = store.ledger()
    top = ledger[0]
    assert top["contested"] and top["claim_count"] == 3
    assert "Zabihullah Mujahid" in top["denied_by"] and "The Pentagon" in top["denied_by"]
    assert dict(zip([c["speaker"]["text"] for c in top["claims"]], top["sides"]))["The Pentagon"] == "disputes"
    assert top["label"].startswith("Militants are using weapons")  # read as a statement: no "that", capitalised
    assert [p["id"] for p in store.ledger(contested=True)] == [top["id"]]


def test_ids_stay_when_an_article_is_extracted_again_and_claims_leave_cleanly(store):
    art = store_article(store, "One article.", "2023-09-01", [
        claim("Kakar", "asserts", "militants are using weapons the US left behind in Afghanistan")])
    store_article(store, "Another article.", "2023-09-02", [
        claim("Mujahid", "denies", "that US weapons left in Afghanistan reached militants")])
    pid = store.ledger()[0]["id"]
    with store.transaction():  # the first article re-extracted: same claim, new extractor
        before = store.propositions_of(art.id)
        store.save_extraction(art.id, Extraction(claims=[
            claim("Kakar", "asserts", "militants are using weapons the US left behind in Afghanistan")]), "test2")
        group_claims(store, art.id, also=before)
    assert [p["id"] for p in store.ledger()] == [pid] and store.ledger()[0]["claim_count"] == 2
    with store.transaction():  # and again, now with no claims: the proposition keeps the other one
        before = store.propositions_of(art.id)
        store.save_extraction(art.id, Extraction(), "test3")
        group_claims(store, art.id, also=before)
    assert [(p["id"], p["claim_count"]) for p in store.ledger()] == [(pid, 1)]


def test_candidates_come_from_the_index_not_from_every_proposition(store):
    store_article(store, "A.", "2023-09-01", [claim("A", "asserts", "militants are using weapons the US left behind")])
    store_article(store, "B.", "2023-09-01", [claim("B", "asserts", "the ceasefire talks in the capital collapsed")])
    found = store.proposition_candidates({"weapon", "leave", "militant"}, {"weapon", "leave"})
    assert len(found) == 1  # the ceasefire proposition shares no term and is never read


def _seed_claims(path: Path) -> list[dict]:
    from watchfloor.extract import get_extractor

    lines = path.read_text(encoding="utf-8").splitlines()
    extraction = get_extractor().extract("\n".join(lines[1:]), "2023-09-02", title=lines[0])
    return [dict(c.to_dict(), article_id="seed") for c in extraction.claims]


def _proposition_of(props, needle):
    return next(p for p in props if any(needle in c["content"]["text"] for c in p.claims))


@pytest.mark.skipif(not SEED.exists(), reason="the real seed article lives in ../shared, outside the repository")
def test_the_real_seed_article_groups_the_weapons_claim_with_its_denial_and_the_dispute():
    props = build_ledger(_seed_claims(SEED))
    kakar = _proposition_of(props, "military equipment left behind by the United States")
    denial = _proposition_of(props, "seized by the Taliban have left the country")
    removed = _proposition_of(props, "removed or destroyed nearly all major equipment")
    assert kakar is denial is removed
    sides = dict(zip([c["content"]["text"][:30] for c in kakar.claims], kakar.sides))
    assert "disputes" in sides.values() and "denies" in sides.values()
    persuaded = _proposition_of(props, "persuaded the U.S. to stage")
    assert persuaded is not kakar  # a remark about the withdrawal, not about the weapons


def test_our_seed_shaped_article_groups_the_same_way():
    props = build_ledger(_seed_claims(SEED_SHAPED))
    contested = [p for p in props if p.contested]
    assert contested and any("weapon" in p.terms for p in contested)
