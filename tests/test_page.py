"""The page detector (`auditor_page`): inserted SEO keywords, off-topic titles, boilerplate.

Unit tests run on made-up pages about home composting and bread baking (not the topic of
the sample articles); one test scores the three spun samples against ../shared/gold when
that folder is present.
"""
from __future__ import annotations

import json

import pytest
import spacy

from auditor.detectors import page  # noqa: F401 (registers auditor_page)
from auditor.detectors import swaps  # noqa: F401 (registers auditor_lemmatizer)
from auditor.core.code_rules import ON_TOPIC_PAGE
from auditor.detectors.base import findings_from_doc

from .conftest import GOLD, SAMPLES

BODY = ON_TOPIC_PAGE


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("auditor_lemmatizer")
    nlp.add_pipe("auditor_page")
    return nlp


def run(nlp, text):
    findings = findings_from_doc(nlp(text))
    for f in findings:
        assert text[f.start:f.end] == f.text  # offsets are exact
    return findings


def kinds(findings):
    return [(f.kind, f.text) for f in findings]


# --- inserted keywords -----------------------------------------------------------------

INSERTED = [
    # (sentence, inserted phrase, sentence repaired)
    ("It is wise to locate affordable garden design services near me a bin that has a lid.",
     "affordable garden design services near me",
     "It is wise to locate a bin that has a lid."),
    ("Keep turning the heap until you online gardening course discover one method that works.",
     "online gardening course",
     "Keep turning the heap until you discover one method that works."),
    ("Gardeners can find a landscaper share spare seedlings with neighbours.",
     "find a landscaper",
     "Gardeners can share spare seedlings with neighbours."),
    ("It gives beginners a place in which people really lawn care services feel welcome.",
     "lawn care services",
     "It gives beginners a place in which people really feel welcome."),
    ("Most towns run a club pdx compost program that lends out tools.",
     "pdx compost program",
     "Most towns run a club that lends out tools."),
    ("Members can best compost delivery services for apartments swap tips at meetings.",
     "best compost delivery services for apartments",
     "Members can swap tips at meetings."),
]


@pytest.mark.parametrize("sentence,phrase,repaired", INSERTED)
def test_inserted_keyword_found_with_repaired_sentence(nlp, sentence, phrase, repaired):
    found = [f for f in run(nlp, sentence) if f.kind == "insertion"]
    assert [f.text for f in found] == [phrase]
    f = found[0]
    assert f.rule_id == "page.inserted-keyword"
    assert f.suggestion == repaired
    assert sentence[f.start:f.end] == phrase
    assert f.evidence and f.message


def test_inserted_keyword_offsets_point_into_the_page(nlp):
    text = BODY + "\nIt is wise to locate garden design services near me a bin that has a lid.\n"
    found = [f for f in run(nlp, text) if f.kind == "insertion"]
    assert [f.text for f in found] == ["garden design services near me"]
    assert found[0].start == text.index("garden design services near me")


CLEAN_SENTENCES = [
    "Can online therapy help you sleep better?",
    "How can online therapy help a grieving family?",
    "They said group therapy helps most people.",
    "We therapists know how hard the first session is.",
    "It is best to get treatment a few times a week.",
    "Doctors give cancer patients a choice between two treatments.",
    "I found a therapist near me who listens.",
    "Search for \"dentists near me\" and compare the reviews.",
    "Many dentists near me offer payment plans.",
    "Currently there is no cure, however with proper treatment the outlook is good.",
    "You will want to receive physical therapy the same day.",
    "This treatment is evidence based and widely used.",
    "Our partners help us improve public services each and every day.",
    "The cost of cancer treatment the family paid was covered by insurance.",
    "Patients who need mental health care can ask their doctor for a referral.",
    "Group therapy sessions meet weekly, and online counseling is available at night.",
    "The clinic offers CBT therapy for adults and PTSD treatment for veterans.",
    "You can book a doctor visit online.",
    "If you help patients find a therapist, they often feel relieved.",
]


@pytest.mark.parametrize("sentence", CLEAN_SENTENCES)
def test_clean_sentences_not_flagged(nlp, sentence):
    assert run(nlp, sentence) == []


def test_clean_paragraphs_not_flagged(nlp):
    assert run(nlp, BODY) == []
    assert run(nlp, "\n\n".join(CLEAN_SENTENCES)) == []


def test_one_word_is_never_an_inserted_keyword(nlp):
    assert run(nlp, "People can therapy share their stories.") == []


# --- titles ------------------------------------------------------------------------------

def test_off_topic_title_found(nlp):
    title = "How Much Does Teeth Whitening Cost"
    text = f"{title}\n\nHow to Start a Compost Heap\n{BODY}"
    found = run(nlp, text)
    assert kinds(found) == [("title", title)]
    f = found[0]
    assert f.rule_id == "page.off-topic-title" and f.start == 0 and f.end == len(title)
    assert "tooth, whiten, cost" in f.evidence


def test_off_topic_title_alone_found(nlp):
    text = "Best Car Insurance Quotes Online\n\n" + BODY
    assert kinds(run(nlp, text)) == [("title", "Best Car Insurance Quotes Online")]


def test_repeated_off_topic_titles_all_found(nlp):
    text = ("WHAT IS A ROTH IRA\n\nWhat Is a Roth IRA\n\nWhat Is a Roth IRA\n\n"
            "Blog Article\n\nHow to Start a Compost Heap\n" + BODY)
    found = run(nlp, text)
    assert kinds(found) == [("title", "WHAT IS A ROTH IRA"), ("title", "What Is a Roth IRA"),
                            ("title", "What Is a Roth IRA"), ("boilerplate", "Blog Article")]


def test_markdown_heading_title(nlp):
    text = "# Best Car Insurance Quotes Online\n\n## How to Start a Compost Heap\n\n" + BODY
    found = run(nlp, text)
    assert kinds(found) == [("title", "Best Car Insurance Quotes Online")]


def test_on_topic_title_not_flagged(nlp):
    assert run(nlp, "How to Start a Compost Heap\n" + BODY) == []
    assert run(nlp, "Composting at Home\n\nGarden Compost Bins\n\n" + BODY) == []


def test_repeated_on_topic_title_is_boilerplate(nlp):
    text = "Home Composting\n\nHome Composting\n\n" + BODY
    found = run(nlp, text)
    assert kinds(found) == [("boilerplate", "Home Composting")]
    assert found[0].start == text.index("Home Composting", 1)


def test_paragraph_first_line_is_not_a_title(nlp):
    text = ("Bread rises because yeast turns sugar into gas.\n\n" + BODY)
    assert run(nlp, text) == []


@pytest.mark.parametrize("first", [
    "Image source: National Oceanic and Atmospheric Administration",
    "When eating an elephant, take one bite at a time -- Creighton Abrams",
    "Fortune favors the prepared mind. - Louis Pasteur",
])
def test_captions_and_epigraphs_are_not_titles(nlp, first):
    assert run(nlp, first + "\n\n" + BODY) == []


def test_short_page_titles_are_not_judged(nlp):
    assert run(nlp, "Teeth Whitening Cost\n\nCompost needs air and water.") == []


# --- boilerplate ---------------------------------------------------------------------------

def test_comment_form_is_one_span(nlp):
    form = ("Leave a Reply\n\nYour email address will not be published. "
            "Required fields are marked *")
    text = "How to Start a Compost Heap\n" + BODY + "\n\n\n" + form
    found = run(nlp, text)
    assert kinds(found) == [("boilerplate", form)]
    assert found[0].rule_id == "page.boilerplate"
    assert found[0].end == len(text)


def test_long_comment_form_and_share_links(nlp):
    tail = ("Share this:\nTwitter\nFacebook\n\nRelated\n\nPosted in Gardening | Tagged compost\n\n"
            "Leave a Comment\nCancel reply\n\nComment *\nName *\nEmail *\nWebsite\n"
            "Save my name, email, and website in this browser for the next time I comment.\n"
            "Post Comment")
    found = run(nlp, BODY + "\n" + tail)
    assert [f.kind for f in found] == ["boilerplate", "boilerplate"]
    assert found[0].text.startswith("Share this:") and found[0].text.endswith("Tagged compost")
    assert found[1].text.startswith("Leave a Comment") and found[1].text.endswith("Post Comment")


def test_lone_form_field_words_are_not_boilerplate(nlp):
    text = BODY + "\nWebsite\n\nName *\n\nComments\n"
    assert run(nlp, text) == []


def test_boilerplate_only_matches_whole_lines(nlp):
    text = BODY + "\nPlease leave a reply below if you have a question about compost.\n"
    assert run(nlp, text) == []


def test_parts_can_be_switched_off():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("auditor_lemmatizer")
    nlp.add_pipe("auditor_page", config={"insertions": False, "titles": False})
    text = ("Best Car Insurance Quotes Online\n\n" + BODY
            + "\nIt is wise to locate garden design services near me a bin.\n\nLeave a Reply\n")
    assert [f.kind for f in findings_from_doc(nlp(text))] == ["boilerplate"]


# --- the spun samples ------------------------------------------------------------------

def test_gold_insertions_titles_and_boilerplate_found(nlp):
    """Every insertion, title and boilerplate span of the three spun samples is found, and
    every page finding overlaps a gold span."""
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (SAMPLES / gold["file"]).read_text(encoding="utf-8")
        found = run(nlp, text)
        spans = [(g["start"], g["end"], g["kind"]) for g in gold["spans"]]
        for start, end, kind in spans:
            if kind in ("insertion", "title", "boilerplate"):
                assert any(f.start < end and start < f.end for f in found), \
                    (gold["file"], kind, text[start:end])
        for f in found:
            assert any(f.start < end and start < f.end for start, end, _ in spans), \
                (gold["file"], f.kind, f.text)
