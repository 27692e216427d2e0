"""tco-err doctor: the local setup behind the commonest auth errors, checked offline."""

from __future__ import annotations

from tco_errcli.cli.boundary import guarded
from tco_errcli.cli.env import Env, message
from tco_errcli.cli.params import JsonOpt, LangOpt
from tco_errcli.errors import ExitStatus


@guarded
def doctor(env: Env, json_output: JsonOpt = False, lang: LangOpt = None) -> ExitStatus:
    """Check credentials, clock and language offline, the setup behind the commonest auth errors."""
    from tco_errcli.catalog import load
    from tco_errcli.doctor import Status, run_checks

    language = env.language
    cat = load()
    checks = run_checks(lang=language)
    rows = []
    for check in checks:
        entry = cat.get(check.code) if check.code and check.status in {Status.FAIL, Status.WARN} else None
        rows.append(check.to_dict(entry.hint.get(language) if entry else None))
    env.renderer(json_output, language).doctor(rows)
    nowhere = message("doctor.credentials", language)  # the check that found no credentials at all
    if any(c.status is Status.FAIL and c.code is None and c.name == nowhere for c in checks):
        return ExitStatus.NO_CREDENTIALS
    return ExitStatus.NOT_FOUND if any(c.status is Status.FAIL for c in checks) else ExitStatus.FOUND
