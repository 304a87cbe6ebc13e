"""The rules behind ``watchfloor.extract.claims.find_claims``, one job per module.

Order of use for one article: ``article`` (quotes from ``quotes``, tokens from ``tokens``),
then per sentence ``lexicon.find_cues`` -> ``cues.gate`` -> ``frames`` (speaker spans from
``sources``, content spans from ``content`` and ``quotes``), then ``stance`` and ``speakers``
(with ``entities``) finish each claim. Only ``claims.find_claims`` is the public interface.
"""
