"""Word lists for `benchmarks/spinlab.py`: the stop words a spinner leaves alone, a small
hand-written list of fluent paraphrases (the kind a "readable" spinner or a paraphrasing tool
adds on top of its thesaurus), and neutral carrier sentences for terms that have none.

Written for the benchmark, from general knowledge of English; not taken from any spinner or
list of tortured phrases.
"""
from __future__ import annotations

# Function words, auxiliaries and very light words: never replaced by the thesaurus.
STOP = frozenset("""
a about above across after again against all almost along also although always am among an
and another any anyone anything are around as at away back be became because become becomes
been before being below between both but by can cannot could did do does doing done down
during each either else enough etc even ever every few for from further had has have having
he her here hers herself him himself his how however i if in into is it its itself just last
least less let like made make makes many may me might mine more most much must my myself near
neither never next no nor not now of off often on once one only onto or other others our ours
ourselves out over own per perhaps quite rather same see seen several shall she should since
so some something such than that the their theirs them themselves then there therefore these
they this those though through thus to too toward towards under until up upon us very via was
we well were what whatever when whenever where whereas whether which while who whom whose why
will with within without would yet you your yours yourself yourselves
get gets got go goes going gone went say says said take takes took taken give gives gave given
put puts use used uses using way ways thing things nothing everything someone everyone
""".split())

# Number words count as numbers: never replaced.
NUMBERS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
seventy eighty ninety hundred hundreds thousand thousands million millions billion billions
first second third fourth fifth sixth seventh eighth ninth tenth half dozen dozens""".split())

# original (lowercase, one or more words) -> fluent paraphrases. Forms are listed one by one,
# so no inflection is needed. The context rules below keep each one grammatical where it
# is applied (a paraphrase is tried only where the words around it allow it).
PARAPHRASES: dict[str, tuple[str, ...]] = {
    "because": ("due to the fact that", "owing to the fact that"),
    "today": ("these days", "in this day and age"),
    "currently": ("at present", "at the moment"),
    "use": ("make use of",),
    "uses": ("makes use of",),
    "using": ("making use of",),
    "many": ("a large number of", "a lot of"),
    "although": ("even though", "despite the fact that"),
    "if": ("in the event that",),
    "in order to": ("so as to", "with the aim to"),
    "so that": ("in order that",),
    "often": ("more often than not", "in many cases"),
    "usually": ("as a rule", "in most cases"),
    "sometimes": ("at times", "from time to time"),
    "finally": ("in the end", "at last"),
    "therefore": ("for this reason", "as a result"),
    "for example": ("for instance", "by way of example"),
    "whether": ("whether or not",),
    "especially": ("in particular", "above all"),
    "mostly": ("for the most part", "largely"),
    "again": ("once again", "once more"),
    "always": ("at all times",),
    "soon": ("before long", "in the near future"),
    "recently": ("in recent times", "of late"),
    "later": ("later on",),
    "despite": ("in spite of", "notwithstanding"),
    "almost": ("nearly", "just about"),
    "a lot of": ("plenty of", "a great deal of"),
    "in general": ("by and large", "on the whole"),
    "at the same time": ("simultaneously", "at once"),
    "as well as": ("along with", "together with"),
    "in addition": ("furthermore", "on top of that"),
    "as a result": ("as a consequence",),
    "instead of": ("in place of", "rather than"),
    "due to": ("owing to", "because of"),
    "according to": ("as stated by", "as reported by"),
    "in fact": ("as a matter of fact", "in reality"),
    "need to": ("have to",),
    "needs to": ("has to",),
    "try to": ("attempt to", "make an effort to"),
    "tries to": ("attempts to", "makes an effort to"),
    "find out": ("discover", "learn"),
    "look at": ("examine", "take a look at"),
    "quickly": ("in a short time", "rapidly"),
    "however": ("that said", "even so"),
    "such as": ("including", "like"),
    "first": ("to begin with",),
}
_DETERMINERS = frozenset("""a an the this that these those its their his her our my your its
of no any each every some many other different""".split())
_DEGREE = frozenset("how as so too more less very quite".split())
# A paraphrase is not tried after one of these words ...
BLOCK_PREV: dict[str, frozenset[str]] = {
    "uses": _DETERMINERS, "need to": _DETERMINERS, "look at": _DETERMINERS,
    "many": _DETERMINERS | _DEGREE, "often": _DEGREE, "quickly": _DEGREE,
    "soon": _DEGREE, "if": frozenset("as even only what".split()),
}
# ... nor before one of these ...
BLOCK_NEXT: dict[str, frozenset[str]] = {
    "because": frozenset({"of"}), "many": frozenset({"of"}), "in addition": frozenset({"to"}),
    "in general": frozenset({"terms"}),
}
# ... and only after one of these (the verb "use", not the noun).
ALLOW_PREV: dict[str, frozenset[str]] = {
    "use": frozenset("""to can could will would may might must should we they you i not also
    often generally typically usually people users""".split()),
}
# Only at the start of a sentence.
INITIAL_ONLY = frozenset({"first"})

# Carrier sentences for a term with no sentence of its own in the held-out text ({} = term).
TEMPLATES = (
    "The report describes the {} in some detail.",
    "Recent work has paid close attention to the {}.",
    "In this section we return to the {} and its role.",
    "Most of the discussion below concerns the {}.",
)
