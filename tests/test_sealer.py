"""Learned secrets are masked the same way by both engines, and a run with thousands of distinct secrets stays
linear: each new value used to rebuild one regex over every value learned (1,000 distinct keys: 51 s)."""

from __future__ import annotations

import gc
import random
import string
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tco_errcli import explain
from tco_errcli.redact import MASK, Masker, literals
from tco_errcli.redact import sealer as sealer_module
from tco_errcli.redact.sealer import Sealer

ALPHABET = st.sampled_from([*"abAB12 -_%\n", "密"])


def _sealed(values: list[str], text: str, pending: int) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sealer_module, "PENDING", pending)
        sealer = Sealer()
        for value in values:
            sealer.add({value})
        return sealer.seal(text, "#")


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.text(ALPHABET, min_size=3, max_size=12), min_size=1, max_size=12, unique=True),
    text=st.text(ALPHABET, max_size=200),
    pending=st.integers(1, 4),
)
def test_the_automaton_the_regex_and_str_find_mask_the_same_spans(values: list[str], text: str, pending: int) -> None:
    text = text + "".join(values[::2])  # occurrences, overlapping ones too
    with_automaton = _sealed(values, text, pending)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(literals, "module", lambda: None)
        with_regex = _sealed(values, text, pending)
    not_built = _sealed(values, text, len(values) + 1)  # every value still pending: str.find alone
    assert with_automaton == with_regex == not_built
    for value in values:
        if len(value) >= sealer_module._SHORT:  # a long value is never shown, not even a part overlapping another
            assert value not in with_automaton


def test_overlapping_secrets_are_masked_as_one_and_short_ones_only_as_words() -> None:
    sealer = Sealer()
    for value in ("Gu5t9xGARNpq86cd", "pq86cd98joQYCN3E", "abc"):
        sealer.add({value})
    assert sealer.seal("k=Gu5t9xGARNpq86cd98joQYCN3E!", MASK) == f"k={MASK}!"
    assert sealer.seal("abcdef abc", MASK) == f"abcdef {MASK}"


def _distinct_keys(count: int, seed: int) -> str:
    rnd = random.Random(seed)
    letters = string.ascii_letters + string.digits
    return "".join(
        f"[TencentCloudSDKError] Code=FailedOperation, Message=upload with key {''.join(rnd.choice(letters) for _ in range(32))}"
        f" failed at part {n}, RequestId=a61be91b-e1f9-4a09-a097-{n:012d}\n"
        for n in range(count)
    )


def test_a_log_of_distinct_secrets_is_masked_in_linear_time() -> None:
    """4x the distinct keys take at most ~4.5x the time (best of three, CPU time); every key is masked."""
    small, large = _distinct_keys(150, 1), _distinct_keys(600, 2)

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            gc.collect()
            start = time.process_time()
            report = explain(text)
            times.append(time.process_time() - start)
        assert "upload with key " + MASK in report["errors"][0]["message"]
        return min(times)

    explain(small)
    ratio = best(large) / best(small)
    assert ratio <= 4.5 * 1.25, f"4x the distinct secrets took {ratio:.1f}x the time"


def test_past_the_cap_the_most_recent_secrets_are_still_masked() -> None:
    masker = Masker()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tco_errcli.redact.masker.MAX_SECRETS", 10)
        shown = [masker.mask(f"password=Pw{n:04d}xyz!") for n in range(2_000)]
    assert all(MASK in line and "xyz!" not in line for line in shown)
    assert masker.mask("later Pw1999xyz! again") == f"later {MASK} again"


def test_past_the_cap_at_least_three_quarters_of_the_last_unremembered_secrets_stay_masked() -> None:
    from tco_errcli.redact.masker import MAX_UNKEPT

    masker = Masker()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tco_errcli.redact.masker.MAX_SECRETS", 1)
        for n in range(3 * MAX_UNKEPT + 7):  # every count of values past the cap, whole buckets and not
            masker.mask(f"password=Pw{n:05d}xyz!")
            recent = [f"Pw{k:05d}xyz!" for k in range(max(1, n - MAX_UNKEPT * 3 // 4 + 1), n + 1)]
            if n % 97 == 0 or n == 3 * MAX_UNKEPT + 6:
                shown = masker.seal(" ".join(recent))
                shown = masker._seal_unkept(shown)
                assert "xyz!" not in shown, n
