"""Golden outputs: record what the CLI prints for a fixed set of inputs, and compare a later run with it.

Usage:
    python scripts/golden.py record DIR     run every case, write one file per case into DIR
    python scripts/golden.py compare DIR    run every case again, print the cases whose output differs; exit 1 if any

For a change that must not change behaviour (moving code, a refactoring): record before, compare after, and
explain every difference. Cases: every fixture of tests/fixtures/explain and tests/fixtures/logs through
`explain` plain, --json and --json-lines, in English and Chinese, from a file argument and from a pipe; lookup,
search, list, scan and doctor on representative inputs, usage errors, each command's --help; and every
`$ tco-err …` example of the README (run as tests/test_readme.py runs them); and the terminal view of a few.

Each case runs in a subprocess with a fixed environment (LANG=C.UTF-8, NO_COLOR=1, COLUMNS=100, TZ=UTC, an
empty HOME). The CLI has no fixed clock (the tests fix `now` in-process only), so a time within a day of this
machine's clock (explain's local-clock sentence, doctor's clock check) is replaced by <NOW>.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
STAMP = re.compile(r"(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}")


class Case(NamedTuple):
    name: str
    argv: tuple[str, ...]  # after `tco-err`
    stdin: bytes | None = None
    env: tuple[tuple[str, str], ...] = ()
    shell: str | None = None  # a README block: bash script text, run as the README test runs it


def _explain_cases() -> list[Case]:
    cases = []
    files = sorted((FIXTURES / "explain").iterdir()) + sorted((FIXTURES / "logs").iterdir())
    for path in files:
        rel = str(path.relative_to(ROOT))
        for mode, flags in (("plain", ()), ("json", ("--json",)), ("jsonl", ("--json-lines",))):
            for lang in ("en", "zh"):
                base = f"explain/{path.parent.name}/{path.name}/{mode}-{lang}"
                cases.append(Case(f"{base}-file", ("explain", rel, *flags, "--lang", lang)))
                cases.append(Case(f"{base}-pipe", ("explain", *flags, "--lang", lang), stdin=path.read_bytes()))
    two = [str((FIXTURES / "explain" / n).relative_to(ROOT)) for n in ("go.txt", "php.txt")]
    cases.append(Case("explain/several-files", ("explain", *two)))
    cases.append(Case("explain/several-files-json", ("explain", *two, "--json")))
    sdk = "[TencentCloudSDKException] code:InternalError message:internal error requestId:9d2e"
    cases.append(Case("explain/text-argument", ("explain", sdk)))
    cases.append(Case("explain/text-argument-no-error", ("explain", "no error: here")))
    cases.append(Case("explain/empty-pipe", ("explain",), stdin=b""))
    cases.append(Case("explain/no-error-pipe", ("explain",), stdin=b"all is well\n"))
    cases.append(Case("explain/no-such-file-json", ("explain", "/no/such/file", "--json")))
    cases.append(Case("explain/no-command-pipe", (), stdin=(FIXTURES / "explain" / "go.txt").read_bytes()))
    return cases


def _command_cases() -> list[Case]:
    cases: list[Case] = []
    lookups = [
        "AuthFailure.SignatureExpire",
        "FAILEDOPERATION_NODENOTEMPTY",
        "NodeNotEmty",
        "FailedOperation.NodeNotEmtpy",
        "ResourceNotFound.Whatever",
        "AuthFailure",
        "SignatureExpire",
        "签名过期",
        "Code=AuthFailure.SignatureExpire,",
        "InvalidParameter.ConfigurationNameFormatError",
        "",
    ]
    for i, code in enumerate(lookups):
        for lang in ("en", "zh"):
            cases.append(Case(f"lookup/{i:02d}-{lang}", ("lookup", code, "--lang", lang)))
            cases.append(Case(f"lookup/{i:02d}-{lang}-json", ("lookup", code, "--json", "--lang", lang)))
    cases.append(Case("lookup/all", ("lookup", "InternalError", "--all")))
    cases.append(Case("lookup/no-command", ("AuthFailure.SignatureExpire",)))
    batch = b"InternalError\nNodeNotEmty\nAuthFailure\n\nResourceNotFound.Whatever\n"
    for lang in ("en", "zh"):
        cases.append(Case(f"lookup/batch-{lang}", ("lookup", "-", "--lang", lang), stdin=batch))
        cases.append(Case(f"lookup/batch-{lang}-json", ("lookup", "-", "--json", "--lang", lang), stdin=batch))
    for i, (text, limit) in enumerate([("department", "5"), ("clock skew", "3"), ("时钟", "3"), ("qqqqzzzz", "3"), ("", "3")]):
        for lang in ("en", "zh"):
            cases.append(Case(f"search/{i:02d}-{lang}", ("search", text, "--limit", limit, "--lang", lang)))
            cases.append(Case(f"search/{i:02d}-{lang}-json", ("search", text, "--limit", limit, "--json", "--lang", lang)))
    lists = [
        (),
        ("--category", "AuthFailure"),
        ("--action", "AddOrganizationNode", "--api-version", "2018-12-25"),
        ("--action", "addorganizationnode"),
        ("--action", "AddOrganizationNod"),
        ("--common",),
        ("--service", "--category", "AuthFailure"),
        ("--common", "--service"),
        ("--category", "Nothing"),
    ]
    for i, flags in enumerate(lists):
        cases.append(Case(f"list/{i:02d}", ("list", *flags)))
        cases.append(Case(f"list/{i:02d}-zh-json", ("list", *flags, "--json", "--lang", "zh")))
    log = str((FIXTURES / "logs" / "app.log").relative_to(ROOT))
    explain_dir = str((FIXTURES / "explain").relative_to(ROOT))
    scans = [
        ((log,), None),
        ((log, "--top", "3"), None),
        ((log, "--json"), None),
        ((log, "--json", "--lang", "zh"), None),
        ((log, "--engine", "python", "--json"), None),
        ((explain_dir, "-j", "1"), None),
        ((explain_dir, "-j", "2", "--json"), None),
        ((), (FIXTURES / "logs" / "app.log").read_bytes()),
        ((), b"all is well\n"),
        (("--lang", "zh"), b"all is well\n"),
        (("/no/such/file",), None),
        (("/no/such/file", "--json"), None),
    ]
    for i, (flags, stdin) in enumerate(scans):
        cases.append(Case(f"scan/{i:02d}", ("scan", *flags), stdin=stdin))
    secret = (
        ("TENCENTCLOUD_SECRET_ID", " AKIDa1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"),
        ("TENCENTCLOUD_SECRET_KEY", "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"),
    )
    for lang in ("en", "zh"):
        cases.append(Case(f"doctor/none-{lang}", ("doctor", "--lang", lang)))
        cases.append(Case(f"doctor/none-{lang}-json", ("doctor", "--json", "--lang", lang)))
        cases.append(Case(f"doctor/env-{lang}-json", ("doctor", "--json", "--lang", lang), env=secret))
    usage = [
        ("lookup",),
        ("lookup", "x", "--nope"),
        ("lookup", "--lang", "zh", "AuthFailure", "extra"),
        ("lookup", "AuthFailure", "extra"),
        ("lookup", "--lang"),
        ("lookup", "x", "--lang", "xx"),
        ("lookup", "x", "--json", "--lang", "zh", "--nope"),
        ("serach", "department"),
        ("search", "x", "--limit", "0"),
        ("search", "x", "--limit", "abc", "--lang", "zh"),
        ("list", "--api-version", "1999-01-01"),
        ("list", "--api-version", "1999-01-01", "--lang", "zh"),
        ("scan", "--engine", "nope"),
        ("scan", "--top", "0", "--lang", "zh"),
        ("lookup", "x", "--catalog", "/no/such/catalog.json"),
        ("explain", "--jsn"),
        ("help",),
        ("help", "lookup"),
        ("-V",),
        ("--version",),
    ]
    for i, argv in enumerate(usage):
        cases.append(Case(f"usage/{i:02d}", argv))
        cases.append(Case(f"usage/{i:02d}-zh-locale", argv, env=(("LANG", "zh_CN.UTF-8"),)))
    for command in ("lookup", "search", "list", "explain", "scan", "doctor"):
        cases.append(Case(f"help/{command}", (command, "--help")))
    cases.append(Case("help/root", ("--help",)))
    return cases


def _terminal_cases() -> list[Case]:
    """The rich view (FORCE_COLOR=1 with NO_COLOR=1: the terminal layout without escape codes)."""
    view = (("FORCE_COLOR", "1"),)
    cases = []
    for name in ("python-cam-multiline.txt", "http-dump.txt", "repeats.log", "iot-timeout.txt", "node-tostring.txt"):
        rel = str((FIXTURES / "explain" / name).relative_to(ROOT))
        for lang in ("en", "zh"):
            cases.append(Case(f"terminal/explain-{name}-{lang}", ("explain", rel, "--lang", lang), env=view))
    log = str((FIXTURES / "logs" / "app.log").relative_to(ROOT))
    commands = [
        ("lookup", "FailedOperation.NodeNotEmpty"),
        ("lookup", "InvalidParameter.ConfigurationNameFormatError", "--lang", "zh"),
        ("lookup", "ResourceNotFound.Whatever"),
        ("lookup", "AuthFailure"),
        ("search", "department", "--limit", "3"),
        ("list", "--category", "AuthFailure", "--lang", "zh"),
        ("scan", log, "--top", "5"),
        ("doctor",),
        ("doctor", "--lang", "zh"),
    ]
    for i, argv in enumerate(commands):
        cases.append(Case(f"terminal/{i:02d}-{argv[0]}", argv, env=view))
    return cases


def _readme_cases() -> list[Case]:
    sys.path.insert(0, str(ROOT))
    try:
        from tests.integration.test_readme import DOCS, blocks
    except ImportError:  # before the tests were grouped by package
        from tests.test_readme import DOCS, blocks  # type: ignore[no-redef]

    import hashlib

    cases = []
    for _start, examples in (block for page in DOCS for block in blocks(page.read_text(encoding="utf-8"))):
        for n, example in enumerate(examples):
            # one block is one bash session (so `echo $?` sees the command before it): replay the block up to here
            before = [e.command + " >/dev/null 2>&1" for e in examples[:n]]
            script = "\n".join(["exec 2>&1", *before, example.command])
            # named by what runs, not by where it stands: editing the README elsewhere keeps the names
            slug = re.sub(r"[^A-Za-z0-9]+", "-", example.command)[:48].strip("-")
            cases.append(Case(f"readme/{slug}-{hashlib.sha1(script.encode()).hexdigest()[:8]}", (), shell=script))
    return cases


def cases() -> list[Case]:
    return _explain_cases() + _command_cases() + _terminal_cases() + _readme_cases()


def _environment(home: Path, bindir: Path, extra: tuple[tuple[str, str], ...]) -> dict[str, str]:
    env = {
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "TZ": "UTC",
        "PYTHONPATH": str(ROOT),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    env.update(extra)
    return env


def _normalise(text: str) -> str:
    """This machine's clock (explain's local-clock sentence, doctor's clock check) as <NOW>: any time of a day
    within one of today's; the fixtures' own times are years away from it."""
    today = datetime.now(UTC).date()
    days = {str(today + timedelta(days=n)) for n in (-1, 0, 1)}
    return STAMP.sub(lambda m: "<NOW>" if m.group(1) in days else m.group(0), text)


def run(case: Case, home: Path, bindir: Path) -> str:
    env = _environment(home, bindir, case.env)
    if case.shell is not None:
        command: list[str] = ["bash", "-c", case.shell]
        shown = case.shell.splitlines()[-1]
    else:
        command = [sys.executable, "-m", "tco_errcli", *case.argv]
        shown = "tco-err " + " ".join(repr(a) if (not a or " " in a) else a for a in case.argv)
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        input=case.stdin if case.stdin is not None else b"",
        capture_output=True,
        timeout=300,
        check=False,
    )
    out = result.stdout.decode("utf-8", "backslashreplace")
    err = result.stderr.decode("utf-8", "backslashreplace")
    piped = f" < ({len(case.stdin)} bytes)" if case.stdin else ""
    return _normalise(f"$ {shown}{piped}\n--- status {result.returncode}\n--- stdout\n{out}--- stderr\n{err}")


def run_all(jobs: int) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        bindir = home / "bin"
        bindir.mkdir()
        exe = bindir / "tco-err"  # the README's commands call `tco-err`: this checkout, this interpreter
        exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tco_errcli "$@"\n', encoding="utf-8")
        exe.chmod(0o755)
        todo = cases()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            outputs = list(pool.map(lambda c: run(c, home, bindir), todo))
    return {case.name: out for case, out in zip(todo, outputs, strict=True)}


def _file(directory: Path, name: str) -> Path:
    return directory / (name.replace("/", "__") + ".txt")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    results = run_all(args.jobs)
    if args.action == "record":
        args.directory.mkdir(parents=True, exist_ok=True)
        for name, text in results.items():
            _file(args.directory, name).write_text(text, encoding="utf-8")
        print(f"recorded {len(results)} cases in {args.directory}")
        return 0
    differ, missing = [], []
    for name, text in results.items():
        path = _file(args.directory, name)
        if not path.is_file():
            missing.append(name)
            continue
        before = path.read_text(encoding="utf-8")
        if before != text:
            differ.append(name)
            diff = difflib.unified_diff(before.splitlines(), text.splitlines(), "before", "after", lineterm="", n=1)
            print(f"=== {name}")
            print("\n".join(list(diff)[:60]))
    recorded = {p.name for p in args.directory.glob("*.txt")}
    gone = sorted(recorded - {_file(args.directory, n).name for n in results})
    print(f"{len(results)} cases: {len(differ)} differ, {len(missing)} new, {len(gone)} recorded but no longer run")
    for name in missing:
        print(f"new: {name}")
    for name in gone:
        print(f"gone: {name}")
    return 1 if differ or missing or gone else 0


if __name__ == "__main__":
    raise SystemExit(main())
