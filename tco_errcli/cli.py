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
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NamedTuple, TextIO, TypeVar, cast

import typer

from . import __version__
from .errors import ExitStatus, TcoErrError
from .model import Lang
from .redact import Masker
from .streams import Messages, Output, process_streams, tolerant

EXIT_HELP = "Exit status: 0 found, 1 nothing found, 2 usage or input error, 130 interrupted."
DOCTOR_EXIT_HELP = "Exit status: 0 no failing check, 1 a check failed, 2 usage error, 130 interrupted."


def _typer() -> typer.Typer:
    return typer.Typer(
        name="tco-err",
        help="Tencent Cloud Organization (TCO, 集团账号管理) API errors, explained.",
        epilog=EXIT_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,  # a pasted SecretKey must never reach a traceback
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


app = _typer()


class ApiVersion(str, Enum):
    v2018 = "2018-12-25"
    v2021 = "2021-03-31"


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
    columns: int | None = None

    @classmethod
    def from_os(cls) -> Env:
        environ = os.environ
        locale = environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG") or ""
        # main() wrapped stderr, with the masker that learned argv; in-process (tests, API) make one
        stderr = sys.stderr if isinstance(sys.stderr, Messages) else Messages(tolerant(sys.stderr), Masker())
        stdout = Output(tolerant(sys.stdout))
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
            columns=int(columns[:9]) if columns.isdigit() else None,
        )

    def lang(self, chosen: Lang | None) -> Lang:
        if chosen is not None:
            return chosen
        return Lang.ZH if self.locale.lower().startswith("zh") else Lang.EN

    def renderer(self, json_output: bool, lang: Lang, *, json_lines: bool = False) -> Any:
        from . import render

        fmt = render.choose(json_output, is_tty=self.is_tty, force_color=self.force_color)
        return render.get(
            fmt, self.stdout, lang, no_color=self.no_color, width=self.columns, masker=self.masker, json_lines=json_lines
        )

    def say(self, message: str) -> None:
        self.stderr.say(message)


F = TypeVar("F", bound=Callable[..., Any])


def guarded(command: F) -> F:
    """The one error boundary: our errors become one stderr line and an exit status, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        env = Env.from_os()
        for value in (*args, *kwargs.values()):  # what the user typed is input too: a key pasted as a code
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str | Path):
                    env.masker.learn(str(text))
        try:
            status = command(env, *args, **kwargs)
            env.stdout.flush()
        except TcoErrError as exc:
            env.say(f"tco-err: error: {exc.message}")
            raise typer.Exit(int(exc.status)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitStatus.FOUND)) from None
        except KeyboardInterrupt:
            env.say("tco-err: interrupted")
            raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
        except MemoryError:
            env.say("tco-err: error: out of memory; for large logs use `tco-err scan`, which streams")
            raise typer.Exit(int(ExitStatus.ERROR)) from None
        raise typer.Exit(int(status))

    # typer reads the signature: hide the env parameter the wrapper supplies
    sig = inspect.signature(command, eval_str=True)
    wrapper.__signature__ = sig.replace(parameters=list(sig.parameters.values())[1:])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


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
    Lang | None,
    typer.Option("--lang", help="Language of descriptions and hints (default: from LANG/LC_ALL; zh_* gives zh)."),
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

    def each(self, files: list[str], opener: Callable[..., Any]) -> Iterator[tuple[str, Any]]:
        for path in files:
            try:
                stdin = getattr(self.env.stdin, "buffer", None) if path == "-" else None
                if path == "-" and stdin is None:
                    raise TcoErrError("standard input is closed")
                yield path, opener(path, stdin)
            except TcoErrError as exc:
                self.env.say(f"tco-err: error: {exc.message}")
                self.failed = True

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
            help="An error code (any case, or the SDK constant form), or - to read codes from stdin.",
            autocompletion=_complete_code,
        ),
    ],
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Show what an error code means, what to do, whether to retry, and which actions return it."""
    cat = _catalog(catalog)
    language = env.lang(lang)
    out = env.renderer(json_output, language)
    if code == "-":
        return _batch_lookup(env, cat, out)
    result = cat.lookup(code)
    if result.entry is None:
        more = f"; did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
        env.say(f"tco-err: unknown code {code!r}{more}")
        out.lookup(result)  # JSON says {"found": false, "suggestions": [...]}; text formats print nothing
        return ExitStatus.NOT_FOUND
    if result.match is not None and result.match.value == "parent":
        more = f" (did you mean: {', '.join(result.suggestions)}?)" if result.suggestions else ""
        env.say(f"tco-err: {code!r} is not a known code; showing its parent {result.entry.code}{more}")
    out.lookup(result)
    return ExitStatus.FOUND


def _batch_lookup(env: Env, cat: Any, out: Any) -> ExitStatus:
    """One result line per input line; unknown codes get a line too and never stop the stream."""
    from .inputs import MAX_QUERY, bounded_lines

    @functools.lru_cache(maxsize=8192)  # logs repeat a few codes many times: format each once
    def line_for(query: str) -> tuple[str, bool]:
        result = cat.lookup(query)
        return out.lookup_line(result), result.entry is None

    stdin = getattr(env.stdin, "buffer", None)
    if stdin is None:
        raise TcoErrError("standard input is closed")
    missing = False
    for raw in bounded_lines(stdin, keep=MAX_QUERY * 4):  # a long line is cut; memory stays flat
        query = raw.strip().decode("utf-8", "replace")
        if query:
            line, miss = line_for(query[:MAX_QUERY])
            missing = missing or miss
            env.stdout.write(line)
    return ExitStatus.NOT_FOUND if missing else ExitStatus.FOUND


@app.command(epilog=EXIT_HELP)
@guarded
def search(
    env: Env,
    text: Annotated[str, typer.Argument(help="Words to look for, English or Chinese; typos are fine.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=400, help="How many results.")] = 10,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Fuzzy search over codes, descriptions, hints and keywords (English and Chinese)."""
    from .ranking import search as rank

    hits = rank(_catalog(catalog), text, limit)
    out = env.renderer(json_output, env.lang(lang))
    if not hits and not json_output:
        env.say(f"tco-err: nothing matches {text!r}")
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
    common: Annotated[
        bool | None, typer.Option("--common/--service", help="Only platform-wide or only Organization codes.")
    ] = None,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """List every code, or those matching the filters."""
    kind = None if common is None else ("common" if common else "service")
    entries = _catalog(catalog).filter(
        category=category, api_version=api_version.value if api_version else None, action=action, kind=kind
    )
    out = env.renderer(json_output, env.lang(lang))
    out.entries(entries)
    if not entries:
        env.say("tco-err: no code matches these filters")
        return ExitStatus.NOT_FOUND
    return ExitStatus.FOUND


@app.command(epilog=EXIT_HELP)
@guarded
def explain(
    env: Env,
    files: Annotated[
        list[str],
        typer.Argument(help="Files holding an API response, SDK exception, tccli or Terraform output, or a log; - for stdin."),
    ],
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
    from .explainer import Explainer, Update
    from .inputs import describe, read_text
    from .model import Report
    from .render.interface import MAX_SHOWN

    cat = _catalog(catalog)
    language = env.lang(lang)
    out = env.renderer(json_output or json_lines, language, json_lines=json_lines)
    # a pipe or terminal prints each finding as it completes; a file is explained whole, repeats folded
    streaming = json_lines or (not json_output and any(_live_fd(env, path) is not None for path in files))
    errors: list[Any] = []
    redacted = 0
    shown = 0
    repeats = 0
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
        origin = describe(path) if len(files) > 1 else ""
        live = _live_fd(env, path)
        explainer = Explainer(cat, language, origin=origin, live=live is not None)
        if live is not None:
            for line in _live_lines(live):
                if line is not None:
                    env.masker.learn_line(line)  # before anything from this line is shown
                show(explainer.idle() if line is None else explainer.feed(line))
        else:
            for _, text in inputs.each([path], read_text):
                if not text.strip():
                    env.say(f"tco-err: {describe(path)} is empty")
                    break
                env.masker.learn(text)  # before anything from this input is shown: its secrets are masked everywhere
                updates = explainer.feed_text(text)
                if streaming:
                    show(updates)
        final = explainer.close()
        if streaming:
            show(final)
        report = explainer.report()
        if not report.errors and explainer.records.number:
            env.say(f"tco-err: no Tencent Cloud error found in {describe(path)}")
        errors += report.errors
        redacted += report.redacted
    combined = Report(tuple(errors), redacted)
    if streaming and (errors or json_lines):
        out.summary(combined, shown)
    elif errors or json_output:
        out.report(combined)
    return inputs.status(bool(errors))


def _live_fd(env: Env, path: str) -> int | None:
    """stdin's descriptor when it is a pipe, socket or terminal (explained as it comes); None for files."""
    if path != "-" or env.stdin is None:  # a closed stdin is reported by _Inputs
        return None
    try:
        fd = env.stdin.fileno()
        mode = os.fstat(fd).st_mode
    except (AttributeError, OSError, ValueError):
        return None
    import stat

    return fd if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(fd) else None


QUIET_SECONDS = 0.3  # input quiet this long: whatever record is open is complete


def _live_lines(fd: int) -> Iterator[str | None]:
    """Lines from a pipe or terminal as they arrive; None each time the input goes quiet."""
    import codecs
    import select

    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    partial = ""
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], QUIET_SECONDS)
        except (OSError, ValueError):  # no select() on this descriptor (Windows pipes): read blocking
            ready = [fd]
        if not ready:
            yield None
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        lines = (partial + decoder.decode(chunk)).split("\n")
        partial = lines.pop()
        if len(partial) > 1024 * 1024:  # a "line" without end: explain it in pieces rather than hold it all
            lines.append(partial)
            partial = ""
        yield from lines
    rest = partial + decoder.decode(b"", final=True)
    if rest:
        yield rest


@app.command(epilog=EXIT_HELP)
@guarded
def scan(
    env: Env,
    files: Annotated[list[str], typer.Argument(help="Log files of any size; - for stdin.")],
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the N most frequent codes.")] = None,
    json_output: JsonOpt = False,
    lang: LangOpt = None,
    catalog: CatalogOpt = None,
) -> ExitStatus:
    """Count every Tencent Cloud error code in logs, streaming: first and last line, description, hint."""
    from .inputs import describe, open_binary
    from .scanner import Counter, rows, scan_stream

    cat = _catalog(catalog)
    language = env.lang(lang)
    counter = Counter()
    inputs = _Inputs(env)
    show_progress = env.stderr.isatty() and not json_output
    for path, stream in inputs.each(files, open_binary):  # line numbers run on across files, as with cat
        try:
            if show_progress:
                from .render.terminal import progress

                with progress(cast(TextIO, env.stderr), describe(path), _size(path)) as advance:
                    scan_stream(stream, counter, advance)
            else:
                scan_stream(stream, counter)
        except OSError as exc:
            env.say(f"tco-err: error: {describe(path)}: read failed ({exc.strerror or exc})")
            inputs.failed = True
        finally:
            if path != "-":
                stream.close()
    result = rows(counter, cat, top)
    env.renderer(json_output, language).scan(result, counter.line - 1)
    return inputs.status(bool(result))


@app.command(epilog=DOCTOR_EXIT_HELP)
@guarded
def doctor(env: Env, json_output: JsonOpt = False, lang: LangOpt = None) -> ExitStatus:
    """Check credentials, clock and language offline, the setup behind the commonest auth errors."""
    from .catalog import load
    from .doctor import Status, run_checks

    language = env.lang(lang)
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
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Tencent Cloud Organization (TCO, 集团账号管理) API errors, explained."""


def _single_app(name: str) -> typer.Typer:
    """An app holding only the command being run: typer converts the parameters of every registered
    command on each start, and a shell's TAB or a script loop should not pay for the other commands."""
    single = _typer()
    single.callback()(_root)
    for info in app.registered_commands:
        if info.name == name or (info.name is None and info.callback and info.callback.__name__ == name):
            single.registered_commands.append(info)
    return single


def _requested_command(argv: list[str], environ: Any) -> str | None:
    if "_TCO_ERR_COMPLETE" in environ:  # shell completion: the words typed so far
        words = (environ.get("COMP_WORDS") or environ.get("_TYPER_COMPLETE_ARGS") or "").split()
        argv = words[1:] if len(words) > 2 else []
    name = argv[0] if argv else None
    names = {info.name or (info.callback.__name__ if info.callback else "") for info in app.registered_commands}
    return name if name in names else None


def main() -> None:
    process_streams()  # closed descriptors, and encodings that cannot hold what we print
    masker = Masker()  # one per run: every message and every output passes it
    for arg in sys.argv[1:]:
        masker.learn(arg)
    masker.learn(" ".join(sys.argv[1:]))  # "--secretKey VALUE" is two arguments
    sys.stderr = Messages(sys.stderr, masker)  # typer's usage errors echo arguments
    name = _requested_command(sys.argv[1:], os.environ)
    try:
        (_single_app(name) if name else app)(prog_name="tco-err")
        status = 0
    except SystemExit as exc:
        status = _status(exc.code)
    except BrokenPipeError:
        status = int(ExitStatus.FOUND)
    except KeyboardInterrupt:
        status = int(ExitStatus.INTERRUPTED)
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
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(f"tco-err: error: {exc.message}\n")
        if status in (ExitStatus.FOUND, ExitStatus.NOT_FOUND):
            status = int(ExitStatus.ERROR)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(status)
