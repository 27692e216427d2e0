"""Secrets and terminal-unsafe characters, in one place: what reaches any output is secret-free and inert.

shapes.py knows what a secret looks like (with commands.py and layouts.py), forms.py how it is encoded, masker.py
learns and masks (Masker, scrub for model objects), inert.py makes text safe to print.

Masking is an output stage. A `Masker` is built per run: it *learns* the secret values it is shown (the
input, read whole or chunk by chunk; the command's arguments; every string on its way out), looking at
the raw text and at its decoded forms (JSON string escapes incl. ``\\uXXXX`` and ``\\/``, URL encoding),
and it *masks* every learned value wherever it appears later, raw, JSON-escaped or URL-encoded.

Use, for any producer of output (a streaming explain included)::

    masker = Masker()
    for lines in chunks:           # as they arrive (a whole text: masker.learn(text))
        masker.learn_lines(lines)  # before anything derived from them is shown
        ...
        emit(masker.mask(text))    # every string on its way out; learns from it too

``masker.count`` is the number of distinct secret values learned so far; ``masker.seal(text)`` masks the
learned values in already-rendered text (a JSON document, rich's output) without decoding or learning,
so structure is never changed. The CLI gives renderers only a stream that seals what they write, and
only model objects whose input-derived strings have passed ``mask`` (render/emit.py).
"""

from __future__ import annotations

from .forms import decoded_forms, encoded_forms
from .inert import inert, json_safe, one_line
from .masker import MASK, Masker, mask_tail, redact, scrub
from .shaped import keylike

__all__ = [
    "MASK",
    "Masker",
    "decoded_forms",
    "encoded_forms",
    "inert",
    "json_safe",
    "keylike",
    "mask_tail",
    "one_line",
    "redact",
    "scrub",
]
