"""The tco-err command: parse arguments, make one core call, hand the result to a renderer, exit.

Exit statuses: 0 found, 1 nothing found, 2 usage or input error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NamedTuple, TextIO, TypeVar, cast

import typer

from . import __version__
from .errors import ExitStatus, TcoErrError
from .model import Lang, MatchKind, ScanEngine
from .redact import Masker
from .streams import Messages, Output, process_streams, tolerant


def message(key: str, lang: Lang, **params: object) -> str:
    """words.message, imported when a sentence is first said: a run that says nothing never loads the table."""
    from .words import message as sentence

    return sentence(key, lang, **params)


EXIT_HELP = "Exit status: 0 found, 1 nothing found, 2 usage or input error, 130 interrupted."
DOCTOR_EXIT_HELP = "Exit status: 0 no failing check, 1 a check failed, 2 usage error, 130 interrupted."


def _typer() -> typer.Typer:
    return typer.Typer(
        name="tco-err",
        help="Tencent Cloud Organization (TCO, 集团账号管理) API errors, explained.\n\n"
        "`tco-err CODE` looks a code up; `... | tco-err` explains what is piped in; "
        "`tco-err help COMMAND` shows a command's options.",
        epilog=EXIT_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,  # a pasted SecretKey must never reach a traceback
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _typer()


class ApiVersion(StrEnum):
    v2018 = "2018-12-25"
    v2021 = "2021-03-31"


def parse_lang(value: str | None) -> Lang | None:
    """'zh', 'zh-CN', 'zh_CN.UTF-8', 'ZH', 'en-US' -> a Lang; None stays None; anything else is a usage error."""
    if value is None:
        return None
    primary = value.strip().lower().replace("_", "-").split(".")[0].split("-")[0]
    for lang in Lang:
        if primary == lang.value:
            return lang
    raise TcoErrError.of("bad_lang", value=value)


class Env(NamedTuple):
    """The streams and environment a command runs in, passed in rather than read from globals.

    stdout and stderr are the safe wrappers of streams.py; masker holds the secrets of this run (redact.py)
    and every byte of output passes it: renderers through render.get(), messages through say().
    """

    stdin: TextIO | None  # None when standard input is closed
    stdout: Output
    stderr: Messages
    is_tty: bool
    no_color: bool
    force_color: bool
    locale: str
    masker: Masker
    stdin_is_tty: bool = False
    language: Lang = Lang.EN  # --lang, else the locale: what every human-facing word is written in
    width: int | None = None  # COLUMNS, or the terminal's width when stdout was swapped for a pager

    @classmethod
    def from_os(cls) -> Env:
        environ = os.environ
        locale = environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG") or ""
        # main() wrapped stderr, with the masker that learned argv; in-process (tests, API) make one
        stderr = sys.stderr if isinstance(sys.stderr, Messages) else Messages(tolerant(sys.stderr), Masker())
        stdout = Output(tolerant(sys.stdout), stderr.masker)
        columns = environ.get("COLUMNS", "")
        return cls(
            stdin=sys.stdin,
            stdout=stdout,
            stderr=stderr,
            is_tty=stdout.isatty(),
            no_color="NO_COLOR" in environ and environ["NO_COLOR"] != "",
            force_color=bool(environ.get("FORCE_COLOR")),
            locale=locale,
            masker=stderr.masker,
            stdin_is_tty=_isatty(sys.stdin),
            language=Lang.ZH if locale.lower().startswith("zh") else Lang.EN,
            width=int(columns[:9]) if columns.isdigit() else None,  # render.get() clamps it
        )

    def lang(self, chosen: Lang | str | None = None) -> Lang:
        """The command's language; guarded() has already settled --lang into self.language."""
        if isinstance(chosen, str):
            chosen = parse_lang(chosen)
        return self.language if chosen is None else chosen

    def renderer(self, json_output: bool, lang: Lang | None = None, *, json_lines: bool = False, fold: bool = True) -> Any:
        from . import render

        fmt = render.choose(json_output, is_tty=self.is_tty, force_color=self.force_color)
        return render.get(
            fmt,
            self.stdout,
            self.lang(lang),
            no_color=self.no_color,
            json_lines=json_lines,
            width=self.width,
            fold=fold,
            masker=self.masker,
        )

    def say(self, message: str) -> None:
        self.stderr.say(message)

    def note(self, key: str, **params: object) -> None:
        """One line on stderr, in the command's language: `tco-err: <sentence>`."""
        from .words import message

        self.say(message("note", self.language, text=message(key, self.language, **params)))

    def error(self, text: str) -> None:
        from .words import message

        self.say(message("error", self.language, text=text))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


F = TypeVar("F", bound=Callable[..., Any])


def guarded(command: F) -> F:
    """The one error boundary: our errors become one stderr line and an exit status, never a traceback.

    It also settles the language (--lang, else the locale) and, on a terminal, starts the pager.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        env = Env.from_os()
        for value in (*args, *kwargs.values()):  # what the user typed is input too: a key pasted as a code
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str | Path):
                    env.masker.learn(str(text))
        json_output = bool(kwargs.get("json_output"))
        pager = None
        try:
            # --lang is settled here, so even a failing command speaks it; the command sees env.language
            chosen = parse_lang(kwargs.pop("lang", None))
            env = env._replace(language=env.lang(chosen))
            if not json_output and _wants_pager(env, kwargs):
                from .pager import start

                pager = start(os.environ)
                if pager is not None:
                    env = env._replace(stdout=Output(tolerant(pager.stdin), env.masker), width=_terminal_width())
            status = command(env, *args, **kwargs)
            env.stdout.flush()
        except TcoErrError as exc:
            text = exc.text(env.language)
            env.error(text)
            if json_output:
                _json_error(env.stdout, text, exc.status)
            raise typer.Exit(int(exc.status)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitStatus.FOUND)) from None
        except KeyboardInterrupt:
            env.note("interrupted")
            raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
        except MemoryError:
            env.error(message("out_of_memory_scan", env.language))
            raise typer.Exit(int(ExitStatus.ERROR)) from None
        finally:
            if pager is not None:
                from .pager import finish

                finish(pager)
        raise typer.Exit(int(status))

    # typer reads the signature: hide the env parameter the wrapper supplies
    sig = inspect.signature(command, eval_str=True)
    wrapper.__signature__ = sig.replace(parameters=list(sig.parameters.values())[1:])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def _json_error(out: Output, text: str, status: int) -> None:
    """With --json a failure is a JSON document on stdout too, so a script always has something to parse."""
    import json

    from .redact import json_safe

    if out.masker is not None:  # the message may quote a file name or an argument
        text = out.masker.mask(text)
    with contextlib.suppress(TcoErrError, BrokenPipeError):  # stdout unwritable: stderr has said it already
        out.write(json_safe(json.dumps({"error": {"message": text, "status": int(status)}}, ensure_ascii=False)) + "\n")
        out.flush()


def _wants_pager(env: Env, kwargs: dict[str, Any]) -> bool:
    """As git does: only when stdout is a terminal, and never while the user is typing into stdin."""
    if not env.is_tty or _NO_PAGER:
        return False
    inputs = (kwargs["files"] or ["-"]) if "files" in kwargs else [kwargs.get("code")]  # no file: stdin
    return not (env.stdin_is_tty and "-" in inputs)


def _terminal_width() -> int | None:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or None  # a new pty may report 0
    except (OSError, ValueError):
        return None


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush cannot fail loudly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _complete_code(incomplete: str) -> list[str]:
    from .catalog import load

    prefix = incomplete.lower()
    return [code for code in load().codes() if code.lower().startswith(prefix)]


def _complete_action(incomplete: str) -> list[str]:
    from .catalog import load

    return [a for a in load().action_names() if a.lower().startswith(incomplete.lower())]


JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (schema in README).")]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="en or zh (zh-CN, zh_CN, en-US... too): every word of the output and of the messages "
        "(default: from LANG/LC_ALL; zh_* gives zh).",
        autocompletion=lambda: ["en", "zh"],
    ),
]
CatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        help="Your own catalogue (JSON, see catalog.schema.json) laid over the built-in one.",
        dir_okay=True,
        exists=False,
    ),
]


class _Inputs:
    """Opens each path (or stdin for "-"); an unreadable one is reported on stderr and the rest go on."""

    def __init__(self, env: Env) -> None:
        self.env = env
        self.failed = False
        self.first_error = ""  # with --json, a run whose every input failed prints this as {"error": ...}

    def each(self, files: list[str], opener: Callable[..., Any]) -> Iterator[tuple[str, Any]]:
        for path in files:
            try:
                stdin = getattr(self.env.stdin, "buffer", None) if path == "-" else None
                if path == "-" and stdin is None:
                    raise TcoErrError.of("stdin_closed")
                yield path, opener(path, stdin)
            except TcoErrError as exc:
                self.fail(exc.text(self.env.language))

    def fail(self, text: str) -> None:
        self.env.error(text)
        self.failed = True
        self.first_error = self.first_error or text

    def status(self, found: bool) -> ExitStatus:
        if self.failed:
            return ExitStatus.ERROR
        return ExitStatus.FOUND if found else ExitStatus.NOT_FOUND


def _catalog(path: Path | None) -> Any:
    from .catalog import load

    return load(path)


@app.command(epilog=EXIT_HELP)
@guarded
def lookup(
    env: Env,
    code: Annotated[
        str,
        typer.Argument(
            help="An error code (any case, the SDK constant form, `code: X,` as copied), a category such as "
            "AuthFailure, or a code's detail such as SignatureExpire; - reads codes from stdin.",
            autocompletion=_complete_code,
            metavar="CODE",
        ),
    ],
    show_all: Annotated[bool, typer.Option("--all", help="Every action that returns the code, not the first few.")] = False,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Show what an error code means, what to do, whether to retry, and which actions return it."""
    from .catalog import looks_like_code

    if not code.strip():
        raise TcoErrError.of("empty_code")
    cat = _catalog(catalog)
    out = env.renderer(json_output, fold=not show_all)
    if code == "-":
        if env.stdin_is_tty:
            env.note("codes_prompt")
        return _batch_lookup(env, cat, out)
    result = cat.lookup(code)
    if result.members:
        env.note("showing_category", code=code, count=len(result.members))
    elif result.entry is None and not looks_like_code(code):
        return _not_a_code(env, cat, out, result, json_output)
    elif result.entry is None:
        env.say(_with_suggestions(env, message("unknown_code", env.language, code=_clip(code)), result))
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
    from .search.ranking import search as rank

    hits = rank(cat, result.query, 3)
    if hits:
        env.note("not_a_code", code=_clip(result.query))
        if json_output:  # the hits become the suggestions of a {"found": false} document
            out.lookup(result._replace(suggestions=tuple(h.entry.code for h in hits)))
        else:
            out.hits(hits)
    else:
        env.note("not_a_code_no_hits", code=_clip(result.query))
        out.lookup(result)
    return ExitStatus.NOT_FOUND


def _batch_lookup(env: Env, cat: Any, out: Any) -> ExitStatus:
    """One result line per input line; unknown codes get a line too and never stop the stream."""
    from .inputs import MAX_QUERY, bounded_lines

    @functools.lru_cache(maxsize=8192)  # logs repeat a few codes many times: format and encode each once
    def line_for(query: str) -> tuple[bytes, bool]:
        result = cat.lookup(query)
        return env.stdout.encode(out.lookup_line(result)), result.entry is None and not result.members

    stdin = getattr(env.stdin, "buffer", None)
    if stdin is None:
        raise TcoErrError.of("stdin_closed")
    missing = False
    env.stdout.flush()  # what was written as text goes first
    for raw in bounded_lines(stdin, keep=MAX_QUERY * 4):  # a long line is cut; memory stays flat
        query = raw.strip().decode("utf-8", "replace")
        if query:
            line, miss = line_for(query[:MAX_QUERY])
            missing = missing or miss
            env.stdout.write_bytes(line)
    return ExitStatus.NOT_FOUND if missing else ExitStatus.FOUND


@app.command(epilog=EXIT_HELP)
@guarded
def search(
    env: Env,
    text: Annotated[str, typer.Argument(help="Words to look for, English or Chinese; typos are fine.", metavar="TEXT")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=400, help="How many results.")] = 10,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Search codes by meaning: names, official messages, hints and users' words (English and Chinese, typo-tolerant)."""
    if not text.strip():
        raise TcoErrError.of("empty_search")
    from .search.ranking import search as rank

    hits = rank(_catalog(catalog), text, limit)
    out = env.renderer(json_output)
    if not hits and not json_output:
        env.note("nothing_matches", text=text)
        return ExitStatus.NOT_FOUND
    out.hits(hits)
    return ExitStatus.FOUND if hits else ExitStatus.NOT_FOUND


@app.command("list", epilog=EXIT_HELP)
@guarded
def list_codes(
    env: Env,
    category: Annotated[str | None, typer.Option("--category", help="e.g. AuthFailure, FailedOperation.")] = None,
    api_version: Annotated[ApiVersion | None, typer.Option("--api-version", help="Only codes of this version.")] = None,
    action: Annotated[
        str | None,
        typer.Option("--action", help="Only codes this action may return.", autocompletion=_complete_action),
    ] = None,
    common: Annotated[bool, typer.Option("--common", help="Only platform-wide codes (every product returns them).")] = False,
    service: Annotated[bool, typer.Option("--service", help="Only Organization's own codes.")] = False,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """List every code, or those matching the filters (the action in any case)."""
    if common and service:
        raise TcoErrError.of("common_and_service")
    kind = "common" if common else "service" if service else None
    entries = _catalog(catalog).filter(
        category=category, api_version=api_version.value if api_version else None, action=action, kind=kind
    )
    out = env.renderer(json_output)
    if entries or json_output:
        out.entries(entries)
    if not entries:
        env.note("no_filter_match")
        return ExitStatus.NOT_FOUND
    return ExitStatus.FOUND


@app.command(epilog=EXIT_HELP)
@guarded
def explain(
    env: Env,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files holding an API response, SDK exception, tccli or Terraform output, or a log; - (or nothing) "
            "for stdin; the error text itself also works.",
            show_default=False,
            metavar="[FILE|TEXT]...",
        ),
    ] = None,
    json_output: JsonOpt = False,
    json_lines: Annotated[
        bool, typer.Option("--json-lines", help="One JSON finding per line as each is found, then a summary line.")
    ] = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Find every Tencent Cloud error in pasted output and explain and diagnose each one.

    From a pipe or a terminal, each finding is printed as soon as its record is complete (tail -f app.log | ...).
    """
    from .explain import Explainer, Update
    from .inputs import live_fd, live_lines, read_text
    from .model import Report
    from .render.interface import MAX_SHOWN

    cat = _catalog(catalog)
    language = env.language
    files = _stdin_when_none(env, files)
    out = env.renderer(json_output or json_lines, language, json_lines=json_lines)
    # a pipe or terminal prints each finding as it completes; a file is explained whole, repeats folded
    streaming = json_lines or (not json_output and any(live_fd(env.stdin, path) is not None for path in files))
    errors: list[Any] = []
    redacted = 0
    shown = 0
    repeats = 0
    interrupted = False
    inputs = _Inputs(env)

    def show(updates: list[Update]) -> None:
        nonlocal shown, repeats
        for update in updates:
            n = len(errors) + update.position + 1
            if update.new and shown < MAX_SHOWN:
                out.finding(n, update.item)
                shown += 1
            elif not update.new and update.position < shown and repeats < MAX_SHOWN:
                out.repeat(n, update.item, update.line)
                repeats += 1
        if updates:
            env.stdout.flush()

    for path in files:
        origin = _name(env, path) if len(files) > 1 else ""
        live = live_fd(env.stdin, path)
        explainer = Explainer(cat, language, origin=origin, live=live is not None, updates=streaming)
        if live is not None:
            try:
                for lines in live_lines(live):
                    if lines is None:
                        show(explainer.idle())
                        continue
                    env.masker.learn_lines(lines)  # before anything from these lines is shown
                    show(explainer.feed_lines([line[:-1] if line.endswith("\r") else line for line in lines]))
            except KeyboardInterrupt:  # Ctrl-C ends `tail -f … | tco-err explain`: still say what was seen
                interrupted = True
        else:
            for _, text in inputs.each([path], _text_argument_or(read_text)):
                if not text.strip():
                    env.note("empty_input", name=_name(env, path))
                    break
                env.masker.learn(text)  # before anything from this input is shown: its secrets are masked everywhere
                updates = explainer.feed_text(text)
                if streaming:
                    show(updates)
        final = explainer.close()
        if streaming:
            show(final)
        report = explainer.report()
        if _is_text_argument(path) and not report.errors:  # no error in it: most likely a mistyped file name
            inputs.fail(message("no_such_file", env.language, path=path))
            continue
        if _is_text_argument(path):
            env.note("explaining_text", name=_short(path))
        elif not report.errors and explainer.records.number:
            env.note("no_error_found", name=_name(env, path))
        errors += report.errors
        redacted += report.redacted
        if interrupted:
            break
    combined = Report(tuple(errors), max(redacted, env.masker.count))
    if json_output and inputs.failed and not errors:
        _json_error(env.stdout, inputs.first_error, ExitStatus.ERROR)
    elif streaming and (errors or json_lines):
        out.summary(combined, shown)
    elif errors or json_output:
        out.report(combined)
    if interrupted:
        raise KeyboardInterrupt
    return inputs.status(bool(errors))


def _stdin_when_none(env: Env, files: list[str] | None) -> list[str]:
    """No file means stdin; on a terminal, say what to do instead of waiting in silence."""
    files = files or ["-"]
    if "-" in files and env.stdin_is_tty:
        env.note("paste_prompt")
    return files


def _is_text_argument(arg: str) -> bool:
    """An argument that cannot be a file we were meant to read: no such path, and it reads like text."""
    return arg != "-" and any(c.isspace() or c in ":={[" for c in arg) and not os.path.lexists(arg)


def _text_argument_or(opener: Callable[..., str]) -> Callable[..., str]:
    """The argument itself when it is error text (`explain "[TencentCloudSDKException] code:…"`), else the file."""

    def open_or_take(path: str, stdin: Any) -> str:
        return path if _is_text_argument(path) else opener(path, stdin)

    return open_or_take


def _clip(text: str, width: int = 60) -> str:
    """A pasted text as stderr names it: one line, its secrets masked, cut to width."""
    from .redact import redact

    line = " ".join(redact(text)[0].split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _short(text: str, width: int = 40) -> str:
    return repr(_clip(text, width))


def _name(env: Env, path: str) -> str:
    """How stderr names an input: the path, or "standard input" in the command's language."""
    if path == "-":
        return message("stdin", env.language)
    return _short(path) if _is_text_argument(path) else path


class _ScanCommand(typer.core.TyperCommand):
    """scan's --help ends with the engine that would run: known only by looking, so looked up only for --help."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        super().format_epilog(ctx, formatter)
        from .model import ScanEngine
        from .scan import resolve

        if resolve(ScanEngine.AUTO) is ScanEngine.RIPGREP:
            line = "Engine: ripgrep (the fast extra is installed); --engine python for the pure-Python scanner."
        else:
            line = "Engine: python (pip install 'tco-err[fast]' adds ripgrep: faster where errors are rare)."
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(line)


@app.command(epilog=EXIT_HELP, cls=_ScanCommand)
@guarded
def scan(
    env: Env,
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Log files or directories of any size; - (or nothing) for stdin.", show_default=False, metavar="[FILE]..."
        ),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the N most frequent codes.")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Files counted at once (default: the number of cores).")
    ] = None,
    engine: Annotated[
        ScanEngine, typer.Option("--engine", help="auto: ripgrep if the fast extra is installed, else python.")
    ] = ScanEngine.AUTO,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Count every Tencent Cloud error code in logs, streaming: first and last line, description, hint."""
    from .scan import Counter, default_jobs, expand, known_codes, resolve, rows, scan_paths

    cat = _catalog(catalog)
    language = env.language
    used = resolve(engine)
    known = known_codes(cat)
    total = Counter(known)  # line numbers run on across files, as with cat
    inputs = _Inputs(env)
    paths = expand(_stdin_when_none(env, files))
    show_progress = env.stderr.isatty() and not json_output
    in_process = {"-"} if not show_progress else set(paths)  # a progress bar needs the bytes read here
    elsewhere = [p for p in paths if p not in in_process]
    counted = iter(scan_paths(elsewhere, known, used, jobs or default_jobs(), language))
    for path in paths:
        if path not in in_process:
            _, result = next(counted)
        else:
            result = _scan_here(env, path, known, used, show_progress)
        if isinstance(result, str):
            inputs.fail(result)
        else:
            total.merge(result)
    found = rows(total, cat, top)
    if json_output and inputs.failed and not found:
        _json_error(env.stdout, inputs.first_error, ExitStatus.ERROR)
    elif found or json_output:
        env.renderer(json_output, language).scan(found, total.line - 1, unlisted=total.unlisted, engine=total.engine.value)
    if total.unlisted and not json_output:
        env.note("scan_unlisted", count=total.unlisted, cap=total.cap)
    if not found and not inputs.failed:
        lines = total.line - 1
        env.note("no_code_in_lines" if lines != 1 else "no_code_in_line", lines=lines)
    return inputs.status(bool(found))


def _scan_here(env: Env, path: str, known: frozenset[bytes], engine: ScanEngine, show_progress: bool) -> Any:
    """Count one input in this process (stdin, or a file under a progress bar): the counter or an error line."""
    from .inputs import open_binary
    from .scan import Counter, scan_path, scan_stream

    try:
        with contextlib.ExitStack() as stack:
            advance = None
            if show_progress:
                from .render.terminal import progress

                advance = stack.enter_context(progress(cast(TextIO, env.stderr), _name(env, path), _size(path)))
            if path == "-":
                return scan_stream(open_binary(path, getattr(env.stdin, "buffer", None)), Counter(known), advance)
            return scan_path(path, known, engine, advance)
    except TcoErrError as exc:
        return exc.text(env.language)
    except OSError as exc:
        return message("read_failed", env.language, path=_name(env, path), reason=exc.strerror or exc)


@app.command(epilog=DOCTOR_EXIT_HELP)
@guarded
def doctor(env: Env, json_output: JsonOpt = False, lang: LangOpt = None) -> ExitStatus:
    """Check credentials, clock and language offline, the setup behind the commonest auth errors."""
    from .catalog import load
    from .doctor import Status, run_checks

    language = env.language
    cat = load()
    checks = run_checks(lang=language)
    rows = []
    for check in checks:
        entry = cat.get(check.code) if check.code and check.status in {Status.FAIL, Status.WARN} else None
        rows.append(check.to_dict(entry.hint.get(language) if entry else None))
    env.renderer(json_output, language).doctor(rows)
    return ExitStatus.NOT_FOUND if any(c.status is Status.FAIL for c in checks) else ExitStatus.FOUND


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path) if path != "-" else None
    except OSError:
        return None


def _version(value: bool) -> None:
    if value:
        try:
            out = Output(sys.stdout)
            out.write(f"tco-err {__version__}\n")
            out.flush()
        except TcoErrError as exc:
            Env.from_os().say(f"tco-err: error: {exc.message}")
            raise typer.Exit(int(ExitStatus.ERROR)) from None
        except BrokenPipeError:
            _silence_stdout()
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Print long output straight to the terminal (anywhere on the line).")
    ] = False,
) -> None:
    """Tencent Cloud Organization (TCO, 集团账号管理) API errors, explained (the help text is _typer()'s)."""


def _single_app(name: str) -> typer.Typer:
    """An app holding only the command being run: typer converts the parameters of every registered
    command on each start, and a shell's TAB or a script loop should not pay for the other commands."""
    single = _typer()
    single.callback()(_root)
    for info in app.registered_commands:
        if info.name == name or (info.name is None and info.callback and info.callback.__name__ == name):
            single.registered_commands.append(info)
    return single


def _command_names() -> set[str]:
    return {info.name or (info.callback.__name__ if info.callback else "") for info in app.registered_commands}


def _requested_command(argv: list[str], environ: Any) -> str | None:
    if "_TCO_ERR_COMPLETE" in environ:  # shell completion: the words typed so far
        words = (environ.get("COMP_WORDS") or environ.get("_TYPER_COMPLETE_ARGS") or "").split()
        argv = words[1:] if len(words) > 2 else []
    name = argv[0] if argv else None
    return name if name in _command_names() else None


# A first word that is a code as people paste it: a dot, an underscore or a capital, maybe `code:` and a comma
_CODE_WORD = r"(?:[A-Za-z]{1,20}[:=] ?)?[A-Za-z][A-Za-z0-9]{1,80}(?:[._][A-Za-z0-9]{1,120}){0,2}[.,:;，。]?"


def route(argv: list[str], stdin: Any, environ: Any) -> tuple[list[str], bool]:
    """What people type without a subcommand, turned into the command they meant; and --no-pager, taken out.

    `tco-err CODE` -> lookup; `... | tco-err` -> explain -; `tco-err` on a terminal -> --help;
    `tco-err help [COMMAND]` -> [COMMAND] --help. Imports nothing: every start goes through here.
    """
    if "_TCO_ERR_COMPLETE" in environ:
        return argv, False
    cut = argv.index("--") if "--" in argv else len(argv)
    no_pager = "--no-pager" in argv[:cut]
    if no_pager:
        argv = [a for a in argv[:cut] if a != "--no-pager"] + argv[cut:]
    if not argv:
        return (["explain", "-"] if _stdin_has_data(stdin) else ["--help"]), no_pager
    first = argv[0]
    if first == "help":
        return [*argv[1:2], "--help"], no_pager
    if first.startswith("-") or first in _command_names():
        return argv, no_pager
    import re  # already loaded by the standard library at start-up: no cost

    if re.fullmatch(_CODE_WORD, first) and (first != first.lower() or "." in first.rstrip(".") or "_" in first):
        return ["lookup", *argv], no_pager
    if " " in first.strip() or not first.isascii():  # a pasted message or Chinese words: lookup says what it matches
        return ["lookup", *argv], no_pager
    return argv, no_pager


def _stdin_has_data(stdin: Any) -> bool:
    """stdin is a pipe or a file (not a terminal, not /dev/null): something was piped in."""
    import stat

    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (AttributeError, ValueError, OSError):  # no descriptor (an in-process test): trust isatty
        return stdin is not None and not _isatty(stdin)
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


_NO_PAGER = False


def invoke(argv: list[str]) -> int:
    """Run one command line and return its exit status; main() adds only the fast exit."""
    global _NO_PAGER
    argv, _NO_PAGER = route(argv, sys.stdin, os.environ)
    name = _requested_command(argv, os.environ)
    try:
        status = (_single_app(name) if name else app)(args=argv, prog_name="tco-err", standalone_mode=False)
        return status if isinstance(status, int) else 0
    except typer.TyperException as exc:  # typer's usage errors: one line, in the user's language
        return _usage_error(exc, argv)
    except typer.Abort:
        return int(ExitStatus.INTERRUPTED)
    except SystemExit as exc:
        return _status(exc.code)
    except BrokenPipeError:
        _silence_stdout()
        return int(ExitStatus.FOUND)
    except KeyboardInterrupt:
        return int(ExitStatus.INTERRUPTED)


def _usage_error(exc: Any, argv: list[str]) -> int:
    """`tco-err: error: missing argument CODE (see tco-err lookup --help)`, and JSON on stdout with --json."""
    language = _argv_language(argv)
    kind = type(exc).__name__
    if kind == "NoArgsIsHelpError":
        with contextlib.suppress(TcoErrError, BrokenPipeError):
            Output(sys.stdout).write(exc.format_message() + "\n")
        return int(ExitStatus.ERROR)
    if kind == "MissingParameter" and exc.param is not None:
        text = message("missing_argument", language, name=exc.param.get_error_hint(exc.ctx).strip("'"))
    elif kind == "NoSuchOption":
        text = message("no_such_option", language, name=exc.option_name)
        if exc.possibilities:
            text += message("did_you_mean", language, names=", ".join(sorted(exc.possibilities)))
    elif kind == "BadParameter" and exc.param is not None:
        text = message("invalid_value", language, name=exc.param.get_error_hint(exc.ctx), reason=exc.message)
    elif exc.format_message().startswith("No such command") and argv:
        import difflib

        text = message("no_such_command", language, name=argv[0])
        close = difflib.get_close_matches(argv[0], sorted(_command_names()), n=2)
        if close:
            text += message("did_you_mean", language, names=", ".join(close))
    else:
        text = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "tco-err"
    text += message("see_help", language, command=where)
    from .redact import one_line

    sys.stderr.write(one_line(message("error", language, text=text)) + "\n")  # an argument's newline cannot forge a line
    if "--json" in argv:
        masker = sys.stderr.masker if isinstance(sys.stderr, Messages) else Masker()
        _json_error(Output(sys.stdout, masker), text, ExitStatus.ERROR)
    return int(ExitStatus.ERROR)


def _argv_language(argv: list[str]) -> Lang:
    for i, arg in enumerate(argv):
        value = (
            arg[len("--lang=") :] if arg.startswith("--lang=") else argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        )
        if value is not None:
            with contextlib.suppress(TcoErrError):
                return parse_lang(value) or Lang.EN
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return Lang.ZH if locale.lower().startswith("zh") else Lang.EN


def main() -> None:
    process_streams()  # closed descriptors, and encodings that cannot hold what we print
    masker = Masker()  # one per run: every message and every output passes it
    for arg in sys.argv[1:]:
        masker.learn(arg)
    masker.learn(" ".join(sys.argv[1:]))  # "--secretKey VALUE" is two arguments
    sys.stderr = Messages(sys.stderr, masker)  # typer's usage errors echo arguments
    try:
        status = invoke(sys.argv[1:])
    except MemoryError:
        sys.stderr.write("tco-err: error: out of memory\n")
        status = int(ExitStatus.ERROR)
    _exit(status)


def _status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return int(ExitStatus.ERROR)


def _exit(status: int) -> None:
    """Flush and leave without the interpreter's teardown, which costs a short command 12 ms here.

    Nothing of ours needs atexit handlers or finalisers: output is flushed here, files are closed.
    Output that cannot be written (a full disk) is an error even when the command itself succeeded.
    """
    try:
        Output(sys.stdout).flush()
    except BrokenPipeError:
        _silence_stdout()
    except TcoErrError as exc:
        if status in (ExitStatus.FOUND, ExitStatus.NOT_FOUND):  # else the command has said so already
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.write(f"tco-err: error: {exc.message}\n")
            status = int(ExitStatus.ERROR)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(status)
