"""Build the packaged all-products file from data/reference/tencentcloud-error-codes.json (+ the services reference).

Run `python scripts/build_products.py` after updating the reference; `--check` exits 1 when the packaged file is not
what the sources produce (the tests run that check). Same input, byte-identical output: no timestamps, every list
sorted, zlib at a fixed level; `--check` also accepts the same content compressed by another zlib build (the header
carries a digest of the uncompressed content). A malformed reference fails naming products.P.V.codes.C (or actions.A).

The format was chosen by measurement (benchmarks/products_formats.py, 11 alternating runs, this machine, 2 cores;
"in-proc" is the reader's time inside a fresh process after what `tco-err lookup` imports anyway):

| format                               | on disk | in wheel | 3 owners | 161 owners | cvm's codes | peak RSS |
| ------------------------------------ | ------- | -------- | -------- | ---------- | ----------- | -------- |
| sqlite3 (key index, product range)   | 8.49 MB | 1.58 MB  | 2.5 ms   | 4.4 ms     | 5.0 ms      | +1.6 MB  |
| zlib chunks of sorted lines (chosen) | 1.30 MB | 1.28 MB  | 5.4 ms   | 29.7 ms    | 7.9 ms      | +0.7 MB  |
| plain text sections, uncompressed    | 7.46 MB | 1.30 MB  | 1.6 ms   | 2.9 ms     | 1.1 ms      | +1.2 MB  |
| one lzma JSON, read whole            | 0.92 MB | 0.92 MB  | 252 ms   | 246 ms     | 247 ms      | +65 MB   |

(3 owners: definitions("InvalidInstanceId.NotFound"); 161 owners: definitions("FailedOperation").)
A fragment of a message (the full scan) took 13 ms (sqlite, plain text) and 21 ms (zlib chunks); an exact message
5 ms. The prototypes' readers are inline code; the chosen one's figure includes importing tco_errcli/catalog/allproducts.py
(~2 ms, its NamedTuples). Why zlib chunks: the smallest installed file by 6x for the same wheel size (sqlite's file
is 8.5 MB installed, plain text 7.5 MB), no sqlite3 import and no FTS5 question, byte-deterministic with the stdlib
alone; a one-product lookup costs ~4% of `import typer` (benchmarks/products.py). The price is paid only by rare
questions: a code 161 products define (~30 ms) and a message no official one equals (~20 ms, every message read).
Chunk sizes: 16 KB product chunks made the file 20% bigger for no measurable gain; 16 KB index chunks saved 0.2 ms
per lookup for +63 KB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tomllib
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tco_errcli.catalog import allproducts, pack  # noqa: E402  (the reader owns the format and the normalisers)

REFERENCE = ROOT / "data" / "reference" / "tencentcloud-error-codes.json"
SERVICES = ROOT / "data" / "reference" / "tencentcloud-services.json"
NAMES = ROOT / "data" / "product_names.toml"
OUT = ROOT / allproducts.FILE_NAME

# The Go SDK's package name differs from tccli's for one product: Auto Scaling is `as` in the SDK, in its host
# (as.tencentcloudapi.com, the SDK clients' endpoint) and in CAM, but `autoscaling` in tccli's services list.
SERVICE_ALIASES = {"as": "autoscaling"}
HOSTS = {"as": "as.tencentcloudapi.com"}

PRODUCT = re.compile(r"^[a-z][a-z0-9]{0,40}$")
VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# the shapes the SDK really has, including cpdp's `InternalError.` and `FailedOperation.Domain.UnExist`
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,80}(?:\.[A-Za-z0-9_]{0,120}){0,3}$")
ACTION = re.compile(r"^[A-Z][A-Za-z0-9]{0,100}$")
MAX_TEXT = 2000
# bytes of sorted lines per zlib chunk. Measured (owners lookup, cold process): 64 KB index chunks 1.17 ms, 16 KB
# 0.97 ms but +63 KB; 16 KB product chunks made the file 20 % bigger for no measurable gain.
PRODUCT_CHUNK = 64 * 1024
INDEX_CHUNK = 64 * 1024


class BuildError(Exception):
    """The reference is malformed; the message names the product, version and entry."""


class Entry(NamedTuple):
    product: str
    version: str
    code: str
    zh: str
    en: str | None
    actions: tuple[str, ...]


class Product(NamedTuple):
    short: str
    name_zh: str | None
    name_en: str | None
    host: str
    versions: tuple[str, ...]
    codes: int
    aliases: tuple[str, ...]


class Dataset(NamedTuple):
    """Everything the packaged file holds, as plain sorted data."""

    products: tuple[Product, ...]
    entries: tuple[Entry, ...]  # sorted by (code key, product, version, code)
    actions: dict[str, dict[str, tuple[str, ...]]]  # action -> product -> codes it may return (all versions)
    categories: tuple[str, ...]


def _text(where: str, value: Any, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BuildError(f"{where}: must be a non-empty string{' or null' if nullable else ''}, not {value!r}")
    if value != value.strip() or any(ch in value for ch in "\t\n\r\x00") or len(value) > MAX_TEXT:
        raise BuildError(f"{where}: {value[:60]!r} has surrounding blanks, a control character or is too long")
    return value


def _mapping(where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BuildError(f"{where}: must be an object, not {type(value).__name__}")
    return value


def read_reference(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The reference's products, checked entry by entry: an error names products.P.V.codes.C (or actions.A)."""
    name = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{name}: cannot be read: {exc}") from None
    products = _mapping(f"{name}: products", _mapping(name, data).get("products"))
    if not products:
        raise BuildError(f"{name}: products is empty")
    for short, versions in products.items():
        where = f"{name}: products.{short}"
        if not PRODUCT.match(short):
            raise BuildError(f"{where}: not a product short name")
        if not _mapping(where, versions):
            raise BuildError(f"{where}: has no version")
        for version, body in versions.items():
            here = f"{where}.{version}"
            if not VERSION.match(version):
                raise BuildError(f"{here}: not an API version (YYYY-MM-DD)")
            body = _mapping(here, body)
            if set(body) != {"codes", "actions"}:
                raise BuildError(f"{here}: has keys {sorted(body)}, wants codes and actions")
            codes = _mapping(f"{here}.codes", body["codes"])
            for code, meaning in codes.items():
                entry = f"{here}.codes.{code}"
                if not CODE.match(code):
                    raise BuildError(f"{entry}: not an error code")
                meaning = _mapping(entry, meaning)
                if set(meaning) != {"zh", "en"}:
                    raise BuildError(f"{entry}: has keys {sorted(meaning)}, wants zh and en")
                _text(f"{entry}.zh", meaning["zh"])
                _text(f"{entry}.en", meaning["en"], nullable=True)
            for action, listed in _mapping(f"{here}.actions", body["actions"]).items():
                entry = f"{here}.actions.{action}"
                if not ACTION.match(action):
                    raise BuildError(f"{entry}: not an action name")
                if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
                    raise BuildError(f"{entry}: must be a list of codes")
                if len(set(listed)) != len(listed):
                    raise BuildError(f"{entry}: lists a code twice")
                for code in listed:
                    if code not in codes:
                        raise BuildError(f"{entry}: lists {code}, which {short} {version} does not define")
    return products


def read_services(path: Path) -> dict[str, dict[str, Any]]:
    try:
        services = json.loads(path.read_text(encoding="utf-8"))["services"]
    except (OSError, ValueError, KeyError) as exc:
        raise BuildError(f"{path.name}: cannot be read: {exc}") from None
    return _mapping(f"{path.name}: services", services)


def read_names(path: Path) -> dict[str, str]:
    try:
        names = tomllib.loads(path.read_text(encoding="utf-8"))["names"]
    except (OSError, ValueError, KeyError) as exc:
        raise BuildError(f"{path.name}: cannot be read: {exc}") from None
    for short, name in _mapping(f"{path.name}: names", names).items():
        _text(f"{path.name}: names.{short}", name)
    return names


def collect(
    reference: dict[str, dict[str, dict[str, Any]]], services: dict[str, dict[str, Any]], names_en: dict[str, str]
) -> Dataset:
    """The reference, the services list and the English names as the packaged file's sorted tables."""
    entries: list[Entry] = []
    by_action: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    products: list[Product] = []
    for short in sorted(reference):
        versions = reference[short]
        codes = 0
        for version in sorted(versions):
            body = versions[version]
            returned_by: dict[str, list[str]] = defaultdict(list)
            for action in sorted(body["actions"]):
                for code in body["actions"][action]:
                    returned_by[code].append(action)
                    by_action[action][short].add(code)
            for code, meaning in body["codes"].items():
                entries.append(Entry(short, version, code, meaning["zh"], meaning["en"], tuple(returned_by[code])))
            codes += len(body["codes"])
        service = services.get(SERVICE_ALIASES.get(short, short), {})
        alias = SERVICE_ALIASES.get(short)
        products.append(
            Product(
                short,
                service.get("name_zh") or None,
                names_en.get(short),
                HOSTS.get(short, f"{short}.tencentcloudapi.com"),
                tuple(sorted(versions)),
                codes,
                (alias,) if alias else (),
            )
        )
    known = set(reference) | {SERVICE_ALIASES[s] for s in reference if s in SERVICE_ALIASES}
    # services tccli ships whose errors the Go SDK does not have yet: known products with no codes
    for short in sorted(set(services) - known):
        service = services[short]
        products.append(
            Product(
                short,
                service.get("name_zh") or None,
                names_en.get(short),
                service["host"],
                tuple(sorted(service["versions"])),
                0,
                (),
            )
        )
    unknown = sorted(set(names_en) - set(reference) - set(services) - set(SERVICE_ALIASES))
    if unknown:
        raise BuildError(f"{NAMES.name}: names for products the reference does not know: {unknown}")
    # an action a product has without a published error list still counts for "which products have it"
    for short, service in services.items():
        owner = next((p for p, s in SERVICE_ALIASES.items() if s == short and p in reference), short)
        for action in service.get("actions", ()):
            by_action[action].setdefault(owner, set())
    entries.sort(key=lambda e: (allproducts.code_key(e.code), e.product, e.version, e.code))
    actions = {a: {p: tuple(sorted(cs)) for p, cs in sorted(owners.items())} for a, owners in sorted(by_action.items())}
    categories = tuple(sorted({e.code.split(".", 1)[0] for e in entries}))
    return Dataset(tuple(sorted(products)), tuple(entries), actions, categories)


def _action_order(item: tuple[str, Any]) -> tuple[str, str]:
    return item[0].lower(), item[0]


class _Index:
    """Sorted lines cut into chunks of about `limit` bytes: sorted keys compress well, and one chunk (or
    two, where a key's lines straddle a cut) answers a lookup. The header lists each chunk as KEY OFFSET LENGTH COUNT
    (its first line's key, where its blob is, how many lines it holds)."""

    def __init__(self, lines: list[str], key_of: Any, limit: int, compact: bool = True) -> None:
        self.chunks: list[list[str]] = [[]]
        size = 0
        for line in lines:
            if size + len(line.encode("utf-8")) > limit and self.chunks[-1]:
                self.chunks.append([])
                size = 0
            self.chunks[-1].append(line)
            size += len(line.encode("utf-8")) + 1
        if not self.chunks[-1]:
            self.chunks.pop()
        self.keys = [key_of(chunk[0]) for chunk in self.chunks]
        for key in self.keys if compact else ():
            if " " in key or "|" in key:
                raise BuildError(f"index key {key!r} holds a blank or a '|'")

    @classmethod
    def beside(cls, other: _Index, lines: list[str]) -> _Index:
        """Lines cut where other's are (line n of chunk k here belongs to line n of other's chunk k)."""
        index = cls.__new__(cls)
        index.chunks, at = [], 0
        for chunk in other.chunks:
            index.chunks.append(lines[at : at + len(chunk)])
            at += len(chunk)
        index.keys = ["" for _ in index.chunks]
        return index

    def raws(self) -> list[str]:
        return ["\n".join(chunk) for chunk in self.chunks]

    def refs(self, cursor: Any) -> str:
        """KEY OFFSET LENGTH COUNT|… for a product's row, taking each chunk's blob reference from cursor."""
        return "|".join(" ".join(map(str, ref)) for ref in self.ref_list(cursor))

    def ref_list(self, cursor: Any) -> list[tuple[str, int, int, int]]:
        """[KEY, OFFSET, LENGTH, COUNT] per chunk, for the header's JSON (message keys hold blanks)."""
        return [(key, *next(cursor), len(chunk)) for key, chunk in zip(self.keys, self.chunks, strict=True)]


def _first_field(line: str) -> str:
    return line.split("\t", 1)[0]


def _code_field(line: str) -> str:
    return allproducts.code_key(_first_field(line))


def _lower_field(line: str) -> str:
    return _first_field(line).lower()


def encode(data: Dataset) -> bytes:
    """The packaged file (format: tco_errcli/catalog/allproducts.py's docstring)."""
    by_product: dict[str, list[Entry]] = defaultdict(list)
    for entry in sorted(data.entries, key=lambda e: (e.product, allproducts.code_key(e.code), e.code, e.version)):
        by_product[entry.product].append(entry)
    indexes: list[_Index] = []  # in file order
    rows: list[list[str]] = []
    first = 0
    messages: dict[str, set[int]] = defaultdict(set)  # normalised official message -> entries (file order)
    for p in data.products:
        entries = by_product.get(p.short, [])
        if len(entries) != p.codes:
            raise BuildError(f"{p.short}: {len(entries)} entries for {p.codes} codes")
        lines = ["\t".join((e.code, e.version, e.zh, e.en or "", ",".join(e.actions))) for e in entries]
        indexes.append(_Index(lines, _code_field, PRODUCT_CHUNK))
        for n, e in enumerate(entries, start=first):
            for text in (e.zh, e.en):
                if text:
                    messages[allproducts.message_key(text)].add(n)
        names = (p.short, p.name_zh or "", p.name_en or "", p.host, ",".join(p.versions), str(p.codes), ",".join(p.aliases))
        rows.append([*names, str(first)])
        first += len(entries)
    owners: dict[str, list[str]] = defaultdict(list)
    for e in sorted(data.entries, key=lambda e: (allproducts.code_key(e.code), e.product)):
        key = allproducts.code_key(e.code)
        if e.product not in owners[key]:
            owners[key].append(e.product)
    owner_index = _Index([f"{key}\t{' '.join(shorts)}" for key, shorts in sorted(owners.items())], _first_field, INDEX_CHUNK)
    # lines sorted case-insensitively: 27 actions differ only in case across products (CreateAPIKey of ags,
    # CreateApiKey of apigateway …), so a lower-cased key finds them side by side and the exact spelling is kept
    actions = sorted(data.actions.items(), key=_action_order)
    action_index = _Index([f"{a}\t{' '.join(shorts)}" for a, shorts in actions], _lower_field, INDEX_CHUNK)
    # the messages alone, so that the full scan (a message no official one equals) splits nothing but lines;
    # which entries each one belongs to in a parallel index, cut at the same lines
    distinct = sorted(messages)
    message_index = _Index(distinct, _first_field, INDEX_CHUNK, compact=False)
    entry_index = _Index.beside(message_index, [",".join(map(str, sorted(messages[m]))) for m in distinct])
    indexes += [owner_index, action_index, message_index, entry_index]
    raws = [raw for index in indexes for raw in index.raws()]  # uncompressed: the digest is over these
    blobs = [zlib.compress(raw.encode("utf-8"), 9) for raw in raws]
    refs: list[tuple[int, int]] = []
    offset = 0
    for blob in blobs:
        refs.append((offset, len(blob)))
        offset += len(blob)
    cursor = iter(refs)
    table = "\n".join("\t".join((*row, index.refs(cursor))) for row, index in zip(rows, indexes, strict=False))
    digest = hashlib.sha256()
    for part in ["\t".join(data.categories), *("\t".join(row) for row in rows), *raws]:
        digest.update(part.encode("utf-8") + b"\x00")
    header = {
        "digest": digest.hexdigest(),
        "entries": len(data.entries),
        "products": table,
        "owners": owner_index.ref_list(cursor),
        "actions": action_index.ref_list(cursor),
        "messages": message_index.ref_list(cursor),
        "message_entries": entry_index.ref_list(cursor),
    }
    head = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return pack.MAGIC + b"\n" + "\t".join(data.categories).encode("utf-8") + b"\n" + head + b"\n" + b"".join(blobs)


def digest_of(data: bytes) -> str | None:
    """The content digest in a packaged file's header, None if it has none."""
    lines = data.split(b"\n", 3)
    try:
        digest = json.loads(lines[2])["digest"] if len(lines) > 3 and lines[0] == pack.MAGIC else None
    except (ValueError, KeyError, TypeError):
        return None
    return digest if isinstance(digest, str) else None


def build(reference: Path = REFERENCE) -> bytes:
    """The packaged file's bytes, from the reference files."""
    return encode(collect(read_reference(reference), read_services(SERVICES), read_names(NAMES)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help=f"exit 1 if {OUT.name} is stale")
    parser.add_argument("--reference", type=Path, default=REFERENCE, help="the error-codes reference to build from")
    parser.add_argument("--out", type=Path, default=OUT, help="where the packaged file goes")
    args = parser.parse_args(argv)
    try:
        data = build(args.reference)
    except BuildError as exc:
        sys.stderr.write(f"build_products: {exc}\n")
        return 2
    if args.check:
        current = args.out.read_bytes() if args.out.is_file() else b""
        # the same content compressed by another zlib build (zlib-ng …) is not stale: compare the content digest
        if current != data and digest_of(current) != digest_of(data):
            sys.stderr.write(f"build_products: {args.out.name} is stale; run scripts/build_products.py\n")
            return 1
        return 0
    args.out.write_bytes(data)
    sys.stdout.write(f"wrote {args.out.name}: {len(data):,} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
