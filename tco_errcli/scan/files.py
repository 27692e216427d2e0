"""Several inputs: directories expanded in name order, files counted one per process (-j), results in order."""

from __future__ import annotations

import os
from collections.abc import Iterator

from tco_errcli.errors import TcoErrError
from tco_errcli.model import Lang, ScanEngine

from .counter import Counter
from .engine import scan_path


def _scan_path_or_error(path: str, known: frozenset[bytes], engine: ScanEngine, lang: Lang) -> Counter | str:
    """For worker processes: the counter, or the one-line error in lang (a file that vanished, a read error)."""
    from tco_errcli.words import message

    try:
        return scan_path(path, known, engine)
    except TcoErrError as exc:
        return exc.text(lang)
    except OSError as exc:
        return message("read_failed", lang, path=path, reason=exc.strerror or exc)


def scan_paths(
    paths: list[str], known: frozenset[bytes], engine: ScanEngine, jobs: int, lang: Lang = Lang.EN
) -> Iterator[tuple[str, Counter | str]]:
    """(path, counter or error message) for each file, in the order given; jobs > 1 counts them in parallel."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield path, _scan_path_or_error(path, known, engine, lang)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=context) as pool:
        n = len(paths)
        results = pool.map(_scan_path_or_error, paths, [known] * n, [engine] * n, [lang] * n)
        yield from zip(paths, results, strict=True)


def expand(paths: list[str], skipped: list[str] | None = None, unreadable: list[str] | None = None) -> list[str]:
    """Each directory replaced by the regular files under it, sorted (symbolic links to directories not followed).

    Inside a directory, what is not a regular file once links are followed (a FIFO, a socket, a link to
    /dev/zero) would block or never end: it goes to `skipped`; a subdirectory that cannot be listed goes to
    `unreadable`. A path named on the command line is read as given (a FIFO there is what the user asked for).
    """
    import stat

    result: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(
                path, onerror=lambda exc: unreadable.append(str(exc.filename)) if unreadable is not None else None
            ):
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    try:
                        regular = stat.S_ISREG(os.stat(full).st_mode)
                    except OSError:
                        regular = True  # a broken link: reading it reports the error, as for a named file
                    if regular:
                        result.append(full)
                    elif skipped is not None:
                        skipped.append(full)
        else:
            result.append(path)
    return result


def default_jobs() -> int:
    """The cores this process may run on (taskset and cgroup CPU sets included, where the OS tells)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
