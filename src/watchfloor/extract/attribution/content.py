"""Content spans: what was said, after or before the cue.

``skip_right`` passes over the addressee ("told reporters") and adjuncts ("on Friday", "in a
statement") after a cue; ``content_after`` takes the clause, quote or quote plus continuation
from there, cut at a separator (", adding", "; ") or a trailing outer attribution;
``content_before`` takes the clause before "..., the ISPR said"; ``cap_content`` applies
``MAX_CONTENT``.
"""

from __future__ import annotations

import re

from .article import Article, RawClaim, content_start_of_sentence
from .entities import outlet_name
from .quotes import quote_content
from .tokens import MAX_CONTENT, Span, Tok, strip_span

# Things between the cue and the content that belong to neither.
_TIME = (r"(?:(?:on|late|early|last|this|next)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
         r"(?:\s+(?:morning|afternoon|evening|night))?|(?:on|in|last|early|late|earlier|this)\s+"
         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
         r"(?:,?\s+\d{4})?|(?:earlier|later)\s+(?:this|that|on|in)\s+\w+|yesterday|today|tonight|overnight|"
         r"last\s+(?:week|month|year|night)|this\s+(?:week|month|year|morning)|(?:a|two|three|several|few)\s+"
         r"(?:days?|weeks?|months?)\s+ago|recently|earlier|later|again|on\s+\w+day|in\s+\d{4}")
_CHANNEL_PP = (r"(?:in|on|at|during|via|through|over|from)\s+(?:a|an|the|his|her|its|their)?\s*(?:[\w’'-]+\s+){0,3}?"
               r"(?:statement|interview|conference|briefing|speech|address|post|tweet|message|video|letter|"
               r"broadcast|remarks|comments|rally|meeting|session|hearing|report|podcast|op-ed|column|blog|"
               r"television|tv|radio|x|twitter|facebook|telegram|whatsapp|youtube|instagram|social\s+media|"
               r"website|media|call|visit|appearance|sermon|gathering|ceremony|summit|event|debate|program|"
               r"programme|show|talk)(?:\s+(?:aired|broadcast|published|posted|released|issued|given|held|"
               r"televised)(?:\s+" + _TIME + r")?)?(?:\s+(?:with|to|on|in|at|from|by)\s+(?:the\s+)?"
               r"(?:(?-i:[A-Z])[\w.&’'-]*|state|local|national|private|foreign|reporters|journalists)"
               r"(?:\s+(?:(?-i:[A-Z])[\w.&’'-]*|television|tv|media|radio|channel|news|broadcaster|representatives))*)?"
               r"(?:,\s*formerly\s+(?:known\s+as\s+)?twitter,?)?")
_ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:" + _TIME + "|" + _CHANNEL_PP +
    r"|on\s+condition\s+of\s+anonymity|(?:to|for)\s+(?:reporters|journalists|the\s+media|the\s+press|media)"
    r"|in\s+(?:(?-i:[A-Z])[\w’'-]+)(?:\s+(?-i:[A-Z])[\w’'-]+)?|publicly|privately|repeatedly|bluntly|flatly|"
    r"angrily|emphatically|firmly|categorically|separately|also|too|further|again|in\s+part|"
    r"in\s+response|in\s+turn|in\s+a\s+\w+(?:\s+\w+)?\s+(?:to|with)\s+[\w\s]{1,40}?(?=\s+that\b)|"
    r"however|though|meanwhile)(?=[\s,.:;“\"]|$)", re.I)
_ADDRESSEE = re.compile(
    r"\s*(?:him|her|them|me|us|you|reporters|journalists|the\s+media|the\s+press|lawmakers|legislators|"
    r"parliament|senators|the\s+senate|congress|voters|supporters|the\s+nation|the\s+court|the\s+jury|"
    r"(?:the|a|an|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?(?:crowd|audience|gathering|rally|meeting|"
    r"conference|reporters|journalists|newspaper|channel|agency|interviewer|host|committee|court|senate|"
    r"assembly|house|nation|country|people|supporters|parliament|council|broadcaster|daily|magazine|"
    r"station|network|outlet|correspondent|members|leaders|officials|delegation|lawmakers|visitors|"
    r"students|residents|elders|mourners|media|press|BBC|AFP|Reuters)|"
    r"(?:state|local|national|private|foreign)\s+(?:television|tv|media|radio|broadcaster)|(?:the\s+)?"
    r"[A-Z][\w.&’'-]*(?:\s+(?:[A-Z][\w.&’'-]*|of|the|for))*(?:\s+(?:magazine|newspaper|news\s+agency|"
    r"television|tv|radio|channel|daily))?)(?=[\s,.:;“\"']|$)")
# '..., the source added.' at the end of a content: another (outer) attribution.
_TRAILING_CUE = re.compile(
    r",\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'.-]+\s+){0,5}?(?:said|says|added|adds|wrote|noted|"
    r"told\s+[\w\s]{1,30}|according\s+to\s+[^,;]{1,60})(?:\s+[^,;.]{0,40})?[.!?]?\s*$", re.I)
_TRAILING_CHANNEL = re.compile(
    r"\s+(?:in|via|through|on)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|post|message|"
    r"video|tweet|interview|press\s+conference|news\s+conference|briefing|speech|address|letter)\b[^,;“\"]{0,60}"
    r"[.!?]?\s*$", re.I)
_PP_THEN_THAT = re.compile(
    r"\s*,?\s*((?:at|in|on|during|after|before|from|to|with|for|via|over|while|outside|inside|near|ahead\s+of|"
    r"in\s+front\s+of)\s+)?(?:(?!that\b|said\b|says\b|told\b|and\b|but\b|because\b|who\b|which\b)"
    r"[\w.’'-]+[,\s]+){0,14}?that\b", re.I)
SEPARATOR = re.compile(
    r",\s*(?:although|though|even\s+though|whereas|but)\b|(?<=[”\"])\s+but\b|"
    r",[”\"]?\s*(?:(?:and|but)\s+)?(?:adding|saying|noting|insisting|arguing|warning|claiming|explaining|stressing|"
    r"pointing\s+out|according\s+to|telling|urging|calling\s+for|denying|describing|accusing|blaming|"
    r"alleging|asserting|declaring|vowing|citing)\b|;\s|\s+(?:and|but)\s+(?:also\s+)?(?:said|added|warned|"
    r"told|noted|insisted|denied|claimed|urged|called|vowed|says|adds|warns|stressed|accused|blamed)\b|"
    r"[,.]?\s*[”\"]?\s*(?:he|she|they|it)\s+(?:said|added|says)\b", re.I)


def skip_right(art: Article, pos: int, end: int, lemma: str) -> tuple[int, Span | None, str | None]:
    """Skip the addressee ("told reporters") and adjuncts ("on Friday", "in a statement") after a
    cue; return (content start, addressee span, outlet)."""
    text = art.text
    addressee = None
    outlet = None
    p = pos
    if lemma in ("tell", "assure", "remind") or (lemma == "warn" and not re.match(r"\s*(?:that|of|against|about)\b", text[p:end])):
        if lemma == "warn":
            m = None
        else:
            m = _ADDRESSEE.match(text, p, end)
        if m and m.end() > p:
            a0 = p + len(m.group(0)) - len(m.group(0).lstrip())
            addressee = (a0, m.end())
            outlet = outlet_name(text[a0:m.end()])
            p = m.end()
    for _ in range(6):
        m = _ADJUNCT.match(text, p, end)
        if not m or m.end() == p:
            break
        p = m.end()
    # "says at a campaign stop in Toledo, Ohio, that ...", "told one of his aides on a call that ...":
    # a prepositional phrase (or the addressee) and then "that".
    m = _PP_THEN_THAT.match(text, p, end)
    if m and (m.group(1) or addressee is not None or lemma in ("tell", "assure", "remind", "warn")):
        p = m.end() - 4
    return p, addressee, outlet


def content_after(art: Article, p: int, se: int, lemma: str) -> list[Span] | None:
    """Content after the cue: from ``p`` (after skipped adjuncts) to the sentence end, a quote,
    or a quote plus its continuation."""
    text = art.text
    tail = text[p:se].rstrip()
    if tail.endswith(":") and len(tail) < 120 and not re.search(r"[“\"]", tail):
        # "Langove described the raid in a statement released on Wednesday:" + a quote below.
        q = art.quote_starting_at(se, limit=6)
        if q is not None:
            return quote_content(art, q)
    while p < se and text[p] in " \t":
        p += 1
    if p < se and text[p] == ":":
        p += 1
    if p < se and text[p] == ",":
        # "said, “...”" or "said, adding ..."
        q = art.quote_starting_at(p + 1)
        if q is None:
            return None
        p += 1
    while p < len(text) and text[p] in " \t":
        p += 1
    if p >= se:
        # "He added:" at a paragraph end: the quote is in the next paragraph.
        if text[se - 1:se] == ":" or text[p - 1:p] == ":":
            q = art.quote_starting_at(p, limit=6)
            if q is not None:
                return quote_content(art, q)
        return None
    if SEPARATOR.match(text, p - 1 if p > 0 and text[p - 1] == "," else p):
        return None
    q = art.quote_starting_at(p, limit=1)
    if q is not None:
        rest = text[q.end:se].strip(" ,.;”\"")
        if not rest or q.end >= se or SEPARATOR.match(text, q.end):
            return quote_content(art, q)
    end = se
    m = re.search(r"[.!?]\s*[“\"]\s*$", text[p:se])
    if m:
        end = p + m.start() + 1  # the next quote's opening mark, left in this sentence by the splitter
    m = SEPARATOR.search(text, p, end)
    if m and m.start() > p:
        end = m.start()
    m = _TRAILING_CUE.search(text, p, end)
    if m and m.start() > p:
        end = m.start()
    m = _TRAILING_CHANNEL.search(text, p, end)
    if m and m.start() > p + 10:
        end = m.start()  # "claimed responsibility ... in a statement sent to the media"
    # A quote that starts inside the content and runs beyond the sentence end.
    for u in art.closed:
        if p <= u.start < end and u.end > end:
            end = u.end
            break
    a, b = strip_span(text, p, end)
    if b - a < 2:
        return None
    return [(a, b)]


def only_tail(art: Article, p: int, se: int) -> bool:
    """Is what follows the cue only a trailing phrase (split-quote, adding, or nothing)?"""
    rest = art.text[p:se].strip()
    if not rest or rest in {".", "!", "?"}:
        return True
    if rest[0] == "," and (art.quote_starting_at(p) is not None or SEPARATOR.match(art.text, p + art.text[p:se].find(","))):
        return True
    return False


def content_before(art: Article, toks: list[Tok], i: int, ss: int, se: int) -> list[Span] | None:
    """The clause before '..., the ISPR said' (or the quote before it)."""
    text = art.text
    if i == 0:
        return None
    end = toks[i - 1].start if toks[i - 1].text in {",", "—", "–", ";"} else toks[i].start
    q = art.quote_ending_at(toks[i].start)
    if q is not None:
        return quote_content(art, q)
    start = content_start_of_sentence(art, ss, se)
    # An unbalanced quote mark: fall back to the sentence.
    a, e = strip_span(text, start, end)
    if e - a < 3:
        return None
    if e - a > MAX_CONTENT:
        a = e - MAX_CONTENT
    return [(a, e)]


def cap_content(text: str, r: RawClaim) -> list[Span]:
    """Content within ``MAX_CONTENT`` characters; an over-long content falls back to its sentence."""
    spans = [(a, b) for a, b in r.content if b > a]
    total = sum(b - a for a, b in spans)
    if total <= MAX_CONTENT:
        return spans
    ss, se = r.sentence
    a, b = strip_span(text, ss, min(se, ss + MAX_CONTENT))
    if r.source and a <= r.source[0] < b:
        # Keep the part of the sentence that is not the speaker and cue.
        if r.cue[1] < b:
            a = max(a, r.cue[1])
    return [(a, b)] if b > a else []
