"""Attributed claims (extract/claims.py) on texts written for these tests."""

from pathlib import Path

import pytest

from watchfloor.extract.attribution.sources import trim_source
from watchfloor.extract.claims import MAX_CONTENT, find_claims, find_quotes
from watchfloor.nlp import sentences

FIXTURES = Path(__file__).parent.parent / "fixtures"


def claims_of(text: str, published: str | None = "2023-09-02"):
    return find_claims(text, sentences(text), published)


def one(claims, cue: str, speaker: str | None = None):
    """The claim with this cue text (and speaker text, if given)."""
    found = [c for c in claims if c.cue["text"] == cue and (speaker is None or (c.speaker or {}).get("text") == speaker)]
    assert len(found) == 1, [(c.cue["text"], c.speaker and c.speaker["text"]) for c in claims]
    return found[0]


def assert_spans_index(text: str, c) -> None:
    """Every span in a claim points at the text it reports."""
    assert text[c.cue["start"]:c.cue["end"]] == c.cue["text"]
    if c.speaker is not None:
        assert text[c.speaker["start"]:c.speaker["end"]] == c.speaker["text"]
    assert c.content["spans"]
    pieces = [text[a:b] for a, b in c.content["spans"]]
    assert all(pieces)
    assert c.content["text"] == " ".join(pieces)
    assert 0 <= c.confidence <= 1
    assert c.kind in ("direct", "indirect", "mixed")
    assert c.stance in ("asserts", "denies", "warns", "demands", "predicts")
    assert c.about == []


# --------------------------------------------------------------------------- the seed-shaped article


@pytest.fixture(scope="module")
def seed():
    text = (FIXTURES / "seed_shaped.txt").read_text(encoding="utf-8")
    return text, claims_of(text, "2023-09-02")


def test_seed_spans_index_the_text(seed):
    text, claims = seed
    assert len(claims) >= 5
    for c in claims:
        assert_spans_index(text, c)
    # Text order of cues.
    assert [c.cue["start"] for c in claims] == sorted(c.cue["start"] for c in claims)


def test_seed_kakar_asserts_hasty_exit_on_state_television(seed):
    text, claims = seed
    c = one(claims, "said", "Kakar")
    assert c.kind == "direct" and c.stance == "asserts"
    assert "hasty exit" in c.content["text"]
    assert c.content["text"].startswith('"What we see') and c.content["text"].endswith('partners,"')
    assert c.channel == "state television"
    assert c.date == "2023-09-01"  # "broadcast Friday", published Saturday 2 September
    ent = c.speaker["entity"]
    assert ent == {"name": "Anwaar-ul-Haq Kakar", "role": "caretaker prime minister",
                   "affiliation": "Government of Pakistan", "type": "person", "anonymous": False, "outlet": None}


def test_seed_kakar_claims_about_weapons(seed):
    text, claims = seed
    lede = one(claims, "has argued")
    assert lede.speaker["entity"]["name"] == "Anwaar-ul-Haq Kakar"
    assert "military gear" in lede.content["text"] and lede.content["text"].startswith("that militants")
    c = one(claims, "claimed")
    assert c.speaker["text"] == "Kakar" and c.stance == "asserts" and c.kind == "indirect"
    assert "night-vision goggles" in c.content["text"]
    assert c.content["text"].startswith("that the Pakistani Taliban")


def test_seed_taliban_government_denies(seed):
    text, claims = seed
    c = one(claims, "rejected")
    assert c.stance == "denies"
    assert c.speaker["text"] == "Afghanistan's Taliban government"
    assert c.speaker["entity"]["type"] == "institution"
    assert c.speaker["entity"]["affiliation"] == "Afghan Taliban"
    # The rejected proposition, not the noun "the allegation".
    assert c.content["text"] == "that its territory is used against Pakistan"


def test_seed_mujahid_on_x(seed):
    text, claims = seed
    c = one(claims, "wrote")
    assert c.channel == "a post on X"
    ent = c.speaker["entity"]
    assert ent["name"] == "Zabihullah Mujahid" and ent["type"] == "person"
    assert ent["role"] == "chief spokesman" and ent["affiliation"] == "Afghan Taliban"
    assert "no weapon has been smuggled" in c.content["text"]
    # A negative proposition under an ordinary cue stays "asserts" (see the module docstring).
    assert c.stance == "asserts"


def test_seed_pentagon_report_is_a_document(seed):
    text, claims = seed
    c = one(claims, "said", "A Pentagon report released last year")
    ent = c.speaker["entity"]
    assert ent["type"] == "document" and ent["affiliation"] == "US Department of Defense"
    assert c.channel == "a report"
    assert "nearly all major equipment" in c.content["text"]


# --------------------------------------------------------------------------- quotes


def test_split_quote_gives_two_spans():
    text = "“The attackers,” the police chief said, “came at dawn and left before noon.”"
    c, = claims_of(text)
    assert c.kind == "direct"
    assert [text[a:b] for a, b in c.content["spans"]] == ["“The attackers,”", "“came at dawn and left before noon.”"]
    assert c.speaker["text"] == "the police chief"


def test_quote_continues_in_next_quoted_sentence():
    text = '"We have shared the evidence," he said at a news conference. "Now we expect action."'
    c, = claims_of(text)
    assert [text[a:b] for a, b in c.content["spans"]] == ['"We have shared the evidence,"', '"Now we expect action."']
    assert c.channel == "a news conference"


def test_cross_paragraph_quote():
    text = ("Mujahid said in a statement:\n\n"
            "“The equipment left by the foreign forces is stored in depots.\n\n"
            "“No one is allowed to sell or smuggle a single weapon.”\n\n"
            "The statement did not mention Pakistan.")
    c, = claims_of(text)
    assert c.kind == "direct" and c.channel == "a statement"
    parts = [text[a:b] for a, b in c.content["spans"]]
    assert parts == ["“The equipment left by the foreign forces is stored in depots.",
                     "“No one is allowed to sell or smuggle a single weapon.”"]
    quotes = [q for q in find_quotes(text) if not q.single]
    assert len(quotes) == 1 and quotes[0].closed and len(quotes[0].spans) == 2


def test_quote_before_the_cue_across_paragraphs():
    text = ('"The first group cut the fence before dawn.\n\n'
            '"A second group waited on the ridge," the commander said.')
    c, = claims_of(text)
    assert len(c.content["spans"]) == 2 and c.kind == "direct"
    assert c.speaker["text"] == "the commander"


def test_unbalanced_quote_does_not_swallow_the_article():
    text = (FIXTURES / "claims_unbalanced.txt").read_text(encoding="utf-8")
    claims = claims_of(text, "2023-07-18")
    for c in claims:
        assert_spans_index(text, c)
        assert len(c.content["text"]) <= MAX_CONTENT
    first = claims[0]
    assert first.speaker["text"] == "The district police chief"
    # The open quote ends with its paragraph: the next paragraphs are other claims.
    assert "Traders" not in first.content["text"]
    speakers = [c.speaker["text"] for c in claims]
    assert "Traders in the main bazaar" in speakers and "Residents" in speakers
    he = one(claims, "said", "he")
    assert he.speaker["entity"]["name"] == "Naseer Baloch" and he.kind == "direct"


def test_unclosed_quote_in_a_huge_paragraph_is_capped():
    text = 'The spokesman said "' + "the talks will go on and on " * 400 + "\n\nOfficials said the talks ended."
    claims = claims_of(text)
    assert all(len(c.content["text"]) <= MAX_CONTENT for c in claims)
    assert one(claims, "said", "Officials").content["text"] == "the talks ended"


def test_stray_quote_marks_never_crash():
    for text in ['"', '”', '“', '" said', 'He said "', '“A,” he said, “', "‘", "He said ‘x", '"""""', "said: \n\n“"]:
        claims_of(text)


# --------------------------------------------------------------------------- frames and speakers


def test_according_to_both_orders():
    a = "Twelve soldiers were killed in the assault, according to the ISPR, the military's media wing."
    c, = claims_of(a)
    assert c.cue["text"] == "according to"
    assert c.content["text"] == "Twelve soldiers were killed in the assault"
    assert c.speaker["text"] == "the ISPR, the military's media wing"
    assert c.speaker["entity"]["affiliation"] == "Military Forces of Pakistan"
    b = "According to a report by the UN monitoring team, the TTP has expanded its training camps."
    c, = claims_of(b)
    assert c.content["text"] == "the TTP has expanded its training camps"
    assert c.speaker["entity"]["type"] == "document" and c.speaker["entity"]["affiliation"] == "United Nations"
    assert c.channel == "a report"


def test_content_before_the_cue():
    text = "The convoy was hit by a car bomb near Bannu, the ISPR said on Friday."
    c, = claims_of(text)
    assert c.content["text"] == "The convoy was hit by a car bomb near Bannu"
    assert c.speaker["text"] == "the ISPR" and c.date == "2023-09-01"
    inverted = "Terror attacks have surged since 2021, says Pakistan."
    c, = claims_of(inverted)
    assert c.speaker["text"] == "Pakistan" and c.content["text"] == "Terror attacks have surged since 2021"
    assert c.speaker["entity"]["name"] == "Government of Pakistan"


def test_anonymous_source_with_outlet():
    text = ("Earlier this year, an Israeli commander told Newsweek magazine on condition of anonymity that "
            "rifles left in Afghanistan had reached Gaza.")
    c, = claims_of(text)
    ent = c.speaker["entity"]
    assert ent["type"] == "anonymous" and ent["anonymous"] is True
    assert ent["outlet"] == "Newsweek"
    assert ent["affiliation"] == "Military Forces of Israel"
    assert c.content["text"].startswith("that rifles")


def test_pronoun_resolves_to_last_named_person():
    text = ("Sarfraz Bugti, the provincial home minister, visited the wounded in Quetta on Monday. "
            "Later, police chief Abdul Khaliq met the families. He said the bombers had crossed from Afghanistan.")
    c, = claims_of(text)
    assert c.speaker["text"] == "He"
    assert c.speaker["entity"]["name"] == "Abdul Khaliq"
    assert c.speaker["entity"]["type"] == "person"


def test_later_mentions_share_one_entity():
    text = (FIXTURES / "claims_briefing.txt").read_text(encoding="utf-8")
    claims = claims_of(text, "2023-07-19")
    for c in claims:
        assert_spans_index(text, c)
    langove = [c for c in claims if c.speaker and c.speaker["entity"]["name"] == "Zia Langove"]
    assert {c.speaker["text"] for c in langove} >= {"Balochistan's home minister, Zia Langove", "Langove",
                                                    "The minister", "He", "he"}
    assert all(c.speaker["entity"]["role"] == "home minister" for c in langove)
    assert all(c.speaker["entity"]["affiliation"] == "Government of Balochistan" for c in langove)
    told = one(claims, "told", "Langove")
    assert told.channel == "remarks to reporters" and len(told.content["spans"]) == 2
    statement = one(claims, "described")
    assert statement.channel == "a statement" and statement.kind == "direct"
    assert statement.date == "2023-07-19" and len(statement.content["spans"]) == 2
    anon = one(claims, "told", "A senior security official")
    assert anon.speaker["entity"]["anonymous"] and anon.speaker["entity"]["outlet"] == "Dawn"
    denial = one(claims, "denied")
    assert denial.stance == "denies" and denial.speaker["entity"]["affiliation"] == "Afghan Taliban"
    wrote = one(claims, "wrote")
    assert wrote.kind == "mixed" and wrote.speaker["entity"]["affiliation"] == "Afghan Taliban"
    urged = one(claims, "urged")
    assert urged.stance == "demands"


# --------------------------------------------------------------------------- stance, channel, date


@pytest.mark.parametrize("text,stance", [
    ("The TTP denied any role in the bombing.", "denies"),
    ("Kabul rejected allegations that it shelters militants.", "denies"),
    ("They also deny charges that the weapons left the country.", "denies"),
    ("The ministry said the reports were baseless.", "denies"),
    ("Officials said no weapon had left the country.", "asserts"),
    ("The minister warned that militants could strike again.", "warns"),
    ("The opposition urged the government to hold talks.", "demands"),
    ("Traders called for the curfew to be lifted.", "demands"),
    ("Analysts predicted more attacks before the election.", "predicts"),
    ("The commander said the operation would end within a week.", "predicts"),
    ("The police chief said the attackers were known to the guards.", "asserts"),
])
def test_stance(text, stance):
    c, = claims_of(text)
    assert c.stance == stance, (text, c.cue, c.content)


def test_rejected_allegation_content_is_the_proposition():
    claims = claims_of("Pakistan's Foreign Office on Tuesday rejected India's allegations that it sponsored the attack.")
    c = one(claims, "rejected")
    assert c.content["text"] == "that it sponsored the attack"
    assert c.date == "2023-08-29"
    # The allegation is India's: a nested attribution with its own speaker.
    nested = one(claims, "allegations")
    assert nested.speaker["text"] == "India's" and nested.content["text"] == "that it sponsored the attack"


def test_channels_and_dates():
    c, = claims_of("Chief spokesman Zabihullah Mujahid wrote on X, formerly Twitter, last July that no weapon had left.")
    assert c.channel == "a post on X" and c.date == "2023-07-01"
    c, = claims_of("The minister told reporters in Islamabad that the border would stay closed.")
    assert c.channel == "remarks to reporters"
    c, = claims_of("Kakar said in comments aired Friday on state television that the withdrawal was rushed.")
    assert c.channel == "state television" and c.date == "2023-09-01"
    c, = claims_of("The group said in a statement that its fighters carried out the raid.")
    assert c.channel == "a statement" and c.date is None
    c, = claims_of("Militants stormed the post, the army said in a press conference.")
    assert c.channel == "a press conference"


def test_it_was_reported_has_no_speaker():
    c, = claims_of("It was reported that the convoy had changed its route.")
    assert c.speaker is None
    assert c.content["text"] == "that the convoy had changed its route"


def test_no_claims_without_attribution():
    text = ("Gunmen attacked a police post in Kech district on Sunday night, killing two constables. "
            "No group claimed responsibility for the attack. Several people were reported injured.\n\n"
            "The attackers fled towards the mountains, and a search operation was under way on Monday. "
            "The road to Turbat was closed and the claims office at the bank stayed shut.")
    assert claims_of(text) == []
    assert find_claims("", [], None) == []


def test_negated_and_passive_cues_are_not_claims():
    for text in ["The spokesman did not say when the talks would resume.",
                 "The minister declined to confirm the number of dead.",
                 "Two journalists were denied entry to the district."]:
        assert claims_of(text) == [], text


def test_nested_and_multiple_claims_in_one_sentence():
    text = "Interior Minister Sarfraz Bugti warned that militants would target polling stations, and urged voters to stay calm."
    claims = claims_of(text)
    assert [c.cue["text"] for c in claims] == ["warned", "urged"]
    assert claims[0].content["text"] == "that militants would target polling stations"
    assert claims[1].speaker["entity"]["name"] == "Sarfraz Bugti"
    assert claims[1].speaker["entity"]["role"] == "interior minister"


def test_to_dict_matches_the_schema_shape():
    c, = claims_of("An official told AFP that the road was closed.")
    d = c.to_dict()
    assert set(d) == {"speaker", "cue", "content", "kind", "stance", "channel", "date", "about", "confidence",
                      "cue_class"}
    assert d["cue_class"] == "report"
    assert set(d["speaker"]) == {"text", "start", "end", "entity"}
    assert set(d["speaker"]["entity"]) == {"name", "role", "affiliation", "type", "anonymous", "outlet"}
    assert set(d["cue"]) == {"text", "start", "end"}
    assert set(d["content"]) == {"text", "spans"}
    assert all(isinstance(s, list) and len(s) == 2 for s in d["content"]["spans"])


# --------------------------------------------------------------------------- frames: general phenomena


def test_a_clause_after_the_cue_is_not_an_inverted_source():
    c, = claims_of("Others, however, say the reform is overdue.")
    assert c.speaker["text"] == "Others" and c.content["text"] == "the reform is overdue"
    c, = claims_of("Lopez, in contrast, told the Herald she was not leaving the party.")
    assert c.speaker["text"] == "Lopez" and c.content["text"] == "she was not leaving the party"
    c, nested = claims_of("Councilman Reyes however said he would back the budget.")
    # The endorsement inside what he said is an attribution of its own, read by the parser.
    assert (nested.cue["text"], nested.speaker["text"], nested.content["text"], nested.cue_class) == (
        "would back", "he", "the budget", "support")
    assert c.speaker["text"] == "Councilman Reyes" and c.cue["text"] == "said"


def test_inverted_source_with_lowercase_modifiers_and_relative_clause():
    c, = claims_of('"The bridge will hold," said former state engineer Ruth Adams, who built it.')
    assert c.speaker["text"] == "former state engineer Ruth Adams, who built it"
    assert c.content["text"] == '"The bridge will hold,"' and c.kind == "direct"


@pytest.mark.parametrize("text,speaker", [
    ('"We ask donors every year," Ms. Patel, of Harbor Analytics, said.', "Ms. Patel, of Harbor Analytics"),
    ("Tom Baker, 41, of Leeds, said the road was dangerous.", "Tom Baker, 41, of Leeds"),
    ("Several mayors, including Alves, said the curfew should end.", "Several mayors, including Alves"),
    ("By 60%-30%, those surveyed said the tax should stay.", "those surveyed"),
    ("42% say they will vote.", "42%"),
])
def test_source_noun_phrases(text, speaker):
    c, = claims_of(text)
    assert c.speaker["text"] == speaker


def test_introductory_phrase_and_title_are_not_content():
    c, = claims_of('In a statement for this story, a city official said, "We are not going to comment."')
    assert c.content["text"] == '"We are not going to comment."' and c.kind == "direct"
    c, = claims_of('Asked about the vote, she said, "It was the right call."')
    assert c.content["text"] == '"It was the right call."'
    c, = claims_of('On Fox\'s "Evening Report," Jane Doe said if the council voted no, the project would collapse.')
    assert c.content["text"] == "if the council voted no, the project would collapse"


def test_as_x_put_it():
    c, = claims_of("As the Daily Star reported on Tuesday, the mayor met the governor twice.")
    assert c.speaker["text"] == "the Daily Star" and c.cue["text"] == "reported"
    assert c.content["text"] == "the mayor met the governor twice"
    c, = claims_of("The mayor met the governor twice, as the Daily Star reported.")
    assert c.content["text"] == "The mayor met the governor twice"
    c, = claims_of('"It is a blank check," as Ms. Lee put it on Monday.')
    assert c.speaker["text"] == "Ms. Lee" and c.cue["text"] == "put it" and c.kind == "direct"
    c, = claims_of('The bill, as one senator put it, is "a blank check."')
    assert [c.content["text"]] == ['The bill is "a blank check."'] and len(c.content["spans"]) == 2
    assert claims_of("He put it on the table.") == []
    assert claims_of("Republicans such as Senator Cruz said the bill would fail.")[0].cue["text"] == "said"


def test_clause_verbs_without_that_and_multiword_cues():
    c, = claims_of("Analysts suggested the ceasefire would not hold.")
    assert c.content["text"] == "the ceasefire would not hold"
    c, = claims_of("The opposition calls for new elections.")
    assert c.cue["text"] == "calls for" and c.stance == "demands" and c.content["text"] == "new elections"
    assert claims_of("The calls for calm went unheeded.") == []
    c, = claims_of("Marchers carried roses, the station reported, while in the capital the parade began in silence.")
    assert c.speaker["text"] == "the station" and c.content["text"] == "Marchers carried roses"


def test_name_calling():
    c, = claims_of("Sanders called Clinton unqualified during the rally.")
    assert c.speaker["text"] == "Sanders" and c.content["text"].startswith("Clinton unqualified")
    assert claims_of("The mayor called police after the attack.") == []
    assert claims_of("She called him back on Monday.") == []


@pytest.mark.parametrize("text,cue,content,stance", [
    ("Officials know that the road is mined.", "know", "that the road is mined", "asserts"),
    ("Residents doubt that the curfew will be lifted.", "doubt", "that the curfew will be lifted", "denies"),
    ("Investigators suspect the bomber acted alone.", "suspect", "the bomber acted alone", "asserts"),
    ("The rebels want to hold talks in Doha.", "want", "to hold talks in Doha", "demands"),
    ("The party sought to delay the vote.", "sought", "to delay the vote", "demands"),
])
def test_belief_and_intent_verbs(text, cue, content, stance):
    c, = claims_of(text)
    assert (c.cue["text"], c.content["text"], c.stance) == (cue, content, stance)


def test_belief_and_intent_verbs_need_a_complement():
    for text in ["The rebels want more weapons.", "Officials know the area well.", "The party sought a recount."]:
        assert claims_of(text) == [], text


# --------------------------------------------------------------------------- speakerless, nouns, labels


def test_speakerless_passives():
    c, = claims_of("The convoy is expected to reach Quetta on Monday.")
    assert c.speaker is None and c.cue["text"] == "is expected" and c.stance == "predicts"
    assert [c.content["text"]] == ["The convoy to reach Quetta on Monday"] and len(c.content["spans"]) == 2
    c, = claims_of("The attackers are believed to have come from Afghanistan.")
    assert c.speaker is None and c.cue["text"] == "are believed"
    assert c.content["text"] == "The attackers to have come from Afghanistan"
    c, = claims_of("Rubio is widely seen as the candidate with the best chance to win.")
    assert c.cue["text"] == "is widely seen" and c.content["text"].startswith("Rubio as the candidate")
    c = one(claims_of("The election, which is widely expected to be close, will be held in May."), "is widely expected")
    assert c.content["text"] == "which to be close"
    # Inside another claim's content, the outer claim already says who expects it.
    c, = claims_of("The army chief was expected to travel to the province on Thursday, two officials said.")
    assert c.speaker["text"] == "two officials" and c.cue["text"] == "said"
    assert claims_of("It is expected to rain on Sunday.") == []
    assert claims_of("He is expected at the rally.") == []


def test_reportedly():
    c, = claims_of("The minister reportedly resigned after the vote.")
    assert c.speaker is None and c.cue["text"] == "reportedly"
    assert c.content["text"] == "The minister resigned after the vote"
    c, = claims_of("Trump reportedly told aides that he would fire the director.")
    assert c.cue["text"] == "reportedly told" and c.speaker["text"] == "Trump"


def test_noun_cues():
    c, = claims_of("The mayor never cited a source for his claim in November that the city had paid the bill.")
    assert (c.speaker["text"], c.cue["text"], c.content["text"]) == ("his", "claim", "that the city had paid the bill")
    c, = claims_of("Kabul's insistence that its soil is not used against neighbours convinced nobody.")
    assert c.speaker["text"] == "Kabul's" and c.cue["text"] == "insistence"
    c, = claims_of("Markets fell amid fears that the ceasefire would collapse.")
    assert c.speaker is None and c.stance == "warns" and c.content["text"] == "that the ceasefire would collapse"
    assert claims_of("The report that was released on Monday lists 40 attacks.") == []
    # A noun between a verb cue and its content is the channel, not a second cue.
    c, = claims_of("The group said in a statement that its fighters carried out the raid.")
    assert c.cue["text"] == "said" and c.channel == "a statement"
    # A speakerless noun inside another claim's content only repeats it.
    c, = claims_of("Kabul rejected allegations that it shelters militants.")
    assert c.cue["text"] == "rejected"


def test_speaker_labels():
    text = ("Sanders: Brexit vote could help the far right in Europe\n\n"
            'Rep. Ann Cole (D-Ohio): "I have not seen that figure anywhere."\n\n'
            "Note: this story was updated.\n\nThe Latest: Polls close in Ohio tonight\n\n"
            "The reason is simple: nobody came.\n\n9:10 p.m.: Results are coming in.")
    claims = claims_of(text)
    assert [(c.speaker["text"], c.cue["text"]) for c in claims] == [("Sanders", ":"), ("Rep. Ann Cole (D-Ohio)", ":")]
    assert claims[0].content["text"] == "Brexit vote could help the far right in Europe"
    assert claims[1].kind == "direct"
    for c in claims:
        assert_spans_index(text, c)


def test_cue_inside_a_longer_token_is_ignored():
    for c in claims_of("Send tips/quips/quotes to the desk. He said the desk was closed."):
        assert c.cue["start"] < c.cue["end"] and c.cue["text"] == "said"


def test_a_speakers_one_channel_is_shared_but_two_are_not():
    text = ("The minister has argued that the border must be fenced. \"We will finish it,\" the minister "
            "said in an interview on state television.")
    assert {c.channel for c in claims_of(text)} == {"state television"}
    text = ("The minister said on X that the border must be fenced. The minister told a press conference "
            "that the work would finish soon. The minister also said the army would guard it.")
    assert [c.channel for c in claims_of(text)][2] is None


@pytest.mark.parametrize("text, cue, speaker", [
    # A state abbreviation in parentheses does not end the sentence.
    ("Sen. Amy Wells (D-Vt.) said the army would stay in the valley.", "said", "Sen. Amy Wells (D-Vt.)"),
    # An adverb between subject and verb is not part of the speaker.
    ("The provincial police twice complained that the checkpoints were unmanned.", "complained",
     "The provincial police"),
    # A participial aside between two commas.
    ("A shopkeeper in Bannu, pointing at the rubble, said the blast came at dawn.", "said",
     "A shopkeeper in Bannu"),
    # An age and a title after the name: the name opens the speaker.
    ("Bibi Zainab, 41, the mother of one of the victims, said nobody had warned them.", "said",
     "Bibi Zainab, 41, the mother of one of the victims"),
    # A participle takes the clause subject, past a dateline or an introductory participle.
    ("QUETTA — The provincial spokesman told reporters, saying: the road is closed.", "saying:",
     "The provincial spokesman"),
    ("Speaking at a rally in Zhob, Balochistan, the minister criticised the police, calling them absent.",
     "calling", "the minister"),
    ("Hours later, the commander was on television telling viewers that the pass was secure.", "telling",
     "the commander"),
    # An adverb after the subject of a participle is not part of the speaker either.
    ("The provincial governor immediately issued a statement, saying the curfew would be lifted on Sunday.",
     "saying", "The provincial governor"),
    ("The army spokesman later defended the raid, calling the detainees a threat to the district.", "calling",
     "The army spokesman"),
    # A pronoun with a contracted verb: the speaker is the pronoun.
    ("Asked about the convoy, the commander said he’s warned the elders that the road is mined.", "warned",
     "he"),
])
def test_speaker_noun_phrase(text, cue, speaker):
    c = one(claims_of(text), cue)
    assert c.speaker["text"] == speaker
    assert_spans_index(text, c)


def test_continued_after_a_quote_and_a_participle_after_a_closing_quote():
    text = ("“The pass will reopen once the rubble is cleared,” the commissioner continued. “Convoys will "
            "resume on Monday.”\n\nHe told Dawn that the army had “secured the road,” adding that no checkpoint "
            "had been attacked since July.")
    cont = one(claims_of(text), "continued")
    assert cont.speaker["text"] == "the commissioner"
    assert "pass will reopen" in cont.content["text"] and "Convoys will resume" in cont.content["text"]
    told = one(claims_of(text), "told")
    assert told.content["text"].rstrip(",”").endswith("secured the road")
    adding = one(claims_of(text), "adding")
    assert adding.speaker["text"] == "He" and adding.content["text"].startswith("that no checkpoint")
    assert not [c for c in claims_of("The army continued the operation in the valley.")]


@pytest.mark.parametrize("span, source", [
    ("QUETTA (Wire) — A police official", "A police official"),
    ("KABUL - The minister", "The minister"),
    ("The nurse later", "The nurse"),
    ("Two officials both", "Two officials"),
    ("she's", "she"),
    ("Khan, who is a lawyer,", "Khan, who is a lawyer"),  # a relative clause before the cue stays
    ("Bibi Zainab, 41,", "Bibi Zainab, 41"),
    ("later", "later"),  # nothing left after trimming: keep the span
])
def test_trim_source(span, source):
    text = "x " + span + " said"
    start, end = trim_source(text, 2, 2 + len(span))
    assert text[start:end] == source
