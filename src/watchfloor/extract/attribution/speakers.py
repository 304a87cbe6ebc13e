"""Speakers of claims: what a source mention ("Kakar", "he", "the prime minister", "a Pentagon
report", "an Israeli commander") refers to, as one normalized entity per article.

:class:`SpeakerResolver` is built once per article. It first reads the whole text for person
names and the roles the text gives them ("The caretaker prime minister of Pakistan,
Anwaar-ul-Haq Kakar", "Interior Minister Sarfraz Bugti", "Mujahid, the Taliban's chief
spokesman"), then :meth:`SpeakerResolver.resolve` turns each source mention, in text order,
into an entity dict ``{"name", "role", "affiliation", "type", "anonymous", "outlet"}``:

- person: a personal name; later mentions by surname, by a pronoun (he/she/his/her: the last
  person spoken of), or by role alone ("the prime minister") resolve to the same entity, whose
  ``name`` is the fullest form seen. An unnamed role in the lede ("Pakistan's caretaker prime
  minister") is merged with the first named person the next sentences introduce.
- institution: governments, ministries, armed forces, parties, agencies, and countries or
  capitals used for their governments ("Islamabad says" -> Government of Pakistan).
- document: reports, statements, studies, polls, data ("A Pentagon report" -> affiliation
  US Department of Defense; "the report" -> the last report mentioned).
- group: armed groups, movements, crowds ("the TTP", "residents", "witnesses").
- anonymous: unnamed officials or sources ("an Israeli commander ... on condition of
  anonymity", "officials", "a security source"); ``outlet`` is the medium they spoke to.

Affiliation comes from what the text says: a country with a government role ("Pakistan's
caretaker prime minister" -> Government of Pakistan), a military or police role
(-> Military/Police Forces of X), an organization named in the mention ("chief Taliban
spokesman" -> Afghan Taliban), "its"/"their" pointing back to an institution, or
"a spokesman for X". Nothing is looked up outside the text except the small tables in ``entities.py``.
"""

from __future__ import annotations

import re
from typing import Any

from .entities import (
    ANON_HEAD, ANON_PHRASE, CAPITAL_OR_COUNTRY, COMMON_CAPITALIZED, COUNTRY_OF, DOCUMENT, GOV_INSTITUTION, GROUP,
    INDEFINITE, INSTITUTION, NOT_NAME, ORGS, OUTLETS, OUTLET_WORDS, PERSON_NAME, PERSON_ROLES, PRONOUN_IT,
    PRONOUN_PERSON, PRONOUN_PLURAL, RELATIVE, TITLE, Entity, affiliation_for, country_in, fold, org_in,
    outlet_name,
)


class SpeakerResolver:
    """Resolves the source mentions of one article to entities (call in text order)."""

    def __init__(self, text: str):
        self.text = text
        self.entities: list[Entity] = []
        self.last_person: Entity | None = None
        self.last_institution: Entity | None = None
        self.last_plural: Entity | None = None
        self.last_document: Entity | None = None
        self.pending_role: Entity | None = None  # unnamed lede role waiting for its name
        self.pending_at = 0
        self._names: list[tuple[int, str]] | None = None  # person-name mentions, lazily

    # ----------------------------------------------------------------- name mentions

    def names(self) -> list[tuple[int, str]]:
        """Person-name-like mentions in the article, (start, name), in text order."""
        if self._names is None:
            out = []
            for m in PERSON_NAME.finditer(self.text):
                name = self._clean_name(m.group(0))
                if name and " " in name.replace("-", " ") and self._looks_personal(name):
                    out.append((m.start() + m.group(0).find(name.split()[0]), name))
            self._names = out
        return self._names

    @staticmethod
    def _clean_name(s: str) -> str:
        s = s.replace("’s", "").replace("'s", "").strip()
        s = TITLE.sub("", s + " ").strip()
        words = s.split()
        while words and words[0].casefold() in NOT_NAME:
            words.pop(0)
        while words and words[-1].casefold() in NOT_NAME:
            words.pop()
        return " ".join(words)

    @staticmethod
    def _looks_personal(name: str) -> bool:
        low = fold(name)
        if not name or not name[0].isupper() or low in COUNTRY_OF or low in ORGS or low in OUTLETS:
            return False
        if " " not in low and (PERSON_ROLES.fullmatch(low) or GROUP.fullmatch(low) or INSTITUTION.fullmatch(low)
                               or DOCUMENT.fullmatch(low) or low in COMMON_CAPITALIZED):
            return False  # "Officials", "Residents", "Police" at the start of a sentence
        if INSTITUTION.search(name) or DOCUMENT.search(name) or OUTLET_WORDS.search(name):
            return False
        if GROUP.search(name) or re.search(r"\b(?:Province|District|Valley|Strait|Sea|Ocean|River|Mountains?|"
                                            r"Pakhtunkhwa|Balochistan|Baluchistan|Punjab|Sindh|Waziristan|Kashmir|"
                                            r"Gaza|Strip|Bank|East|West|North|South|Central|Asia|Europe|Africa|"
                                            r"Day|Eid|Ramadan|Islamic|State|Kingdom|Republic|Union|United|"
                                            r"Emirates?|Nations|Council|Army|Liberation|Front|Tehreek|Tehrik|"
                                            r"Lashkar|Jaish|Party|League|Movement|Committee|Court|Assembly|"
                                            r"Senate|Congress|Parliament|House|Office)\b", name):
            return False
        parts = [p for p in re.split(r"[\s]+", name) if p]
        if any(COUNTRY_OF.get(p.casefold()) for p in parts if p.casefold() not in {"us"}):
            return False
        return True

    def _known_person(self, key: str) -> Entity | None:
        k = fold(key)
        for e in reversed(self.entities):
            if e.type == "person" and k in e.keys:
                return e
        return None

    def _full_name_for(self, short: str, before: int) -> str | None:
        """The fullest name in the text that ends with (or equals) ``short``."""
        best = None
        s = fold(short)
        for pos, name in self.names():
            low = fold(name)
            if low == s or low.endswith(" " + s) or low.endswith("-" + s):
                if best is None or len(name) > len(best):
                    best = name
        return best

    # ----------------------------------------------------------------- resolution

    def resolve(self, mention: str, start: int, end: int, sentence: tuple[int, int],
                outlet: str | None = None, anonymous_hint: bool = False) -> Entity:
        """The entity a source mention refers to. Entities are shared and keep growing as later
        mentions add a fuller name or a role: call ``to_dict()`` after the last mention."""
        ent = self._resolve(mention, start, end, sentence, anonymous_hint)
        if ent not in self.entities:
            self.entities.append(ent)
        if ent.type == "person":
            self.last_person = ent
        elif ent.type == "document":
            self.last_document = ent
            self.last_institution = self.last_institution or None
        elif ent.type in ("institution", "group"):
            self.last_institution = ent
        if ent.plural or ent.type in ("group",):
            self.last_plural = ent
        return ent

    def note_channel_document(self, speaker: dict[str, Any] | None, channel: str | None) -> None:
        """"X estimated in a report ..." -> a later "the report" is X's report."""
        if not speaker or channel not in ("a report", "a statement", "a study", "a letter"):
            return
        ent = speaker["entity"]
        if ent.type in ("document",):
            return
        noun = channel.split()[-1]
        aff = ent.affiliation or ent.name
        doc = Entity(name=f"{aff} {noun}", type="document", affiliation=aff, keys={noun})
        self.entities.append(doc)
        self.last_document = doc

    def _resolve(self, mention: str, start: int, end: int, sentence: tuple[int, int],
                 anonymous_hint: bool) -> Entity:
        raw = " ".join(mention.split()).strip(" ,;:—-")
        low = fold(raw)
        sent_text = self.text[sentence[0]:sentence[1]]

        # Pronouns and relative pronouns.
        if low in RELATIVE:
            return self._antecedent_of_relative(start)
        if low in PRONOUN_PERSON:
            if self.last_person is not None:
                return self.last_person
            return self._nearest_named_person(start) or Entity(name=raw, type="person")
        if low in PRONOUN_PLURAL:
            return self.last_plural or self.last_institution or Entity(name=raw, type="group", plural=True)
        if low in PRONOUN_IT:
            return self.last_document or self.last_institution or Entity(name=raw, type="institution")

        # A possessive pronoun in front points back: "Its chief spokesman", "his aide".
        back_aff = None
        m = re.match(r"^(its|their|his|her)\s+", low)
        if m:
            ref = (self.last_institution if m.group(1) in ("its", "their") else self.last_person)
            if ref is not None:
                back_aff = ref.affiliation if ref.type == "person" else (ref.affiliation or ref.name)

        country = country_in(raw)
        org = org_in(raw)
        anonymous = bool(anonymous_hint or ANON_PHRASE.search(sent_text[max(0, start - sentence[0] - 5):]
                                                                [: (end - start) + 160]))

        # Documents: "A Pentagon report released last year", "the report", "the ISPR statement".
        head = self._head(raw)
        if head and DOCUMENT.fullmatch(head):
            return self._document(raw, low, head, org, country)

        # Named person?
        name = self._person_name(raw)
        if name:
            return self._person(raw, name, start, country, org, back_aff)

        # Whole mention is a country / capital: its government.
        core = re.sub(r"^the\s+", "", low)
        if core in CAPITAL_OR_COUNTRY:
            c = COUNTRY_OF[core]
            return self._institution(f"Government of {c}", "institution", raw, affiliation=f"Government of {c}")
        if outlet_name(raw) and not PERSON_ROLES.search(raw):
            n = outlet_name(raw) or raw
            return self._institution(n, "institution", raw, outlet=n)

        # Unnamed people: "the prime minister", "an Israeli commander", "officials".
        if head and PERSON_ROLES.fullmatch(head) and not INSTITUTION.fullmatch(head):
            indefinite = bool(INDEFINITE.match(low)) or (head.endswith("s") and not re.match(r"^(the|its|their|his|her)\b", low)
                                                           and not low.endswith("ss"))
            role = self._role(raw)
            aff = back_aff or (org[0] if org else None) or affiliation_for(raw, country)
            if not aff and country and not PERSON_ROLES.search(raw.split()[0] if raw.split() else ""):
                aff = country
            if (indefinite and ANON_HEAD.search(raw)) or anonymous:
                return Entity(name=self._description(raw), type="anonymous", role=role, affiliation=aff,
                              anonymous=True, plural=head.endswith("s"))
            if head.endswith("s") and not head.endswith("ss") and head not in ("boss",):
                return Entity(name=self._description(raw), type="group", role=role, affiliation=aff, plural=True)
            # Definite role: the person the text already gave that role to.
            known = self._person_with_role(role)
            if known is not None:
                if aff and not known.affiliation:
                    known.affiliation = aff
                return known
            ent = Entity(name=self._description(raw), type="person", role=role, affiliation=aff,
                         keys={fold(role or "")})
            if re.match(r"^(the|[A-Z][\w.]*'s)\b", raw.replace("’", "'"), re.I) and not indefinite:
                self.pending_role = ent
                self.pending_at = end
            return ent

        if org:
            typ = "institution" if head and INSTITUTION.fullmatch(head) else org[1]
            return self._institution(org[0], typ, raw, affiliation=org[0])
        if head and (GROUP.fullmatch(head) or head in ("taliban",)):
            return Entity(name=self._description(raw), type="group", affiliation=back_aff, plural=True)
        if head and INSTITUTION.fullmatch(head):
            aff = back_aff
            if country and not aff:
                aff = affiliation_for(raw, country) or (
                    f"Government of {country}" if GOV_INSTITUTION.fullmatch(head) else None)
            return self._institution(self._description(raw), "institution", raw, affiliation=aff)
        # A bare capitalized word ("Trump", "Mujahid") is most often a person.
        if raw[:1].isupper() and len(raw.split()) <= 3 and not country:
            return self._person(raw, raw, start, country, org, back_aff)
        return Entity(name=self._description(raw) or raw, type="group" if head.endswith("s") else "institution",
                      affiliation=back_aff, plural=head.endswith("s"))

    # ----------------------------------------------------------------- helpers

    @staticmethod
    def _head(raw: str) -> str:
        """The head noun of a mention: before "of/for/in/who/," and reduced relatives."""
        s = re.split(r",|\s+(?:of|for|from|at|in|on|with|by|who|which|that|released|published|issued|"
                     r"obtained|seen|prepared|familiar|close|based|known|quoted|cited)\b|\s+\(|\s+—", raw, maxsplit=1)[0]
        words = [w for w in re.findall(r"[\w'’.-]+", s) if w]
        if not words:
            return ""
        w = words[-1].replace("’", "'").removesuffix("'s").removesuffix("'").casefold()
        if len(words) >= 2 and fold(" ".join(words[-2:])) in ("prime minister", "press release", "exit poll",
                                                               "exit polls", "vice president", "white house",
                                                               "foreign office", "charge sheet", "police chief",
                                                               "chief minister"):
            return fold(" ".join(words[-2:]))
        return w

    def _person_name(self, raw: str) -> str | None:
        """The personal name inside a mention ("Interior Minister Sarfraz Bugti" -> "Sarfraz Bugti")."""
        s = raw.replace("’", "'")
        # Appositive: "Zabihullah Mujahid, the chief spokesman" / "the spokesman, Zabihullah Mujahid".
        parts = [p.strip() for p in re.split(r",|\s+—\s+|\s+\(", s) if p.strip()]
        for part in parts:
            part = re.split(r"\s+(?:who|which|whose)\b", part)[0]
            for m in PERSON_NAME.finditer(part):
                cand = self._clean_name(m.group(0))
                if not cand:
                    continue
                if len(cand.split()) >= 2 and self._looks_personal(cand):
                    return cand
                if len(cand.split()) == 1 and self._looks_personal(cand):
                    # A single capitalized word counts when it is all of a part ("Kakar") or follows a title.
                    rest = fold(part.replace(m.group(0), "").replace("'s", ""))
                    if not rest.strip() or TITLE.match(m.group(0) + " ") is None and re.fullmatch(
                            r"(?:[a-z.\s-]*\b)?", rest) and (self._known_person(cand) or not rest.strip()):
                        return cand
                    prefix = part[:m.start()].strip()
                    if prefix and TITLE.fullmatch(prefix + " "):
                        return cand
        return None

    def _role(self, raw: str) -> str | None:
        s = raw.replace("’", "'")
        s = re.split(r",|\s+(?:who|which|that|released|published|issued)\b", s)[0]
        s = re.sub(r"\b[A-Z][\w.]*'s\s+", "", s)  # "Pakistan's caretaker prime minister"
        s = re.sub(r"^(?:the|a|an|its|their|his|her|one|two|three|several|some|other|another)\s+", "", s, flags=re.I)
        s = re.sub(r"\s+(?:of|for|from|at|in|with)\s+.*$", "", s)
        words = []
        for w in s.split():
            lw = w.casefold()
            if COUNTRY_OF.get(lw) or lw in ORGS or lw in ("taliban",) or (w[:1].isupper() and not PERSON_ROLES.search(w)
                                                                          and not TITLE.fullmatch(w + " ")):
                continue
            words.append(lw)
        role = " ".join(words).strip()
        return role or None

    def _description(self, raw: str) -> str:
        s = re.split(r",\s*(?:who|which)\b|\s+who\b|\s+which\b", raw)[0]
        s = re.sub(r"^(?:the|a|an|one|its|their)\s+", "", s.strip(), flags=re.I)
        return s.strip(" ,")

    def _person_with_role(self, role: str | None) -> Entity | None:
        if not role:
            return None
        key = fold(role)
        for e in reversed(self.entities):
            if e.type == "person" and e.role and (key in e.keys or fold(e.role).endswith(key)):
                return e
        return None

    def _nearest_named_person(self, before: int) -> Entity | None:
        prev = [(p, n) for p, n in self.names() if p < before]
        if not prev:
            return None
        name = prev[-1][1]
        return self._known_person(name) or self._new_person(name, None, None)

    def _new_person(self, name: str, role: str | None, aff: str | None) -> Entity:
        full = self._full_name_for(name, 10**9) or name
        keys = {fold(full), fold(name), fold(full.split()[-1])}
        if "-" in full.split()[-1]:
            keys.add(fold(full.split()[-1].split("-")[-1]))
        ent = Entity(name=full, type="person", role=role, affiliation=aff, keys=keys)
        if not role:
            role = ent.role = self._role_from_text(full)
        if role and not aff:
            ent.affiliation = affiliation_for(role, self._role_country(full))
        if role:
            ent.keys.add(fold(role))
        self.entities.append(ent)
        return ent

    def _person(self, raw: str, name: str, start: int, country: str | None, org: tuple[str, str] | None,
                back_aff: str | None) -> Entity:
        role = self._role(raw.replace(name, " ")) if raw.strip() != name else None
        if role and not PERSON_ROLES.search(role):
            role = None
        aff = back_aff or (org[0] if org and org[0] != name else None) or (affiliation_for(raw, country) if role else None)
        ent = self._known_person(name) or self._known_person(name.split()[-1])
        if ent is None:
            # The lede's unnamed role gets its name from the first person named next.
            pend = self.pending_role
            full = self._full_name_for(name, start) or name
            if pend is not None and not role and self._next_name_is(full, self.pending_at):
                pend.name = self._full_name_for(name, start) or name
                pend.keys |= {fold(pend.name), fold(name), fold(pend.name.split()[-1])}
                self.pending_role = None
                ent = pend
            else:
                ent = self._new_person(name, role, aff)
            # Roles the text gives this name elsewhere ("X, the chief spokesman,").
            if not ent.role:
                ent.role = self._role_from_text(ent.name)
        else:
            if len(name) > len(ent.name):
                ent.name = name
            ent.keys |= {fold(name)}
        self.pending_role = None if self.pending_role is ent else self.pending_role
        if role and (not ent.role or len(role) > len(ent.role)):
            ent.role = role
            ent.keys.add(fold(role))
        if aff and not ent.affiliation:
            ent.affiliation = aff
        return ent

    def _next_name_is(self, full: str, after: int, within: int = 800) -> bool:
        """Is ``full`` the first person named after position ``after`` (and soon after it)?
        "Pakistan's caretaker prime minister has stated ... The assertions by Anwaar-ul-Haq Kakar"."""
        for pos, name in self.names():
            if pos >= after:
                return pos - after <= within and fold(name) == fold(full)
        return False

    def _role_from_text(self, name: str) -> str | None:
        """A role the article puts right before or after the full name."""
        text = self.text
        i = text.find(name)
        n = 0
        while i >= 0 and n < 5:
            n += 1
            m = re.search(r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s*,?\s+$", text[max(0, i - 60):i])
            if m:
                r = self._role(m.group(1))
                if r and PERSON_ROLES.search(r):
                    return r
            m = re.match(r",\s+(?:the|a|an)\s+([^,.;]{3,60}?)(?:,|\.|\s+(?:said|says|told|who))",
                         text[i + len(name):i + len(name) + 90])
            if m:
                r = self._role(m.group(1))
                if r and PERSON_ROLES.search(r):
                    return r
            i = text.find(name, i + len(name))
        return None

    def _role_country(self, name: str) -> str | None:
        """The country in the role phrase the text attaches to ``name``, if any."""
        i = self.text.find(name)
        if i < 0:
            return None
        return country_in(self.text[max(0, i - 80):i] + " " + self.text[i + len(name):i + len(name) + 80])

    def _institution(self, name: str, typ: str, raw: str, affiliation: str | None = None,
                     outlet: str | None = None) -> Entity:
        key = fold(name)
        for e in reversed(self.entities):
            if e.type == typ and fold(e.name) == key:
                return e
        ent = Entity(name=name, type=typ, affiliation=affiliation, outlet=outlet, plural=typ == "group",
                     keys={key, fold(raw)})
        return ent

    def _document(self, raw: str, low: str, head: str, org: tuple[str, str] | None, country: str | None) -> Entity:
        definite = bool(re.match(r"^(?:the|this|that|its|their)\b", low)) and not org
        if definite and self.last_document is not None and (head in self.last_document.keys or head in low):
            return self.last_document
        if definite and self.last_document is not None and len(low.split()) <= 2:
            return self.last_document
        aff = org[0] if org else None
        if aff is None and country:
            aff = f"Government of {country}"
        if aff is None and re.match(r"^(?:its|their)\b", low) and self.last_institution is not None:
            aff = self.last_institution.affiliation or self.last_institution.name
        name = f"{aff} {head}" if aff else self._description(raw)
        ent = Entity(name=name, type="document", affiliation=aff, keys={head})
        return ent

    def _antecedent_of_relative(self, start: int) -> Entity:
        """"Kakar, who ..." -> Kakar: the mention before the comma in front of the pronoun."""
        before = self.text[max(0, start - 120):start].rstrip(" ,")
        m = re.search(r"([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|ul|al|bin))*)$", before)
        if m:
            cand = m.group(1)
            name = self._person_name(cand)
            if name:
                return self._known_person(name) or self._known_person(name.split()[-1]) or self._new_person(name, None, None)
            org = org_in(cand)
            if org:
                return self._institution(org[0], org[1], cand, affiliation=org[0])
        m = re.search(r"((?:the|a|an)\s+[\w\s'’-]{2,60})$", before, re.I)
        if m:
            return self._resolve(m.group(1), start - len(m.group(1)), start, (max(0, start - 200), start), False)
        return self.last_person or Entity(name="unknown", type="person")
