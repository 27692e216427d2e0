"""Terraform resource types and the API actions each phase calls (data/terraform.toml), validated for the index."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from tco_errcli.search.terraform import PHASES, Resources

ROOT = Path(__file__).resolve().parent.parent
TERRAFORM = ROOT / "data" / "terraform.toml"
API = ROOT / "data" / "reference" / "organization-api.json"
_TYPE = re.compile(r"^tencentcloud_[a-z0-9_]{1,80}$")


class TerraformError(Exception):
    """terraform.toml is malformed: a type that is not one, a phase that is not one, an action the API lacks."""


def types(path: Path = TERRAFORM, api: Path = API) -> dict[str, dict[str, list[str]]]:
    """type -> phase -> actions, after checking each name, phase and action (against the API reference)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TerraformError(f"{path.name}: {exc}") from None
    known = set(json.loads(api.read_text(encoding="utf-8"))["versions"][Resources.version])
    out: dict[str, dict[str, list[str]]] = {}
    for name, phases in data.items():
        if not _TYPE.match(name) or not isinstance(phases, dict) or not phases:
            raise TerraformError(f"{path.name}: [{name}] is not a resource type (tencentcloud_…, a table of phases)")
        for phase, actions in phases.items():
            if phase not in PHASES or not isinstance(actions, list) or not actions:
                raise TerraformError(f"{path.name}: [{name}] {phase} = …: phases are {PHASES}, each a list of actions")
            unknown = [a for a in actions if a not in known]
            if unknown:
                raise TerraformError(f"{path.name}: [{name}] {phase}: {unknown} not actions of {Resources.version}")
        out[name] = {phase: list(actions) for phase, actions in phases.items()}
    return out


def resources(path: Path = TERRAFORM) -> Resources:
    return Resources(types(path))
