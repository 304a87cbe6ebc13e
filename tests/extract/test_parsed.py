"""Attributions beyond speech verbs, read from the spaCy parse (extract/attribution/parsed.py)."""

from watchfloor.extract.claims import find_claims
from watchfloor.nlp import sentences


def claims_of(text: str, parse: bool = True):
    return find_claims(text, sentences(text), "2023-09-02", parse=parse)


def only(text: str):
    found = claims_of(text)
    assert len(found) == 1, [(c.cue["text"], c.content["text"]) for c in found]
    c = found[0]
    return c.cue["text"], (c.speaker or {}).get("text"), c.content["text"], c.cue_class, c.stance


def test_endorsement_evidence_and_belief():
    assert only("The provincial assembly endorsed the new security plan.") == (
        "endorsed", "The provincial assembly", "the new security plan", "support", "asserts")
    assert only("A survey by the institute showed a sharp rise in attacks on polio teams.") == (
        "showed", "A survey by the institute", "a sharp rise in attacks on polio teams", "evidence", "asserts")
    assert only("Local elders fear a return of the militants to the valley.")[3:] == ("belief", "warns")


def test_impressions_have_no_speaker():
    cue, speaker, content, cls, _ = only("The senator seemed reluctant to criticize the army.")
    assert (cue, speaker, cls) == ("seemed", None, "impression")
    assert content.startswith("The senator") and "reluctant" in content


def test_preposition_after_the_verb_is_part_of_the_cue():
    cue, speaker, content, cls, _ = only("The governor was referring to the attack on the Quetta court.")
    assert (cue, speaker, content) == ("was referring to", "The governor", "the attack on the Quetta court")
    cue, speaker, content, _, _ = only("The minister talked about the new checkposts.")
    assert (cue, content) == ("talked about", "the new checkposts")


def test_where_when_and_whom_are_not_content():
    assert claims_of("He was talking to reporters in Islamabad on the same day.") == []
    assert claims_of("The spokesman speaks for the Taliban administration.") == []


def test_physical_and_non_attributive_uses_are_not_claims():
    for text in ["Gunmen attacked a police station in Bannu.",
                 "The mayor called police after the blast.",
                 "Soldiers defended the post through the night.",
                 "The militants backed by foreign handlers fled.",
                 "The minister declined to confirm the number of dead.",
                 "Asked about the vote, the party chief left the hall."]:
        assert claims_of(text) == [], text


def test_negated_and_quoted_verbs_are_skipped():
    assert claims_of("The council did not endorse the ceasefire.") == []
    found = claims_of('"We support the operation," the mayor said.')
    assert [c.cue["text"] for c in found] == ["said"]


def test_the_rules_keep_their_cues_and_parse_can_be_turned_off():
    text = "The party chief said the army supports the operation in Tirah."
    found = claims_of(text)
    assert [(c.cue["text"], c.cue_class) for c in found] == [("said", "report"), ("supports", "support")]
    assert [c.cue["text"] for c in claims_of(text, parse=False)] == ["said"]


def test_hostile_and_odd_input_does_not_crash():
    for text in ["supports " * 2000, "<script>alert('endorsed')</script> backed", "showed\n\n\nshowed", "seemed"]:
        claims_of(text)


def test_a_second_verb_takes_the_subject_of_its_clause():
    found = claims_of("The governor spoke at the rally and endorsed the new security plan.")
    assert [(c.cue["text"], c.speaker["text"], c.content["text"]) for c in found] == [
        ("endorsed", "The governor", "the new security plan")]


def test_a_cue_word_glued_to_punctuation_is_no_crash():
    # The tokenizer can keep "report.[size" as one token; its form is no cue and nothing breaks.
    from watchfloor.extract import get_extractor

    text = "Hundreds of traders marched in the town to protest the new tax, the local paper said in its report.[size=hundreds]"
    ex = get_extractor().extract(text, "2019-05-02")
    assert isinstance(ex.claims, list)
