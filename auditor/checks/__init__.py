"""Document-level checks that are not spaCy components: grammar (LanguageTool, through
`grammar_client`) and readability (textstat). A new whole-document check goes here; a new
spaCy tier that flags spans goes in `auditor.detectors`.
"""
