"""The README and docs/ are true: every `$ tco-err …` example in them is run and its output compared with what is shown.

An example is a fenced block whose lines start with `$ ` (a command, run by bash from the repository root,
stderr merged into stdout as a terminal shows it) followed by the output it prints. In the expected output,
`(...)` stands for any text on that line, and a line that is only `(...)` for any number of lines: that is
for what legitimately varies (the time, this machine's clock and locale, a long hint cut short).

`python -m tests.test_readme --update` rewrites the shown output from a real run; review the diff.
The two set-up commands are the README's first block.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]  # every page whose examples are run
WILD = "(...)"
_FENCE = re.compile(r"^```[a-z]*\n(.*?)^```$", re.M | re.S)


class Example(NamedTuple):
    command: str
    expected: list[str]
    line: int  # where the command is in the README


def blocks(text: str) -> list[tuple[int, list[Example]]]:
    """Each fenced block holding `$ ` commands, as (line of the block, its examples in order)."""
    found = []
    for match in _FENCE.finditer(text):
        lines = match.group(1).splitlines()
        if not lines or not lines[0].startswith("$ "):
            continue
        start = text.count("\n", 0, match.start(1)) + 1
        examples: list[Example] = []
        for i, line in enumerate(lines):
            if line.startswith("$ "):
                examples.append(Example(line[2:], [], start + i))
            elif examples:
                examples[-1].expected.append(line)
        found.append((start, [e._replace(expected=_trim(e.expected)) for e in examples]))
    return found


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; `(...)` inside a line is any text, a line of only `(...)` any number of lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == WILD:
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split(WILD))
    return re.fullmatch(pattern, actual[0]) is not None and matches(rest, actual[1:])


def shim(directory: Path) -> Path:
    """A `tco-err` on PATH that runs this checkout with the interpreter running the tests."""
    exe = directory / "tco-err"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tco_errcli "$@"\n', encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return directory


def run_block(examples: list[Example], bindir: Path, home: Path) -> list[list[str]]:
    """Run one block's commands in one bash session (so `echo $?` sees the command before it)."""
    marker = "@@tco-err-readme@@"
    script = ["set +e", "exec 2>&1"]  # stderr where a terminal shows it: among the output
    for example in examples:
        script += [example.command, "__status=$?", f"echo {marker}", "(exit $__status)"]
    env = {
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    outputs = result.stdout.split(marker + "\n")
    return [_trim(out.splitlines()) for out in outputs[: len(examples)]]


def all_blocks() -> list[tuple[Path, int, list[Example]]]:
    return [(page, start, examples) for page in DOCS for start, examples in blocks(page.read_text(encoding="utf-8"))]


BLOCKS = all_blocks()


def test_the_readme_has_examples_of_every_command() -> None:
    commands = " ".join(e.command for _, _, examples in BLOCKS for e in examples)
    for name in ("lookup", "search", "list", "explain", "scan", "doctor", "run"):
        assert f"tco-err {name}" in commands, name


@pytest.mark.parametrize(
    ("page", "start", "examples"), BLOCKS, ids=[f"{page.relative_to(ROOT)}:{start}" for page, start, _ in BLOCKS]
)
def test_readme_example_output_is_what_the_command_prints(
    page: Path, start: int, examples: list[Example], tmp_path: Path
) -> None:
    outputs = run_block(examples, shim(tmp_path), tmp_path)
    for example, actual in zip(examples, outputs, strict=True):
        assert matches(example.expected, actual), (
            f"{page.relative_to(ROOT)}:{example.line}: $ {example.command}\n--- shown\n"
            + "\n".join(example.expected)
            + "\n--- printed\n"
            + "\n".join(actual)
        )


def test_the_matcher_is_strict_except_for_the_wildcard() -> None:
    assert matches(["a (...) c"], ["a b c"]) and not matches(["a (...) c"], ["a b d"])
    assert matches(["x", WILD, "z"], ["x", "1", "2", "z"]) and matches(["x", WILD, "z"], ["x", "z"])
    assert not matches(["x"], ["x", "y"]) and not matches(["x", "y"], ["x"])


def _update() -> None:
    """Write what each command prints under it, keeping `(...)` lines where they still match."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        bindir = shim(home)
        for page in DOCS:
            lines = page.read_text(encoding="utf-8").splitlines()
            for _start, examples in reversed(blocks(page.read_text(encoding="utf-8"))):
                outputs = run_block(examples, bindir, home)
                for example, actual in reversed(list(zip(examples, outputs, strict=True))):
                    if matches(example.expected, actual):
                        continue
                    first = example.line  # 1-based line of "$ command"; output follows it
                    lines[first : first + len(example.expected)] = actual
                    print(f"{page.relative_to(ROOT)}:{example.line}: $ {example.command}: updated")
            page.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        _update()
    else:
        print(__doc__)


def setup_commands() -> list[str]:
    """The two set-up commands at the top of the README (the lines after `# 1.` and `# 2.`)."""
    text = README.read_text(encoding="utf-8")
    first = next(m.group(1) for m in _FENCE.finditer(text))
    lines = first.splitlines()
    return [lines[i + 1] for i, line in enumerate(lines) if line.startswith(("# 1.", "# 2."))]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    install, test = setup_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == test
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install ")  # never the system pip


@pytest.mark.slow
def test_readme_command_one_installs_and_runs_in_a_fresh_copy(tmp_path: Path) -> None:
    """Command 1, verbatim, in a copy of the checkout: a venv, so PEP 668's refusal of system installs never applies."""
    import shutil

    copy = tmp_path / "tco-err"
    skip = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*_cache", "*.egg-info", "dist", "build")
    shutil.copytree(ROOT, copy, ignore=skip)
    install, _ = setup_commands()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(LANG="C.UTF-8", PATH=os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p))
    result = subprocess.run(["bash", "-c", install], cwd=copy, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("code: AuthFailure.SignatureExpire\n")
