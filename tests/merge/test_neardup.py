"""Syndicated copies are found by MinHash buckets; one template reused for another incident is not."""

from watchfloor.merge.neardup import BANDS, Candidate, find_original, fingerprint, same_lede, similarity

WIRE = """MAIDUGURI, Nigeria — A suicide bomber blew herself up at a crowded cattle market in Konduga on
Saturday morning, killing at least twelve traders and wounding 31 others, a spokesman for the state
emergency agency said.

The bomber walked into the market shortly after nine o'clock, when herders from neighbouring villages
were bargaining over goats and cattle, witnesses told reporters by telephone.

Residents said militia volunteers had searched people at the market gate for weeks after warnings
of an attack, but the woman came through a gap in the fence behind the grain sellers.

No group has claimed responsibility. Similar bombings in the area have been blamed on factions of the
jihadist insurgency that has killed thousands of people in the northeast since 2009."""

REPOST = ("KONDUGA (NNA) — " + WIRE.split("— ", 1)[1].rsplit("\n\n", 1)[0]
          + "\n\nFollow us for more news from the northeast. This story was first published by Lake Chad Wire.")
TEMPLATE = WIRE.replace("Konduga", "Gwoza").replace("twelve", "five").replace("31", "14")


def test_a_repost_with_boilerplate_and_a_trimmed_end_is_a_copy():
    a, b = fingerprint(WIRE), fingerprint(REPOST)
    assert similarity(a.signature, b.signature) >= 0.6
    assert sum(x == y for x, y in zip(a.buckets, b.buckets)) >= 1  # found by the index
    assert find_original(b, [Candidate("wire", a.signature, a.facts)], 0.6) == "wire"


def test_the_same_template_about_another_incident_is_not_a_copy():
    a, t = fingerprint(WIRE), fingerprint(TEMPLATE)
    assert similarity(a.signature, t.signature) > 0.5  # similar text...
    assert not same_lede(a.facts, t.facts)  # ...but another town and another toll
    assert find_original(t, [Candidate("wire", a.signature, a.facts)], 0.6) is None


def test_an_unrelated_text_shares_no_bucket():
    other = fingerprint("Protesters marched through the capital on Sunday demanding higher wages "
                        "for teachers, and the police stood by as the crowd dispersed peacefully at dusk.")
    a = fingerprint(WIRE)
    assert len(a.buckets) == BANDS
    assert not set(a.buckets) & set(other.buckets)
    assert similarity(a.signature, other.signature) < 0.1


def test_empty_and_tiny_texts_do_not_fail():
    assert similarity(fingerprint("").signature, fingerprint("").signature) in (0.0, 1.0)
    tiny = fingerprint("Two killed.")
    assert len(tiny.signature) == 128 * 4
