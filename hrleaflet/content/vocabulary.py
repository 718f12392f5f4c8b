"""Fixed vocabularies people choose from in their files."""

from __future__ import annotations

from typing import Literal, get_args

ServiceKind = Literal[
    "needle-syringe",
    "ost",
    "naloxone",
    "testing",
    "drop-in",
    "outreach",
    "helpline",
    "legal",
    "mental-health",
    "housing-food",
]
SERVICE_KINDS: tuple[str, ...] = get_args(ServiceKind)

IconName = Literal[
    "hand-washing",
    "no-sharing",
    "mask",
    "distance",
    "wipe",
    "naloxone",
    "not-alone",
    "phone",
    "test-small",
    "stay-home",
    "medication",
    "plan-ahead",
    "support",
    "rights",
    "no-mixing",
    "breathing",
    "naloxone-nasal",
    "naloxone-injection",
    "rescue-breath",
    "recovery-position",
    "not-in-mouth",
    "start-low",
    "cash",
    "daily-limit",
    "supply-alert",
    "drug-checking",
    "wound-care",
    "supplies",
    "vaccination",
    "watch-signs",
    "stay-with",
    "no-crowds",
]
ICON_NAMES: tuple[str, ...] = get_args(IconName)
