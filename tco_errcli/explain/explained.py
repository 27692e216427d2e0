"""One finding explained: its catalogue entry (or parent), the product it came from, close codes, and the
diagnosis of its own text and neighbourhood."""

from __future__ import annotations

import functools
from datetime import datetime
from functools import lru_cache

from tco_errcli.catalog import Catalog
from tco_errcli.catalog.products import product as service_product
from tco_errcli.model import Entry, Explained, Finding, Lang, Neighbourhood, Product
from tco_errcli.words import message
from tco_errcli.words.diagnosis import EVIDENCE

from .diagnose import diagnose
from .infer import alternatives as other_codes
from .infer import infer_code
from .products import identify, named_action, named_in_prose, named_owner
from .shapes import HTTP_REASONS, HTTP_STATUS_TEXTS, LAYOUT_SERVICE
from .verdict import retry_class

MAX_NAMED_OWNERS = 4  # a code more products define than this is too common for a short name near it to decide


class FindingExplainer:
    """Explains findings for one catalogue, language and clock; close codes are looked up once per code."""

    def __init__(self, catalog: Catalog, lang: Lang = Lang.EN, now: datetime | None = None) -> None:
        self.catalog = catalog
        self.lang = lang
        self.now = now
        self.suggest = lru_cache(maxsize=1024)(catalog.suggest)  # a log repeats the same unknown code
        self.answer = lru_cache(maxsize=1024)(functools.partial(_answer, catalog))

    def __call__(self, finding: Finding, near: Neighbourhood, *, may_suggest: bool = True) -> Explained:
        """finding explained from itself and near; may_suggest: worth a fuzzy search for close codes."""
        cat, lang = self.catalog, self.lang
        alternatives: tuple[str, ...] = ()
        if finding.inferred and finding.code is None:
            if finding.message.strip() in HTTP_STATUS_TEXTS:  # a reason phrase is no code: the status it stands for
                status = HTTP_REASONS[finding.message.strip()]
                finding = finding._replace(http_status=status, client_side=True, inferred=False)
            else:
                code, confidence = infer_code(finding.message, cat)
                finding = finding._replace(code=code, confidence=confidence)
                if code:
                    alternatives = other_codes(code, finding.message, cat)
        product = identify(finding.message, near.record)
        if product is None and finding.source in LAYOUT_SERVICE:  # the shape itself is one product's (COS XML)
            service = LAYOUT_SERVICE[finding.source]  # COS is no API 3.0 service: the reference may not list it
            product = service_product(service, f"layout {finding.source}") or Product(
                service, service, f"layout {finding.source}"
            )
        if product is None and near.host:  # a host on another line is weaker evidence than an Organization-only code
            known = cat.get(finding.code or "") if finding.code and not finding.client_side else None
            product = identify("", near.host) if known is None or known.kind == "common" else None
        if product is None and near.evidence:  # a tccli command or Terraform resource on a line above
            known = cat.get(finding.code or "") if finding.code and not finding.client_side else None
            product = identify("", near.evidence) if known is None or known.kind == "common" else None
        if product is None and not (finding.code and cat.get(finding.code) and cat.get(finding.code).kind == "service"):  # type: ignore[union-attr]
            product = self._named_action(finding, near.record or finding.message, near.evidence or "")
        if product is None and not (finding.code and cat.get(finding.code) and cat.get(finding.code).kind == "service"):  # type: ignore[union-attr]
            product = named_in_prose(near.record or finding.message)  # the weakest evidence: a product's name in words
            if product is None and near.evidence:  # in a sentence above ("我使用的是腾讯云DNSPod"): weaker than a code
                above = named_in_prose(near.evidence)  # that one product alone defines
                if above is not None and not self._one_owner(finding):
                    product = above
            if product is None:
                product = self._named_owner(finding, near.record, near.evidence or "")
        other = product is not None and not product.is_organization
        code = finding.code or ""
        api_code = bool(code) and not finding.client_side
        entry = cat.get(code) if api_code else None
        parent = cat.parent_of(code) if api_code and entry is None else None
        if other:  # an Organization-only code name means something else in another product
            entry = entry if entry is not None and entry.kind == "common" else None
            parent = parent if parent is not None and parent.kind == "common" else None
            if entry is None and parent is None and api_code and "." in code:
                parent = cat.get(code.split(".")[0])
                parent = parent if parent is not None and parent.kind == "common" else None
        if api_code and (other or entry is None) and (product is None or product.service is not None):
            # another product's code (or a code the catalogue lacks): the products' own official meaning
            owner = product.service if other and product is not None else None
            answered = self.answer(code, owner)
            if answered is not None:
                entry, parent = answered, None
                if product is None and _single_owner(answered):  # one product alone defines it
                    only = answered.products[0]
                    product = Product(only.service, only.name_zh, f"code {answered.code}")
                    other = True
        suggest = api_code and entry is None and not other and may_suggest
        suggestions = alternatives or (self.suggest(code) if suggest else ())
        lines, policy = diagnose(finding, near, lang, self.now)
        if other and product is not None:
            lines.insert(0, _product_line(product, lang))
        if entry is None and api_code:
            lines.append(_unknown_line(code, parent, product if other else None, lang))
        if alternatives:
            lines.append(message("diagnosis.alternatives", lang, codes=", ".join(alternatives)))
        retry = retry_class(finding, entry or parent)
        return Explained(
            finding, entry, parent, suggestions, tuple(lines), policy, product=product, retry=retry, terraform=near.terraform
        )

    def _definers(self, finding: Finding) -> tuple[str, ...]:
        """The products that define the finding's code, each once, in the order the answer lists them."""
        code = finding.code if finding.code and not finding.client_side else None
        answered = self.answer(code, None) if code else None
        return tuple(dict.fromkeys(p.service for p in answered.products)) if answered is not None else ()

    def _named_action(self, finding: Finding, record: str, above: str) -> Product | None:
        """A product named by the action a log names bare as the call that failed, in the error's record or the
        line above it; an action several products have counts when only one of them defines the code."""
        definers = self._definers(finding)
        return named_action(record, definers) or (named_action(above, definers) if above else None)

    def _named_owner(self, finding: Finding, record: str, above: str) -> Product | None:
        """A code that a few products define (2 to 4), one of them named by its short name near it."""
        owners = self._definers(finding)
        if not 1 < len(owners) <= MAX_NAMED_OWNERS:
            return None
        return named_owner(finding.message, owners) or named_owner(record, owners) or named_owner(above, owners)

    def _one_owner(self, finding: Finding) -> bool:
        """Whether one product alone defines the finding's code (then the code names the product)."""
        code = finding.code
        return bool(code) and not finding.client_side and _single_owner(self.answer(code, None))


def _single_owner(answered: Entry | None) -> bool:
    return answered is not None and len({p.service for p in answered.products}) == 1


def _answer(catalog: Catalog, code: str, product: str | None) -> Entry | None:
    """anyproduct.answer, imported when an error the catalogue lacks first needs it (the all-products reader)."""
    from tco_errcli.catalog import anyproduct

    return anyproduct.answer(catalog, code, product)


def _product_line(product: Product, lang: Lang) -> str:
    """The first diagnosis line of another product's error: which product, seen how."""
    evidence = product.evidence
    for key in EVIDENCE:  # the evidence names its kind in English: say the kind in lang
        en = message(key, Lang.EN)
        if evidence.startswith(en):
            evidence = message(key, lang) + evidence[len(en) :]
            break
    if product.service is None:
        return message("diagnosis.product.unknown_service", lang, evidence=evidence, name=product.name)
    named = product.name != product.service  # a product the services reference lacks has only its short name
    key = "diagnosis.product.named" if named else "diagnosis.product.short"
    return message(key, lang, service=product.service, name=product.name, evidence=evidence)


def _unknown_line(code: str, parent: Entry | None, product: Product | None, lang: Lang) -> str:
    """What the catalogue's silence means: another product's code, a newer code of a known category, or unknown."""
    if product is not None:
        owner = product.service or product.name
        if parent is not None:
            return message("diagnosis.unknown.product_parent", lang, code=code, owner=owner, parent=parent.code)
        return message("diagnosis.unknown.product", lang, code=code, owner=owner)
    if parent is not None:
        return message("diagnosis.unknown.parent", lang, code=code, parent=parent.code)
    return message("diagnosis.unknown", lang, code=code)
