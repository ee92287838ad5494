"""How well words fit their neighbours under the shipped trigram model, for many options at
once (one `numpy.searchsorted` per n-gram order instead of a lookup per n-gram).

An *option* is a short stretch of a run of words: up to two words of left context, the slot
(the words a finding would replace: one or two), and up to two words of right context.
`association` gives, per option, the log-probability of the slot and the two words after it
under an interpolated (Witten-Bell) 1- to 3-gram model, minus the slot words' own unigram
log-probabilities: how well the slot fits its neighbours, its frequency set aside. The
difference between an original's option and the written one is the log-likelihood ratio the
context tier reports.
"""
from __future__ import annotations

from functools import cache

import numpy

from ..lexicon import langmodel

NONE = -3          # no word at this place of an option (outside the run)
WIDTH = 6          # 2 left + up to 2 slot + 2 right


@cache
def _norm() -> float:
    meta = langmodel.meta()
    return float(meta["tokens"] + meta["types"])


def log_p1(ids: numpy.ndarray) -> numpy.ndarray:
    """Add-one unigram log-probabilities (an unknown word counts 0)."""
    return numpy.log((langmodel.lookup(1, ids) + 1.0) / _norm())


def log_prob(h2: numpy.ndarray, h1: numpy.ndarray, x: numpy.ndarray) -> numpy.ndarray:
    """log P(x | h2 h1), Witten-Bell interpolated; NONE in h1/h2 means no such history.
    P(w | h) = (c(h w) + T(h) P(w | shorter h)) / (c(h) + T(h)), T(h) the number of distinct
    words seen after h (at least 1)."""
    p = numpy.exp(log_p1(x))
    has1 = h1 != NONE
    if has1.any():
        c_h, t_h = langmodel.lookup_both(1, numpy.where(has1, h1, -1))
        c_h, t_h = c_h.astype(float), numpy.maximum(t_h, 1)
        c_hx = langmodel.lookup(2, langmodel.keys(numpy.where(has1, h1, -1), x)).astype(float)
        p = numpy.where(c_h > 0, (c_hx + t_h * p) / (c_h + t_h), p)
    has2 = has1 & (h2 != NONE)
    if has2.any():
        hist = langmodel.keys(numpy.where(has2, h2, -1), numpy.where(has2, h1, -1))
        c_h, t_h = langmodel.lookup_both(2, hist)
        c_h, t_h = c_h.astype(float), numpy.maximum(t_h, 1)
        c_hx = langmodel.lookup(3, langmodel.keys(numpy.where(has2, h2, -1),
                                                  numpy.where(has2, h1, -1), x)).astype(float)
        p = numpy.where(c_h > 0, (c_hx + t_h * p) / (c_h + t_h), p)
    return numpy.log(p)


def association(options: numpy.ndarray, slot_len: numpy.ndarray) -> numpy.ndarray:
    """Per option (rows of WIDTH word ids: columns 0-1 left context, then the slot of
    `slot_len` words, then right context, NONE where absent): the fit of the slot (see the
    module docstring). All scored places of all options go through `log_prob` at once."""
    rows, cols = numpy.nonzero((options[:, 2:] != NONE)
                               & (numpy.arange(2, WIDTH)[None, :] < 2 + slot_len[:, None] + 2))
    cols = cols + 2
    x = options[rows, cols]
    lp = log_prob(options[rows, cols - 2], options[rows, cols - 1], x)
    in_slot = cols < 2 + slot_len[rows]
    lp -= numpy.where(in_slot, log_p1(numpy.where(in_slot, x, -1)), 0.0)
    return numpy.bincount(rows, weights=lp, minlength=len(options))

