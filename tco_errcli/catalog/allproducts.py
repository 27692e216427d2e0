"""Every Tencent Cloud product's error codes, offline: which products define a code, their official meanings in
both languages, the actions that may return it, products by name, codes by message. The data is
allproducts.bin (format and reader: pack.py), opened on first use only.
"""

from __future__ import annotations

from tco_errcli.catalog.codes import code_key
from tco_errcli.catalog.pack import (
    CHECKOUT,
    FILE_NAME,
    MIN_FRAGMENT,
    PACKAGED,
    Definition,
    ProductInfo,
    _definition,
    _pack,
    categories,
    message_key,
    name_key,
)

__all__ = [
    "CHECKOUT",
    "FILE_NAME",
    "MIN_FRAGMENT",
    "PACKAGED",
    "Definition",
    "ProductInfo",
    "action_owners",
    "by_message",
    "categories",
    "code_key",
    "codes_for_action",
    "codes_of",
    "definitions",
    "message_key",
    "name_key",
    "near_codes",
    "owners",
    "product",
    "products",
    "resolve_product",
    "suggest_products",
]


def owners(code: str) -> tuple[str, ...]:
    """The products defining code (any version), by short name."""
    key = code_key(code)
    if not key or "\n" in key or "\t" in key:
        return ()
    pack = _pack()
    return tuple(short for line in pack.find(pack.owners, key, fold=False) for short in line.split("\t")[1].split(" "))


def definitions(code: str, product: str | None = None) -> tuple[Definition, ...]:
    """Every product version defining exactly this code (only product's when given), by product then version."""
    shorts = owners(code)
    if product is not None:
        shorts = tuple(s for s in shorts if s == product.strip().lower())
    pack = _pack()
    key = code_key(code)
    found = [_definition(s, line) for s in shorts for line in pack.find(pack.entry_chunks(s), key, fold=True)]
    return tuple(sorted(found, key=lambda d: (d.product, d.version, d.code)))


def products() -> tuple[ProductInfo, ...]:
    """Every product, by short name, with its code count (0 where the Go SDK has none)."""
    return tuple(p.info for p in _pack().products.values())


def product(short: str) -> ProductInfo | None:
    """The product with this short name (any case), or None."""
    found = _pack().products.get(short.strip().lower())
    return None if found is None else found.info


def _host_label(text: str) -> str | None:
    host = text.strip().lower()
    for scheme in ("https://", "http://"):
        host = host.removeprefix(scheme)
    host = host.split("/", 1)[0].split(":", 1)[0]
    return host.split(".", 1)[0] if host.endswith(".tencentcloudapi.com") else None


def _names() -> dict[str, tuple[str, ...]]:
    """name key -> the products that name belongs to: short names, other names, Chinese and English names."""
    pack = _pack()
    if pack._names is None:
        table: dict[str, list[str]] = {}
        for p in pack.products.values():
            info = p.info
            for name in (info.short, *p.names, info.name_zh, info.name_en):
                if name:
                    shorts = table.setdefault(name_key(name), [])
                    if info.short not in shorts:
                        shorts.append(info.short)
        pack._names = {k: tuple(v) for k, v in table.items()}
    return pack._names


def resolve_product(text: str) -> ProductInfo | None:
    """The one product text names: short name, host, Chinese or English name, or a text holding exactly one name."""
    pack = _pack()
    label = _host_label(text)
    if label is not None:
        text = label
    found = product(text)
    if found is not None:
        return found
    key = name_key(text)
    if not key:
        return None
    names = _names()
    exact = names.get(key, ())
    if len(exact) == 1:
        return pack.products[exact[0]].info
    if exact:
        return None  # a name two products share (主机安全: cwp and yunjing): ask, never guess
    # a close name: the text holds one product name (云服务器 CVM, 腾讯云私有网络VPC) that no other held name contains
    held = [name for name in names if len(name) >= (4 if name.isascii() else 2) and name in key]
    held = [name for name in held if not any(name != other and name in other for other in held)]
    shorts = {s for name in held for s in names[name]}
    return pack.products[shorts.pop()].info if len(shorts) == 1 else None


def suggest_products(text: str, limit: int = 3) -> tuple[str, ...]:
    """Did-you-mean over product names: the short names of the closest products, best first."""
    from rapidfuzz import fuzz, process  # imported here: only an unknown product pays for it
    from rapidfuzz.distance import Levenshtein

    key = name_key(text)
    if not key:
        return ()
    names = _names()
    counts = {p.short: p.codes for p in products()}
    scored: dict[str, float] = {}
    if key.isascii() and len(key) <= 8:
        # short Latin names: one or two letters off (cvn -> cvm, cdn), never a long name sharing a letter
        allowed = 1 if len(key) <= 4 else 2
        for name in names:
            if name.isascii() and Levenshtein.distance(key, name, score_cutoff=allowed) <= allowed:
                for short in names[name]:
                    scored[short] = max(scored.get(short, 0.0), 100.0 - 10 * Levenshtein.distance(key, name))
    for name, score, _i in process.extract(key, list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=75):
        if len(name) >= 2:
            for short in names[name]:
                scored[short] = max(scored.get(short, 0.0), float(score))
    ranked = sorted(scored, key=lambda s: (-scored[s], -counts.get(s, 0), s))
    return tuple(ranked[:limit])


def codes_of(product: str, version: str | None = None) -> tuple[Definition, ...]:
    """A product's definitions (only version's when given), by code key then version; () for an unknown product."""
    pack = _pack()
    short = product.strip().lower()
    if short not in pack.products or not pack.products[short].info.codes:
        return ()
    found = (_definition(short, line) for line in pack.lines(pack.entry_chunks(short)))
    return tuple(d for d in found if version is None or d.version == version)


def action_owners(action: str) -> tuple[str, ...]:
    """The products that have this action, whether or not the SDK lists its errors: the exact spelling's, else any
    case's (CreateApiKey of apigateway …, CreateAPIKey of ags)."""
    name = action.strip()
    if not name or "\n" in name or "\t" in name:
        return ()
    pack = _pack()
    spelled = dict(line.split("\t") for line in pack.find(pack.actions, name.lower(), fold=False))
    if name in spelled:
        return tuple(spelled[name].split(" "))
    return tuple(sorted({short for shorts in spelled.values() for short in shorts.split(" ")}))


def codes_for_action(product: str, action: str) -> tuple[str, ...]:
    """The codes the product's action (any case) may return, all versions, sorted; () when no list is published."""
    wanted = action.strip().lower()
    found = {d.code for d in codes_of(product) if any(a.lower() == wanted for a in d.actions)}
    return tuple(sorted(found, key=lambda c: (code_key(c), c)))


def near_codes(code: str, product: str, limit: int = 3) -> tuple[str, ...]:
    """Did-you-mean from one product's own codes (never another product's), best first."""
    from rapidfuzz import fuzz, process  # imported here: only an unknown code pays for it

    key = code_key(code)
    by_key: dict[str, str] = {}
    for d in codes_of(product):
        by_key.setdefault(code_key(d.code), d.code)
    if not key or not by_key:
        return ()
    found = process.extract(key, list(by_key), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return tuple(by_key[k] for k, _score, _i in found)


def by_message(text: str, product: str | None = None, limit: int | None = None) -> tuple[Definition, ...]:
    """Definitions whose official zh or en message equals text (normalised); when none does, those whose message
    holds text or is held in it, by how much of the longer the shorter covers. Only product's when given."""
    query = message_key(text)
    if not query or "\n" in query or "\t" in query:
        return ()
    pack = _pack()
    span = range(0, 1 << 62)
    if product is not None:
        row = pack.rows.get(product.strip().lower())
        if row is None:
            return ()
        fields = row.split("\t")
        span = range(int(fields[7]), int(fields[7]) + int(fields[5]))  # first entry, code count
    exact = pack.exact_message(query)
    if exact is not None and any(n in span for n in pack.entries_of_message(*exact)):
        hits = [(2.0, *exact)]
    else:
        hits = pack.scan_messages(query)
    best: dict[int, float] = {}
    for score, chunk, line in hits:
        for index in pack.entries_of_message(chunk, line):
            if index in span and score > best.get(index, 0.0):
                best[index] = score
    ranked = sorted(best, key=lambda index: (-best[index], index))
    return tuple(pack.entry(index) for index in (ranked if limit is None else ranked[:limit]))
