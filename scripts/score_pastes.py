"""Score explain on a directory of real pastes against its manifest.json (code, RequestId, exact message, HTTP status,
product), printing the figures and, with -v, every miss.

    python scripts/score_pastes.py /path/to/fixtures [-v] [--skip other/manifest.json]

--skip leaves out the pastes another manifest lists (those already used as test fixtures).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tco_errcli.api import explain


def score(folder: Path, verbose: bool = False, skip: frozenset[str] = frozenset()) -> dict[str, list[int]]:
    items = [i for i in json.loads((folder / "manifest.json").read_text(encoding="utf-8")) if i["id"] not in skip]
    print(f"{len(items)} pastes")
    figures: dict[str, list[int]] = {k: [0, 0] for k in ("codes", "request_ids", "messages", "http_status", "products")}
    extra = 0
    for item in items:
        text = (folder / item["file"]).read_text(encoding="utf-8", errors="replace")
        errors: list[dict[str, Any]] = explain(text)["errors"]
        found_codes = [e["code"] for e in errors]
        rids = {e["request_id"] for e in errors} | {r for e in errors for r in e.get("request_ids") or ()}
        expected_codes = {x["code"] for x in item["expected"] if x["code"]}
        extra += len({c for c in found_codes if c and c not in expected_codes})
        for x in item["expected"]:
            same = [e for e in errors if e["code"] == x["code"]]
            if x["code"]:
                figures["codes"][1] += 1
                figures["codes"][0] += bool(same)
                if not same and verbose:
                    print(f"{item['id']}: code {x['code']} missing (found {found_codes})")
            if x["request_id"]:
                figures["request_ids"][1] += 1
                figures["request_ids"][0] += x["request_id"] in rids
                if x["request_id"] not in rids and verbose:
                    print(f"{item['id']}: RequestId {x['request_id']} missing (found {sorted(map(str, rids))})")
            if x.get("message") is not None:
                figures["messages"][1] += 1
                pool = same or errors
                ok = any(e["message"] == x["message"] for e in pool)
                figures["messages"][0] += ok
                if not ok and verbose:
                    got = [e["message"] for e in pool][:2]
                    print(f"{item['id']}: message\n   want {x['message']!r}\n   got  {got!r}")
            if x.get("http_status") is not None:
                figures["http_status"][1] += 1
                ok = any(e.get("http_status") == x["http_status"] for e in errors)
                figures["http_status"][0] += ok
                if not ok and verbose:
                    print(f"{item['id']}: http_status {x['http_status']} missing")
        if item.get("product"):
            figures["products"][1] += 1
            services = {(e.get("product") or {}).get("service") for e in errors}
            ok = item["product"] in services
            figures["products"][0] += ok
            if not ok and verbose:
                print(f"{item['id']}: product {item['product']} (found {services})")
    for key, (good, total) in figures.items():
        print(f"{key:12} {good:3}/{total}")
    print(f"{'extra codes':12} {extra:3}")
    return figures


if __name__ == "__main__":
    skipped: frozenset[str] = frozenset()
    if "--skip" in sys.argv:
        other = Path(sys.argv[sys.argv.index("--skip") + 1])
        skipped = frozenset(i["id"] for i in json.loads(other.read_text(encoding="utf-8")))
    score(Path(sys.argv[1]), "-v" in sys.argv, skipped)
