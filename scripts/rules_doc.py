#!/usr/bin/env python3
"""Write docs/rules.md from the rule registry (every id auditor can emit).

    python scripts/rules_doc.py          # rewrite docs/rules.md
    python scripts/rules_doc.py --check  # exit 1 when docs/rules.md is out of date
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.core import registry  # noqa: E402
from auditor.reporters.rules_doc import markdown  # noqa: E402


def main() -> int:
    target = ROOT / registry.DOCS
    text = markdown(registry.load())
    if "--check" in sys.argv[1:]:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python scripts/rules_doc.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(registry.load())} rules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
