"""Lookup across every Tencent Cloud product: Organization's catalogue first, then the code as other products
define it (allproducts), shown as an Entry of kind "product" whose description is the official meaning and
whose hint is the product-neutral next step of its category's common code (the seed page's wording).

Only a query the catalogue does not answer exactly, or one with --product, opens the all-products data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tco_errcli.errors import ExitStatus, TcoErrError
from tco_errcli.model import Entry, LookupResult, MatchKind, ProductMeaning, Text

from .codes import clean_query
from .lookup import Catalog

if TYPE_CHECKING:  # both are imported where used: a lookup the catalogue answers needs neither (4-5 ms)
    from . import allproducts

# A category the catalogue has no common code for (InvalidInstanceId, CallCvmError …): the common code whose
# next step fits, by what the code's name says (first match wins). The step itself is the common code's own.
_STEP_BY_NAME = (
    ("notfound", "ResourceNotFound"),
    ("notexist", "ResourceNotFound"),
    ("limitexceeded", "LimitExceeded"),
    ("overlimit", "LimitExceeded"),
    ("exceedlimit", "LimitExceeded"),
    ("soldout", "ResourcesSoldOut"),
    ("insufficient", "ResourceInsufficient"),
    ("inuse", "ResourceInUse"),
    ("unauthorized", "UnauthorizedOperation"),
    ("unsupported", "UnsupportedOperation"),
    ("missing", "MissingParameter"),
    ("invalid", "InvalidParameterValue"),
    ("auth", "AuthFailure"),
)
GENERIC_STEP = "FailedOperation"


def step_code(code: str, catalog: Catalog) -> str:
    """Where code's next step comes from: the common code of its category when the catalogue has one, a step of
    steps.py where none fits (a category without one, FailedOperation's named sub-codes), else by name."""
    from . import steps

    category = code.split(".", 1)[0]
    if category == GENERIC_STEP and code != category:
        return steps.SUB_CODE
    common = catalog.get(category)
    if common is not None and common.kind == "common" and common.code == category:
        return category
    if category in steps.STEPS:
        return category
    name = code.replace(".", "").lower()
    for word, common_code in _STEP_BY_NAME:
        if word in name and catalog.get(common_code) is not None:
            return common_code
    return steps.SUB_CODE


def _step(code: str, meaning: ProductMeaning, catalog: Catalog) -> tuple[str, Text, Entry]:
    """(where the step comes from, its hint, the common code whose retry class it has) for another product's code.
    A meaning that asks to try again later makes a step that would not retry one that retries later."""
    from . import steps

    source = step_code(code, catalog)
    step = steps.STEPS.get(source)
    common = catalog.get(step.retry_like if step else source)
    assert common is not None  # the catalogue always has the seed's common codes
    if not common.retryable and steps.says_try_later(meaning.zh, meaning.en):
        source, step = steps.TRY_LATER, steps.STEPS[steps.TRY_LATER]
        common = catalog.get(step.retry_like)
        assert common is not None
    return source, step.hint if step else common.hint, common


def meanings(definitions: tuple[allproducts.Definition, ...], first: str | None = None) -> tuple[ProductMeaning, ...]:
    """One ProductMeaning per product and meaning (versions with the same text grouped); `first`'s first, then
    products that say the same together, in the order of the reference."""
    from . import allproducts

    grouped: dict[tuple[str, str, str | None], list[allproducts.Definition]] = {}
    for d in definitions:
        grouped.setdefault((d.product, d.zh, d.en), []).append(d)
    rows = []
    for (service, zh, en), defs in grouped.items():
        info = allproducts.product(service)
        actions = tuple(dict.fromkeys(a for d in defs for a in d.actions))
        rows.append(
            ProductMeaning(
                service,
                (info.name_zh if info else None) or service,
                info.name_en if info else None,
                tuple(d.version for d in defs),
                zh,
                en,
                actions,
            )
        )
    texts = list(dict.fromkeys((r.zh, r.en) for r in rows))
    rows.sort(key=lambda r: (r.service != first, texts.index((r.zh, r.en))))
    return tuple(rows)


def product_entry(code: str, rows: tuple[ProductMeaning, ...], catalog: Catalog) -> Entry:
    """Another product's code as an Entry: its first product's official meaning, its category's next step."""
    top = rows[0]
    source, hint, step = _step(code, top, catalog)
    versions = tuple(dict.fromkeys(v for r in rows for v in r.versions))
    actions: dict[str, tuple[str, ...]] = {}
    for r in rows:
        if r.actions:
            actions[f"{r.service} {', '.join(r.versions)}"] = r.actions
    return Entry(
        code=code,
        category=code.split(".", 1)[0],
        kind="product",
        versions=versions,
        actions=actions,
        description=Text(top.en or top.zh, top.zh),
        hint=hint,
        causes_en=(),
        causes_zh=(),
        retryable=step.retryable,
        retry_strategy=step.retry_strategy,
        retry_note=step.retry_note,
        keywords=(),
        related=(),
        aliases=(),
        docs=(),
        products=rows,
        step_from=source,
    )


def resolve(product: str) -> str:
    """A --product value (short name, host, Chinese or English name) as a short name; else a usage error."""
    from . import allproducts

    if product.strip().lower() == "organization":
        return "organization"
    found = allproducts.resolve_product(product)
    if found is not None:
        return found.short
    names = allproducts.suggest_products(product)
    raise TcoErrError.of("unknown_product", ExitStatus.ERROR, product=product, names=", ".join(names) or "-")


def answer(catalog: Catalog, code: str, product: str | None = None) -> Entry | None:
    """code as the products define it (only product's definition when given), as an Entry; None when none does.
    For a common code of product, the product's meaning comes first, then the common code's advice and causes."""
    from . import allproducts

    defs = allproducts.definitions(code, product) if product else allproducts.definitions(code)
    if not defs:
        return None
    entry = product_entry(defs[0].code, meanings(defs, product), catalog)
    common = catalog.get(code) if product else None
    if common is not None and common.kind == "common":
        entry = entry._replace(
            hint=common.hint,
            causes_en=common.causes_en,
            causes_zh=common.causes_zh,
            related=common.related,
            step_from=common.code,
        )
    return entry


def lookup(catalog: Catalog, query: str, product: str | None = None) -> LookupResult:
    """Organization's answer when it has the exact code (and no other product was asked for); else the code as
    the products define it; else the catalogue's answer (a parent category, suggestions). With product, that
    product's meaning comes first even for a common code, and suggestions come from its own codes."""
    result = catalog.lookup(query, suggest=False)  # did-you-mean only if no product answers either
    if product in (None, "organization") and result.entry is not None and result.match is MatchKind.EXACT:
        return result
    if product == "organization" or (result.members and product is None):
        return catalog.lookup(query)
    cleaned = clean_query(query)
    entry = answer(catalog, cleaned, product)
    if entry is not None:
        return LookupResult(query, entry, MatchKind.EXACT)
    if product is None:
        return catalog.lookup(query)
    from . import allproducts

    return LookupResult(query, None, None, allproducts.near_codes(cleaned, product))


def product_codes(catalog: Catalog, product: str, category: str | None = None) -> list[Entry]:
    """A product's codes (of one category when given) as Entries, in code order: `tco-err list --product P`."""
    from . import allproducts

    by_code: dict[str, list[allproducts.Definition]] = {}
    for d in allproducts.codes_of(product):
        if category is None or d.code.split(".", 1)[0].lower() == category.lower():
            by_code.setdefault(d.code, []).append(d)
    return [product_entry(code, meanings(tuple(defs), product), catalog) for code, defs in by_code.items()]


def search_product(catalog: Catalog, text: str, product: str | None, limit: int) -> list[tuple[Entry, float]]:
    """Another product's codes (every product's for None) whose official message says text, best first, with a
    score of 0-100: an exact message 100, else how much of the longer text the shorter covers."""
    from . import allproducts
    from .allproducts import message_key

    query = message_key(text)
    found: dict[str, list[allproducts.Definition]] = {}  # one hit per code, its products together
    for d in allproducts.by_message(text, product):
        found.setdefault(d.code, []).append(d)
    results = []
    for code, defs in found.items():
        texts = [message_key(t) for d in defs for t in (d.zh, d.en or "") if t]
        exact = query in texts
        cover = max((min(len(query), len(t)) / max(len(query), len(t)) for t in texts if t), default=0.0)
        results.append((product_entry(code, meanings(tuple(defs), product), catalog), 100.0 if exact else 100 * cover))
    results.sort(key=lambda r: -r[1])
    return results[:limit]
