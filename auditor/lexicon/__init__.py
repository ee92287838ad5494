"""The rule packs and the word knowledge the tiers look up.

`loader` reads and validates the YAML rule packs (the shipped ones are `rules/*.yaml`,
installed as `auditor.rules`), `patterns` compiles the rule pattern language and
`matching` runs it; `inventory`, `thesaurus`, `langmodel`, `frequency` and `lemmas` load
the shipped tables in `auditor/data` (synonyms, expressions, the context model, word
frequencies, lemmas); `pps` imports the Problematic Paper Screener's table as a pack. A new
rule is YAML in `rules/`, not code here; a new kind of pattern or a new table goes here.
"""
