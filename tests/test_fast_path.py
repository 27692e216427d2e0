"""The fast path (cli/fast.py) answers the commonest command lines without typer, and answers them exactly as
the typer app does: the same stdout, stderr and exit status, byte for byte, for every line below."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPLAIN = ROOT / "tests" / "fixtures" / "explain"

SDK = (
    "tencentcloud.common.exception.tencent_cloud_sdk_exception.TencentCloudSDKException: [TencentCloudSDKException] "
    "code:FailedOperation.NodeNotEmpty message:There are members in this department requestId:3f1c9a52\n"
)
CVM = (
    "[TencentCloudSDKException] code:InvalidInstanceId.NotFound message:The instance ins-1a2b3c4d does not exist "
    "requestId:5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c\nendpoint: cvm.tencentcloudapi.com\n"
)
SECRET = "SecretKey=Zk3pQ9vR2mXw8LtY5nBc7HdJ4sFgA1eU"

# (arguments, extra environment, standard input); {cvm}, {sdk}, {empty}, {fixture}, {repeats} name files (files())
LINES: list[tuple[list[str], dict[str, str], str | None]] = [
    # lookup: Organization, common and other products' codes, as people type them
    (["AuthFailure.SignatureExpire"], {}, None),
    (["lookup", "AuthFailure.SignatureExpire"], {}, None),
    (["lookup", "FailedOperation.NodeNotEmpty", "--json"], {}, None),
    (["lookup", "InternalError"], {}, None),
    (["lookup", "InvalidParameter", "--lang", "zh"], {}, None),
    (["InvalidInstanceId.NotFound"], {}, None),
    (["lookup", "InvalidInstanceId.NotFound", "--json", "--lang", "zh"], {}, None),
    (["lookup", "FailedOperation.ServiceIsolate"], {}, None),
    (["lookup", "FailedOperation.ServiceIsolate", "--json"], {}, None),
    (["lookup", "InvalidParameter", "--product", "cvm"], {}, None),
    (["lookup", "-p", "cvm", "InvalidInstanceId.NotFound", "--json"], {}, None),
    (["lookup", "--product=cvm", "InvalidInstanceId.NotFoud"], {}, None),
    (["lookup", "X", "--product", "nosuch"], {}, None),
    (["lookup", "X", "--product", "nosuch", "--json"], {}, None),
    (["lookup", "AuthFailure"], {}, None),
    (["lookup", "SignatureExpire"], {}, None),
    (["lookup", "authfailure.signatureexpire"], {}, None),
    (["lookup", "code: AuthFailure.SignatureExpire,"], {}, None),
    (["lookup", "AuthFailure.SignatureExpired.Detail"], {}, None),
    (["lookup", "TENCENTCLOUD_AUTHFAILURE_SIGNATUREEXPIRE"], {}, None),
    (["lookup", "--all", "ResourceNotFound"], {}, None),
    # unknown codes and typos: did-you-mean, exit 1
    (["AuthFailure.SignatureExpir"], {}, None),
    (["lookup", "AuthFailure.SignatureExpir", "--json"], {}, None),
    (["lookup", "NoSuchCode.Anywhere"], {"LANG": "zh_CN.UTF-8"}, None),
    (["lookup", "InvalidInstanceId.NotFund"], {}, None),
    (["lookup", "signature expired"], {}, None),
    (["签名过期"], {}, None),
    (["lookup", "签名过期", "--json"], {}, None),
    (["lookup", ""], {}, None),
    (["lookup", "  ", "--json"], {}, None),
    (["lookup", SECRET], {}, None),
    # languages and layouts
    (["AuthFailure.SignatureExpire"], {"LANG": "zh_CN.UTF-8"}, None),
    (["lookup", "AuthFailure.SignatureExpire", "--lang", "en"], {"LANG": "zh_CN.UTF-8"}, None),
    (["lookup", "AuthFailure.SignatureExpire", "--lang=zh-CN"], {}, None),
    (["lookup", "AuthFailure.SignatureExpire", "--lang", "fr"], {}, None),
    (["lookup", "AuthFailure.SignatureExpire", "--lang", "fr", "--json"], {}, None),
    (["--lang", "zh", "AuthFailure.SignatureExpire"], {}, None),
    (["--json", "InvalidInstanceId.NotFound"], {}, None),
    (["AuthFailure.SignatureExpire", "--no-pager"], {}, None),
    (["lookup", "InvalidInstanceId.NotFound"], {"COLUMNS": "40", "FORCE_COLOR": "1"}, None),
    (["lookup", "AuthFailure.SignatureExpire"], {"COLUMNS": "200", "FORCE_COLOR": "1", "NO_COLOR": "1"}, None),
    (["lookup", "AuthFailure.SignatureExpir"], {"FORCE_COLOR": "1", "LANG": "zh_CN.UTF-8"}, None),
    (["lookup", "--", "AuthFailure.SignatureExpire"], {}, None),
    # lookup - reads codes from stdin
    (["lookup", "-"], {}, "AuthFailure.SignatureExpire\nInvalidInstanceId.NotFound\nNoSuch.Code\n\n"),
    (["lookup", "-", "--json"], {}, "AuthFailure.SignatureExpire\nnope\n"),
    (["lookup", "-", "-p", "cvm"], {}, "InvalidInstanceId.NotFound\n"),
    # what the fast path leaves to typer: usage errors, --help, options it does not know
    (["lookup"], {}, None),
    (["lookup", "--json"], {}, None),
    (["lookup", "A", "B"], {}, None),
    (["lookup", "-x", "A"], {}, None),
    (["lookup", "A", "--jsn"], {}, None),
    (["lookup", "A", "--json=1"], {}, None),
    (["lookup", "A", "--lang"], {}, None),
    (["lookup", "A", "--lang", "--json"], {}, None),
    (["lookup", "-p=cvm", "InvalidInstanceId.NotFound"], {}, None),
    (["lookup", "-pcvm", "InvalidInstanceId.NotFound"], {}, None),
    (["lookup", "--help"], {}, None),
    (["lookup", "A", "-h", "--lang", "zh"], {}, None),
    (["lookup", "A", "--catalog", "/nonexistent/catalog.json"], {}, None),
    (["lookup", "A", "--json", "--catalog", "/nonexistent/catalog.json"], {}, None),
    # explain: files, text, stdin, every output option the fast path takes
    (["explain", "{cvm}"], {}, None),
    (["explain", "{cvm}", "--json"], {}, None),
    (["explain", "{cvm}", "--json-lines"], {}, None),
    (["explain", "{cvm}", "--lang", "zh"], {}, None),
    (["explain", "{sdk}", "--exit-verdict"], {}, None),
    (["explain", "{sdk}", "{cvm}"], {"LANG": "zh_CN.UTF-8"}, None),
    (["explain", "--format", "json", "{sdk}"], {}, None),
    (["explain", "--format=github", "{cvm}"], {}, None),
    (["explain", "{sdk}", "--format", "text"], {}, None),
    (["explain", "{fixture}"], {}, None),
    (["explain", "{fixture}", "--json"], {}, None),
    (["explain", "{repeats}"], {}, None),
    (["explain", "{repeats}", "--json"], {}, None),
    (["explain", "{empty}"], {}, None),
    (["explain", "{empty}", "--json"], {}, None),
    (["explain", "/nonexistent/file.log"], {}, None),
    (["explain", "/nonexistent/file.log", "--json"], {}, None),
    (["explain", "code: FailedOperation.NodeNotEmpty message: There are members"], {}, None),
    (["explain", "nothing to see here"], {}, None),
    (["explain", "{cvm}"], {"COLUMNS": "50", "FORCE_COLOR": "1"}, None),
    (["explain", "-"], {}, CVM),
    (["explain"], {}, SDK),
    ([], {}, CVM),
    (["explain", "--json"], {}, f"{SECRET}\n{SDK}"),
    (["explain", "-", "--json-lines", "--lang", "zh"], {}, SDK + CVM),
    (["explain", "--", "{cvm}"], {}, None),
    # explain lines left to typer
    (["explain", "{cvm}", "--format", "JSON"], {}, None),
    (["explain", "{cvm}", "--format", "yaml"], {}, None),
    (["explain", "{cvm}", "--catalog", "/nonexistent/catalog.json"], {}, None),
    (["explain", "--help"], {}, None),
    (["explain", "{cvm}", "--verbose"], {}, None),
]


def _run(args: list[str], env: dict[str, str], stdin: str | None, fast: bool) -> tuple[bytes, bytes, int]:
    code = "from tco_errcli.cli.start import main; main(fast_path=False)"
    command = [sys.executable, "-m", "tco_errcli", *args] if fast else [sys.executable, "-c", code, *args]
    base = {k: v for k, v in os.environ.items() if k not in {"LANG", "LC_ALL", "LC_MESSAGES", "COLUMNS", "NO_COLOR"}}
    base.update({"LANG": "C.UTF-8", "PYTHONPATH": str(ROOT), "FORCE_COLOR": "", "PAGER": "cat"})
    base.update(env)
    result = subprocess.run(
        command,
        input=stdin.encode() if stdin is not None else None,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        env=base,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    return result.stdout, result.stderr, result.returncode


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    where = tmp_path_factory.mktemp("fast")
    (where / "cvm.txt").write_text(CVM, encoding="utf-8")
    (where / "sdk.txt").write_text(SDK, encoding="utf-8")
    (where / "empty.txt").write_text("", encoding="utf-8")
    fixture = EXPLAIN / "terraform-cvm.txt"  # (no SignatureExpire anywhere: its diagnosis reads the clock)
    return {
        "cvm": str(where / "cvm.txt"),
        "sdk": str(where / "sdk.txt"),
        "empty": str(where / "empty.txt"),
        "fixture": str(fixture),
        "repeats": str(EXPLAIN / "repeats.log"),
    }


def test_every_line_prints_and_exits_as_the_typer_app_does(files: dict[str, str]) -> None:
    lines = [([a.format(**files) for a in args], env, stdin) for args, env, stdin in LINES]
    jobs = [(args, env, stdin, fast) for args, env, stdin in lines for fast in (True, False)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: _run(*job), jobs))
    differ = []
    for i, (args, env, stdin) in enumerate(lines):
        fast, slow = results[2 * i], results[2 * i + 1]
        if fast != slow:
            shown = [(o.decode(errors="replace")[:600], e.decode(errors="replace")[:600], n) for o, e, n in (fast, slow)]
            differ.append(f"{args} {env} stdin={stdin is not None}:\n  fast  {shown[0]!r}\n  typer {shown[1]!r}")
    assert not differ, "\n".join(differ)
    statuses = {r[2] for r in results}
    assert {0, 1, 2} <= statuses  # found, not found and usage errors were all among them


LOADS = (
    "import os, sys\n"
    "real_exit = os._exit\n"
    "def leave(status):\n"
    "    os.write(2, ('\\nLOADED ' + ' '.join(m for m in ('typer', 'rich') if m in sys.modules) + '\\n').encode())\n"
    "    real_exit(status)\n"
    "os._exit = leave\n"
    "from tco_errcli.cli import main\n"
    "main()\n"
)


@pytest.mark.parametrize(
    ("args", "loads"),
    [
        (["AuthFailure.SignatureExpire"], ""),
        (["lookup", "InvalidInstanceId.NotFound", "--json", "--lang", "zh"], ""),
        (["lookup", "AuthFailure.SignatureExpir"], ""),
        (["explain", "{cvm}"], ""),
        (["explain", "{sdk}", "--json"], ""),
        (["lookup", "--help"], "typer"),
        (["search", "clock skew"], "typer"),
    ],
)
def test_the_commonest_lines_start_without_typer(args: list[str], loads: str, files: dict[str, str]) -> None:
    """typer's imports are most of a short run's time: a line the fast path answers never loads them (nor rich,
    whose output goes to a pipe here)."""
    command = [sys.executable, "-c", LOADS, *(a.format(**files) for a in args)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False)
    loaded = result.stderr.rsplit("LOADED", 1)[1].split()
    assert loaded == loads.split(), result.stderr


ON_TERMINAL = [
    (["lookup", "InternalError"], {"PAGER": "cat > {paged}"}),
    (["AuthFailure.SignatureExpire", "--no-pager"], {}),
    (["lookup", "InvalidInstanceId.NotFound", "--lang", "zh"], {"PAGER": ""}),
    (["lookup", "AuthFailure.SignatureExpir"], {"PAGER": ""}),
    (["lookup", "AuthFailure.SignatureExpire", "--json"], {"PAGER": "cat > {paged}"}),
    (["explain", "{cvm}"], {"PAGER": "cat > {paged}"}),
    (["explain", "{sdk}", "--no-pager"], {"NO_COLOR": "1"}),
]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
@pytest.mark.parametrize(("args", "env"), ON_TERMINAL)
def test_on_a_terminal_too(args: list[str], env: dict[str, str], files: dict[str, str], tmp_path: Path) -> None:
    """On a terminal (rich's view, the pager) the two ways show the same bytes and page the same text."""
    from .test_terminal import drain, terminal

    shown = []
    for fast in (True, False):
        paged = tmp_path / f"paged-{fast}.txt"
        master, slave = terminal()
        code = "from tco_errcli.cli.start import main; main(fast_path=False)"
        command = [sys.executable, "-m", "tco_errcli"] if fast else [sys.executable, "-c", code]
        full = {k: v for k, v in os.environ.items() if k not in {"PAGER", "TCO_ERR_PAGER", "FORCE_COLOR", "NO_COLOR"}}
        full.update({k: v.format(paged=paged) for k, v in env.items()}, LANG="C.UTF-8", PYTHONPATH=str(ROOT))
        result = subprocess.run(
            [*command, *(a.format(**files) for a in args)], stdout=slave, stderr=subprocess.PIPE, env=full, timeout=120
        )
        os.close(slave)
        pager = paged.read_bytes() if paged.exists() else b""
        shown.append((drain(master), result.stderr, result.returncode, pager))
    assert shown[0] == shown[1]
    assert shown[0][0] or shown[0][1] or shown[0][3]  # something was said: on the terminal, stderr or the pager
