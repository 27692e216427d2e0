"""The format of allproducts.bin and its reader: every Tencent Cloud product's error codes, read lazily.

The file (built by scripts/build_products.py from data/reference/tencentcloud-error-codes.json):
- line 1 `MAGIC`; line 2 the first segments of every code, tab-separated (categories() reads only these two lines);
- line 3 a JSON header: `products`, one tab-separated row per product (short, zh name, en name, host, versions,
  code count, other names, index of its first entry in the file, its entries' chunks), and the chunks of the
  `owners`, `actions` and `messages` indexes; a chunk is KEY OFFSET LENGTH COUNT (its first line's key, where its
  blob is, how many lines), `|`-joined in a product's row, a JSON list in the others (message keys hold blanks);
- then zlib blobs, at offsets counted from the end of line 3, each a chunk of sorted lines (sizes: the build script):
  * a product's entries `code TAB version TAB zh TAB en TAB action,action…`, by code key (en is empty where the
    English SDK has none); entry n of the file is line n of the products' chunks, in product order;
  * owners `code key TAB product product…`; actions `Action TAB product product…` by lower-cased name;
  * messages `normalised official message TAB entry,entry…`.
A lookup reads the header and one or two small chunks. Nothing is opened at import; each chunk is read once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

FILE_NAME = "allproducts.bin"
MAGIC = b"tco-err allproducts 1"
PACKAGED = Path(__file__).with_name(FILE_NAME)
# An editable install or `python -m pytest` from the checkout sees the package directory, not the wheel.
CHECKOUT = Path(__file__).resolve().parent.parent.parent / FILE_NAME

_QUOTES = "\"'`“”‘’「」[]()<>（）【】"
_EDGES = " .。!！?？;；,，:：、…\"'`“”‘’"
_NAME_PREFIXES = ("腾讯云", "tencentcloud", "tencent cloud", "tencent")
MIN_FRAGMENT = 4  # characters a message must share to count as containing or contained


class Definition(NamedTuple):
    """One product version's definition of a code: the official meanings and the actions that may return it."""

    product: str
    version: str
    code: str
    zh: str
    en: str | None  # None: the English SDK has no text for it (never a made-up translation)
    actions: tuple[str, ...]


class ProductInfo(NamedTuple):
    """A Tencent Cloud API product: short name (the host's first label, the CAM prefix), names, versions."""

    short: str
    name_zh: str | None
    name_en: str | None
    host: str
    versions: tuple[str, ...]
    codes: int  # (version, code) definitions; 0 for a product the Go SDK has no errors for


def message_key(text: str) -> str:
    """A message as compared: NFKC, case-folded, control characters dropped, blanks collapsed, edge punctuation off."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text).casefold()
    # vpc's published texts open with a backspace (\x08): no pasted message carries one
    text = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    return " ".join(text.split()).strip(_EDGES)


def name_key(text: str) -> str:
    """A product name as compared: NFKC, case-folded, without blanks or a leading 'Tencent Cloud' / '腾讯云'."""
    import unicodedata

    key = unicodedata.normalize("NFKC", text).casefold().strip()
    for prefix in _NAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix) :]
            break
    return "".join(key.split())


class _Chunk(NamedTuple):
    key: str  # of its first line
    offset: int
    length: int
    size: int  # lines it holds


def _chunks(refs: str) -> tuple[_Chunk, ...]:
    found = []
    for ref in refs.split("|") if refs else ():
        key, offset, length, count = ref.split(" ")
        found.append(_Chunk(key, int(offset), int(length), int(count)))
    return tuple(found)


class _Product(NamedTuple):
    info: ProductInfo
    names: tuple[str, ...]  # other names it answers to (autoscaling for as)
    first: int  # index of its first entry in the whole file
    chunks: str  # its entries' chunks, parsed when first needed


class _Pack:
    """The opened file: its header, and each chunk decompressed on first use (kept: one _Pack per process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as f:
            if f.readline().rstrip(b"\n") != MAGIC:
                raise ValueError(f"not a {FILE_NAME} of this version")
            f.readline()
            header: dict[str, Any] = json.loads(f.readline())
            self.base = f.tell()
        # rows stay text until a question needs them: 262 ProductInfo objects cost more than the lookup itself
        self.rows = {row.split("\t", 1)[0]: row for row in header["products"].split("\n")}
        self._products: dict[str, _Product] | None = None
        self._starts: tuple[list[_Product], list[int]] | None = None
        self.owners, self.actions, self.messages, self.message_entries = (
            tuple(_Chunk(*ref) for ref in header[name]) for name in ("owners", "actions", "messages", "message_entries")
        )
        self._split: dict[int, list[str]] = {}
        self._blobs: dict[int, bytes] = {}
        self._entry_chunks: dict[str, tuple[_Chunk, ...]] = {}
        self._names: dict[str, tuple[str, ...]] | None = None

    def blob(self, chunk: _Chunk) -> bytes:
        raw = self._blobs.get(chunk.offset)
        if raw is None:
            import zlib

            with self.path.open("rb") as f:
                f.seek(self.base + chunk.offset)
                raw = self._blobs[chunk.offset] = zlib.decompress(f.read(chunk.length))
        return raw

    @property
    def products(self) -> dict[str, _Product]:
        if self._products is None:
            self._products = {}
            for short, row in self.rows.items():
                short, zh, en, host, versions, codes, names, first, chunks = row.split("\t")
                info = ProductInfo(short, zh or None, en or None, host, tuple(versions.split(",")), int(codes))
                self._products[short] = _Product(info, tuple(names.split(",")) if names else (), int(first), chunks)
        return self._products

    def entry_chunks(self, short: str) -> tuple[_Chunk, ...]:
        found = self._entry_chunks.get(short)
        if found is None:
            found = self._entry_chunks[short] = _chunks(self.rows[short].rsplit("\t", 1)[1])
        return found

    def find(self, chunks: tuple[_Chunk, ...], key: str, fold: bool) -> list[str]:
        """The lines of a sorted index whose first field is key (compared ASCII-lower-cased; with fold, _ as . too)."""
        from bisect import bisect_left, bisect_right

        # the key's lines are in the last chunk whose first key is not above it, and also in the one before when
        # that chunk opens with the key (a run of equal keys cut in two)
        keys = [c.key for c in chunks]
        at = bisect_right(keys, key) - 1
        if at < 0:
            return []
        first = bisect_left(keys, key, hi=at)
        needle = b"\n" + key.encode("utf-8") + b"\t"
        found: list[str] = []
        for chunk in chunks[max(first - 1, 0) : at + 1] if keys[at] == key else chunks[at : at + 1]:
            text = b"\n" + self.blob(chunk) + b"\n"
            # bytes.lower() touches ASCII only, so offsets stay; codes, actions and short names are ASCII
            keyed = text.lower().replace(b"_", b".") if fold else text.lower()
            start = keyed.find(needle)
            while start >= 0:
                end = keyed.index(b"\n", start + 1)
                found.append(text[start + 1 : end].decode("utf-8"))
                start = keyed.find(needle, end)
        return found

    def split(self, chunk: _Chunk) -> list[str]:
        """The chunk's lines (kept)."""
        found = self._split.get(chunk.offset)
        if found is None:
            found = self._split[chunk.offset] = self.blob(chunk).decode("utf-8").split("\n")
        return found

    def lines(self, chunks: tuple[_Chunk, ...]) -> list[str]:
        return [line for chunk in chunks for line in self.split(chunk)]

    def exact_message(self, query: str) -> tuple[int, int] | None:
        """(chunk, line) of the official message equal to query: one chunk read."""
        from bisect import bisect_right

        at = bisect_right([c.key for c in self.messages], query) - 1
        if at < 0:
            return None
        lines = self.split(self.messages[at])
        line = bisect_right(lines, query) - 1
        return (at, line) if line >= 0 and lines[line] == query else None

    def scan_messages(self, query: str) -> list[tuple[float, int, int]]:
        """(score, chunk, line) of the official messages holding query or held in it: every chunk read."""
        size = len(query)
        found: list[tuple[float, int, int]] = []
        for n, chunk in enumerate(self.messages):
            lines = self.split(chunk)
            if size >= MIN_FRAGMENT:
                holding = [i for i, official in enumerate(lines) if query in official]
                found += [(2.0 if lines[i] == query else size / len(lines[i]), n, i) for i in holding]
            held = [i for i, official in enumerate(lines) if official in query and official != query]
            found += [(len(lines[i]) / size, n, i) for i in held if len(lines[i]) >= MIN_FRAGMENT]
        return found

    def entries_of_message(self, chunk: int, line: int) -> list[int]:
        return [int(n) for n in self.split(self.message_entries[chunk])[line].split(",")]

    def entry(self, index: int) -> Definition:
        """Entry index of the whole file."""
        from bisect import bisect_right

        if self._starts is None:
            order = [p for p in self.products.values() if p.info.codes]
            self._starts = order, [p.first for p in order]
        order, starts = self._starts
        product = order[bisect_right(starts, index) - 1]
        line = index - product.first
        for chunk in self.entry_chunks(product.info.short):
            if line < chunk.size:
                return _definition(product.info.short, self.blob(chunk).decode("utf-8").split("\n")[line])
            line -= chunk.size
        raise IndexError(index)


def _definition(short: str, line: str) -> Definition:
    code, version, zh, en, actions = line.split("\t")
    return Definition(short, version, code, zh, en or None, tuple(actions.split(",")) if actions else ())


def _path() -> Path:
    return PACKAGED if PACKAGED.is_file() else CHECKOUT


def _unreadable(path: Path, exc: Exception) -> Exception:
    from tco_errcli.errors import TcoErrError

    return TcoErrError(f"the all-products data {path} cannot be read: {exc}")


_PACK: _Pack | None = None
_CATEGORIES: frozenset[str] | None = None


def _pack() -> _Pack:
    global _PACK
    if _PACK is None:
        path = _path()
        try:
            _PACK = _Pack(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise _unreadable(path, exc) from None
    return _PACK


def categories() -> frozenset[str]:
    """Every code's first segment across all products (InvalidInstanceId, ResourcesSoldOut …): two lines read."""
    global _CATEGORIES
    if _CATEGORIES is None:
        path = _path()
        try:
            with path.open("rb") as f:
                if f.readline().rstrip(b"\n") != MAGIC:
                    raise ValueError(f"not a {FILE_NAME} of this version")
                _CATEGORIES = frozenset(f.readline().decode("utf-8").rstrip("\n").split("\t"))
        except (OSError, ValueError) as exc:
            raise _unreadable(path, exc) from None
    return _CATEGORIES
