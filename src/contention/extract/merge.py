"""One event per distinct act (coding rule 1): merging retellings inside a document."""
from __future__ import annotations

import re

from ..records import Event


def fold_placeless(events: list[Event]) -> list[Event]:
    """In one sentence, an event with no place of the same type as one with a place is the same act, unless the
    sentence says the act also took place in places it does not name (``~national``: "and in other cities", rule 22)."""
    placed = {(e.type, e.modality) for e in events if e.place or e.admin1}
    return [e for e in events if e.place or e.admin1 or (e.type, e.modality) not in placed
            or "~national" in (e.rule or "")]


def absorb_weak(events: list[Event]) -> list[Event]:
    """A bare mention of protesters is the protest the document already codes, unless it names a new place.
    "The protesters" (anaphoric, ``~ref``) are also those of a protest told without a place."""
    strong = [e for e in events if e.type.startswith("protest.") and not _weak(e)]
    out = []
    for e in events:
        rule = e.rule or ""
        if ":weak" in rule:
            # "protesters" may be any protest's participants; "strikers" are a strike's
            same = [k for k in strong if e.type == "protest.demonstration" or k.type == e.type]
            where = e.place or e.admin1
            if same and (not where or any(_same_place(k, e) and (k.place or k.admin1 or "~ref" in rule) for k in same)):
                continue
        out.append(e)
    return out


def absorb_background(events: list[Event]) -> list[Event]:
    """A protest only named in passing (``:bg``: "the organisers of the largest protests in years said"), that
    merging did not fold into an act already told, is dropped when the document reports a protest in the
    same place (or one of no place); alone in its document it is kept."""
    told = [e for e in events if e.type.startswith("protest.") and e.modality == "asserted" and not _weak(e)]
    return [e for e in events if not (":bg" in (e.rule or "") and not e.more_evidence
                                      and any(_same_place(k, e) for k in told))]


def _weak(e: Event) -> bool:
    return ":weak" in (e.rule or "") or ":bg" in (e.rule or "")


def drop_realised_plans(events: list[Event]) -> list[Event]:
    """A planned protest that the document also reports as held, in the same place, in the plan's month and not
    before the plan's date ("the rally was set for 11 am; thousands gathered"), is that protest, not a further plan."""
    held = [e for e in events if e.modality == "asserted" and e.type.startswith("protest.")]
    return [e for e in events if not (
        e.modality == "planned" and e.type.startswith("protest.")
        and any(k.type == e.type and _same_place(k, e) and _not_later(e.date, k.date) for k in held))]


FORCEFUL = ("response.physical_force", "response.lethal_force")


def drop_forceful_dispersal(events: list[Event]) -> list[Event]:
    """Dispersal is coded only without violence: a dispersal in the same place and on the same day (both dated
    to the day) as force the document reports (tear gas told in the next sentence) is part of that forceful act."""
    force = [e for e in events if e.type in FORCEFUL and e.modality == "asserted"]
    return [e for e in events if not (
        e.type == "response.dispersal" and e.modality == "asserted"
        and any(_same_place(k, e) and _same_day(k.date, e.date) for k in force))]


def drop_responses_before_protests(events: list[Event]) -> list[Event]:
    """Rule 3: a state act dated two or more months before every protest of the document (all dated at least
    to the month, the act not preemptive) cannot answer them: it is background, or what triggered the
    protest. (One month before is kept: talks and threats in the run-up to a strike are part of the conflict.)"""
    protests = [e.date for e in events if e.type.startswith("protest.") and e.modality != "negated"]
    if not protests or any(d is None or len(d) < 7 for d in protests):
        return events
    first = min(_month_no(d) for d in protests if d)
    return [e for e in events if not (
        e.type.startswith("response.") and e.modality == "asserted" and not e.preemptive
        and e.date is not None and len(e.date) >= 7 and _month_no(e.date) <= first - 2)]


def _month_no(date: str) -> int:
    return int(date[:4]) * 12 + int(date[5:7]) - 1


def _same_place(a: Event, b: Event) -> bool:
    pa, pb = a.place or a.admin1, b.place or b.admin1
    return pa is None or pb is None or pa == pb or (a.admin1 is not None and a.admin1 == b.admin1
                                                    and (a.place is None or b.place is None))


def _not_later(plan: str | None, held: str | None) -> bool:
    """The plan's date is the held protest's date or a day before it, in the same month (a plan dated to
    another month or year is a further protest)."""
    if not plan or not held:
        return True
    n = min(len(plan), len(held), 7)
    return plan[:n] == held[:n] and plan <= held if len(plan) == len(held) else plan[:n] == held[:n]


def _same_day(a: str | None, b: str | None) -> bool:
    return bool(a and len(a) == 10 and a == b)


def merge_retellings(events: list[Event]) -> list[Event]:
    """One event per distinct act (rule 1): same type, place, date and modality, told by the same
    kind of trigger or in the same sentence, is one event; the other spans become ``more_evidence``.
    A date that only an earlier sentence gave (``~day``) or no date at all does not make acts different."""
    out: list[Event] = []
    index: dict[tuple, int] = {}
    acts: dict[tuple, list[int]] = {}  # _act_key -> indices in ``out``: the candidates of the two scans below
    for ev in events:
        trig = _trig(ev)
        # a preemptive act and one after the protest are different acts, even told alike
        where = _where(ev)
        # the days of one listed date ("on 9 and 10 June", ``~each_day``) are acts of their own even in one sentence
        listed = (ev.date,) if "~each_day" in (ev.rule or "") else ()
        keys = [(ev.type, where, ev.date, ev.modality, ev.preemptive, "t", trig),
                (ev.type, where, ev.modality, ev.preemptive, "s", ev.evidence.start) + listed]
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None and ("~ref" in (ev.rule or "") or ":bg" in (ev.rule or "")):
            hit = _referent(out, ev)
        same = acts.get(_act_key(ev, trig), [])
        if hit is None and "~day" in (ev.rule or ""):
            hit = _same_act_carried_day(out, ev, trig, same)
        if hit is None:
            hit = same_act_finer_date(out, ev, trig, same)
            if hit is not None and len(ev.date or "") > len(out[hit].date or ""):
                out[hit] = out[hit].with_(date=ev.date)
        if hit is None and not ev.date:
            # an undated retelling of an undated act told by the same kind of trigger in the same place
            hit = next((i for i in same if not out[i].date), None)
        if hit is None:
            hit = _dated_by_carry(out, ev, same)
        if hit is not None and _counts_differ(out[hit], ev):
            hit = None  # "280 detained" and "the leader detained": two acts told alike
        if hit is None:
            for k in keys:
                index[k] = len(out)
            acts.setdefault(_act_key(ev, trig), []).append(len(out))
            out.append(ev)
            continue
        kept = out[hit]
        if ev.evidence != kept.evidence and ev.evidence not in kept.more_evidence:
            counts = {**ev.counts, **kept.counts}
            out[hit] = kept.with_(more_evidence=kept.more_evidence + (ev.evidence,), counts=counts)
        for k in keys:
            index.setdefault(k, hit)
    return out


COUNT_SPREAD = 1.5  # two counts of the same kind further apart than this factor are two acts, not one retold


def _counts_differ(a: Event, b: Event) -> bool:
    """Both events count the same thing (detained, killed, participants ...) and the counts are far apart."""
    for k, v in a.counts.items():
        w = b.counts.get(k)
        if v and w and max(v, w) > COUNT_SPREAD * min(v, w):
            return True
    return False


def _trig(ev: Event) -> str:
    """The kind of trigger that told an event (its rule's id)."""
    return (ev.rule or "").split(" ")[0]


def fold_unplaced(events: list[Event]) -> list[Event]:
    """Retellings without a place (rule 1): an event whose own sentence names no place ("the protests went on",
    "the strikers were fired"; its place at most the document's, ``~place``) retells an act told earlier of the same
    type, modality and preemptive flag with a compatible date (one a coarser or finer form of the other): it joins
    that event as more evidence, whatever trigger told either. An act the sentence gives to the whole country
    (``~national``, rules 6 and 22) has a place of its own. (Folding into a later act with a place as well lowered
    cross-validated type F1, .628 -> .625: a later placed act is more often another act.)"""
    out: list[Event] = []
    for ev in events:
        if _where(ev) is None:
            j = next((j for j, k in enumerate(out) if _same_kind(k, ev) and _compatible_dates(k.date, ev.date)
                      and not _counts_differ(k, ev)), None)
            if j is not None:
                out[j] = out[j].with_(more_evidence=out[j].more_evidence + (ev.evidence,) + ev.more_evidence)
                continue
        out.append(ev)
    return out


def _same_kind(a: Event, b: Event) -> bool:
    """The same kind of act: type, modality and preemptive flag."""
    return (a.type, a.modality, a.preemptive) == (b.type, b.modality, b.preemptive)


def _dated_by_carry(out: list[Event], ev: Event, candidates: list[int]) -> int | None:
    """An event with a date of its own sentence retells an earlier act of the same kind and place that had only
    a day carried from an earlier sentence (``~day``) in the same month: that act takes this date (rule 8: the
    date its own sentence gives)."""
    rule = ev.rule or ""
    if not ev.date or "~day" in rule or "~story" in rule:
        return None
    for i in candidates:
        k = out[i]
        if "~day" in (k.rule or "") and (k.date or "")[:7] == ev.date[:7]:
            out[i] = k.with_(date=ev.date, rule=(k.rule or "").replace(" ~day", ""))
            return i
    return None


def _act_key(ev: Event, trig: str) -> tuple:
    """What the two scans below compare first (merging changes none of it): an index over ``out`` by it
    keeps a long document's merge linear instead of quadratic."""
    return (ev.type, ev.place or ev.admin1, ev.modality, ev.preemptive, trig)


def same_act_finer_date(out: list[Event], ev: Event, trig: str, candidates: list[int] | None = None) -> int | None:
    """An earlier event told by the same kind of trigger whose date is a coarser or finer form of this one's.

    candidates: the indices of ``out`` to look at, in order (all when None)."""
    if not ev.date:
        return None
    for i in (range(len(out)) if candidates is None else candidates):
        k = out[i]
        if (k.type, k.place or k.admin1, k.modality, k.preemptive) == (ev.type, ev.place or ev.admin1, ev.modality, ev.preemptive) \
                and k.date and _trig(k) == trig \
                and (k.date.startswith(ev.date) or ev.date.startswith(k.date)):
            return i
    return None


def _same_act_carried_day(out: list[Event], ev: Event, trig: str, candidates: list[int] | None = None) -> int | None:
    """An event dated only from an earlier sentence ("~day") retells an earlier act told by the same kind
    of trigger in the same place and month: the carried day does not make it a new act."""
    month = (ev.date or "")[:7]
    for i in (range(len(out)) if candidates is None else candidates):
        k = out[i]
        if (k.type, k.place or k.admin1, k.modality, k.preemptive) == (ev.type, ev.place or ev.admin1, ev.modality, ev.preemptive) \
                and _trig(k) == trig and (k.date or "")[:7] == month:
            return i
    return None


NATIONAL = "~national"  # the "place" of an act of the whole country ("across the country", "nationwide")


def _where(ev: Event) -> str | None:
    """The place an event's own sentence names; a place inherited from the document does not count, and an act
    the sentence gives to the whole country is a place of its own (rules 6, 22: a national roll-up is not the
    main city's event)."""
    rule = ev.rule or ""
    if NATIONAL in rule and not (ev.place or ev.admin1):
        return NATIONAL
    return None if "~place" in rule else (ev.place or ev.admin1)


def _referent(out: list[Event], ev: Event) -> int | None:
    """The latest earlier event of the same kind of act, which "the strike" refers back to."""
    for i in range(len(out) - 1, -1, -1):
        k = out[i]
        if _same_kind(k, ev) and k.doc_id == ev.doc_id:
            own = _where(ev)
            return i if own is None or own == (k.place or k.admin1) else None
    return None


HEADLINE_CHARS = 200  # a line this short without a full stop is a headline, a caption or a subheading
_LINE_END = re.compile(r"[.!?…:;]['\"»”’)]*\s*$")


def is_headline(ev: Event, text: str) -> bool:
    """The event's evidence is a title line: short, with no sentence-final punctuation, not the text's last line
    (a headline, a photo caption, a subheading). Such a line retells what the body tells."""
    a = text.rfind("\n", 0, ev.evidence.start) + 1
    b = text.find("\n", ev.evidence.end)
    if b < 0:
        return False
    line = text[a:b].strip()
    return 0 < len(line) <= HEADLINE_CHARS and not _LINE_END.search(line)


def absorb_headlines(events: list[Event], text: str) -> list[Event]:
    """Headline and caption retellings (rule 1): an event told on a title line (:func:`is_headline`) joins, as more
    evidence, the event of the body it retells: same type, modality and preemptive flag, a compatible date (one a
    coarser or finer form of the other, or either none; the carried or default date of a headline that nothing else
    retold is none of its own), and the same place (the headline's own place, or none when
    the body's place is only the document's). A headline event the body does not retell stays an event."""
    heads = [is_headline(e, text) for e in events]
    if not any(heads):
        return events
    out = list(events)
    dropped: set[int] = set()
    for i, h in enumerate(events):
        if not heads[i]:
            continue
        cands = [j for j, k in enumerate(out) if not heads[j] and j not in dropped
                 and _same_kind(k, h)
                 and _compatible_dates(h.date if h.more_evidence else _own_date(h), k.date) and _retold_place(h, k)]
        if not cands:
            continue
        same = [j for j in cands if (out[j].place or out[j].admin1) == (h.place or h.admin1)]
        j = (same or cands)[0]
        out[j] = out[j].with_(more_evidence=out[j].more_evidence + (h.evidence,) + h.more_evidence)
        dropped.add(i)
    return [e for i, e in enumerate(out) if i not in dropped]


ENDED = "~end"  # a protest told as ending ("the strike was called off on Friday")


def absorb_endings(events: list[Event]) -> list[Event]:
    """A protest told as ending (``~end``: "Zakończono strajk", "the miners ended their strike on Friday") is the
    protest the document tells elsewhere, before or after: it joins, as more evidence, the first event of the same
    kind in a compatible place that is not itself an ending, and keeps that event's date (the day a strike ended is
    not the day it happened: rule 8 dates a long strike to its start). An ending told of no other event stays."""
    if not any(ENDED in (e.rule or "") for e in events):
        return events
    out = list(events)
    dropped: set[int] = set()
    for i, e in enumerate(events):
        if ENDED not in (e.rule or ""):
            continue
        j = next((j for j, k in enumerate(out) if j != i and j not in dropped and ENDED not in (k.rule or "")
                  and _same_kind(k, e) and _same_place(k, e)), None)
        if j is None:
            continue
        out[j] = out[j].with_(more_evidence=out[j].more_evidence + (e.evidence,) + e.more_evidence)
        dropped.add(i)
    return [e for i, e in enumerate(out) if i not in dropped]


def _own_date(ev: Event) -> str | None:
    """The date the event's own sentence gives: none when it was carried from an earlier sentence (``~day``) or is
    the story's default (``~story``)."""
    rule = ev.rule or ""
    return None if "~day" in rule or "~story" in rule else ev.date


def _compatible_dates(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _retold_place(head: Event, body: Event) -> bool:
    """The headline names the body event's place, or names a place where the body event has none, or names none
    while the body's place is only the document's (``~place``)."""
    own = None if "~place" in (head.rule or "") or "~national" in (head.rule or "") else (head.place or head.admin1)
    where = body.place or body.admin1
    return own == where or (own is None and "~place" in (body.rule or "")) or (own is not None and where is None)
