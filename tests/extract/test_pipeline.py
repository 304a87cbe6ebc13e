"""End to end on an article shaped like the seed (our own text, tests/fixtures/seed_shaped.txt)."""

from pathlib import Path

import pytest

from watchfloor.extract import get_extractor

FIXTURE = Path(__file__).parent.parent / "fixtures" / "seed_shaped.txt"


@pytest.fixture(scope="module")
def seed():
    text = FIXTURE.read_text(encoding="utf-8")
    return text, get_extractor().extract(text, "2023-09-02")


def test_bannu_convoy_suicide_bombing(seed):
    text, result = seed
    assert len(result.events) == 1
    e = result.events[0]
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert (e.admin1, e.admin2, e.location) == ("Khyber Pakhtunkhwa", "Bannu", "Bannu")
    assert e.fatalities == 9
    # "on the same day" as the Friday broadcast; published Saturday 2 September.
    assert (e.date, e.time_precision) == ("2023-09-01", 1)
    assert e.actor2 == "Military Forces of Pakistan"
    assert "military convoy" in e.targets
    assert e.notes.startswith("On 1 September 2023")
    for field in ("fatalities", "location", "date", "sub_event_type"):
        assert e.evidence[field], field
    (s, t), = e.evidence["fatalities"]
    assert "nine soldiers" in text[s:t]


def test_year_figure_is_a_statistic_not_an_event(seed):
    text, result = seed
    stats = {s.quantity: s for s in result.statistics}
    assert 200 in stats
    s200 = stats[200]
    assert (s200.period_start, s200.period_end) == ("2023-01-01", "2023-08-31")
    (a, b), = s200.evidence
    assert text[a:b].startswith("more than 200 soldiers")


def test_islamabad_is_where_he_spoke_not_where_it_happened(seed):
    _, result = seed
    roles = {(p.name, p.role) for p in result.places}
    assert ("Islamabad", "speaker") in roles
    assert all(p.name != "Islamabad" for p in result.places if p.role == "event")
    assert all(e.location != "Islamabad" for e in result.events)


def test_surname_is_not_a_place(seed):
    _, result = seed
    assert "Kakar" not in {p.text for p in result.places}


def test_non_violent_article_yields_no_event():
    text = ("The provincial assembly passed the budget on Tuesday after a long debate. The finance "
            "minister said spending on schools and hospitals would rise, while the opposition leader "
            "attacked the plan as unrealistic and walked out of the session in Peshawar.")
    assert get_extractor().extract(text, "2023-06-14").events == []


@pytest.mark.parametrize("text", [
    "The TTP vowed to attack police stations across the province.",
    "The group denied carrying out the bombing in Quetta.",
    "Officials fear militants could attack polling stations in Kech.",
])
def test_threats_and_denials_are_not_events(text):
    assert get_extractor().extract(text, "2023-06-14").events == []


def test_three_attacks_three_events():
    text = ("Militants ambushed a police patrol in Lakki Marwat on Monday, killing two policemen.\n\n"
            "In a separate attack, a roadside bomb hit a Frontier Corps vehicle in Kech district of "
            "Balochistan on Sunday, wounding three soldiers.\n\n"
            "Elsewhere, gunmen abducted four labourers in Panjgur on Saturday.")
    events = get_extractor().extract(text, "2023-05-09").events
    assert [e.sub_event_type for e in events] == [
        "Armed clash", "Remote explosive/landmine/IED", "Abduction/forced disappearance"]
    assert [e.admin2 for e in events] == ["Lakki Marwat", "Kech", "Panjgur"]
    assert [e.date for e in events] == ["2023-05-08", "2023-05-07", "2023-05-06"]
    assert events[0].fatalities == 2 and events[1].fatalities == 0 and events[1].injured == 3


def test_a_publication_value_that_is_not_a_date_is_ignored():
    events = get_extractor().extract("A bomb blast in Quetta killed two people on Monday.", "yesterday-ish").events
    assert len(events) == 1 and events[0].fatalities == 2 and events[0].date is None


def test_a_paragraph_over_spacys_max_length_is_read_in_pieces():
    from watchfloor.nlp import sentences

    text = "Militants attacked a post in Bannu on Monday. " * 26_000  # 1.2 million characters, one paragraph
    spans = sentences(text)
    assert len(spans) == 26_000
    assert all(text[a:b].strip().startswith("Militants") for a, b in spans[:3] + spans[-3:])
    assert len(sentences("x" * 1_300_000)) >= 1  # no space at all: cut anyway, never refused
