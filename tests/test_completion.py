"""Shell completion of code and action names (what typer's bash and zsh scripts call on TAB)."""

from __future__ import annotations

import os
import subprocess
import sys


def complete(words: str, cword: int, shell: str = "bash") -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_TCO")}
    env["_TCO_ERR_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(cword))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = subprocess.run([sys.executable, "-m", "tco_errcli"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_codes_complete_for_lookup() -> None:
    assert complete("tco-err lookup AuthFailure.S", 2) == [
        "AuthFailure.SecretIdNotFound",
        "AuthFailure.SignatureExpire",
        "AuthFailure.SignatureFailure",
    ]


def test_actions_complete_for_list() -> None:
    assert complete("tco-err list --action AddOrganizationN", 3) == ["AddOrganizationNode"]


def test_commands_complete() -> None:
    assert complete("tco-err sc", 1) == ["scan"]


def test_zsh_completion_names_codes() -> None:
    out = " ".join(complete("tco-err lookup AuthFailure.Sig", 2, shell="zsh"))
    assert "AuthFailure.SignatureExpire" in out and "AuthFailure.SecretIdNotFound" not in out


def test_fish_completion_names_codes() -> None:
    assert complete("tco-err lookup AuthFailure.Sig", 2, shell="fish") == [
        "AuthFailure.SignatureExpire",
        "AuthFailure.SignatureFailure",
    ]


def test_show_completion_prints_a_script_for_the_current_shell() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("_TCO")}
    # typer finds "the current shell" among the process's ancestors: run it under bash, as a user's TAB would,
    # so the test does not depend on what launched pytest
    script = 'out=$("$0" -m tco_errcli --show-completion); rc=$?; printf "%s" "$out"; exit $rc'
    result = subprocess.run(["bash", "-c", script, sys.executable], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "_TCO_ERR_COMPLETE" in result.stdout
