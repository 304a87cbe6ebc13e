"""Roles: who did what to whom in an event's sentences.

The attacker (a named group in the perpetrator's position, a state force acting), the side
attacked (the noun phrase after "fired at", "targeted", "shot"), the crowd of a protest or
riot, and the words that show two armed sides fought.
"""

from __future__ import annotations

import re

from .actors import CIVILIANS, EXTERNAL, PROTESTERS, RIOTERS, STATE, ActorMention
from .lexicon import PROTEST_HINTS, TRUCE_BROKEN
from .mentions import _FOLLOW_UPS, Mention
from .responsibility import DENIED_RESPONSIBILITY

_STATE_AGENT_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:killed|arrested|detained|apprehended|neutrali[sz]ed|eliminated|conducted|launched|carried\s+out|"
    r"raided|repulsed|foiled|thwarted|defused|recovered(?!\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?bod(?:y|ies))|seized|gunned\s+down|shot\s+dead|targeted|"
    r"engaged|cordoned|busted|captured|rescued|retaliated|responded|flogged|whipped|beat|kicked|tortured|manhandled|"
    r"ill-?treated|assaulted)\b",
    re.I,
)
# Verbs a force does to others, taken only right after the force is named ("troops attacked",
# "UPDF kills"): further away they are somebody else's ("police forces, when the cadres attacked").
_STATE_VERB_NEXT = re.compile(
    r"\s+(?:(?:also|reportedly|allegedly|then|later|have|has|had)\s+)?(?:attacked|ambushed|bombed|shelled|struck|"
    r"pounded|stormed|shot|fired\s+(?:on|at|into|upon)|opened\s+fire|executed|tortured|beat|kills|attacks|raids|"
    r"arrests|shoots|bombs|strikes|ambushes|repels|repulses|raided|killed|clashed\s+with|fought|battled|engaged|"
    r"burn(?:s|ed|t)?|torched|looted|open\s+fire|fire\s+(?:on|at|into)|kill|attack|raid|arrest|shoot|beat|torture|detain|"
    r"ambush|battle|clash\s+with|fight|dragged|rounded\s+up|abducted|whipped|flogged|lynched|destroyed|destroy|"
    r"hacked|stabbed|assaulted|massacred|murdered|demolished|demolish|"
    r"(?:fired|launched)\s+(?:\w+\s+){0,3}?(?:missiles?|rockets?|shells?|mortars?|drones?)|"
    # the moves of a war between armies: "Armenian forces violated the ceasefire", "troops advanced"
    r"fired\s+(?:\w+\s+)?(?:towards?|in\s+the\s+direction\s+of)|fired\s+(?:shots|bullets|rounds)\s+(?:at|on|into)|"
    r"(?:shot|fired)\s+into|bombarded|murders|murdered|rob(?:s|bed)?|stole|steal|looted|loot|took\s+over|occupied|"
    rf"{TRUCE_BROKEN}|"
    r"advanced|captured|seized|took\s+(?:full\s+)?control|recaptured|regained|liberated|pushed\s+back)\b", re.I)
# A force right after a violent verb is its object, not its agent.
_HIT_BEFORE = re.compile(r"\b(?:attacked|attacking|ambushed|targeted|targeting|struck|raided|stormed|overran|"
                         r"fired\s+(?:on|at|upon)|shot\s+at|killed|killing|abducted)\s+(?:the\s+|a\s+|an\s+)?"
                         r"(?:[\w'-]+\s+){0,2}$", re.I)
# The agent of a passive: "a man was shot dead by Houthi fighters", "killed by sniper fire from regime forces".
_BY_BEFORE = re.compile(r"\b(?:killed|shot(?:\s+dead)?|gunned\s+down|wounded|injured|attacked|abducted|kidnapped|"
                        r"beaten|tortured|targeted|shelled|bombed|executed|fire|shelling)\s+(?:[\w'-]+\s+){0,3}?"
                        r"(?:by|from)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_PASSIVE_BETWEEN = re.compile(r"\b(?:were|was|been|being|is|are)\b", re.I)
_OPERATION = re.compile(r"\b(?:intelligence[- ]based\s+operation|ibo|search\s+operation|clearance\s+operation|"
                        r"military\s+operation|security\s+operation|combing\s+operation|operation\s+against|"
                        r"(?:police|army|military|security|joint)\s+(?:anti-\w+\s+)?(?:raids?|operations?|crackdowns?|"
                        r"encounters?|shootouts?)|(?:killed|shot(?:\s+dead)?|gunned\s+down|beaten|injured|wounded|executed|"
                        r"tortured|flogged|caned|lashed|whipped)\s+(?:\w+\s+){0,3}?by\s+(?:the\s+)?(?:(?!gunmen|militants|assailants|attackers|rebels|"
                        r"insurgents|while|as|after|when|and)[\w()-]+\s+){0,4}?(?:police|policemen|soldiers|troops|army|"
                        r"military|security\s+forces|agents|operatives|battalion|brigade)|"
                        r"(?:shoot-?outs?|gunfights?|gun\s+battles?|firefights?|encounters?|exchanges?\s+of\s+fire)\s+with\s+"
                        r"(?:the\s+)?(?:\w+\s+)?(?:police|policemen|troops|soldiers|army|military|security\s+forces|operatives)|"
                        r"died\s+in\s+(?:police|military|army)\s+custody|custodial\s+(?:death|killing)s?)\b",
                        re.I)


# Both sides shooting. A firefight is the attackers' own; a clash also counts the other side
# answering ("returned fire"), which does not turn shelling into a clash.
_FIREFIGHT_WORDS = (r"exchang(?:e|ed|ing)\s+(?:of\s+)?fire|exchanged\s+fire|gun\s?(?:fight|battle)|fire\s?fight|"
                    r"clash(?:ed|es)?|heavy\s+(?:weapons|weaponry|arms)|light\s+and\s+heavy|small\s+(?:arms|weapons)")
_FIREFIGHT = re.compile(rf"\b(?:{_FIREFIGHT_WORDS})\b", re.I)
_CLASH = re.compile(rf"\b(?:{_FIREFIGHT_WORDS}|retaliat\w+|returned\s+fire|fought\s+back|fight\s+back|repulsed|repelled|"
                    r"fighting|fights?|fought|battles?|battled|encounter(?:s|ed)?|shoot-?outs?|confrontations?|skirmish(?:es|ed)?|"
                    rf"{TRUCE_BROKEN}|(?:counter-?)?offensive)\b", re.I)
# The attackers also shot: "opened fire and lobbed a grenade", "fired ... and conducted an IED explosion".
_GUNFIRE = re.compile(r"\b(?:fired\s+(?:at|on|upon|with)|opened\s+fire|firing|gunfire|automatic\s+weapons|small\s+arms|"
                      r"other\s+weapons|sniper)\b", re.I)
_TARGET_VERB = re.compile(
    r"\b(?:fired\s+(?:\w+\s+){0,4}?(?:at|on|upon)|opened\s+fire\s+(?:at|on)|targeted|targeting|attacked|"
    r"shot\s+dead|shot\s+and\s+killed|shot|"
    r"killed|gunned\s+down|ambushed|abducted|kidnapped|stabbed|assassinated|injured|wounded)\s+"
    r"(?P<np>[^.;,]{1,80})",
    re.I,
)
# The noun phrase ends at a preposition, a relative clause or a verb.
_NP_END = re.compile(r"\s(?:in|at|near|on|outside|inside|with|from|who|which|while|when|during|after|before|for|over|"
                     r"along|as|by|killing|injuring|wounding|and\s+(?:its|his|their)\s+(?!crew))\s", re.I)
_CIVILIAN_PLACES = re.compile(r"\b(?:labou?r(?:ers?)?|construction|workers'?|civilian|passenger|wedding|school|market|"
                              r"displaced|idps?|refugees?|"
                              r"mosque|shrine|hospital|coal|mine|mining|company|contractor|tribal\s+leader|"
                              r"spying|informer)\b", re.I)
# An armed group's own people as the ones hit: "two members of Hezbollah", "ISWAP fighters"
# (not "the Koglweogo chief's brother", whose kin are civilians).
_GROUP_PREFIX = re.compile(r"(?:(?:the|a|an|its|two|three|four|five|six|\d+|several|some)\s+)?"
                           r"(?:(?:members?|fighters?|militants?|elements?|cadres?|rebels?|positions?)\s+of\s+(?:the\s+)?)?", re.I)
_GROUP_SUFFIX = re.compile(r"\s*(?:(?:members?|fighters?|militants?|elements?|cadres?|rebels?|men|positions?|"
                           r"hideouts?|bases?|camps?)\b)?\s*", re.I)
# A camp of displaced people or refugees is no military post.
_CIVILIAN_CAMP = re.compile(r"\b(?:idps?|displaced|refugees?|displacement)\s+(?:\w+\s+)?camps?\b|"
                            r"\bcamps?\s+(?:for|of)\s+(?:the\s+)?(?:internally\s+)?(?:displaced|refugees|idps)", re.I)
_ARMED_WORDS = re.compile(r"\b(?:death\s+squad|militia|pro-government|pro-state|state-backed|lashkar|peace\s+committee)\b", re.I)
_CIVILIAN_HEADS = re.compile(
    r"^(?:civilians?|persons?|people|man|men|woman|women|boys?|girls?|child(?:ren)?|labou?rers?|workers?|miners?|"
    r"shopkeepers?|traders?|drivers?|journalists?|teachers?|doctors?|students?|leaders?|politicians?|activists?|"
    r"brother(?:-in-law)?|sons?|relatives?|elders?|informants?|passengers?|villagers?|residents?|engineers?|"
    r"contractors?|employees?|officials?|councill?ors?|chairman|candidates?|worshipp?ers?|pilgrims?|house|home|"
    r"shops?|schools?|nationals?|citizens?|farmers?|herders?|trucks?|bus|buses|passers-by|family|poets?|writers?|"
    r"crew|company|compound|tankers?|members?|separatist|defector|lawyers?|judges?|clerics?|scholars?|functionar(?:y|ies)|"
    r"tribesm[ae]n|notables?|vendors?|labour|stall|market|hotel|restaurant|rickshaw|van)$", re.I)
_SECURITY_HEADS = re.compile(
    r"^(?:soldiers?|troops?|personnel|forces?|army|military|police(?:m[ae]n)?|policeman|officers?|constables?|"
    r"levies|fc|corps|convoy|patrol|posts?|check\s?-?posts?|checkpoints?|camps?|outposts?|bases?|stations?|"
    r"cantonment|garrison|headquarters|jawans?|commandos?|rangers|guards?|sho|ctd|unit|team|party|installations?|"
    r"positions?|strongholds?|hideouts?|fighters|militants|rebels|insurgents|gendarmes?|gendarmerie|militiam[ae]n|"
    r"vigilantes|warriors|raiders|militias?|scouts|militia)$", re.I)


# Who serves the forces without their arms.
_UNARMED_AIDES = re.compile(r"^(?:informants?|informers?|interpreters?|translators?|cooks?|drivers?|contractors?)$", re.I)


def _target_side(mentions: list[Mention], text: str) -> str | None:
    """Who was attacked: the noun phrase after "fired at", "targeted", "shot" ... in the event's sentences."""
    for m in mentions:
        for hit in _TARGET_VERB.finditer(text, m.span[0], m.span[1]):
            np = hit.group("np")
            if _CIVILIAN_CAMP.match(re.sub(r"^(?:an?|the)\s+", "", np, flags=re.I)):
                return "civilians"
            cut = _NP_END.search(" " + np + " ")
            np = (" " + np + " ")[: cut.start()] if cut else np
            if re.search(r"\boff[- ]duty\b|\bunarmed\b|\bretired\b|\bformer\b", text[m.span[0]: m.span[1]], re.I):
                return "civilians"
            if _CIVILIAN_PLACES.search(np):
                return "civilians"  # "a labour camp", "a wedding party": not a military post
            at = hit.start("np")
            if any(a.kind in (2, 3) and at <= a.start and a.end <= at + len(np)
                   and _GROUP_PREFIX.fullmatch(text[at:a.start]) and _GROUP_SUFFIX.fullmatch(text[a.end:at + len(np)])
                   for a in m.actors):
                return "security"  # "two members of Hezbollah": an armed group's people are armed
            if _ARMED_WORDS.search(np):
                return "security"  # pro-government militias are armed: a clash
            words = [w.strip("()'\"").lower() for w in np.split()]
            if words and _UNARMED_AIDES.match(words[-1]):
                return "civilians"  # "a police interpreter", "an army informant": the head decides
            if any(re.fullmatch(r"military|army|security|police|fc|levies|frontier", w) for w in words):
                return "security"
            for word in reversed(words):
                if _SECURITY_HEADS.match(word):
                    return "security"
                if _CIVILIAN_HEADS.match(word):
                    return "civilians"
    return None


_NON_LETHAL = {"Arrests", "Disrupted weapons use", "Abduction/forced disappearance", "Looting/property destruction",
               "Peaceful protest", "Protest with intervention", "Agreement", "Change to group/activity",
               "Headquarters or base established", "Non-violent transfer of territory"}


def _sentence_of(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = min((i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0), default=len(text))
    return text[start:end]


def _unique(items) -> list[str]:
    seen, out = set(), []
    for it in items:
        key = it.lower()
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def _finditer_in(pattern: re.Pattern, text: str, mentions: list[Mention]):
    for m in mentions:
        s, e = m.span
        yield from pattern.finditer(text, s, e)


_ATTACK_NOUN = re.compile(r"(?:strikes?|missiles?|rockets?|artillery|shell(?:ing|s)|bombardment|drones?|jets|"
                          r"warplanes|aircraft|helicopters?|gunships?|tanks|raids?|fire|gunfire|snipers?|mortars?)$", re.I)


def _state_is_agent(mentions: list[Mention], text: str) -> ActorMention | None:
    """State forces acting ("security forces killed five militants in an IBO") rather than hit."""
    for m in mentions:
        s, e = m.span
        sentence = text[s:e]
        for a in m.actors:
            if a.kind != STATE:
                continue
            if a.nation and _ATTACK_NOUN.search(a.text):
                return a  # "an Israeli strike", "Russian missiles": the state named is the attacker
            if _BY_BEFORE.search(text[max(s, a.start - 50): a.start]):
                return a
            if _HIT_BEFORE.search(text[max(s, a.start - 40): a.start]):
                continue  # "gunmen attacked the gendarmerie ... and killed one": the force was hit
            if _STATE_VERB_NEXT.match(text, a.end):
                return a
            after = text[a.end: e]
            hit = _STATE_AGENT_AFTER.search(after)
            if hit and not _PASSIVE_BETWEEN.search(after[: hit.end()]):
                # "soldiers ... repulsed the attack" yes; "the police said two were killed" no.
                if not re.search(r"\b(?:said|say|says|told|claimed)\b", after[: hit.start()], re.I):
                    return a
        op = _OPERATION.search(sentence)
        if op and not any(a.kind != STATE and a.named_group and a.start < s + op.end() <= a.end for a in m.actors):
            # ("killed by the Baloch Liberation Army" names a group, not the army)
            state = [a for a in m.actors if a.kind == STATE]
            if state:
                return state[0]
    return None


_UNARMED_SUSPECT = re.compile(r"\bsuspects?\b", re.I)  # "a drug suspect" is not a fighter


def _crowd_actors(sub: str, actors: list[ActorMention], state: list[ActorMention]):
    """Protests are coded with the protesters as actor1, riots with the rioters; the police
    or army facing them is actor2; a mob's victims, when no force faced it, are civilians."""
    kind = PROTESTERS if sub in PROTEST_HINTS else RIOTERS
    crowd = next((a for a in actors if a.kind == kind), None) or ActorMention(
        "Protesters ({country})" if kind == PROTESTERS else "Rioters ({country})", kind, -1, -1, "")
    if sub == "Mob violence":
        other = (state[0] if state else None) or next((a for a in actors if a.kind == CIVILIANS), None) or ActorMention(
            "Civilians ({country})", CIVILIANS, -1, -1, "")  # the police a mob fought, else its victims
    elif sub == "Peaceful protest":
        other = None
    else:
        other = state[0] if state else None
    return crowd, other


def _kind(actor: ActorMention | None, country_code: str | None) -> int | None:
    """ACLED actor type; a state's forces acting outside their own country are external (8)."""
    if actor is None:
        return None
    if actor.kind == STATE and actor.nation and country_code and actor.nation != country_code:
        return EXTERNAL
    return actor.kind


_BY_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:by|from|of|belonging\s+to|linked\s+to|affiliated\s+with|"
                       r"loyal\s+to|blamed\s+on|attributed\s+to)\s+(?:the\s+|a\s+)?(?:suspected\s+|alleged\s+)?$", re.I)
# Before a group that is acted upon, spoken about or merely compared: not the perpetrator.
_OBJECT_BEFORE = re.compile(
    r"\b(?:against|on|targeting|targeted|hideouts?\s+of|positions?\s+of|bases?\s+of|camps?\s+of|accused|accusing|"
    r"said|told|denied|condemned|than|like|such\s+as|rival|former|ex-)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}$", re.I)


# Between a trigger and a group, words that start a new clause or name an agent: "killed
# when BLA attacked", "a bomb planted by militants (coded as ...)".
# The group tells of the violence: "The Taliban said Pakistan launched airstrikes", "Hamas
# accused Israel of shelling the camp"; not when it speaks of itself ("said its fighters
# killed five soldiers"), a claim of its own violence.
_SPEAKS_AFTER = re.compile(r"(?:['’]s?\s+(?:\w+\s+)?spokesm[ae]n(?:\s+[A-Z][\w-]*){0,3})?,?\s+"
                           r"(?:said|says|alleged|alleges|accused|accuses|reported|reports|stated|states|told|"
                           r"announced|announces|blamed|blames|warned|warns)\b")
_OWN_DEED = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:fighters|men|forces|militants|members|units?|commandos|"
                       r"suicide\s+bombers?|mujahideen)\b|\b(?:it|they)\s+(?:had\s+)?(?:carried\s+out|killed|attacked|"
                       r"launched|conducted|was\s+behind|were\s+behind)\b", re.I)
_CLAUSE_GAP = re.compile(r"[,;(]|\b(?:when|as|after|while|because|before|and|but|that|who|which|where|since|until|"
                         r"by|used|carried|planted|claimed|with|between)\b", re.I)


def perpetrators(mentions: list[Mention], text: str, hint: str | None = None) -> list[ActorMention]:
    """Named groups the text makes the perpetrators of this event's violence.

    A group named in a sentence that reports the violence is taken unless the sentence makes
    it something else: the one attacked ("soldiers raided JNIM hideouts"), the one spoken to
    or about ("accused Hamas"), the one telling of it ("the Taliban said"), the agent only of something non-violent in the same story
    ("weapons seized by the Taliban"), or the one denying it. "An attack by al-Shabaab" and
    "blamed on the TTP" name the agent outright. ``hint``: the event's type; a violent event
    takes its perpetrators only from sentences with violent triggers."""
    violent = hint is not None and hint not in _FOLLOW_UPS
    out: list[ActorMention] = []
    for m in mentions:
        triggers = [t for t in m.triggers if not violent or t.hint not in _FOLLOW_UPS]
        if not triggers:
            continue
        for a in m.actors:
            if a.kind == STATE or not a.named_group or a in out:
                continue
            if DENIED_RESPONSIBILITY.search(_sentence_of(text, a.start)):
                continue
            before = [t for t in triggers if t.end <= a.start]
            if not before and _SPEAKS_AFTER.match(text, a.end) and not _OWN_DEED.search(text, a.end, m.span[1]):
                continue
            if any(_BY_AFTER.match(text[t.end: a.start]) for t in before):
                out.append(a)
            elif before and a.start - before[-1].end <= 30 and not _CLAUSE_GAP.search(text[before[-1].end: a.start]):
                continue  # right after the violence: its object ("attacked ISWAP positions")
            elif not _OBJECT_BEFORE.search(text[max(m.span[0], a.start - 40): a.start]):
                out.append(a)
    return out


