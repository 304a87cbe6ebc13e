"""Whose dead a noun counts: the security forces', the attackers' or civilians' ("nine
soldiers", "five militants", "two farmers"). Each side is an alternation of nouns."""

from __future__ import annotations

import re

SIDE_WORDS = {
    "security": (
        r"soldiers?|troops?|servicem[ae]n|security\s+(?:personnel|forces?|officials?|men)|personnel|"
        r"police(?:m[ae]n|\s+officers?|\s+officials?|\s+constables?)?|policem[ae]n|cops?|constables?|"
        r"officers?|jawans?|sepoys?|levies(?:\s+(?:personnel|men|force))?|frontier\s+corps|fc\s+personnel|"
        r"rangers|guards?|commandos?|army\s+(?:personnel|men|officers?)|military\s+personnel|"
        r"paramilitar(?:y|ies)(?:\s+(?:troops|soldiers|personnel))?|captain|major|sepoy|"
        r"lance\s+naik|naik|havildar|subedar|lieutenant|colonel|militiam[ae]n|"
        # the ranks and services of other armies
        r"gendarmes?|marines?|sailors?|airmen|conscripts?|recruits?|peacekeepers?|sergeants?|corporals?|"
        r"reservists?|brigadiers?|riflem[ae]n|watchm[ae]n|"
        # armed by their office: customs and security agents, auxiliaries, rangers
        r"(?:security|intelligence|customs|immigration|federal|secret|drug\s+enforcement|enforcement|border|"
        r"government|state|(?-i:[A-Z]{2,6}))\s+agents?|operatives?|auxiliar(?:y|ies)|rangers?"
    ),
    "attackers": (
        r"militants?|terrorists?|insurgents?|attackers?|assailants?|gunmen|gunman|bombers?|"
        r"fighters|rebels?|separatists?|kharijis?|khawarij|miscreants|dacoits?|suspects?|"
        r"hideout\s+occupants|"
        # the armed men of other wars
        r"warriors?|bandits?|raiders?|jihadists?|extremists?|combatants?|guerrillas?|gunm[ae]n|pirates?|"
        r"kidnappers?|robbers?|cultists?|thugs?|hostiles|poachers?|smugglers?|gangsters?|gang\s+members?"
    ),
    "civilians": (
        r"civilians?|people|persons?|passengers?|labou?rers?|workers?|children|child|women|woman|"
        r"men|man|boys?|girls?|villagers?|residents?|worshipp?ers?|pilgrims?|students?|teachers?|"
        r"journalists?|shopkeepers?|traders?|farmers?|bystanders?|passers-by|locals?|individuals?|"
        r"members?|relatives?|family\s+members|tribesm[ae]n|elders?|engineers?|nationals?|citizens?|"
        r"devotees|participants|voters|employees?|drivers?|labour|daily\s+wagers|"
        # who else the news of other countries counts among the dead
        r"youths?|hostages?|protesters?|demonstrators?|mourners?|herders?|herdsm[ae]n|fishermen|miners?|"
        r"refugees?|inmates?|prisoners?|detainees?|officials?|council(?:l)?ors?|chiefs?|mayors?|leaders?|"
        r"infants?|babies|sons?|daughters?|brothers?|sisters?|wives|wife|husbands?|aides?|bodyguards?|"
        r"supporters?|activists?|doctors?|nurses?|aid\s+workers|health\s+workers|pastors?|priests?|imams?|"
        r"clerics?|monks?|teenagers?|minors?|widows?|patients?|guests?|customers?|vendors?|peasants?|"
        r"settlers?|campaigners?|candidates?|victims?|guides?|porters?|herdsboys?|politicians?|lawmakers?|"
        r"legislators?|senators?|judges?|lawyers?|chairpersons?|chairm[ae]n|chairwom[ae]n|secretar(?:y|ies)|"
        r"investigators?|commissioners?|(?:tax\s+)?collectors?|administrators?|"
        # those a crowd kills as suspected criminals are its victims, not fighters
        r"thie(?:f|ves)|burglars?|witches|wizards|"
        # who serves or informs the forces without bearing their arms
        r"informants?|informers?|interpreters?|translators?"
    ),
}
# Generic nouns that do not say which side ("ten people").
GENERIC = {"people", "persons", "person", "individuals", "individual", "members", "member"}


def side_of(noun: str) -> tuple[str, bool]:
    n = noun.lower().strip()
    for side, pattern in SIDE_WORDS.items():
        if re.fullmatch(pattern, n):
            return side, n.split()[-1] in GENERIC
    return "unknown", True
