"""Reading the catalogue: the packaged catalog.json (or the checkout's), a user's overlay validated against
catalog.schema.json, every failure one line naming the file and the place."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from tco_errcli.errors import TcoErrError

from .lookup import Catalog

if TYPE_CHECKING:
    from pathlib import Path

# Paths as strings: the built-in catalogue is read on every start, and pathlib (with urllib.parse) costs a lookup
# 3-4 ms to import; a user's --catalog is a Path (load()).
PACKAGED = os.path.join(os.path.dirname(__file__), "catalog.json")
# An editable install or `python -m pytest` from the checkout sees the package directory, not the wheel.
CHECKOUT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))), "catalog.json")
SCHEMA = os.path.join(os.path.dirname(__file__), "catalog.schema.json")
MAX_CATALOG_BYTES = 32 * 1024 * 1024

_HEAD_END = b',"entries":['


def _read_builtin(path: str) -> Catalog:
    """The generated catalog.json has a head line and one entry per line; entries are parsed on use.

    Any other layout (an edited file) is read as plain JSON.
    """
    with open(path, "rb") as stream:
        data = stream.read()
    lines = data.split(b"\n")
    if len(lines) > 3 and lines[0].endswith(_HEAD_END) and lines[-2] == b"]}" and lines[1].startswith(b'{"code":"'):
        rows = [line[:-1] if line.endswith(b",") else line for line in lines[1:-2]]
        return Catalog(rows, lines[0][: -len(_HEAD_END)] + b"}")
    return _build(json.loads(data))


def _read(path: Path) -> Any:
    try:
        if path.is_dir():
            raise TcoErrError.of("catalog_directory", path=path)
        if stat.S_ISFIFO(path.stat().st_mode) or path.is_socket():  # open() would wait for a writer for ever
            raise TcoErrError.of("catalog_fifo", path=path)
        with path.open("rb") as stream:  # a pipe or a device has no size to stat(): count what is read
            data = stream.read(MAX_CATALOG_BYTES + 1)
        if len(data) > MAX_CATALOG_BYTES:
            raise TcoErrError.of("catalog_too_large", path=path, mib=MAX_CATALOG_BYTES // 2**20)
        return json.loads(data)
    except FileNotFoundError:
        raise TcoErrError.of("catalog_missing", path=path) from None
    except PermissionError:
        raise TcoErrError.of("catalog_unreadable", path=path) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise TcoErrError.of("catalog_not_json", path=path, reason=exc) from None
    except RecursionError:
        raise TcoErrError.of("catalog_too_deep", path=path) from None
    except OSError as exc:
        raise TcoErrError.of("catalog_read_failed", path=path, reason=exc.strerror or exc) from None


def validate(data: Any, where: str) -> None:
    """Check data against catalog.schema.json; the error names the failing location."""
    import jsonschema  # only user-supplied catalogues are validated at run time

    with open(SCHEMA, encoding="utf-8") as stream:
        schema = json.loads(stream.read())
    strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _whole_pattern})
    error = jsonschema.exceptions.best_match(strict(schema).iter_errors(data))
    if error is not None:
        location = "/".join(str(p) for p in error.absolute_path)[:200] or "(top level)"
        text = error.message if len(error.message) <= MAX_ECHO else error.message[:MAX_ECHO] + "… (cut)"
        raise TcoErrError.of("catalog_schema", path=where, location=location, reason=text)


MAX_ECHO = 300  # characters of a wrong value echoed in a schema error: a 5 MB value is not one stderr line


def _whole_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """JSON Schema's "pattern" as the schema means it: a trailing $ ends the string ("Team.Thing\\n" fails).

    Python's $ also matches before a final newline; ECMA-262's, which the schema is written for, does not.
    """
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string"):
        return
    source = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if re.search(source, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _build(data: Mapping[str, Any]) -> Catalog:
    return Catalog(list(data["entries"]), dict(data.get("actions") or {}))


def _overlay(base: Catalog, extra: Iterable[dict[str, Any]]) -> Catalog:
    merged = {code: base.raw(i) for i, code in enumerate(base.codes())}
    for raw in extra:
        merged[raw["code"]] = {**merged.get(raw["code"], {}), **raw}
    return Catalog(sorted(merged.values(), key=lambda raw: str(raw["code"])), base.actions)


_DEFAULT: Catalog | None = None


def load(extra_path: str | Path | None = None) -> Catalog:
    """The built-in catalogue (read once), with the entries of a user catalogue laid over it."""
    global _DEFAULT
    if _DEFAULT is None:
        builtin = PACKAGED if os.path.isfile(PACKAGED) else CHECKOUT
        try:
            _DEFAULT = _read_builtin(builtin)
            _DEFAULT.builtin = True
        except (OSError, ValueError) as exc:
            raise TcoErrError.of("builtin_catalog", path=builtin, reason=exc) from None
    if extra_path is None:
        return _DEFAULT
    from pathlib import Path

    path = Path(extra_path)
    data = _read(path)
    validate(data, str(path))
    return _overlay(_DEFAULT, data["entries"])
