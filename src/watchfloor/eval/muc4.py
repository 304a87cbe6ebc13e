"""MUC-4 set (GTT format): document-level role-filler extraction plus incident type.

Each JSON line: {docid, doctext (lower-cased), templates: [{incident_type, PerpInd, PerpOrg,
Target, Victim, Weapon}]}, each role a list of entities, each entity a list of
[mention, offset]. Published date: none (MUC wire stories; ``None`` is passed).

Roles. Our Extraction is mapped per document: PerpInd <- every event's
perpetrator_individuals, PerpOrg <- perpetrator_organizations, Target <- targets,
Victim <- victims, Weapon <- weapons (union over events, deduplicated after normalization).
Gold templates of a document are merged per role (an entity listed in two templates with the
same mentions counts once). GTT matching: a predicted string matches a gold entity when it
equals any of the entity's mentions (case-insensitive, stripped, inner whitespace collapsed);
each gold entity and each predicted string is matched at most once (maximum bipartite
matching). Micro P/R/F1 per role and over all roles, summed over documents.

Incident type. Our events map to MUC types with ``muc_type``. For a document with templates,
the prediction is the primary event among those that map to a MUC type (the only one, else
earliest evidence); it is right when its type is one of the document's gold types
("bombing / attack" allows both); no such event = wrong. Also set-level P/R/F1 of types.
Documents with no template should yield no event: the share that yields one is reported as
the false-positive rate (any event, and any MUC-type event).
"""

from __future__ import annotations

import re
from typing import Any

from ..models import Event, Extraction
from .common import (
    load_jsonl,
    EvalReport,
    fold,
    Outcome,
    pick_worst,
    PRF,
    primary_event,
    Progress,
    Record,
    run_set,
    Score,
    worst_entry,
)

ROLES = ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"]
ROLE_FIELDS = {"PerpInd": "perpetrator_individuals", "PerpOrg": "perpetrator_organizations",
               "Target": "targets", "Victim": "victims", "Weapon": "weapons"}
MUC_TYPES = ["attack", "bombing", "kidnapping", "arson", "robbery", "forced work stoppage"]

_FIRE = re.compile(r"\b(fire|fires|burn\w*|burnt|arson\w*|torch\w*|blaze\w*|incendiar\w*|"
                   r"molotov|set ablaze|gutted)\b")
_ROB = re.compile(r"\b(rob\w*|loot\w*|st[oe]le\w*|steal\w*|hold-?up|heist)\b")
_STRIKE = re.compile(r"\b(strike|stoppage|shutdown|shutter-?down|work stoppage)\b")
_BOMB = re.compile(r"\b(bomb\w*|explosive\w*|dynamite|grenade\w*|ied|device|mine|mines)\b")


def norm(s: Any) -> str:
    """GTT string normalization: case-insensitive, stripped, whitespace collapsed."""
    return " ".join(str(s or "").lower().split())


def _event_text(ev: Event, text: str) -> str:
    """What the event says about itself: notes, weapons and the text of its evidence spans."""
    parts = [ev.notes or "", " ".join(ev.weapons or [])]
    for spans in (ev.evidence or {}).values():
        for sp in spans:
            if sp and len(sp) >= 2:
                parts.append(text[sp[0]:sp[1]])
    return fold(" ".join(parts))


def muc_type(ev: Event, text: str = "") -> str | None:
    """Our ACLED-coded event as a MUC-4 incident type, or None when it is not one.

    Explosions/Remote violence -> bombing (suicide bomb, IED, grenade: MUC codes a detonated
    device as bombing), except Shelling/artillery/missile and Air/drone strike -> attack (MUC
    codes mortar, rocket and air raids as attack). Abduction/forced disappearance -> kidnapping.
    Looting/property destruction -> arson when fire is mentioned (burned, set fire, torched),
    robbery when theft is, else attack. Disrupted weapons use (a defused bomb) -> bombing when
    an explosive is mentioned (MUC keeps attempted bombings). Protests/Strategic developments
    with a strike or shutdown -> forced work stoppage. Other violent types (Battles, Violence
    against civilians, Riots, Excessive force against protesters) -> attack. Peaceful
    protests and other strategic developments -> None.
    """
    et, st = fold(ev.event_type), fold(ev.sub_event_type)
    if et.startswith("explosions"):
        if st.startswith("shelling") or st.startswith("air"):
            return "attack"
        return "bombing"
    if st.startswith("abduction"):
        return "kidnapping"
    if st.startswith("looting"):
        t = _event_text(ev, text)
        if _FIRE.search(t):
            return "arson"
        if _ROB.search(t):
            return "robbery"
        return "attack"
    if st.startswith("disrupted weapons"):
        return "bombing" if _BOMB.search(_event_text(ev, text)) else None
    if et in ("battles", "violence against civilians", "riots") or st.startswith("excessive force"):
        return "attack"
    if et.startswith("protests") or et.startswith("strategic"):
        return "forced work stoppage" if _STRIKE.search(_event_text(ev, text)) else None
    return None


def load(path: str, limit: int | None = None) -> list[Record]:
    return load_jsonl(path, limit, default_file="dev.json", id_key="docid", text_key="doctext")


def gold_roles(doc: dict[str, Any]) -> dict[str, list[set[str]]]:
    """Per role, the document's gold entities (each a set of normalized mentions), templates merged."""
    out: dict[str, list[set[str]]] = {}
    for role in ROLES:
        seen: set[frozenset[str]] = set()
        ents: list[set[str]] = []
        for t in doc.get("templates") or []:
            for ent in t.get(role) or []:
                ms = frozenset(norm(m[0] if isinstance(m, (list, tuple)) else m) for m in ent)
                ms = frozenset(m for m in ms if m)
                if ms and ms not in seen:
                    seen.add(ms)
                    ents.append(set(ms))
        out[role] = ents
    return out


def gold_types(doc: dict[str, Any]) -> set[str]:
    return {p.strip() for t in doc.get("templates") or []
            for p in str(t.get("incident_type") or "").split("/") if p.strip()}


def predicted_roles(ex: Extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for role, attr in ROLE_FIELDS.items():
        vals: list[str] = []
        for ev in ex.events:
            for v in getattr(ev, attr, None) or []:
                n = norm(v)
                if n and n not in vals:
                    vals.append(n)
        out[role] = vals
    return out


def match_count(pred: list[str], gold: list[set[str]]) -> int:
    """Maximum number of (predicted string, gold entity) pairs, each used once, where the
    string is one of the entity's mentions (Kuhn's augmenting paths; inputs are tiny)."""
    owner: dict[int, int] = {}  # gold index -> pred index

    def augment(pi: int, seen: set[int]) -> bool:
        for gi, ent in enumerate(gold):
            if gi in seen or pred[pi] not in ent:
                continue
            seen.add(gi)
            if gi not in owner or augment(owner[gi], seen):
                owner[gi] = pi
                return True
        return False

    return sum(1 for pi in range(len(pred)) if augment(pi, set()))


def score(outcomes: list[Outcome], report: EvalReport, errors: int = 0) -> EvalReport:
    role_prf = {r: PRF(r) for r in ROLES}
    overall = PRF("all roles")
    type_prf = PRF("incident types (set)")
    type_acc = Score("incident_type", note="docs with templates")
    fp_any = Score("empty docs with an event", note="false-positive rate")
    fp_muc = Score("empty docs with a MUC-type event", note="false-positive rate")
    worst_rows = []
    for o in outcomes:
        doc, ex = o.record.gold, o.extraction
        g_roles, p_roles = gold_roles(doc), predicted_roles(ex)
        fields: dict[str, dict[str, Any]] = {}
        wrong = 0
        for r in ROLES:
            tp = match_count(p_roles[r], g_roles[r])
            role_prf[r].add(tp, len(p_roles[r]), len(g_roles[r]))
            overall.add(tp, len(p_roles[r]), len(g_roles[r]))
            miss = (len(p_roles[r]) - tp) + (len(g_roles[r]) - tp)
            wrong += miss
            fields[r] = {"gold": "; ".join(" | ".join(sorted(e)) for e in g_roles[r]),
                         "predicted": "; ".join(p_roles[r]), "ok": miss == 0}
        g_types = gold_types(doc)
        typed = [(muc_type(ev, o.record.text), ev) for ev in ex.events]
        typed = [(t, ev) for t, ev in typed if t]
        p_types = {t for t, _ in typed}
        if g_types:
            type_prf.add(len(p_types & g_types), len(p_types), len(g_types))
            prim = primary_event(Extraction(events=[ev for _, ev in typed]))
            pt = muc_type(prim, o.record.text) if prim is not None else None
            ok = pt in g_types
            type_acc.add(ok)
            wrong += 0 if ok else 1
            fields["incident_type"] = {"gold": " / ".join(sorted(g_types)), "predicted": pt, "ok": ok}
        else:
            type_prf.add(0, len(p_types), 0)
            fp_any.add(bool(ex.events))
            fp_muc.add(bool(p_types))
            wrong += 1 if ex.events else 0
            fields["incident_type"] = {"gold": "(no template)",
                                       "predicted": ", ".join(sorted(p_types)) or
                                       (f"{len(ex.events)} non-MUC event(s)" if ex.events else None),
                                       "ok": not ex.events}
        worst_rows.append((wrong, worst_entry(o, wrong, fields)))
    report.prf = [role_prf[r] for r in ROLES] + [overall, type_prf]
    report.scores = [type_acc, fp_any, fp_muc]
    report.worst = pick_worst(worst_rows, errors)
    report.notes.append("GTT matching: predicted string == any mention of a gold entity "
                        "(case-insensitive, stripped); each gold entity matched once; "
                        "templates merged per document; empty docs = documents without a template")
    return report


def run(path: str, *, extractor: Any, limit: int | None = None, errors: int = 0,
        progress: Progress | None = None) -> EvalReport:
    return run_set("muc4", load, score, path, extractor, limit, errors, progress)
