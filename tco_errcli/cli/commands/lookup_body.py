"""What `tco-err lookup` does once its arguments are parsed (lookup.py declares them to typer; the fast path,
fast.py, calls this directly): a code's meaning, next step and retry class; `lookup -` reads codes from stdin."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from tco_errcli.cli.env import Env, message
from tco_errcli.cli.options import clip, load_catalog
from tco_errcli.errors import ExitStatus, TcoErrError
from tco_errcli.model import MatchKind

if TYPE_CHECKING:
    from pathlib import Path


def lookup(env: Env, code: str, show_all: bool, product: str | None, json_output: bool, catalog: Path | None) -> ExitStatus:
    """Show what an error code means, what to do, whether to retry, and which actions return it."""
    from tco_errcli.catalog import anyproduct, looks_like_code

    if not code.strip():
        raise TcoErrError.of("empty_code")
    cat = load_catalog(catalog)
    service = anyproduct.resolve(product) if product else None
    out = env.renderer(json_output, fold=not show_all)
    if code == "-":
        if env.stdin_is_tty:
            env.note("codes_prompt")
        return _batch_lookup(env, cat, out, service)
    result = anyproduct.lookup(cat, code, service)
    if result.members:
        env.note("showing_category", code=code, count=len(result.members))
    elif result.entry is None and not looks_like_code(code):
        return _not_a_code(env, cat, out, result, json_output)
    elif result.entry is None:
        env.say(_with_suggestions(env, message("unknown_code", env.language, code=clip(code)), result))
        out.lookup(result)  # JSON says {"found": false, "suggestions": [...]}; text formats print nothing
        return ExitStatus.NOT_FOUND
    elif result.match is MatchKind.PARENT:
        env.say(_with_suggestions(env, message("showing_parent", env.language, code=code, parent=result.entry.code), result))
    elif result.match is MatchKind.DETAIL:
        env.note("showing_detail", code=code, found=result.entry.code)
    out.lookup(result)
    return ExitStatus.FOUND


def _with_suggestions(env: Env, sentence: str, result: Any) -> str:
    more = message("did_you_mean", env.language, names=", ".join(result.suggestions)) if result.suggestions else ""
    return message("note", env.language, text=sentence + more)


def _not_a_code(env: Env, cat: Any, out: Any, result: Any, json_output: bool) -> ExitStatus:
    """Text that is no code (签名过期, a pasted message): say so, and show what a search finds for it."""
    from tco_errcli.search.ranking import search as rank

    hits = rank(cat, result.query, 3)
    if hits:
        env.note("not_a_code", code=clip(result.query))
        if json_output:  # the hits become the suggestions of a {"found": false} document
            out.lookup(result._replace(suggestions=tuple(h.entry.code for h in hits)))
        else:
            out.hits(hits)
    else:
        env.note("not_a_code_no_hits", code=clip(result.query))
        out.lookup(result)
    return ExitStatus.NOT_FOUND


def _batch_lookup(env: Env, cat: Any, out: Any, service: str | None) -> ExitStatus:
    """One result line per input line; unknown codes get a line too and never stop the stream."""
    from tco_errcli.inputs import MAX_QUERY, bounded_lines
    from tco_errcli.inputs.system import blocking

    @functools.lru_cache(maxsize=8192)  # logs repeat a few codes many times: format and encode each once
    def line_for(query: str) -> tuple[bytes, bool]:
        from tco_errcli.catalog import anyproduct

        result = anyproduct.lookup(cat, query, service)
        return env.stdout.encode(out.lookup_line(result)), result.entry is None and not result.members

    stdin = getattr(env.stdin, "buffer", None)
    if stdin is None:
        raise TcoErrError.of("stdin_closed")
    stdin = blocking(stdin)
    missing = False
    looked_up = False
    env.stdout.flush()  # what was written as text goes first
    for raw in bounded_lines(stdin, keep=MAX_QUERY * 4):  # a long line is cut; memory stays flat
        query = raw.strip().decode("utf-8", "replace")
        if query:
            line, miss = line_for(query[:MAX_QUERY])
            missing = missing or miss
            looked_up = True
            env.stdout.write_bytes(line)
    return ExitStatus.NOT_FOUND if missing or not looked_up else ExitStatus.FOUND  # nothing read: nothing found
