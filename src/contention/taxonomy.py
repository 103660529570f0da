"""The event taxonomy of ``shared/spec/taxonomy.md`` (v1.2.1) as code.

Everything in contention speaks these codes; nothing else defines them.
"""
from __future__ import annotations

TAXONOMY_VERSION = "1.2.1"

PROTEST_TYPES: tuple[str, ...] = (
    "protest.strike",
    "protest.demonstration",
    "protest.riot",
    "protest.hunger_strike",
    "protest.petition",
    "protest.other",
)

#: response code -> family, in the order of the taxonomy table.
RESPONSE_FAMILY: dict[str, str] = {
    "response.lethal_force": "repression",
    "response.physical_force": "repression",
    "response.dispersal": "repression",
    "response.detention": "repression",
    "response.prosecution": "repression",
    "response.emergency_measures": "repression",
    "response.information_control": "repression",
    "response.intimidation": "repression",
    "response.surveillance": "preemption",
    "response.material_concession": "accommodation",
    "response.policy_concession": "accommodation",
    "response.negotiation": "accommodation",
    "response.personnel_change": "accommodation",
    "response.investigation": "accommodation",
    "response.political_reform": "accommodation",
    "response.acknowledgment": "rhetoric",
    "response.delegitimization": "rhetoric",
}

EVENT_TYPES: tuple[str, ...] = PROTEST_TYPES + tuple(RESPONSE_FAMILY)
RESPONSE_FAMILIES: tuple[str, ...] = ("repression", "preemption", "accommodation", "rhetoric")
FAMILIES: tuple[str, ...] = ("protest",) + RESPONSE_FAMILIES

MODALITIES: tuple[str, ...] = ("asserted", "negated", "planned", "habitual")

ACTOR_TYPES: tuple[str, ...] = (
    "national_government", "local_government", "security_forces", "judiciary",
    "legislature", "state_company", "private_company", "workers", "activists",
    "residents", "students", "opposition", "other",
)

CLAIMS: tuple[str, ...] = (
    "wages", "labour_rights", "union", "jobs", "prices", "political",
    "corruption", "land", "environment", "ethnic", "other",
)

COUNT_KEYS: tuple[str, ...] = ("participants", "killed", "injured", "detained")

DESCRIPTIONS: dict[str, str] = {
    "protest.strike": "work stoppage, walkout, industrial action, sit-down strike",
    "protest.demonstration": "rally, march, picket, gathering or occupation of a public place",
    "protest.riot": "protest with violence by participants: arson, destruction, clashes begun by the crowd",
    "protest.hunger_strike": "hunger strike",
    "protest.petition": "open letter, petition, collective appeal or complaint",
    "protest.other": "boycott, online campaign, self-immolation, anything else",
    "response.lethal_force": "live fire or killing of protesters by police, army or security forces",
    "response.physical_force": "beatings, tear gas, stun grenades, rubber bullets, water cannon, violent dispersal",
    "response.dispersal": "crowd dispersed, square cleared, camp evicted, without violence reported",
    "response.detention": "arrests, detentions, administrative arrests",
    "response.prosecution": "charges, trials, convictions, sentences, fines, executions",
    "response.emergency_measures": "state of emergency, curfew, bans, roadblocks, deployments against a protest",
    "response.information_control": "internet or social-media shutdown, censorship, obstruction of journalists",
    "response.intimidation": "threats, warnings, summonses, strikers fired, strike declared illegal",
    "response.surveillance": "monitoring or policing of potential unrest with no particular protest in view",
    "response.material_concession": "wages, jobs, benefits, investment, subsidies, compensation",
    "response.policy_concession": "a decision reversed in the protesters' favour, detainees released, restrictions lifted",
    "response.negotiation": "talks, dialogue, mediation, arbitration, officials meet protesters",
    "response.personnel_change": "officials or a government dismissed, resigned or reshuffled",
    "response.investigation": "inquiry or commission into the events; officials charged for abuses",
    "response.political_reform": "early elections, constitutional or electoral change, amnesty",
    "response.acknowledgment": "leaders acknowledge grievances or promise to learn lessons",
    "response.delegitimization": "protesters branded criminals, terrorists, foreign agents; events denied",
}


def family(event_type: str | None) -> str:
    """The family of an event type: ``protest`` or a response family; ``unknown`` otherwise."""
    if not event_type:
        return "unknown"
    if event_type.startswith("protest."):
        return "protest"
    return RESPONSE_FAMILY.get(event_type, "unknown")


def is_response(event_type: str) -> bool:
    return event_type in RESPONSE_FAMILY


def check_type(event_type: str) -> str:
    """Return ``event_type`` when it is a code of the taxonomy, else raise ValueError."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}; expected one of {', '.join(EVENT_TYPES)}")
    return event_type

#: Colours of the families in every chart, legend and badge (report, dashboard, analysis).
FAMILY_COLORS: dict[str, str] = {
    "protest": "#8c8c8c",        # grey
    "repression": "#c0392b",     # red
    "preemption": "#7d3c98",     # purple
    "accommodation": "#2e8b57",  # green
    "rhetoric": "#e0a100",       # amber
}
