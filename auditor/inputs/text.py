"""Plain text: the decoded file is the audited text; only URLs and e-mail addresses are
blanked."""
from __future__ import annotations

from . import AuditText
from .document import decode, mask_plain


def read(data: bytes, name: str) -> AuditText:
    content, encoding, notes = decode(data)
    return AuditText(content=content, text=mask_plain(content), format="text",
                     encoding=encoding, notes=notes)
