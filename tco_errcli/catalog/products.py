"""The services reference: every Tencent Cloud product's short name, Chinese name and API actions.

Data: data/reference/tencentcloud-services.json, packaged beside this module; read on first use (only inputs that
name another product pay for it). Which product an error came from is judged in explain/products.py.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from tco_errcli.model import Product

ORGANIZATION = "organization"
ORGANIZATION_NAME = "集团账号管理"
SERVICES_FILE = "tencentcloud-services.json"
PACKAGED = Path(__file__).with_name(SERVICES_FILE)
CHECKOUT = Path(__file__).resolve().parent.parent.parent / "data" / "reference" / SERVICES_FILE


@lru_cache(maxsize=1)
def services() -> dict[str, dict[str, Any]]:
    """Short name -> {"name_zh", "actions", …}; empty when the file is missing or damaged."""
    path = PACKAGED if PACKAGED.is_file() else CHECKOUT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = data.get("services", {})
    return found if isinstance(found, dict) else {}


@lru_cache(maxsize=1)
def action_owners() -> dict[str, tuple[str, ...]]:
    """Action name -> the services that have it, sorted (DescribeInstances belongs to many)."""
    owners: dict[str, list[str]] = {}
    for short, info in services().items():
        for action in info.get("actions", ()):
            owners.setdefault(action, []).append(short)
    return {action: tuple(sorted(names)) for action, names in owners.items()}


def product(service: str, evidence: str) -> Product | None:
    """The Product for a short name the reference lists (Organization needs no data file); None for others."""
    if service == ORGANIZATION:  # the commonest answer needs no data file
        return Product(ORGANIZATION, ORGANIZATION_NAME, evidence)
    info = services().get(service)
    if info is None:
        return None
    return Product(service, info.get("name_zh") or service, evidence)
