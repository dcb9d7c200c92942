"""The one-sentence English ``notes`` summary, built from the coded fields."""

from __future__ import annotations

from datetime import date

# What actor1 did, by sub-event type ("{a2}" is the target phrase).
VERBS = {
    "Armed clash": "clashed with {a2}",
    "Government regains territory": "regained territory from {a2}",
    "Non-state actor overtakes territory": "took over territory from {a2}",
    "Chemical weapon": "used chemical weapons against {a2}",
    "Air/drone strike": "carried out an air/drone strike on {a2}",
    "Suicide bomb": "carried out a suicide bombing against {a2}",
    "Shelling/artillery/missile attack": "shelled positions of {a2}",
    "Remote explosive/landmine/IED": "detonated an explosive device against {a2}",
    "Grenade": "threw a grenade at {a2}",
    "Sexual violence": "committed sexual violence against {a2}",
    "Attack": "attacked {a2}",
    "Abduction/forced disappearance": "abducted {a2}",
    "Peaceful protest": "held a protest",
    "Protest with intervention": "held a protest that was dispersed",
    "Excessive force against protesters": "were met with lethal force at a protest",
    "Violent demonstration": "rioted",
    "Mob violence": "took part in mob violence against {a2}",
    "Agreement": "reached an agreement with {a2}",
    "Arrests": "arrested {a2}",
    "Change to group/activity": "changed its activity",
    "Disrupted weapons use": "disrupted weapons use by {a2}",
    "Headquarters or base established": "established a base or position",
    "Looting/property destruction": "destroyed or looted property of {a2}",
    "Non-violent transfer of territory": "handed over territory to {a2}",
    "Other": "moved forces",
}
ANONYMOUS_TARGET = {
    "Armed clash": "clashed with an unidentified side",
    "Shelling/artillery/missile attack": "carried out shelling",
    "Air/drone strike": "carried out an air/drone strike",
    "Remote explosive/landmine/IED": "detonated an explosive device",
    "Suicide bomb": "carried out a suicide bombing",
    "Attack": "carried out an attack",
    "Arrests": "carried out arrests",
    "Abduction/forced disappearance": "abducted people",
    "Looting/property destruction": "destroyed property",
}


# English month names, as strftime("%B") gives them in the C locale: a table
# does not depend on the process locale and costs a lookup, not a C call.
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _month(value: date) -> str:
    return MONTH_NAMES[value.month - 1]


def _day(value: date) -> str:
    return f"{value.day} {_month(value)} {value.year}"


def build_notes(
    *,
    event_date: date | None,
    time_precision: int | None,
    sub_event_type: str,
    actor1: str | None,
    actor2: str | None,
    location: str | None,
    fatalities: int,
) -> str:
    """E.g. "On 15 November 2020, Islamic State (Syria) attacked ... in ..., killing 3."."""
    if event_date is None:
        when = "On an unknown date"
    elif time_precision == 3:
        when = f"In {_month(event_date)} {event_date.year}"
    elif time_precision == 2:
        when = f"Around {_day(event_date)}"
    else:
        when = f"On {_day(event_date)}"
    template = VERBS.get(sub_event_type, "was involved in an event")
    if actor2:
        action = template.format(a2=actor2)
    elif "{a2}" in template:
        action = ANONYMOUS_TARGET.get(sub_event_type, template.replace(" {a2}", "").strip())
    else:
        action = template
    subject = actor1 or "unidentified actors"
    sentence = f"{when}, {subject} {action}"
    if location:
        sentence += f" in {location}"
    if fatalities == 1:
        sentence += ", killing 1 person"
    elif fatalities > 1:
        sentence += f", killing {fatalities} people"
    return sentence + "."
