"""spaCy's English tokenizer, with its exceptions added when a text needs them.

`spacy.blank("en")` adds all 1,347 tokenizer exceptions ("don't", "Mr.", ":-)", ...) one by
one when the pipeline is built: about 0.1 s of every run, a tenth of a one-file check, most
of it for strings that never occur in the text. `LazyExceptionsTokenizer` is spaCy's
`Tokenizer` with the same prefix, suffix and infix rules. For the first text it adds only
the exceptions that text could use; before the second, it adds all the others. (Adding an
exception empties the tokenizer's cache, so adding a few for every new document would cost a
run over many documents more than adding them all once.) Either way the tokens are the ones
the stock tokenizer gives (tests/test_tokenizer.py checks this on the samples, the clean
corpora and every exception in context).

Which exceptions the first text can use: spaCy applies an exception only to a stretch of
the text equal to it (a whitespace-free chunk, what is left of one after prefixes or suffixes
are split off, or a run of tokens whose text is the exception), so an exception without
whitespace is used only if it is a substring of a chunk. The first text therefore gets every
exception that is a substring of one of its chunks, plus those containing whitespace. A first
text over MAX_SCAN_CHARS gets them all: there, looking costs as much as adding.
One difference is possible in theory, never seen in the tests: spaCy's matcher for
exceptions with punctuation also matches their pieces when whitespace separates them ("a.m ."
for "a.m."), applies nothing there, but may then skip a real exception that overlaps it; an
exception absent from the first text is not loaded for it, so that real exception is applied.

Serialising the tokenizer (`rules`, `to_bytes`, `to_disk`, pickling) first adds every
exception, so what is saved is what the stock tokenizer saves; so does `explain`, which
reads `rules`.
"""
from __future__ import annotations

from spacy import util
from spacy.tokenizer import Tokenizer

FACTORY = "auditor.LazyExceptionsTokenizer.v1"
MAX_SCAN_CHARS = 100_000


class LazyExceptionsTokenizer(Tokenizer):
    """A `spacy.tokenizer.Tokenizer` that adds its exceptions (`pending`) as the first text
    needs them, and all of them before the second."""

    def __init__(self, vocab, rules=None, prefix_search=None, suffix_search=None,
                 infix_finditer=None, token_match=None, url_match=None, *, pending=None):
        self._pending = dict(pending or {})  # set first: __init__ calls add_special_case
        self._longest = max(map(len, self._pending), default=0)
        self._first_done = False
        super().__init__(vocab, rules, prefix_search, suffix_search, infix_finditer,
                         token_match, url_match)
        for key in [k for k in self._pending if any(ch.isspace() for ch in k)]:
            Tokenizer.add_special_case(self, key, self._pending.pop(key))

    def __call__(self, string):
        if self._pending:
            if self._first_done:
                self._add_all()
            else:
                self._add_needed(string)
                self._first_done = True
        return super().__call__(string)

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
        if len(text) > MAX_SCAN_CHARS:
            return self._add_all()
        pending, longest, needed = self._pending, self._longest, set()
        for chunk in set(text.split()):
            n = len(chunk)
            for i in range(n):
                for j in range(i + 1, min(n, i + longest) + 1):
                    if chunk[i:j] in pending:
                        needed.add(chunk[i:j])
        for key in sorted(needed):
            Tokenizer.add_special_case(self, key, pending.pop(key))

    def _add_all(self) -> None:
        for key in sorted(self._pending):
            Tokenizer.add_special_case(self, key, self._pending.pop(key))


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
