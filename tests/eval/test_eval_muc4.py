import json

import pytest

from watchfloor.eval import format_report, run_eval
from watchfloor.eval.muc4 import gold_roles, match_count, muc_type
from watchfloor.models import Extraction

from eval_fakes import FakeExtractor, ev, write_jsonl

# Synthetic lower-cased documents written for these tests.
D1 = "rebels attacked a village and later blew up the power station with dynamite."
D2 = "unknown men seized a journalist on the highway."
D3 = "the minister spoke about the economy."
D4 = "the weather was fine."

ORG = [["popular liberation front", 0], ["plf", 30]]
DOCS = [
    {"docid": "D1", "doctext": D1, "templates": [
        {"incident_type": "attack", "PerpInd": [[["rebels", 0], ["rebel column", 50]]],
         "PerpOrg": [ORG], "Target": [], "Victim": [[["peasant", 70]], [["mayor", 90]]], "Weapon": []},
        {"incident_type": "bombing", "PerpInd": [], "PerpOrg": [ORG],  # same entity again: counted once
         "Target": [[["power station", 100], ["power station", 140]]],  # duplicate mentions
         "Victim": [], "Weapon": [[["dynamite", 120]]]},
    ]},
    {"docid": "D2", "doctext": D2, "templates": [
        {"incident_type": "bombing / attack", "PerpInd": [], "PerpOrg": [], "Target": [],
         "Victim": [[["journalist", 20]]], "Weapon": []}]},
    {"docid": "D3", "doctext": D3, "templates": []},
    {"docid": "D4", "doctext": D4, "templates": []},
]

ANSWERS = {
    D1: Extraction(events=[
        ev("Battles", "Armed clash", evidence={"event_type": [(7, 15)]},
           perpetrator_individuals=["Rebels ", "rebel column"],  # both mentions of ONE entity
           perpetrator_organizations=["PLF", "plf"], victims=["peasant"]),
        ev("Explosions/Remote violence", "Remote explosive/landmine/IED",
           evidence={"event_type": [(30, 37)]}, targets=["power station"], weapons=["dynamite", "bomb"]),
    ]),
    D2: Extraction(events=[ev("Strategic developments", "Arrests", victims=["the journalist"])]),
    D3: Extraction(events=[ev("Explosions/Remote violence", "Grenade", weapons=["grenade"])]),
    D4: Extraction(),
}


@pytest.fixture
def dev(tmp_path):
    return write_jsonl(tmp_path / "dev.json", DOCS)


def test_muc4_role_scores(dev):
    fake = FakeExtractor(ANSWERS)
    rep = run_eval("muc4", str(dev), extractor=fake, errors=1)
    assert rep.records == 4 and all(c[1] is None for c in fake.calls)  # no published date
    got = {p.name: (p.tp, p.n_pred, p.n_gold) for p in rep.prf}
    assert got["PerpInd"] == (1, 2, 1)  # second mention of a matched entity is a false positive
    assert got["PerpOrg"] == (1, 1, 1)  # "PLF"/"plf" deduplicated; entity in 2 templates once
    assert got["Target"] == (1, 1, 1)
    assert got["Victim"] == (1, 2, 3)  # "the journalist" != "journalist"
    assert got["Weapon"] == (1, 3, 1)  # "bomb" and the no-template doc's "grenade" are FPs
    assert got["all roles"] == (5, 9, 7)
    assert rep.get_prf("all roles").f1 == pytest.approx(2 * (5 / 9) * (5 / 7) / (5 / 9 + 5 / 7))
    assert got["incident types (set)"] == (2, 3, 4)
    v = {s.name: (s.correct, s.total) for s in rep.scores}
    assert v["incident_type"] == (1, 2)  # D1 attack ok; D2 has only a non-MUC event
    assert v["empty docs with an event"] == (1, 2)
    assert v["empty docs with a MUC-type event"] == (1, 2)
    # D1: 3 wrong (PerpInd FP, Victim FN, Weapon FP); D2: 3 (Victim FP+FN, type): order kept
    assert [w["id"] for w in rep.worst] == ["D1"]
    json.dumps(rep.to_dict())
    assert "PerpOrg" in format_report(rep)


def test_muc4_folder_path_and_limit(dev):
    rep = run_eval("muc4", str(dev.parent), extractor=FakeExtractor(ANSWERS), limit=1)
    assert rep.records == 1 and rep.get_prf("all roles").n_gold == 6


def test_match_count_is_a_maximum_matching():
    gold = [{"a", "b"}, {"a"}]
    assert match_count(["a", "b"], gold) == 2  # greedy "a"->first entity would give 1
    assert match_count(["a", "a2"], gold) == 1
    assert match_count([], gold) == 0 and match_count(["a"], []) == 0
    # an entity is matched once even when several predictions equal its mentions
    assert match_count(["x", "y"], [{"x", "y"}]) == 1


def test_gold_roles_merge_templates():
    roles = gold_roles(DOCS[0])
    assert roles["PerpOrg"] == [{"popular liberation front", "plf"}]
    assert roles["Target"] == [{"power station"}]
    assert len(roles["Victim"]) == 2


def test_muc_type_mapping():
    assert muc_type(ev("Explosions/Remote violence", "Suicide bomb")) == "bombing"
    assert muc_type(ev("Explosions/Remote violence", "Grenade")) == "bombing"
    assert muc_type(ev("Explosions/Remote violence", "Shelling/artillery/missile attack")) == "attack"
    assert muc_type(ev("Explosions/Remote violence", "Air/drone strike")) == "attack"
    assert muc_type(ev("Violence against civilians", "Abduction/forced disappearance")) == "kidnapping"
    assert muc_type(ev("Violence against civilians", "Attack")) == "attack"
    assert muc_type(ev("Battles", "Armed clash")) == "attack"
    text = "rebels burned the town hall."
    looting = ev("Strategic developments", "Looting/property destruction",
                 evidence={"sub_event_type": [(7, 13)]})
    assert muc_type(looting, text) == "arson"
    assert muc_type(ev("Strategic developments", "Looting/property destruction",
                       notes="gunmen robbed a bank")) == "robbery"
    assert muc_type(ev("Strategic developments", "Looting/property destruction")) == "attack"
    assert muc_type(ev("Strategic developments", "Arrests")) is None
    assert muc_type(ev("Protests", "Peaceful protest")) is None
    assert muc_type(ev("Strategic developments", "Disrupted weapons use", weapons=["bomb"])) == "bombing"
