"""Terraform resource types as the API actions they call (data/terraform.toml): a type named in a query
(`tencentcloud_organization_org_node`) stands for its actions, by the phase the query says (creating, destroying …).

The index holds one term per type ("&tencentcloud_organization_org_node") and per type and phase
("&tencentcloud_organization_org_node:delete") whose entries are the codes those actions return.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from .bm25 import RESOURCE

PHASES = ("create", "read", "update", "delete")
_TYPE = r"\btencentcloud_[a-z0-9_]{1,80}"
# what a query says Terraform was doing: its progress words, its commands, the verbs of its errors
# (stemmed as the tokeniser stems them: "creating" -> creat, "destroyed" -> delet)
_PHASE_WORDS: dict[str, tuple[str, ...]] = {
    "create": ("creat", "creation", "add", "new", "apply"),
    "read": ("read", "refresh", "import", "plan", "describ"),
    "update": ("updat", "modify", "chang", "apply", "edit"),
    "delete": ("delet", "remov"),
}


def resource_term(resource: str, phase: str = "") -> str:
    """'tencentcloud_organization_org_node', 'delete' -> '&tencentcloud_organization_org_node:delete'."""
    return RESOURCE + resource.lower() + (f":{phase}" if phase else "")


class Resources:
    """Terraform types -> phase -> the API actions the provider calls in that phase (of API version `version`)."""

    version = "2021-03-31"

    def __init__(self, types: Mapping[str, Mapping[str, Sequence[str]]] | None = None) -> None:
        self.types = {name.lower(): {p: tuple(a) for p, a in phases.items() if a} for name, phases in (types or {}).items()}

    def terms_for(self, actions: Iterable[str]) -> list[str]:
        """The terms of the types (and of their phases) that call one of these actions."""
        wanted = set(actions)
        out: list[str] = []
        for name, phases in self.types.items():
            hit = [phase for phase in PHASES if wanted.intersection(phases.get(phase, ()))]
            if hit:
                out += [resource_term(name), *(resource_term(name, phase) for phase in hit)]
        return out

    # The stored form (one line of the index): types split by \x1d, a type's name and phases by \x1f,
    # a phase's name and actions by a space.
    def dumps(self) -> str:
        return "\x1d".join(
            "\x1f".join([name, *(" ".join((phase, *phases[phase])) for phase in PHASES if phase in phases)])
            for name, phases in sorted(self.types.items())
        )

    @classmethod
    def loads(cls, text: str) -> Resources:
        types: dict[str, dict[str, list[str]]] = {}
        for record in text.split("\x1d") if text else ():
            name, *phases = record.split("\x1f")
            types[name] = {phase: actions for phase, *actions in (p.split(" ") for p in phases)}
        return cls(types)


@lru_cache(maxsize=1)
def _type() -> re.Pattern[str]:
    return re.compile(_TYPE, re.IGNORECASE)  # compiled when a query has one: start-up pays for none


def named_types(query: str) -> list[str]:
    """The Terraform resource types written in the query, lower-case, in order."""
    if "tencentcloud_" not in query.lower():
        return []
    return list(dict.fromkeys(match.group().lower() for match in _type().finditer(query)))


def without_types(query: str) -> str:
    """The query with its Terraform resource types blanked out (a type is neither an action nor a code)."""
    return _type().sub(" ", query) if "tencentcloud_" in query.lower() else query


def phases_said(words: Iterable[str]) -> list[str]:
    """The phases the query's (stemmed) words name: 'destroy' -> delete, 'apply' -> create and update."""
    said = set(words)
    return [phase for phase in PHASES if said.intersection(_PHASE_WORDS[phase])]
