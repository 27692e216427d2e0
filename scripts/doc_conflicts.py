"""Where the English and the Chinese documentation of a request parameter disagree (issue #23).

organization-api.json carries two docs of each parameter: `doc_zh` from tccli api.json (Tencent's Chinese API
reference) and `doc_en` from the English edition of the Go SDK (a translation, made separately). Where the two say
different things, neither can be quoted as *the* rule without saying so: the English SDK calls ListGroupMembers'
`GroupId` "User ID." where the Chinese says 用户组ID (and the name says group).

Three kinds of disagreement are found mechanically, so that a new SDK release cannot bring one in unseen:
- `id`: the two name different kinds of object for an ID (user / user group / space / permission configuration …);
- `characters`: one language allows Chinese characters (汉字/中文) and the other does not mention them;
- `numbers`: the numbers (lengths, ranges, limits, valid values) differ, after the obvious normalisation
  (1,024 = 1024; "five" = 5; links and URLs left out). An English text that only leaves a number out where the
  Chinese states a range (1~50 → "up to") is counted too: the English then drops a documented limit.

`python scripts/doc_conflicts.py` prints every one; scripts/build_catalog.py uses `find()` to print those the
catalogue shows and to replace the contradicted English rule (data/doc_conflicts.toml says, per disagreement, which
text is right and why, and gives the English the catalogue shows instead).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
API = ROOT / "data" / "reference" / "organization-api.json"

HTML_TAG = re.compile(r"<[^>]{1,200}>")
MARKDOWN_LINK = re.compile(r"\[([^\]]{1,200})\]\([^)\s]{1,300}\)")
URL = re.compile(r"\(?https?://[^\s)）]{1,300}\)?")
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?![A-Za-z0-9_])")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
EN_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "fifty": "50", "hundred": "100",
}  # fmt: skip
EN_NUMBER_WORD = re.compile(r"\b(" + "|".join(EN_NUMBERS) + r")\b", re.IGNORECASE)
ZH_NUMBERS = {"二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "十": "10"}
ZH_NUMBER_WORD = re.compile(r"([二两三四五六七八九十])([个段位项条种次])")
EN_ONE = re.compile(r"\b(?:one|an?)\b", re.IGNORECASE)
CHINESE_CHARS_ZH = re.compile(r"汉字|中文")
CHINESE_CHARS_EN = re.compile(r"Chinese", re.IGNORECASE)

# The kinds of object an ID can belong to; 'user' does not match inside 'user group' (用户组) in either language.
ID_KINDS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    ("user synchronization", re.compile(r"同步"), re.compile(r"synchroni[sz]", re.I)),
    ("user group", re.compile(r"用户组"), re.compile(r"\buser group|\bgroup ?id\b", re.I)),
    ("user", re.compile(r"用户(?!组)"), re.compile(r"\buser\b(?! group)", re.I)),
    ("space", re.compile(r"空间"), re.compile(r"\bspace\b", re.I)),
    ("permission configuration", re.compile(r"权限配置"), re.compile(r"permission configuration", re.I)),
    ("shared unit", re.compile(r"共享单元"), re.compile(r"shared unit", re.I)),
    ("policy", re.compile(r"策略"), re.compile(r"\bpolicy\b", re.I)),
    ("identity", re.compile(r"身份"), re.compile(r"\bidentity\b", re.I)),
    ("invitation", re.compile(r"邀请"), re.compile(r"invitation", re.I)),
    ("task", re.compile(r"任务"), re.compile(r"\btask\b", re.I)),
    ("department", re.compile(r"部门|组织单元|节点"), re.compile(r"department|organizational unit|\bnode\b", re.I)),
]
ID_PARAM = re.compile(r"(?:Id|Ids|ID)$")
ID_WORD_ZH = re.compile(r"ID|Id|iD|id")
ID_WORD_EN = re.compile(r"\bID\b|\bId\b|\bIDs\b")


@dataclass(frozen=True)
class Conflict:
    """One parameter whose English and Chinese docs disagree."""

    version: str
    action: str
    name: str  # Parent.Field for nested fields
    kind: str  # id, characters, numbers
    detail: str  # what differs, in words
    doc_en: str
    doc_zh: str

    @property
    def key(self) -> str:
        return f"{self.version} {self.action} {self.name}"


def clean(text: str) -> str:
    text = MARKDOWN_LINK.sub(r"\1", HTML_TAG.sub(" ", text or ""))
    return " ".join(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").split())


def _numbers(text: str, lang: str) -> set[str]:
    text = URL.sub(" ", text)
    text = THOUSANDS.sub("", text)
    if lang == "en":
        text = EN_NUMBER_WORD.sub(lambda m: EN_NUMBERS[m.group(1).lower()], text)
    else:  # 一个, 六段式: a numeral before a measure word
        text = ZH_NUMBER_WORD.sub(lambda m: f" {ZH_NUMBERS[m.group(1)]} {m.group(2)}", text)
    return set(NUMBER.findall(text))


def _id_kinds(text: str, lang: str) -> set[str]:
    """The kinds of object named before the first 'ID' of the text (the head of 'User group ID', '用户组ID');
    'CAM 用户同步的身份 ID' names both a user synchronization and an identity."""
    word = (ID_WORD_ZH if lang == "zh" else ID_WORD_EN).search(text)
    if word is None:
        return set()
    head = re.split(r"[。.;；,，:：]", text[: word.start()])[-1]  # the clause the ID word is in
    return {kind for kind, zh, en in ID_KINDS if (zh if lang == "zh" else en).search(head)}


def compare(name: str, doc_zh: str, doc_en: str) -> Iterator[tuple[str, str]]:
    """(kind, detail) for each way the two docs of a parameter disagree."""
    zh, en = clean(doc_zh), clean(doc_en)
    if not zh or not en:
        return
    if ID_PARAM.search(name.rsplit(".", 1)[-1]):
        kinds_zh, kinds_en = _id_kinds(zh, "zh"), _id_kinds(en, "en")
        if kinds_zh and kinds_en and not kinds_zh & kinds_en:
            said_zh, said_en = " / ".join(sorted(kinds_zh)), " / ".join(sorted(kinds_en))
            yield "id", f"the Chinese says it is the ID of a {said_zh}, the English of a {said_en}"
    if bool(CHINESE_CHARS_ZH.search(zh)) != bool(CHINESE_CHARS_EN.search(en)):
        if CHINESE_CHARS_ZH.search(zh):
            yield "characters", "the Chinese allows Chinese characters (汉字), the English does not list them"
        else:
            yield "characters", "the English allows Chinese characters, the Chinese does not list them"
    nz, ne = _numbers(zh, "zh"), _numbers(en, "en")
    # 一个 and 'one' / 'a' are as often an article as a count: a 1 one side writes as a word is no difference
    if "一" in zh and "1" not in nz:
        ne -= {"1"}
    if EN_ONE.search(en) and "1" not in ne:
        nz -= {"1"}
    if nz != ne:
        parts = []
        if only_zh := sorted(nz - ne, key=int):
            parts.append(f"only the Chinese has {', '.join(only_zh)}")
        if only_en := sorted(ne - nz, key=int):
            parts.append(f"only the English has {', '.join(only_en)}")
        yield "numbers", "; ".join(parts)


def _walk(params: list[dict[str, Any]], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for p in params:
        yield f"{prefix}{p['name']}", p
        yield from _walk(p.get("fields") or [], f"{prefix}{p['name']}.")


def find(api: dict[str, Any] | None = None) -> list[Conflict]:
    """Every disagreement in organization-api.json (its `versions` mapping), in file order."""
    versions = api if api is not None else json.loads(API.read_text(encoding="utf-8"))["versions"]
    out: list[Conflict] = []
    for version, actions in versions.items():
        for action, body in actions.items():
            for name, p in _walk(body.get("request", [])):
                for kind, detail in compare(name, p.get("doc_zh") or "", p.get("doc_en") or ""):
                    out.append(Conflict(version, action, name, kind, detail, clean(p["doc_en"]), clean(p["doc_zh"])))
    return out


def main() -> int:
    found = find()
    for c in found:
        print(f"{c.key} [{c.kind}] {c.detail}\n  en: {c.doc_en}\n  zh: {c.doc_zh}")
    print(f"{len(found)} disagreement(s) between the English and Chinese parameter docs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
