"""spaCy's English tokenizer, with its exceptions added when a text needs them.

`spacy.blank("en")` adds all 1,347 tokenizer exceptions ("don't", "Mr.", ":-)", ...) one by
one when the pipeline is built: about 0.1 s of every run, most of it for strings that never
occur in the text. `LazyExceptionsTokenizer` is spaCy's `Tokenizer` with the same prefix,
suffix and infix rules; it adds an exception the first time a text could use it, so the
tokens are the ones the stock tokenizer gives (tests/test_tokenizer.py checks this on the
samples, the clean corpora and every exception in context).

When an exception can apply: spaCy splits a text into chunks at whitespace and compares
exceptions with a chunk, with what is left of it after prefixes or suffixes are split off,
or with a run of its tokens. Every such string starts and ends at a chunk edge or next to a
character that is not a letter: English prefixes end, and suffixes and infixes start, with
a non-letter (the letter suffixes, units such as "km", only follow a digit). So it is enough
to look up every string that joins consecutive "atoms" of a chunk, an atom being a run of
letters or any other single character; a chunk of letters only is a single atom.
Exceptions that contain whitespace are added at once.

Serialising the tokenizer (`rules`, `to_bytes`, `to_disk`, pickling) first adds every
exception, so what is saved is what the stock tokenizer saves.
"""
from __future__ import annotations

import re

from spacy import util
from spacy.tokenizer import Tokenizer

FACTORY = "auditor.LazyExceptionsTokenizer.v1"
_ATOM = re.compile(r"[^\W\d_]+|[\W\d_]")  # a run of letters, or one other character
MAX_SEEN = 500_000  # chunks remembered as already checked (bounded memory on huge batches)


class LazyExceptionsTokenizer(Tokenizer):
    """A `spacy.tokenizer.Tokenizer` whose exceptions (`pending`) are added on first need."""

    def __init__(self, vocab, rules=None, prefix_search=None, suffix_search=None,
                 infix_finditer=None, token_match=None, url_match=None, *, pending=None):
        self._pending = dict(pending or {})  # set first: __init__ calls add_special_case
        self._longest = max(map(len, self._pending), default=0)
        self._checked: set[str] = set()
        super().__init__(vocab, rules, prefix_search, suffix_search, infix_finditer,
                         token_match, url_match)
        for key in [k for k in self._pending if any(ch.isspace() for ch in k)]:
            Tokenizer.add_special_case(self, key, self._pending.pop(key))

    def __call__(self, string):
        self._add_needed(string)
        return super().__call__(string)

    def explain(self, text):
        self._add_needed(text)
        return super().explain(text)

    def add_special_case(self, string, substrings):
        self._pending.pop(string, None)  # the caller's rule replaces the default one
        super().add_special_case(string, substrings)

    @property
    def rules(self):
        self._add_all()
        return Tokenizer.rules.__get__(self)

    @rules.setter
    def rules(self, rules):
        self._pending.clear()
        Tokenizer.rules.__set__(self, rules)

    def to_bytes(self, **kwargs):
        self._add_all()
        return super().to_bytes(**kwargs)

    def to_disk(self, path, **kwargs):
        self._add_all()
        return super().to_disk(path, **kwargs)

    def __reduce__(self):
        self._add_all()
        return super().__reduce__()

    def _add_needed(self, text: str) -> None:
        pending = self._pending
        if not pending:
            return
        checked, longest, needed = self._checked, self._longest, set()
        for chunk in set(text.split()):
            if chunk in checked:
                continue
            if len(checked) < MAX_SEEN:
                checked.add(chunk)
            if chunk.isalpha():
                if chunk in pending:
                    needed.add(chunk)
                continue
            atoms = _ATOM.findall(chunk)
            for i in range(len(atoms)):
                piece = ""
                for atom in atoms[i:]:
                    piece += atom
                    if len(piece) > longest:
                        break
                    if piece in pending:
                        needed.add(piece)
        for key in sorted(needed):
            Tokenizer.add_special_case(self, key, pending.pop(key))

    def _add_all(self) -> None:
        """Add every pending exception, leaving the rules in the order spaCy's own loading
        gives (sorted), so saved tokenizers are byte-identical to stock ones."""
        if self._pending:
            rules = {**Tokenizer.rules.__get__(self), **self._pending}
            self._pending.clear()
            Tokenizer.rules.__set__(self, rules)


@util.registry.tokenizers(FACTORY)
def create_lazy_tokenizer():
    """spaCy's `spacy.Tokenizer.v1` with the exceptions added on demand."""

    def tokenizer_factory(nlp) -> LazyExceptionsTokenizer:
        defaults = nlp.Defaults
        prefix_search = util.compile_prefix_regex(defaults.prefixes).search \
            if defaults.prefixes else None
        suffix_search = util.compile_suffix_regex(defaults.suffixes).search \
            if defaults.suffixes else None
        infix_finditer = util.compile_infix_regex(defaults.infixes).finditer \
            if defaults.infixes else None
        return LazyExceptionsTokenizer(
            nlp.vocab, prefix_search=prefix_search, suffix_search=suffix_search,
            infix_finditer=infix_finditer, token_match=defaults.token_match,
            url_match=defaults.url_match, pending=defaults.tokenizer_exceptions)

    return tokenizer_factory
