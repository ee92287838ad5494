"""Finding kinds and verdicts say what they are, and scoring alone computes verdicts
(family-adjusted ones included)."""
from __future__ import annotations

import json
import pickle

import pytest

from auditor.core import scoring
from auditor.core.findings import Finding, Kind, Severity, Verdict

SPIN = {Kind.SWAP, Kind.CONSISTENCY, Kind.INSERTION, Kind.TITLE, Kind.BOILERPLATE}


@pytest.mark.parametrize("kind", list(Kind))
def test_kind_says_whether_it_is_spin_and_has_a_span(kind):
    assert kind.is_spin == (kind in SPIN)
    assert kind.has_span == (kind not in {Kind.READABILITY, Kind.ERROR, Kind.NOTE})


def test_kinds_and_verdicts_behave_as_their_strings():
    assert Kind("swap") is Kind.SWAP and "swap" in {Kind.SWAP} and Kind.SWAP in {"swap"}
    assert {"spun": 1}[Verdict.SPUN] == 1 and f"v-{Verdict.REVIEW}" == "v-review"
    assert json.dumps([Kind.TITLE, Verdict.CLEAN]) == '["title", "clean"]'
    assert pickle.loads(pickle.dumps(Verdict.SPUN)) is Verdict.SPUN


def test_finding_kind_is_coerced_and_unknown_kinds_are_refused():
    f = Finding("x.y", "boilerplate", Severity.WARNING, 3, 9, "abcdef", "m")
    assert f.kind is Kind.BOILERPLATE and f.is_spin and f.has_span
    assert not Finding("input.unreadable", "error", Severity.ERROR, 0, 0, "", "m").has_span
    with pytest.raises(ValueError):
        Finding("x.y", "spinny", Severity.WARNING, 0, 1, "a", "m")


def test_verdict_order_and_meaning():
    assert [v.value for v in sorted(Verdict, key=lambda v: v.rank)] == [
        "spun", "review", "error", "clean", "empty"]
    assert Verdict.SPUN.flagged and Verdict.REVIEW.flagged and not Verdict.CLEAN.flagged
    assert not Verdict.ERROR.audited and not Verdict.EMPTY.audited and Verdict.CLEAN.audited


def test_scoring_returns_verdicts():
    assert scoring.verdict(scoring.SPUN_AT) is Verdict.SPUN
    assert scoring.verdict(0.0, certain_swaps=1) is Verdict.REVIEW
    assert scoring.verdict(0.0) is Verdict.CLEAN


def test_only_spin_kinds_weigh():
    grammar = Finding("lt.X", "grammar", Severity.ERROR, 0, 4, "abcd", "m")
    title = Finding("page.off-topic-title", "title", Severity.WARNING, 0, 4, "abcd", "m")
    assert scoring.spin_weight([grammar]) == 0
    assert scoring.spin_weight([title]) == scoring.SEVERITY_WEIGHT[Severity.WARNING]


def test_family_verdicts_raise_each_member():
    words = 400
    density = scoring.REVIEW_AT - 0.1
    family = {"id": 2, "swapped_slots": {"a.txt": 12, "gone.txt": 5}}
    members = {"a.txt": (words, {"spin_density": density, "certain_swaps": 0})}
    adjusted = scoring.family_verdicts(family, members)
    assert set(adjusted) == {"a.txt"}
    a = adjusted["a.txt"]
    assert a["family"] == 2 and a["family_swapped_slots"] == 12
    assert a["spin_density_with_family"] == scoring.with_family(density, words, 12) > density
    assert a["verdict_with_family"] is scoring.verdict(a["spin_density_with_family"])
    assert scoring.verdict(density) is Verdict.CLEAN and a["verdict_with_family"] is not Verdict.CLEAN


def test_no_reporter_or_benchmark_decides_what_is_spin():
    """Which kinds are spin is Kind.is_spin; scoring computes verdicts (grep the sources)."""
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    for path in [*(root / "auditor" / "reporters").glob("*.py"), root / "benchmarks" / "quality.py",
                 root / "benchmarks" / "spinlab_score.py"]:
        text = path.read_text(encoding="utf-8")
        assert "NOT_SPIN = {" not in text and "SPIN_KINDS = {" not in text, path.name
        assert "with_family(" not in text and "scoring import verdict" not in text, path.name


def test_the_exit_code_sees_family_verdicts():
    """A member its family raises to `spun` fails --fail-on-verdict spun, like the formats
    show it (auditor.core.policy.Tally.family)."""
    from auditor.core.policy import Policy, Tally

    tally = Tally(Policy.from_settings("never", "spun"))
    assert not tally.family(Verdict.CLEAN, Verdict.REVIEW) and not tally.failed
    assert tally.family(Verdict.REVIEW, Verdict.SPUN) and tally.failed
    assert "1 spun" in tally.summary()
    assert not tally.family(Verdict.SPUN, Verdict.SPUN)  # counted with its document already
