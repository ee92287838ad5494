"""Page-level spam signals of one document: inserted SEO keywords, off-topic titles and
page-template leftovers.

`nlp.add_pipe("auditor_page")` (config: `insertions`, `titles`, `boilerplate`: bool; `data`:
a folder replacing `rules/page/`) writes findings to `doc.spans["auditor"]` like every
detector. No trained pipeline is needed: the evidence is word order around closed-class
words (determiners, pronouns, modals, "to", "is", adverbs), common verbs from WordNet,
commercial-intent cues, wordfreq frequencies and casing; the word lists are in `rules/page/`.

- `page.inserted-keyword` (kind `insertion`): a lowercase phrase shaped like a search query
  (a noun run ending on a commercial head such as "therapy", "services", "care near me"; a
  lowercased acronym; "find a therapist"; "best ... for ...") standing where the sentence
  cannot take it, such that its neighbours join up once it is removed: a bare noun phrase
  after a verb and before "a"/"the" (a second object), between a subject pronoun, a
  pre-verbal adverb or a modal and the verb ("until you online therapy discover", "people
  really ... therapy feel"), between "is" and a participle, "to" and a verb, "of" and a new
  noun phrase; a "near me" phrase running into the next phrase; a query verb phrase after
  a modal followed by a second verb ("can find a therapist share"). Guards keep out
  questions ("Can online therapy help?"), two-object verbs ("give patients a chance"),
  time adverbials ("a few times a week"), reduced relatives ("therapy the patient needs"),
  appositions ("we therapists") and compounds ("evidence based"). One-word phrases are
  never reported. `suggestion` is the sentence without the phrase.
- `page.off-topic-title` (kind `title`): a Title Case or ALL CAPS line at the top whose
  content words (weighted by rarity) and word pairs the body hardly uses, or which stands
  above the real heading and names a topic word the body never uses. Repeats of such a line
  are reported too.
- `page.boilerplate` (kind `boilerplate`): whole lines of comment forms (one span per
  block), blog labels, share, navigation and "posted in" lines, and repeats of an on-topic
  title line.

This module holds the spaCy component; the signals are in `insertions.py` and
`page_lines.py`, the word lists and data they share in `page_data.py`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..core.findings import Finding
from ..lexicon.loader import default_rules_dir
from .base import add_findings, text_of
from .insertions import find_insertions
from .page_data import (KIND_BOILERPLATE, KIND_INSERTION, KIND_TITLE,  # noqa: F401
                        RULE_BOILERPLATE, RULE_INSERTION, RULE_TITLE, PageData, load_data)
from .page_lines import page_lines


@Language.factory(
    "auditor_page",
    default_config={"insertions": True, "titles": True, "boilerplate": True, "data": None},
)
def make_page(nlp: Language, name: str, insertions: bool, titles: bool, boilerplate: bool,
              data: str | None):
    return PageDetector(load_data(data or str(default_rules_dir() / "page")),
                        insertions=insertions, titles=titles, boilerplate=boilerplate)


class PageDetector:
    def __init__(self, data: PageData, insertions=True, titles=True, boilerplate=True):
        self.data = data
        self.insertions, self.titles, self.boilerplate = insertions, titles, boilerplate

    def __call__(self, doc: Doc) -> Doc:
        items: list[tuple[Span, Finding]] = []
        text = text_of(doc)
        if self.titles or self.boilerplate:
            items += page_lines(doc, self.data, self.titles, self.boilerplate, text)
        if self.insertions:
            items += [it for it in find_insertions(doc, self.data, text)
                      if not any(it[1].start < f.end and f.start < it[1].end for _, f in items)]
        add_findings(doc, sorted(items, key=lambda it: it[1].start), replace_hidden=False)
        return doc
