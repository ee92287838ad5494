"""Load and validate rule packs (`rules/*.yaml`) into Rule objects.

A pack is a YAML mapping `{prefix: NAME, description: ..., rules: [entry, ...]}`. Every
entry is validated; errors name `file:line` of the entry, and unknown keys are errors (a
misspelt key must never be silently ignored). The pattern mini-language is compiled to
spaCy Matcher patterns by `auditor.lexicon.patterns`.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..core.errors import RulesError
from ..core.findings import Severity
from ..util.cache import cached, file_key
from ..util.safeio import check_regular, read_regular
from .patterns import PatternError, compile_pattern

REQUIRED = ("id", "match", "original", "severity", "message", "examples")
OPTIONAL = ("kind", "not_before", "not_after", "confidence", "note", "requires", "tags")
PACK_KEYS = ("prefix", "description", "rules", "source")
KINDS = ("substitution",)
MAX_PACK_BYTES = 8 * 1024 * 1024  # the shipped lexicon is well under 1 MB
# Nodes a pack may hold once every alias is expanded (billion laughs: a few lines that
# expand to gigabytes when the values are turned into strings).
MAX_EXPANDED_NODES = 1_000_000
_SAFE_TAGS = {f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "value")}
ID_RE = re.compile(r"^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$")


@dataclass(frozen=True)
class Rule:
    id: str
    patterns: tuple  # compiled spaCy token patterns (list of dicts each)
    sources: tuple[str, ...]  # the mini-language strings, for docs
    original: str
    severity: Severity
    message: str
    examples_flag: tuple[str, ...]
    examples_ok: tuple[str, ...]
    kind: str = "substitution"
    not_before: frozenset = frozenset()
    not_after: frozenset = frozenset()
    confidence: float = 1.0
    note: str = ""
    requires: tuple[str, ...] = ()  # lowercase words that must also occur in the document
    tags: tuple[str, ...] = ()
    file: str = ""
    line: int = 0

    @property
    def prefix(self) -> str:
        return self.id.split(".", 1)[0]

    def render_message(self, text: str) -> str:
        try:
            return self.message.format(text=text, original=self.original)
        except (KeyError, IndexError, ValueError):
            return self.message


@dataclass
class Lexicon:
    rules: list[Rule] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def extend(self, other: "Lexicon") -> None:
        known = self.by_id()
        for rule in other.rules:
            if rule.id in known:
                first = known[rule.id]
                raise RulesError(f"{rule.file}:{rule.line}: duplicate rule id {rule.id!r} "
                                 f"(first defined at {first.file}:{first.line})")
            known[rule.id] = rule
            self.rules.append(rule)
        self.files.extend(other.files)


def default_rules_dir() -> Path:
    """The lexicon shipped inside the package: `rules/` is installed as `auditor.rules`."""
    try:
        return Path(str(resources.files("auditor.rules")))
    except ModuleNotFoundError:  # running from a source tree that is not installed
        return Path(__file__).resolve().parent.parent.parent / "rules"


def load_default() -> Lexicon:
    return load_dirs([default_rules_dir()])


def load_dirs(dirs: list[Path | str]) -> Lexicon:
    lexicon = Lexicon()
    for d in dirs:
        d = Path(d)
        if d.is_file():
            lexicon.extend(load_file(d))
            continue
        if not d.is_dir():
            if os.path.lexists(d):  # a FIFO, device or symlink loop
                load_file(d)  # raises the reason
            raise RulesError(f"{d}: rules directory not found")
        for path in sorted(d.glob("*.yaml")) + sorted(d.glob("*.yml")):
            lexicon.extend(load_file(path))
    return lexicon


def _err(path, node, msg) -> RulesError:
    line = node.start_mark.line + 1 if node is not None else 1
    return RulesError(f"{path}:{line}: {msg}")


def load_file(path: Path | str) -> Lexicon:
    """Load one pack (cached on disk by path, size and mtime: see `auditor.util.cache`)."""
    path = Path(path)
    try:
        check_regular(path)
        key = file_key(path)
    except OSError as exc:
        raise RulesError(f"{path}: cannot read rules file: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    return cached(f"rules-{path.stem}", [key], lambda: _load_file(path))


def _load_file(path: Path) -> Lexicon:
    import yaml  # only when a pack is parsed, not when it comes from the cache

    try:  # only regular files: a FIFO would block the run
        text = read_regular(path, MAX_PACK_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot read rules file: "
                         f"{getattr(exc, 'strerror', None) or exc}") from None
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except RecursionError:
        raise RulesError(f"{path}: invalid YAML: values nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise RulesError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if root is None:
        return Lexicon(files=[str(path)])
    _check_graph(path, root)
    if not isinstance(root, yaml.MappingNode):
        raise _err(path, root, "a rules file must be a mapping with 'prefix' and 'rules'")
    pack = {k.value: v for k, v in root.value}
    for key, node in root.value:
        if key.value not in PACK_KEYS:
            raise _err(path, key, f"unknown key {key.value!r} (allowed: {', '.join(PACK_KEYS)})")
    prefix_node = pack.get("prefix")
    if prefix_node is None or not isinstance(prefix_node, yaml.ScalarNode):
        raise _err(path, root, "missing 'prefix' (the id prefix every rule in this file uses)")
    prefix = prefix_node.value
    rules_node = pack.get("rules")
    if not isinstance(rules_node, yaml.SequenceNode):
        raise _err(path, rules_node or root, "'rules' must be a list of entries")
    lexicon = Lexicon(files=[str(path)])
    seen: dict[str, int] = {}
    for entry_node in rules_node.value:
        rule = _load_entry(path, prefix, entry_node)
        if rule.id in seen:
            raise _err(path, entry_node, f"duplicate rule id {rule.id!r} (first at line {seen[rule.id]})")
        seen[rule.id] = rule.line
        lexicon.rules.append(rule)
    return lexicon


def _load_entry(path: Path, prefix: str, node) -> Rule:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise _err(path, node, "each rule must be a mapping")
    entry = _construct(path, node)
    where = f"rule {entry.get('id', '?')!r}"
    for key_node, _ in node.value:
        if key_node.value not in REQUIRED + OPTIONAL:
            raise _err(path, key_node, f"{where}: unknown key {key_node.value!r} "
                                       f"(allowed: {', '.join(REQUIRED + OPTIONAL)})")
    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        raise _err(path, node, f"{where}: missing {', '.join(missing)}")
    rule_id = str(entry["id"])
    if not ID_RE.match(rule_id):
        raise _err(path, node, f"{where}: id must look like 'prefix.some-name' (lowercase)")
    if rule_id.split(".", 1)[0] != prefix:
        raise _err(path, node, f"{where}: id prefix must be {prefix!r}, the file's prefix")
    try:
        severity = Severity.parse(str(entry["severity"]))
    except ValueError as exc:
        raise _err(path, node, f"{where}: {exc}") from None
    kind = entry.get("kind", "substitution")
    if kind not in KINDS:
        raise _err(path, node, f"{where}: unknown kind {kind!r} (choose from {', '.join(KINDS)})")
    matches = entry["match"]
    matches = [matches] if isinstance(matches, str) else matches
    if not matches or not all(isinstance(m, str) for m in matches):
        raise _err(path, node, f"{where}: 'match' must be a pattern string or a list of them")
    try:
        patterns = tuple(compile_pattern(m) for m in matches)
    except PatternError as exc:
        raise _err(path, node, f"{where}: bad pattern: {exc}") from None
    examples = entry["examples"]
    if not isinstance(examples, dict) or set(examples) - {"flag", "ok"}:
        raise _err(path, node, f"{where}: 'examples' must be a mapping with 'flag' and 'ok' lists")
    flag, ok = examples.get("flag") or [], examples.get("ok") or []
    if not all(isinstance(x, str) for x in list(flag) + list(ok)):
        raise _err(path, node, f"{where}: examples must be strings")
    for key in ("not_before", "not_after", "requires", "tags"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str) and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise _err(path, node, f"{where}: '{key}' must be a list of strings (quote YAML "
                                   "words such as on, off, yes, no)")
    confidence = entry.get("confidence", 1.0)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise _err(path, node, f"{where}: confidence must be a number in (0, 1]")
    return Rule(
        id=rule_id, patterns=patterns, sources=tuple(matches), original=str(entry["original"]),
        severity=severity, message=str(entry["message"]), examples_flag=tuple(flag),
        examples_ok=tuple(ok), kind=kind,
        not_before=frozenset(_words(entry.get("not_before"))),
        not_after=frozenset(_words(entry.get("not_after"))),
        confidence=float(confidence), note=str(entry.get("note", "")),
        requires=tuple(_words(entry.get("requires"))), tags=tuple(entry.get("tags") or ()),
        file=str(path), line=node.start_mark.line + 1,
    )


def _construct(path: Path, node) -> dict:
    import yaml

    loader = yaml.SafeLoader("")
    try:
        return loader.construct_mapping(node, deep=True)
    except yaml.YAMLError as exc:  # e.g. a bad timestamp or an unhashable key
        mark = getattr(exc, "problem_mark", None) or node.start_mark
        raise RulesError(f"{path}:{mark.line + 1}: invalid value: "
                         f"{getattr(exc, 'problem', None) or exc}") from None
    finally:
        loader.dispose()


def _check_graph(path: Path, root) -> None:
    """Reject what a safe loader must not build: tags other than YAML's plain data types
    (`!!python/object`, custom `!tags`), recursive aliases, and aliases that expand beyond
    MAX_EXPANDED_NODES nodes. Sizes are memoised per node, so the check itself is linear in
    the composed graph, not in its expansion."""
    import yaml

    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if node.tag not in _SAFE_TAGS:
            raise _err(path, node, f"tag {node.tag!r} is not allowed (rule packs are plain "
                                   "data: strings, numbers, lists and mappings)")
        if key in active:
            raise _err(path, node, "recursive alias")
        active.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = []
        for child in children:
            total += size(child)
            if total > MAX_EXPANDED_NODES:
                raise _err(path, node, "aliases expand to more than "
                                       f"{MAX_EXPANDED_NODES:,} values (billion laughs?)")
        active.discard(key)
        sizes[key] = total
        return total

    try:
        size(root)
    except RecursionError:
        raise _err(path, root, "values nested too deeply") from None


def _words(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split("|")
    return [str(v).lower() for v in value]
