"""Evidence in words: the phrase rules' `matched '<pattern>' in '<sentence>'` becomes the
phrase found in the sentence, or the pattern told in words when it cannot be found."""
from __future__ import annotations

import pytest

from auditor.reporters.evidence import in_words, pattern_in_words


@pytest.mark.parametrize("pattern, sentence, flagged, phrase", [
    ("~sense|~feeling of [neighborhood|neighbourhood]",
     "They promote a sense of neighborhood here.", "neighborhood", "sense of neighborhood"),
    ("[get in touch] with them|others|peers in a|an safe|secure",
     "People get in touch with them in a secure area.", "get in touch",
     "get in touch with them in a secure"),
    ("[searchings] for", "The searchings for suggest", "searchings", "searchings for"),
    ("one of [one of] the most", "One of one of the most useful things", "one of",
     "One of one of the most"),
    ("[risk-free] space|area", "a risk-free area for all", "risk-free", "risk-free area"),
    ("when|while|after|before [consuming] .|!|;", "dizzy when consuming.", "consuming",
     "when consuming."),
    ("#num [percent]", "about 40 percent of them", "percent", "40 percent"),
    ("[~take care of] cravings|urges", "how to taking care of cravings", "taking care of",
     "taking care of cravings"),
])
def test_the_matched_phrase_is_quoted_from_the_sentence(pattern, sentence, flagged, phrase):
    out = in_words(f"matched {pattern!r} in {sentence!r}", flagged, sentence=True)
    assert out == f"matched the phrase '{phrase}' in: '{sentence}'"
    assert in_words(f"matched {pattern!r} in {sentence!r}", flagged) == \
        f"matched the phrase '{phrase}'"
    assert "|" not in out and "[" not in out and "~" not in out


def test_a_pattern_that_is_not_in_the_sentence_is_told_in_words():
    # The detector names a rule's first pattern; another of its patterns may have matched.
    out = in_words("matched '[risk-free] space|area' in 'them in a secure area.'", "secure",
                   sentence=True)
    assert out == ("found 'secure' in: 'them in a secure area.' (the rule looks for "
                   "'risk-free', then 'space' or 'area')")


def test_pattern_in_words():
    assert pattern_in_words("[get in touch] with them|others|peers|people|you in a|an") == (
        "'get in touch with', then 'them', 'others', 'peers', 'people' or 1 other word, "
        "then 'in', then 'a' or 'an'")
    assert pattern_in_words("~feel !not * #num x?") == (
        "a form of 'feel', then a word other than 'not', then any word, then a number, "
        "then optionally 'x'")


def test_other_evidence_is_unchanged():
    consistency = "'peer support group' ×7, 'peer support system' ×4"
    assert in_words(consistency, "system") == consistency
    assert in_words(None) == "" and in_words("") == ""
    assert in_words("matched 'sheffield hallam college'", "x") == \
        "found 'x' (the rule looks for 'sheffield hallam college')"
