"""The contract every stage shares, and the run that drives the stages.

One `Finding` type and the kinds and verdicts (`findings`), the registry of every rule id
auditor can emit (`registry`, with the code-defined rules in `code_rules`), scoring and
the exit-code policy (`scoring`, `policy`), the errors (`errors`), settings and config
discovery (`settings`, `config`), the spaCy pipeline and its tokenizer (`pipeline`,
`tokenizer`), and the runner that audits one document (`runner`) with suppressions,
baselines, replacements and fixes. A new rule kind, verdict or setting starts here; a new
code-defined rule is one entry in `code_rules`.
"""
