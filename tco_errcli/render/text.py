"""What the two text formats (plain, terminal) share: how a message, a long list and a summary are cut."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tco_errcli.model import UNKNOWN, CodeSpan, Entry, Lang, TerraformContext

MESSAGE_LINES = 4  # a message is shown once, cut to this many lines
MESSAGE_CHARS = 600
SUMMARY_CODES = 20  # explain's summary names the 20 commonest codes of a log and counts the rest
FOLD_AT = 8  # a list longer than this shows its first FOLD_AT items and how many more (lookup --all shows all)


def folded(items: Sequence[str], words: Mapping[str, str], fold: bool = True, at: int = FOLD_AT) -> str:
    """'A, B, … (+3 more)' ('A、B … （+3 个未显示）' in Chinese): the same folding in the terminal and piped views."""
    sep = words["list_sep"]
    if not fold or len(items) <= at:
        return sep.join(items)
    return sep.join(items[:at]) + " …" + words["paren"].format(f"+{len(items) - at} {words['more']}")


def code_spans(spans: Sequence[CodeSpan], words: Mapping[str, str], times: str) -> str:
    """'RequestLimitExceeded x3 (line 4-90), ...': commonest first, each with its first and last line (with the
    file when the findings came from several), bounded for huge logs."""
    several = len({place[0] for span in spans for place in (span.first, span.last)}) > 1
    line = words.get("line") or words["field.line"]

    def place(where: tuple[str, int]) -> str:
        return f"{where[0]}:{where[1]}" if several else str(where[1])

    shown = []
    for span in spans:
        code = words["no_code"] if span.code == UNKNOWN else span.code
        reach = place(span.first) if span.first == span.last else f"{place(span.first)}–{place(span.last)}"
        shown.append(f"{code} {times}{span.occurrences}" + words["paren"].format(f"{line} {reach}"))
    return folded(shown, words, at=SUMMARY_CODES)


def shown_message(message: str) -> str:
    """A message as shown: runs of \\r collapsed, at most MESSAGE_LINES lines and MESSAGE_CHARS characters."""
    text = message.replace("\r\n", "\n")
    if "\\r\\n" in text or text.startswith("b'"):  # Python printed a bytes body: literal \r\n escapes
        text = text.replace("\\r", "\r").replace("\\n", "\n")
    while "\r\r" in text:
        text = text.replace("\r\r", "\r")
    text = text.replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    cut = len(lines) > MESSAGE_LINES or sum(len(line) for line in lines) > MESSAGE_CHARS
    text = "\n".join(lines[:MESSAGE_LINES])[:MESSAGE_CHARS]
    return text + (" …" if cut else "")


def same_text(a: str | None, b: str | None) -> bool:
    """Two texts that say the same (a Message equal to the Description is shown once)."""
    if not a or not b:
        return False

    def norm(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    return norm(a) == norm(b)


def product_facts(e: Entry, lang: Lang, words: Mapping[str, str]) -> tuple[str, list[str], str]:
    """What a text view says of another product's code: the products ('cvm (Cloud Virtual Machine)'), the meanings
    that differ from the description (each with its products), and a note when the description is Chinese for
    want of an official English text. Empty for an Organization or common code."""
    if not e.products:
        return "", [], ""
    aside, sep = words["paren"], words["list_sep"]
    names = sep.join(p.service + aside.format(p.name(lang)) if p.name(lang) != p.service else p.service for p in e.products)
    shown = e.description.get(lang)
    others: dict[str, list[str]] = {}
    for p in e.products:
        text = p.meaning(lang)
        if text != shown and text != e.code:  # some products' official text is the code's own name: nothing to add
            others.setdefault(text, []).append(p.service)
    meanings = [f"{sep.join(services)}{words['colon']}{text}" for text, services in others.items()]
    note = words["no_official_en"] if lang is Lang.EN and e.products[0].en is None else ""
    return names, meanings, note


def terraform_place(where: TerraformContext, line_word: str, words: Mapping[str, str]) -> str:
    """Where Terraform says the error arose: "tencentcloud_instance.web (main.tf line 84)"."""
    place = f"{where.file} {line_word} {where.line}" if where.file and where.line is not None else where.file or ""
    if where.resource and place:
        return where.resource + words["paren"].format(place)
    return where.resource or place
