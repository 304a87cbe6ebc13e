"""How reporters name violence: trigger phrases mapped to ACLED event types.

Each trigger suggests a sub-event type; an event made of several triggers takes the
highest-ranked one (a suicide bombing followed by gunfire is a Suicide bomb).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# sub_event_type -> (event_type, disorder_type)
TYPES: dict[str, tuple[str, str]] = {
    "Armed clash": ("Battles", "Political violence"),
    "Government regains territory": ("Battles", "Political violence"),
    "Non-state actor overtakes territory": ("Battles", "Political violence"),
    "Chemical weapon": ("Explosions/Remote violence", "Political violence"),
    "Air/drone strike": ("Explosions/Remote violence", "Political violence"),
    "Suicide bomb": ("Explosions/Remote violence", "Political violence"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "Political violence"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "Political violence"),
    "Grenade": ("Explosions/Remote violence", "Political violence"),
    "Sexual violence": ("Violence against civilians", "Political violence"),
    "Attack": ("Violence against civilians", "Political violence"),
    "Abduction/forced disappearance": ("Violence against civilians", "Political violence"),
    "Peaceful protest": ("Protests", "Demonstrations"),
    "Protest with intervention": ("Protests", "Demonstrations"),
    "Excessive force against protesters": ("Protests", "Political violence; Demonstrations"),
    "Violent demonstration": ("Riots", "Demonstrations"),
    "Mob violence": ("Riots", "Political violence"),
    "Agreement": ("Strategic developments", "Strategic developments"),
    "Arrests": ("Strategic developments", "Strategic developments"),
    "Change to group/activity": ("Strategic developments", "Strategic developments"),
    "Disrupted weapons use": ("Strategic developments", "Strategic developments"),
    "Headquarters or base established": ("Strategic developments", "Strategic developments"),
    "Looting/property destruction": ("Strategic developments", "Strategic developments"),
    "Non-violent transfer of territory": ("Strategic developments", "Strategic developments"),
    "Other": ("Strategic developments", "Strategic developments"),
}

# Rank when one event carries several triggers: lower wins. "Violence" is a placeholder for
# gunfire/attacks whose type (Armed clash or Attack) depends on who was hit.
# The sub-event types of protests, and of every crowd event (protests and riots).
PROTEST_HINTS = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"})
CROWD_HINTS = PROTEST_HINTS | {"Violent demonstration", "Mob violence"}

RANK = {
    "Suicide bomb": 0, "Chemical weapon": 1, "Air/drone strike": 2,
    "Shelling/artillery/missile attack": 3, "Grenade": 4, "Remote explosive/landmine/IED": 5,
    "Government regains territory": 6, "Non-state actor overtakes territory": 6,
    # A crowd's violence and force used on protesters are named for the crowd, not coded as
    # the shooting or attack they also contain ("police opened fire on protesters").
    "Excessive force against protesters": 6.5, "Mob violence": 6.6, "Violent demonstration": 6.7,
    "Violence": 7, "Sexual violence": 7, "Abduction/forced disappearance": 8,
    "Protest with intervention": 10, "Peaceful protest": 11,
    "Looting/property destruction": 12, "Disrupted weapons use": 13, "Arrests": 14,
    "Agreement": 15, "Change to group/activity": 16, "Headquarters or base established": 16,
    "Non-violent transfer of territory": 16, "Other": 17,
}

# A headline's plural armed subject before a present-tense verb ("militia shoot woman").
_PLURAL_SUBJECT = "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in (
    "police", "troops", "forces", "soldiers", "rebels", "militants", "militia", "militias", "gunmen", "fighters",
    "army", "bandits", "raiders", "insurgents", "jihadists", "assailants", "attackers", "warriors", "herders")) + ")"

# Armies on a front line: firing that breaks a truce is a clash (and the force that did it acted).
TRUCE_BROKEN = r"violated\s+(?:the\s+)?(?:ceasefire|cease-fire|truce)"
# A raid names how forces entered, not a fight: one whose only outcome is a seizure or an arrest
# is no violence.
RAID_WORD = r"raid(?:ed|s)?"

# (hint, pattern). "Violence" = shooting/attacking/killing: Armed clash or Attack by victim.
_TRIGGERS: list[tuple[str, str]] = [
    ("Suicide bomb", r"(?:drove|rammed|rams|crashed|drives|driving|steered)\s+(?:an?\s+|his\s+|the\s+)?(?:\w+\s+){0,2}?"
                     r"(?:vehicle|car|truck|van|motorcycle|motorbike|pickup)\s+(?:packed|laden|loaded|filled|stuffed|rigged)\s+with\s+explosives|"
                     r"explosives?[- ](?:laden\s+)?(?:vest|jacket|belt)|suicide[- ](?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|blast|explosion|vest|jacket|car\s+bomb|"
                     r"truck\s+bomb|bombing|assault|squad|mission)|blew\s+(?:himself|herself|themselves)\s+up|"
                     r"self-detonat\w*|detonated\s+(?:his|her)\s+(?:suicide\s+)?(?:vest|explosives?)|svbied|"
                     r"explosives?-(?:laden|packed)\s+(?:vehicle|car|motorcycle|motorbike|truck)\s+(?:rammed|into)|"
                     r"(?:rammed|drove)\s+(?:an?\s+)?(?:explosives?-(?:laden|packed)\s+)?(?:vehicle|car|motorcycle|motorbike|truck)\s+"
                     r"(?:laden\s+with\s+explosives\s+)?into"),
    ("Chemical weapon", r"chemical\s+(?:weapons?|attacks?|agents?|munitions?)|sarin|nerve\s+agents?|mustard\s+gas|"
                        r"chlorine\s+(?:gas\s+)?(?:attacks?|bombs?|barrels?)|poison\s+gas\s+attacks?"),
    ("Air/drone strike", r"(?:drone|air|aerial)[- ]?(?:strikes?|attacks?|raids?|bombardments?|bombing)|airstrikes?|"
                         # "Russian strikes hit positions": a strike that hits or kills is a military one
                         r"(?<!['\u2019]\s)(?<!['\u2019]s\s)(?<!general\s)(?<!nationwide\s)(?<!labor\s)(?<!labour\s)(?<!hunger\s)(?<!workers\s)"
                         r"strikes?\s+(?:hit|hits|struck|killed|kills|targeted|targeting|destroyed|levelled|flattened|pounded)\b|"
                         r"(?:jets|warplanes|fighter\s+planes|fighter\s+jets|aircraft|helicopter\s+gunships|gunship\s+helicopters|"
                         r"helicopters?|drones?)\s+(?:bombed|struck|pounded|targeted|fired|hit|attacked|dropped)|bombed\s+from\s+the\s+air|"
                         r"(?:kamikaze|suicide|attack|armed|shahed|loitering)[- ]drones?|shaheds?|loitering\s+munitions?|"
                         r"barrel\s+bombs?|glide\s+bombs?|aerial\s+bombs?|air\s+raids?|bombing\s+raids?|dropped\s+(?:a\s+)?bombs?"),
    ("Shelling/artillery/missile attack", r"bombard(?:ed|ing|s)\b|grenade\s+launchers?|(?:a-1|mortar)\s+shells?|rockets?(?![- ]propelled)|mortars?(?:\s+shells?)?|shell(?:ing|ed|s)\b|artillery|missiles?|"
                                          r"cross-border\s+(?:firing|shelling|fire)|heavy\s+weapons|rocket\s+launchers?"),
    ("Grenade", r"(?:hand\s+|rocket[- ]propelled\s+)?grenades?(?!\s+launchers?)|rpgs?\b"),
    ("Remote explosive/landmine/IED", r"ieds?\b|improvised\s+explosive(?:\s+devices?)?|roadside\s+(?:bombs?|blasts?|explosions?)|"
                                      r"land\s?mines?|mines?\s+(?:blast|explosion)|remote[- ]control(?:led)?\s+(?:bombs?|devices?|blasts?|explosions?)|"
                                      r"remotely\s+detonated|magnetic\s+(?:bombs?|devices?)|sticky\s+bombs?|"
                                      r"(?:bomb|explosive)\s+(?:planted|attached|hidden|fitted)|planted\s+(?:a\s+|an\s+)?(?:bombs?|explosives?|devices?)|"
                                      r"explosive\s+devices?|bomb\s+(?:blasts?|explosions?|attacks?)|(?:a|the)\s+bomb|bombs?\s+"
                                      r"(?:went\s+off|exploded|blast|ripped|struck|hit|targeted)|blasts?\b|explosions?\b|exploded|"
                                      r"blew\s+up|blown\s+up|car\s+bomb(?:ing)?|bombings?\b|bombed|cracker\s+bombs?|explosives?\b(?!-laden)|dynamite|"
                                      r"detonat(?:ed|ion)|car-bomb|unexploded\s+(?:ordnance|shells?|mines?|devices?)|"
                                      r"(?:hurled|threw|lobbed|hurling|throwing|throws?|hurls?)\s+(?:\w+\s+){0,3}?(?:crude\s+)?(?:bombs?|explosives?|"
                                      r"petrol\s+bombs?|molotov\s+cocktails?)"),
    ("Abduction/forced disappearance", r"abduct(?:ed|ion|ions|ing|s)?|kidnap(?:ped|ping|pings|s|per|pers)?|taken\s+hostage|held\s+hostage|"
                                       r"hostages?|forcibly\s+disappeared|enforced\s+disappearances?|forced\s+disappearances?|"
                                       r"whisked\s+away|went\s+missing\s+after|picked\s+up\s+by"),
    ("Sexual violence", r"rap(?:ed|es?)|sexually\s+(?:assault|abus)(?:ed|ing)?|sexual\s+violence"),
    ("Government regains territory", r"(?:regained|recaptured|retook|cleared)\s+(?:control\s+of\s+)?(?:the\s+)?(?:area|town|village|territory|district)"),
    ("Non-state actor overtakes territory", r"(?:seized|captured|took)\s+control\s+of|overran|overtak(?:es|en)|overtook"),
    ("Violence", r"attack(?:ed|s|ing)?|ambush(?:ed|es|ing)?|raid(?:ed|s)?|storm(?:ed|ing)|open(?:ed)?\s+fire|fir(?:ed|ing)\s+(?:at|on|upon|indiscriminately)|"
                 r"gun(?:fight|battle)s?|gun\s+battle|gun[- ]?duels?|gunfire|shoot(?:out|ing)s?|fire[- ]?fights?|exchanges?\s+of\s+fire|exchanged\s+fire|"
                 r"exchang(?:e|es|ing)\s+fire\s+with|shoots?\s+(?:at|dead)\b|shoots?\s+and\s+(?:kill|wound|injure)s?\b|"
                 r"clash(?:ed|es)?|encounters?|skirmish(?:es)?|fighting|fought|combat|"
                 # armies on a front line: firing that breaks a truce is a clash
                 rf"{TRUCE_BROKEN}|"
                 r"(?:launched|conducted|began|started|mounted|resumed)\s+(?:a\s+|an\s+|the\s+|its\s+|their\s+)?"
                 r"(?:(?:military|ground|major|large-scale|new|fresh|joint|final|full-scale|general)\s+)?(?:counter-?)?offensive\b"
                 r"(?!\s+(?:against|on)\b)|"  # an offensive against someone needs an armed object (below)
                 # shots aimed at someone, and an encounter with armed men (as armies report them)
                 r"fir(?:ed|ing)\s+(?:shots|bullets|rounds|live\s+(?:rounds|ammunition)|gunshots)\s+(?:at|on|into|towards?)|"
                 r"(?:shot|fired)\s+into\s+(?:a|the)\s+(?:crowd|house|vehicle|car|bus|market|group)|"
                 r"encountered\s+(?:\w+\s+){0,4}?(?:members|rebels|militants|fighters|gunmen|insurgents|elements|bandits|terrorists|guerrillas)\b|"
                 r"(?:attacks?|murders?)(?=\s+(?:civilians|villagers|residents|farmers|herders|students|worshippers|passengers|"
                 r"traders|women|children|people|journalists|protesters)\b)|murders\s+(?=(?:the|a|an|\d|two|three|four|five|six|seven|eight|nine|ten)\b)|"
                 r"shot\s+(?:dead|and\s+killed|at|him|her|them)|gunned\s+down|killed|killing|murder(?:ed)?|assassinat(?:ed|ion)|"
                 r"behead(?:ed|ing)|decapitat(?:ed|ing)|slit\s+(?:the\s+)?throats?|slain|martyred|lynch(?:ed|ing)|tortured|target(?:ed)?\s+killings?|opened\s+fire|"
                 r"(?:publicly\s+)?(?:caned|lashed)\s+(?:\d+|\w+)\s+times|publicly\s+(?:caned|lashed|flogged)|"
                 r"assault(?:ed)?(?!\s+rifles?|\s+weapons?)|massacre(?:d)?|"
                 r"(?:kill|kills|slay|slays|wound|wounds|injure|injures)(?=\s+(?:\d|a\b|an\b|the\b|two|three|four|five|six|seven|"
                 r"eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|hundreds?|dozens?|scores|several|many|one\b|(?-i:[A-Z])\w+\s+(?-i:[a-z])+|\w+\s+(?:soldiers|police|militants|people|civilians)|"
                 r"(?:civilian|man|woman|boy|girl|child|farmer|trader|villager|soldier|policeman|officer|herder)\b|(?:civilians|villagers|residents|people|soldiers|troops|policemen|farmers|herders|traders|women|children|students|worshippers)\b))|(?:wounded|injured)(?=\s+(?:at\s+least\s+|more\s+than\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|dozens|scores|a|an)\s+(?!(?:days?|weeks?|months?|years?|hours?|times?)\b))|targeted(?=\s+(?:a|an|the|two|three|four|\d+|several|his|their)\b)|"
                 r"(?<=\bmilitants\s)(?:injured|wounded)|(?<=\bgunmen\s)(?:injured|wounded)|stabbed|hacked\s+to\s+death|shot\s+\w+\s+dead|"
                 r"found\s+(?:dead|murdered|beheaded|shot\s+dead|with\s+(?:gunshot|bullet|stab)\s+wounds)|bod(?:y|ies)\s+(?:\w+\s+){0,4}?(?:was|were)\s+found|"
                 r"(?:was|were)\s+shot|(?:after\s+)?being\s+(?:shot|stabbed|beaten|hacked|lynched)|executed|beat(?:en)?\s+(?:\w+\s+){0,4}?to\s+death|burn(?:ed|t)\s+alive|battl(?:ed|es|ing)\s+(?:with|against)|"
                 r"(?<=\s)battles\s+(?=[A-Z])|(?:attacks|raids|kills|beheads|ambushes|spears|shoots)\s+(?=(?:the|a|an|[A-Z]|\d))|"
                 r"behead(?:s|ing)?|shot\s+and\s+(?:injured|wounded|killed)|burn(?:ed|t)\s+to\s+death|"
                 r"beat(?:s|en)?\s+(?:up\s+)?(?:\w+\s+){0,2}?(?:people|man|men|woman|women|him|her|them|journalists?|"
                 r"students?|villagers|protesters|civilians|residents|youths?|boys?|girls?|farmers?|traders?|supporters|"
                 r"activists?|voters|detainees?|prisoners?|suspects?|captives?|workers?|drivers?|vendors?|members)\b|"
                 r"(?:was|were)\s+(?:\w+\s+)?beaten|beat\s+and\s+(?:kicked|injured|tortured)|tortur(?:e|es|ing)\b|"
                 r"battles?\s+(?:between|with|against)|engag(?:ed|es|ing)\s+(?:\w+\s+){0,3}?(?:rebels|militants|insurgents|"
                 r"fighters|gunmen|terrorists|bandits|the\s+enemy|(?-i:[A-Z])\w+)|repel(?:led|s)|repuls(?:ed|es)|"
                 r"captur(?:ed|es)\s+(?:\w+\s+){0,3}?(?:rebels|militants|insurgents|fighters)|"
                 r"died\s+in\s+(?:police|military|army|prison|state)\s+custody|custodial\s+(?:death|killing)s?|"
                 r"shot\s+(?:and\s+)?(?:wounded|injured)|"
                 # a result clause: "an operation that left 13 militants dead"
                 r"(?:left|leaving|leaves)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+)?(?:\d+|two|three|four|five|six|"
                 r"seven|eight|nine|ten|\w+teen|twenty|thirty|dozens|scores|several|many|one|a)\s+(?:\w+\s+){0,2}?(?:dead|killed)\b|"
                 # headline present with a plural subject: "Police battle ethnic militia"
                 r"(?:(?<=\bpolice\s)|(?<=\btroops\s)|(?<=\bforces\s)|(?<=\bsoldiers\s)|(?<=\brebels\s)|(?<=\bmilitants\s)|(?<=\bmilitias\s)|(?<=\bgunmen\s)|(?<=\bfighters\s)|(?<=\bvillagers\s)|(?<=\bherders\s)|(?<=\bfarmers\s)|(?<=\barmy\s))battle\s+(?=\w)|"
                 r"(?:was|were|are|is)\s+(?:\w+\s+)?stoned\b|strafed|strafing|"
                 r"(?:was|were|are|is)\s+(?:\w+\s+)?(?:wounded|injured)\s+(?=by\s)|acid\s+attacks?|(?:threw|throws|thrown)\s+acid|"
                 # "shot the son of a police officer": an active "shot" with a person as its object
                 r"shot\s+(?:the|a|an|his|her|their|two|three|four|five|\d+)\s+(?:\w+\s+){0,2}?(?:man|men|woman|women|sons?|"
                 r"daughters?|boys?|girls?|child|children|brothers?|wife|husband|farmers?|traders?|drivers?|students?|teachers?|"
                 r"officials?|officers?|soldiers?|policem[ae]n|villagers?|civilians?|journalists?|activists?|leaders?|chiefs?|"
                 r"members?|workers?|residents?|people|persons?)\b"),
    # More wordings of violence, read on ACLED's older, terser notes: bare "battled", a battle or
    # fight that broke out, firing between two sides, a long object before "dead", beatings,
    # killings named as such, attempts on a life, bombs that explode or are hurled.
    ("Violence", r"battled(?=\s+(?:in|near|at|around|outside|inside|on|for\s+control|each\s+other)\b|\s*[.;,]|\s*$|"
                 r"\s+(?:(?:suspected|armed|the)\s+)?(?:\w+\s+)?(?:bandits|rebels|militants|insurgents|gunmen|fighters|troops|"
                 r"soldiers|police|militias?|raiders|warriors|herders|separatists|jihadists)\b)|(?:a\s+|the\s+)?battle\s+(?:occurred|took\s+place|broke\s+out|erupted|ensued|raged|at|near)|"
                 r"fights?\s+(?:broke\s+out|erupted|ensued|between)|fir(?:ing|ed)\s+(?:between|incidents?|exchanges?)|"
                 r"cross[- ]border\s+firing|skirmish(?:ed|ing)|"
                 rf"encounter(?:ed|s)?\s+(?:\w+\s+){{0,2}}?(?:rebels|militants|insurgents|fighters|gunmen|bandits|terrorists|the\s+enemy|(?-i:[A-Z])\w+)|"
                 r"shot\s+(?:[\w'-]+\s+){2,4}?dead|found\s+shot|(?:hack|strangl|club|bludgeon)(?:ed|ing)?\s+(?:\w+\s+){0,3}?to\s+death|strangled|"
                 r"beat(?:s|ing)?\s+up|flogg(?:ed|ing)|whipp(?:ed|ing)|kick(?:ed|s|ing)(?=\s+(?:a|an|the|\d|two|three)\b)|ill-?treated|"
                 r"manhandled|aggressed|"
                 r"(?:extra-?judicial|illegal|summary|targeted|revenge|ritual|reprisal)\s+killings?|commit(?:ted|s)?\s+(?:\w+\s+){0,2}?killings|"
                 r"attempt(?:ed|s)?\s+to\s+(?:assassinate|kill|abduct|kidnap|murder)|(?:assassination|murder)\s+attempts?|"
                 r"inflict(?:ed|s|ing)\s+(?:heavy\s+|serious\s+)?(?:losses|casualties)|"
                 r"shot\s+in\s+the\s+(?:head|chest|back|legs?|stomach|neck|abdomen)|(?:severely|brutally|badly|mercilessly)\s+beat(?:en|s)?|"
                 r"destroy(?:s|ed)\s+(?:\w+\s+){0,3}?(?:rebel|militant|enemy|insurgent|terrorist)\s+(?:bases?|camps?|positions?|hideouts?)|"
                 r"targeted\s+(?:each\s+other|(?-i:[A-Z])\w+\s+(?:posts?|positions?|troops|forces|soldiers))|"
                 r"(?:military\s+|ground\s+|joint\s+)?(?:counter-?)?offensives?\s+(?:against|on)\s+(?:the\s+)?(?:(?:suspected|armed|islamist|jihadist|separatist)\s+)?"
                 r"(?:rebels|militants|insurgents|jihadists|fighters|gunmen|bandits|terrorists|(?-i:[A-Z])\w+)|"
                 rf"{_PLURAL_SUBJECT}(?:shoot|kill|attack|raid|ambush|abduct|kidnap|behead|execute|clash|fight|storm)\b"),
    ("Remote explosive/landmine/IED", r"bombs?\s+(?:explodes|goes\s+off)|explodes|(?:petrol|fire)[- ]?bomb(?:ed|ing)|firebomb(?:ed|s|ing)?|"
                                      r"(?:bombs?|explosives?|grenades?|petrol\s+bombs?)\s+(?:was|were)\s+(?:hurled|thrown|lobbed)|"
                                      # a headline's present tense: "Ethiopia bombs civilian targets"
                                      r"(?<=[A-Za-z]\s)bombs?\s+(?=(?:the|a|an|\d|(?-i:[A-Z])|\w+\s+(?:targets|positions|villages|towns|"
                                      r"neighbou?rhoods|areas|bases|camps|markets|military|civilian)\b|(?:targets|positions|villages|towns|"
                                      r"neighbou?rhoods|areas|bases|camps|markets)\b))"),
    ("Looting/property destruction", r"burn(?:s|ed|t)?\s+(?:\w+\s+){0,3}?(?:villages?|houses?|homes?|huts?|shops?|cars?|vehicles?|buses|trucks?|"
                                     r"churches|mosques|schools?|offices?|markets?|property|bars?|granar(?:y|ies)|tractors?|"
                                     r"(?:\w+\s+)?buildings?|dorm(?:itor(?:y|ies))?s?|"
                                     r"motorbikes?|motorcycles?|(?:\w+\s+)?equipment|machinery|crops)|set\s+(?:on\s+)?fire|sets?\s+(?:\w+\s+){1,4}?on\s+fire|"
                                     r"setting\s+(?:\w+\s+){0,4}?(?:on\s+)?fire|setting\s+ablaze|set\s+ablaze|torched|torching|burnt\s+down|burned\s+down|arson|"
                                     r"torch(?:es)?\s+(?:\w+\s+){0,2}?(?:villages?|houses?|homes?|huts?|shops?|cars?|vehicles?|buses|trucks?|"
                                     r"churches|mosques|schools?|offices?|markets?|property)|"
                                     r"looted|looting|ransacked|vandali[sz]ed|demolished|destroyed|plunder(?:ed|ing)|pillag(?:ed|ing)|"
                                     r"stripped\s+(?:\w+\s+){1,3}?of\s+(?:their|his|her|all)\s+(?:belongings|possessions|valuables|property|goods)|"
                                     r"destroys?\s+(?:and\s+\w+\s+)?(?:\w+\s+){0,2}?(?:property|houses|homes|huts|shops|villages?|crops|bridges?|schools?|"
                                     r"churches|mosques|vehicles?|towers?|pylons?)|"
                                     # goods taken from people: robbery by armed men
                                     r"(?:steal|steals|stole|stolen|stealing|seized|seize|looted|took)\s+(?:\w+\s+){0,3}?(?:oxen|cattle|livestock|goats|"
                                     r"sheep|cows|camels|motorbikes?|motorcycles?|food|belongings|valuables)\b|"
                                     r"\brob(?:s|bed)?\s+(?:\w+\s+){0,2}?(?:fishermen|traders|travell?ers|passengers|villagers|residents|farmers|"
                                     r"herders|motorists|shops?|banks?|homes?|houses?)\b|"
                                     r"st(?:ole|olen)\s+(?:\w+\s+){0,4}?(?:cattle|livestock|goats|cows|camels|property|goods|food)|"
                                     r"(?:seized|took|rustled|drove\s+away|raid(?:ed|s)?)\s+(?:\w+\s+){0,3}?(?:livestock|cattle|goats|cows|camels)"),
    ("Disrupted weapons use", r"defused|foiled|thwarted|averted|bomb\s+disposal|diffused|recovered\s+(?:explosives|weapons|arms|ammunition)|"
                              r"seized\s+(?:explosives|weapons|arms|ammunition)|arms\s+cache|"
                              r"(?:seized|confiscated|recovered)\s+(?:[\w,]+\s+){0,5}?(?:bullets|rounds\s+of\s+ammunition|pistols|rifles|"
                              r"firearms|guns|grenades|explosives|weapons)\b|weapons\s+cache|cache\s+of\s+(?:arms|weapons|explosives)|"
                              r"(?:explosives|weapons|arms)\s+(?:were\s+)?(?:recovered|seized)|"
                              # a device or weapons found before they were used
                              r"(?:found|finds?|discovered|recovered|disarmed|dismantled)\s+(?:\w+\s+){0,4}?(?:unexploded\s+)?(?:bombs?|grenades?|"
                              r"ieds?|improvised\s+explosive\s+devices?|explosive\s+devices?|landmines?|mines|explosives|rockets?|mortar\s+shells?)\b|"
                              r"(?:(?:an?|the|another)\s+)?(?:(?:unexploded|live|suspected)\s+)?(?:bomb|grenade|ied|explosive\s+device|landmine)s?\s+"
                              r"(?:was\s+|were\s+)?(?:found|discovered)"),
    ("Arrests", r"arrest(?:ed|s|ing)?|detain(?:ed|s|ing)?|apprehend(?:ed|s)?|taken\s+into\s+custody|rounded\s+up|nabbed|held\s+(?:three|two|four|five|\d+)"),
    ("Peaceful protest", r"protest(?:ed|s|ing|ers)?|demonstrat(?:ion|ions|ors|ed|ing)|"
                         r"demonstrates?\b(?!\s+(?:that|how|what|why|its|his|her|the\s+\w+\s+of|a\s+\w+\s+of))|sit-ins?|rall(?:y|ies|ied)\s+(?:against|to|in|outside|for)|"
                         r"(?:shutter-down|wheel-jam|general|hunger|labou?r|nationwide)\s+strikes?|hartals?|bandhs?|"
                         r"(?:went|go|going|were|are|began|begin|launched|staged|called|continued)\s+(?:on\s+)?(?:a\s+)?(?:\w+[- ])?strike\b|"
                         r"held\s+(?:a\s+)?(?:\w+\s+)?(?:rally|march(?!\s+past)|vigil|sit-in|gathering)|marched|protest\s+march|"
                         # "held a Labor Day rally", "staged a march", "held their May Day march", "a rally was held"
                         r"(?:held|staged|organi[sz]ed)\s+(?:a\s+|an\s+|their\s+|its\s+)?(?:[\w'-]+\s+){0,3}?"
                         r"(?:rall(?:y|ies)|march(?:es)?(?!\s+past)|sit-ins?|sit-down\s+strikes?)\b|"
                         r"(?:rally|march|sit-in)\s+was\s+(?:held|staged|organi[sz]ed)|"
                         r"gathered\s+[^.;]{0,60}?\bdemanding\b|"
                         # South Asian forms: a dharna (sit-in), a rally or procession "taken out",
                         # slogans raised, an office besieged (gherao), a food strike
                         r"dharnas?|gherao(?:ed|s)?|took\s+out\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:rall(?:y|ies)|"
                         r"processions?|marches|march|protests?)|raised\s+slogans|shouted\s+slogans|"
                         r"(?:food|hunger|relay|indefinite)\s+(?:strike|fast)s?|laid\s+siege\s+to\s+(?:the\s+)?"
                         r"(?:\w+\s+){0,3}?(?:office|offices|headquarters|residence|secretariat|ministry|station)|"
                         r"picket(?:ed|ing|s)?|took\s+to\s+the\s+streets|chant(?:ed|ing)\s+slogans|staged\s+a\s+walkout|"
                         r"boycott(?:ed|s)?\s+(?:over|classes|work|the|lectures|exams?|polls|elections?|duty|duties)|boycotting|downed\s+tools|human\s+chains?|stay-at-home|walk-?outs?|"
                         r"(?:blocked|blockaded|barricaded)\s+(?:the\s+|a\s+)?(?:\w+\s+){0,3}?(?:roads?|highways?|railway|rail|tracks|traffic|"
                         r"entrance|gates?|streets?)|sat\s+on\s+(?:the\s+)?(?:\w+\s+)?(?:tracks|road|highway)|"
                         r"(?:began|started|observed|launched|staged|went\s+on)\s+(?:a\s+)?(?:\w+[- ])?fast\b|"
                         r"gathered\s+[^.;]{0,60}?\bto\s+(?:protest|demand|denounce|condemn|express)"),
    ("Excessive force against protesters", r"(?:opened\s+fire|fired\s+(?:live\s+(?:ammunition|rounds)\s+)?(?:at|on|into)|shot(?:\s+dead)?|killed)\s+"
                                           r"(?:\w+\s+){0,3}?(?:protesters|demonstrators|protestors|marchers)|"
                                           r"(?:protesters|demonstrators|protestors)\s+(?:were\s+)?(?:shot\s+dead|killed\s+by\s+(?:police|security|soldiers|troops))"),
    ("Protest with intervention", r"(?:dispersed?|disperse|broke\s+up|break\s+up)\s+(?:\w+\s+){0,3}?(?:protest|protesters|demonstrat\w+|rally|march|crowd|sit-in|"
                                  r"supporters|gathering|students|workers|mourners|residents|youths|meeting|procession)|"
                                  r"tear\s?gas|water\s+cannons?|rubber\s+bullets|baton[- ]charged?|lathi[- ]?charged?|"
                                  r"(?:were|was)\s+(?:forcefully\s+|forcibly\s+)?dispersed|dispersed\s+by|"
                                  r"(?:police|security\s+forces|soldiers)\s+(?:intervened|used\s+force|blocked\s+the\s+(?:march|protesters))|"
                                  r"(?:arrested|detained)\s+(?:\w+\s+){0,3}?(?:protesters|demonstrators|protestors)"),
    ("Violent demonstration", r"(?:protesters|demonstrators|protestors|rioters|students|youths)\s+"
                              r"(?:(?!(?:were|was|been|being|are|is|got)\b)\w+\s+){0,2}?(?:threw|hurled|pelted|torched|burned|burnt|"
                              r"set\s+fire|vandali[sz]ed|clashed|stormed|attacked|damaged|smashed|looted|blocked\s+roads?\s+with\s+burning)|"
                              r"stone[- ]pelting|pelted\s+(?:\w+\s+){0,3}?(?:stones|rocks)|violent\s+(?:protests?|demonstrations?)|"
                              r"burning\s+tyres|protests?\s+turned\s+violent|riot(?:s|ed|ing|ers)?(?!\s+(?:police|gear|control|squad))|"
                              r"(?:threw|hurled|pelted|throwing|hurling)\s+(?:\w+\s+)?(?:stones|rocks|bricks)|"
                              r"(?:stones|rocks|bricks)\s+(?:were\s+)?(?:thrown|hurled|pelted)|"
                              r"(?:burn(?:ed|t|ing)|torch(?:ed|ing)|set\s+fire\s+to)\s+(?:\w+\s+)?(?:tyres|tires)|vandali[sz](?:ed|ing)"),
    ("Mob violence", r"mob\s+(?:attacked|lynched|torched|set|beat|stormed|killed|burned|burnt)|angry\s+mob|by\s+(?:an?\s+)?(?:\w+\s+)?mob|"
                     r"mob\s+justice|mob\s+violence|stoned\s+to\s+death|"
                     r"(?:villagers|residents|locals|crowd)\s+(?:lynched|beat\s+(?:\w+\s+){0,2}to\s+death)|lynch(?:ed|ing)|"
                     # "a lynch mob (including drivers) killed", "a mob formed", "tried to lynch"
                     r"lynch\s+mobs?|mobs?\s+\([^)]{1,60}\)\s+(?:attacked|lynched|torched|beat|stormed|killed|burned|burnt)|"
                     r"mobs?\s+(?:formed|gathered)|(?:tried|attempted)\s+to\s+lynch"),
    ("Headquarters or base established", r"(?:established|set\s+up|setting\s+up|built|opened)\s+(?:a\s+|an\s+|its\s+|their\s+|new\s+)*"
                                         r"(?:military\s+)?(?:base|camp|headquarters|outpost|command\s+post)s?\b(?!\s+(?:of|for)\s+(?:displaced|refugees))|"
                                         r"turned\s+(?:it|them|\w+\s+\w+)\s+into\s+(?:an?\s+)?(?:military\s+)?(?:base|barracks|camp|headquarters|outpost)"),
    ("Non-violent transfer of territory", r"(?:took|taken|assumed|handed\s+over)\s+(?:over\s+)?control\s+of\s+[^.;]{0,60}?without\s+(?:a\s+)?"
                                          r"(?:fight|fighting|resistance|clashes)|withdrew\s+from\s+[^.;]{0,40}?(?:allowing|handing|ceding)"),
    ("Change to group/activity", r"pledged\s+allegiance|(?:announced|declared)\s+(?:a\s+|the\s+|its\s+)?(?:merger|formation|split|dissolution|"
                                 r"new\s+leader|unilateral\s+ceasefire)|(?:deployed|dispatched|sent)\s+(?:\w+\s+){0,2}?(?:reinforcements|troops|forces)|"
                                 r"reinforcements\s+(?:arrived|were\s+deployed)|imposed\s+(?:a\s+)?curfew|curfew\s+was\s+imposed|"
                                 r"defected\s+to|disband(?:ed|ing)|(?:militants|rebels|fighters)\s+(?:surrendered|laid\s+down\s+(?:their\s+)?arms)|"
                                 # forces moved, and emergency rule: what the state changes in its conduct of a conflict
                                 r"deployed\s+(?:\w+\s+){0,3}?(?:personnel|troops|soldiers|police(?:men)?|officers|forces|units)|"
                                 r"(?:troops|soldiers|police|forces|personnel|policemen)\s+(?:were\s+|was\s+|have\s+been\s+)?(?:\w+\s+)?deployed|"
                                 r"(?:declared|extended|imposed|lifted)\s+(?:a|the)\s+state\s+of\s+(?:emergency|siege)|"
                                 r"state\s+of\s+(?:emergency|siege)\s+(?:was\s+)?(?:declared|extended|imposed)|curfew\s+(?:was\s+)?(?:imposed|declared)|"
                                 r"(?:police|troops|forces|soldiers|army|military)\s+withdrew\s+from"),
    ("Agreement", r"cease-?fire\s+(?:agreement|deal)|peace\s+(?:deal|agreement|accord)|truce|"
                  r"surrender(?:ed|s)?\s+(?:\w+\s+){0,3}?to\s+(?:the\s+)?(?:\w+\s+){0,4}?(?:army|military|troops|soldiers|police|"
                  r"battalion|brigade|authorities|government|security\s+forces|forces)|"
                  r"prisoners?\s+(?:exchange|swap)s?|(?:exchange|swap)\s+of\s+prisoners|evacuation\s+(?:deal|agreement)"),
]
TRIGGERS: list[tuple[str, re.Pattern]] = [(hint, re.compile(rf"\b(?:{p})\b", re.I)) for hint, p in _TRIGGERS]

# Any word that makes a sentence worth a closer look (a fast pre-filter).
ANY_TRIGGER = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for _, p in _TRIGGERS) + r")\b", re.I)

# Disasters and accidents kill and destroy too, but they are not political violence.
NOT_POLITICAL = re.compile(
    r"\b(?:floods?|flooding|flash\s+floods?|rains?|rainfall|downpours?|monsoon|earthquakes?|quakes?|landslides?|"
    r"avalanches?|storms?|cyclones?|heatwaves?|heat\s+wave|drought|road\s+accidents?|traffic\s+accidents?|collision|"
    r"crash(?:ed)?|drown(?:ed|ing)|electrocuted|cylinder\s+(?:blast|explosion)|gas\s+(?:leak|cylinder)|"
    r"boiler\s+(?:blast|explosion)|short\s+circuit|fire\s+broke\s+out|mine\s+collapse|caved?\s+in|"
    r"cricket|bowl(?:ed|ers?|ing)|wickets?|innings|batsm[ae]n|batters?|stadium\s+crowd)\b",
    re.I,
)
# Words around a trigger that say no real attack happened (yet).
HYPOTHETICAL = re.compile(
    r"\b(?:vow(?:ed|s)?|threat(?:en(?:ed|s)?)?|would|could|might|(?-i:may)|plan(?:s|ned|ning)?\s+to|plot(?:ted|ting)?\s+to|"
    r"intend(?:ed|s)?\s+to|warn(?:ed|s)?\s+(?:of|against|that)|fear(?:ed|s)?(?!\s+(?:dead|killed|drowned))|if|unless|will|risk\s+of|possible|potential|"
    r"prevent(?:ed)?|aimed\s+at\s+preventing|to\s+counter|against\s+(?:terrorism|militancy)|capacity\s+to|in\s+order\s+to|"
    r"ready\s+to|prepar(?:ed|ing)\s+to|wants?\s+to|seeking\s+to|seek\s+to|calls?\s+for|called\s+for|urged)\b[^.;]{0,40}$",
    re.I,
)
# Weapons found, seized or defused are not attacks: "recovered explosives and a suicide vest".
RECOVERED = re.compile(
    r"\b(?:recover(?:ed|y)|seiz(?:ed|ure)|confiscat(?:ed|ion)|found|defus(?:ed|ing)|diffused|possession|cache|haul|"
    r"stockpile|carrying|in\s+their\s+custody|training\s+(?:in|for)|making|manufactur(?:e|ing)|smuggl(?:ed|ing)|"
    r"equipped|armed\s+with|used\s+to\s+make|bundle\s+of|kilograms?\s+of|kg\s+of)\b[^.;]{0,60}$",
    re.I,
)
# Reports that are denied or rumoured: "denied reports that militants had attacked".
DENIED_REPORT = re.compile(
    r"\b(?:denied|denies|deny|rejected|dismissed|refuted)\b[^.;]{0,40}\b(?:reports?|claims?|allegations?|rumou?rs?|"
    r"news|posts?|videos?|accounts?)\b",
    re.I,
)
NO_SUCH_EVENT = re.compile(
    r"\b(?:no\s+such\s+(?:incident|attack)|there\s+was\s+no\s+(?:attack|incident|blast|explosion)|"
    r"did\s+not\s+take\s+place|never\s+happened|fake\s+news|baseless\s+propaganda|rumou?r)\b",
    re.I,
)
NEGATED = re.compile(
    r"\b(?:no|not|never|denied|deny|denies|rejected|without|neither|nor|any)\s+(?:\w+\s+){0,3}$",
    re.I,
)
# A plural, generic mention ("frequent attacks", "a wave of bombings") is background, not an event.
# Background, not a report of one event: "attacks have become an almost daily occurrence".
GENERIC_SENTENCE = re.compile(
    r"\b(?:daily|routine|almost\s+every\s+day|every\s+week|regular(?:ly)?|frequent(?:ly)?|increasingly|"
    r"have\s+(?:become|turned|risen|increased|surged|grown)|has\s+(?:become|risen|increased|surged|grown))\b",
    re.I,
)
GENERIC_BEFORE = re.compile(
    r"\b(?:frequent|recent|daily|repeated|regular|several|numerous|many|multiple|series\s+of|spate\s+of|wave\s+of|"
    r"string\s+of|surge\s+(?:of|in)|rise\s+in|increase\s+in|upsurge\s+in|resurgence\s+of|number\s+of|such|past|previous|"
    r"future|more|fresh|further|cross-border|terrorist|militant)\s+(?:\w+\s+){0,2}$",
    re.I,
)
SEPARATE_EVENT = re.compile(
    r"^\W*(?:in\s+(?:a|another)\s+(?:separate|similar|different|second|third|related|earlier|later)?\s*(?:incident|attack|development|case|blast|raid)|"
    r"separately|meanwhile|elsewhere|earlier|later|also\s+on|in\s+another|a\s+day\s+(?:earlier|later|before)|"
    r"the\s+(?:previous|next)\s+day|on\s+the\s+same\s+day|in\s+(?:an)?other\s+(?:incidents?|attacks?))\b",
    re.I,
)
# Aggregates over a period: "in the first eight months of 2023", "so far this year", "since January".
PERIOD = re.compile(
    r"\b(?:in\s+the\s+(?:first|last|past)\s+(?:\w+\s+)?(?:months?|weeks?|years?|days?|quarter|half)(?:\s+of\s+(?:the\s+year|(?:19|20)\d{2}|this\s+year|last\s+year))?|"
    r"(?:so\s+far\s+)?this\s+year|so\s+far\s+in\s+(?:19|20)\d{2}|since\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|(?:19|20)\d{2}|last\s+year|the\s+year)|"
    r"(?:over|during|in|within)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:months?|years?|weeks?|decades?)|"
    r"in\s+(?:19|20)\d{2}(?!\s*,?\s*(?:when|as))|during\s+(?:19|20)\d{2}|last\s+year|a\s+year\s+earlier|"
    r"since\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:takeover|withdrawal|came\s+to\s+power|seized\s+power|return(?:ed)?|began|started|"
    r"start|launch(?:ed)?|operation|ceasefire|collapse)|in\s+the\s+(?:\w+\s+)?(?:years?|months?)\s+since|"
    r"(?:monthly|annual|yearly)\s+(?:toll|tally|count|report)|during\s+the\s+month|in\s+the\s+month\s+of\s+\w+|"
    r"(?:in|during|over|within)\s+(?:that|the\s+same|this)\s+(?:period|time|span|stretch))\b",
    re.I,
)

WEAPONS = re.compile(
    r"\b(?:suicide\s+(?:vest|jacket|belt)|explosives?(?:-(?:laden|packed))?\s+(?:vehicle|car|motorcycle|truck)|"
    r"improvised\s+explosive\s+devices?|ieds?|roadside\s+bombs?|land\s?mines?|remote[- ]control(?:led)?\s+(?:bombs?|devices?)|"
    r"magnetic\s+bombs?|car\s+bombs?|bombs?|explosives?|dynamite|(?:hand\s+|rocket-propelled\s+)?grenades?|rpgs?|rockets?|"
    r"mortars?(?:\s+shells?)?|missiles?|artillery|drones?|machine[- ]guns?|assault\s+rifles?|rifles?|kalashnikovs?|ak-47s?|"
    r"pistols?|guns?|firearms?|small\s+arms|heavy\s+weapons|sniper\s+rifles?|night[- ]vision\s+(?:goggles|devices)|"
    r"thermal\s+(?:sights|weapons|scopes|imaging\s+devices)|knives|knife|axes?|machetes?|petrol\s+bombs?|molotov\s+cocktails?|"
    r"dynamite\s+sticks?|tnt|c-4)\b",
    re.I,
)
TARGETS = re.compile(
    r"\b(?:(?:military|army|security|police|fc|frontier\s+corps|paramilitary)\s+(?:convoy|vehicle|van|truck|patrol|post|check\s?-?post|"
    r"checkpoint|camp|base|compound|headquarters|station|mobile|pickup|team|party)s?|convoys?|check\s?-?posts?|checkpoints?|"
    r"police\s+(?:station|lines|post|van|mobile|headquarters)s?|police\s+lines|cantonment|garrison|"
    r"(?:gas|oil)\s+pipelines?|pipelines?|railway\s+(?:tracks?|lines?)|trains?|(?:mobile|cellular|communications?|telecom)\s+towers?|"
    r"power\s+(?:pylons?|lines?|towers?|grid)|electricity\s+pylons?|bridges?|mosques?|schools?|markets?|bazaars?|"
    r"hospitals?|polling\s+stations?|buses|bus|vehicles?|motorcycles?|houses?|homes?|shops?|offices?|rally|procession|villages?|"
    r"airbase|air\s+base|naval\s+base|port|camps?|outposts?|posts?|facility|compound|embassy|courts?|checkpoints?|"
    r"courthouses?|churches|church)\b",
    re.I,
)


@dataclass
class Trigger:
    hint: str
    start: int
    end: int
    text: str


def _names_what_was_stopped(outer: Trigger, inner: Trigger) -> bool:
    return outer.hint == "Disrupted weapons use" and outer.start <= inner.start and inner.end <= outer.end


def find_triggers(text: str, offset: int = 0) -> list[Trigger]:
    """Trigger phrases in text order; where two overlap, the higher-ranked one stays."""
    found: list[Trigger] = []
    for hint, pattern in TRIGGERS:
        for m in pattern.finditer(text):
            found.append(Trigger(hint, offset + m.start(), offset + m.end(), m.group(0)))
    found.sort(key=lambda t: (t.start, RANK[t.hint]))
    kept: list[Trigger] = []
    for t in found:
        if kept and t.start < kept[-1].end:
            if _names_what_was_stopped(kept[-1], t):
                continue  # "found four grenades": the weapon named is what was found, not used
            if RANK[t.hint] < RANK[kept[-1].hint] or _names_what_was_stopped(t, kept[-1]):
                kept[-1] = t
            continue
        kept.append(t)
    return kept
