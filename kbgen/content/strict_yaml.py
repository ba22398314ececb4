"""YAML as writers mean it: duplicate keys are errors, ``no`` stays a string, lines are kept.

PyYAML silently keeps the last of two equal keys and follows YAML 1.1, where
``no``/``yes``/``on``/``off`` are booleans (``language: no`` would become False).
We compose the node tree first so every key's line is known, reject duplicates,
and resolve only ``true``/``false`` as booleans (YAML 1.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

KeyPath = tuple[Any, ...]


@dataclass
class YamlError(Exception):
    message: str
    line: int  # 1-based, in the YAML text
    column: int | None = None
    duplicate_key: bool = False
    unclosed: bool = False
    hint: str = ""  # what to change, in the writer's words, when the cause is known

    def __str__(self) -> str:
        return self.message


class _Loader(yaml.SafeLoader):
    pass


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser where PyYAML has it: ten times faster, which 10,000 articles need.

    Its error marks point past the problem (often at the end of the text), so a document it
    rejects is parsed again by the pure-Python loader to tell the writer where to look.
    """


def _or_text(construct: Any) -> Any:
    """A scalar that looks like a date or number but is none (2026-13-01, 0x_), or is tagged as one
    (!!timestamp soon), stays text, for the schema to report with its key and line; PyYAML would raise
    a bare ValueError (an AttributeError for a tagged timestamp its pattern does not match)."""
    def construct_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, AttributeError):
            return node.value
    return construct_or_text


for _cls in (_Loader, _FastLoader):
    for _tag in ("timestamp", "int", "float"):
        _cls.add_constructor(f"tag:yaml.org,2002:{_tag}",
                             _or_text(yaml.SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"]))
    # Copy the resolver table so SafeLoader itself is left alone, then swap the bool rule.
    _cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )


def load_yaml(text: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse one YAML document; return the data and a map of key path -> 1-based line.

    Raises YamlError for syntax errors and duplicate keys.
    """
    flat = flat_mapping(text)
    return flat if flat is not None else load_yaml_tree(text)


def load_yaml_tree(text: str) -> tuple[Any, dict[KeyPath, int]]:
    """load_yaml through PyYAML's node tree, whatever the text: what flat_mapping must agree with."""
    try:
        return _load(text, _FastLoader)
    except yaml.YAMLError:
        return _load(text, _Loader)


def _load(text: str, loader_class: type) -> tuple[Any, dict[KeyPath, int]]:
    loader = None
    try:
        loader = loader_class(text)  # the pure-Python reader rejects control characters right here
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[KeyPath, int] = {}
        plain = _index(node, (), lines, set())
        return (_construct(node, loader) if plain else loader.construct_document(node)), lines
    except yaml.YAMLError as exc:
        if loader_class is _FastLoader:
            raise
        raise _yaml_error(exc, text) from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_error(exc: yaml.YAMLError, text: str) -> YamlError:
    if not isinstance(exc, yaml.MarkedYAMLError):  # e.g. a reader error on a control character
        return YamlError(f"invalid YAML: {exc}", 1)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else None
    return _cause(exc, text.split("\n"), line) or YamlError(
        f"invalid YAML: {exc.problem or exc.context or 'invalid YAML'}", line, column)


# PyYAML reports where its reading stopped, often lines below what the writer got wrong. These are
# the mistakes writers make, found at the line where they are made.
_OPENING_QUOTE = re.compile(r"""((?:[ ]*- +)*[ ]*(?:[^\s#'"\[{-][^:]*: +)?)(["'])""")
_QUOTED = {'"': re.compile(r'"(?:[^"\\]|\\.)*"'), "'": re.compile(r"'(?:[^']|'')*'")}
_NEW_ENTRY = re.compile(r"""[ ]*(?:- |-$|[^\s#'"-][^:]*:(?: |$))""")
_KEY_VALUE = re.compile(r"""[ ]*(?:- +)?([^\s#'"-][^:]*?): +(\S.*)""")


def _cause(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> YamlError | None:
    """The writer's mistake behind a PyYAML error stopped at ``line``, or None when it is none of these."""
    for number, text in enumerate(lines[:line], 1):
        opening = _OPENING_QUOTE.match(text)
        if opening is None or _QUOTED[opening.group(2)].match(text, opening.start(2)):
            continue
        following = lines[number] if number < len(lines) else ""
        if _NEW_ENTRY.match(following) or number == len(lines) or not following.strip():
            quote = opening.group(2)
            return YamlError(f"the {quote} opened on this line is not closed", number, opening.start(2) + 1,
                             hint=f"end the value with {quote} on the same line")
    problem, text = exc.problem or "", lines[line - 1] if line <= len(lines) else ""
    if "'\\t'" in problem:
        indent = len(text) - len(text.lstrip(" \t"))
        if "\t" in text[:indent]:
            return YamlError("a tab indents this line", line, text.index("\t") + 1,
                             hint="indent with spaces (two per level); YAML does not accept tabs")
        return YamlError("a tab in this line", line, text.index("\t") + 1 if "\t" in text else None,
                         hint="replace the tab with a space")
    if problem == "mapping values are not allowed here":
        entry = _KEY_VALUE.match(text)
        if entry and ": " in entry.group(2):
            key = entry.group(1)
            return YamlError(f"': ' inside the unquoted value of {key}", line, exc.problem_mark.column + 1,
                             hint=f'put the value in quotes: {key}: "…"')
        if text.startswith(" "):
            return YamlError("this line is indented under the value above", line, 1,
                             hint="start each field at the same column as the others")
    if problem.startswith("expected <block end>") and exc.context == "while parsing a block mapping" \
            and text.lstrip().startswith("-"):
        return YamlError("a list item among the fields", line, len(text) - len(text.lstrip()) + 1,
                         hint="a list belongs to a field: write `tags:` and indent its items under it "
                              "(`  - item`), or make the line a `field: value`")
    return None


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _index(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], seen_nodes: set[int]) -> bool:
    """Record the line of every key and item under ``node``; raise YamlError for a duplicate key.

    Returns whether the tree is plain: no node reached twice (aliases), no merge keys, no
    tags other than the default ones on mappings, sequences and keys.
    """
    # Aliases share nodes: visiting each once keeps a "billion laughs" document linear.
    if id(node) in seen_nodes:
        return False
    seen_nodes.add(id(node))
    plain = True
    if isinstance(node, yaml.MappingNode):
        plain = node.tag == _MAP
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlError(
                    f"duplicate key '{key}' (first defined on line {seen[key]})",
                    line,
                    key_node.start_mark.column + 1,
                    duplicate_key=True,
                )
            seen[key] = line
            lines[path + (key,)] = line
            plain = _index(value_node, path + (key,), lines, seen_nodes) and plain and key_node.tag == _STR
    elif isinstance(node, yaml.SequenceNode):
        plain = node.tag == _SEQ
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            plain = _index(item, path + (i,), lines, seen_nodes) and plain
    return plain


def _construct(node: yaml.Node, loader: Any) -> Any:
    """What PyYAML's constructor makes of a plain tree (see _index), without its bookkeeping for
    aliases and merge keys on every node: a third of loading 10,000 articles. Scalars other than
    strings (dates, numbers, booleans) are still PyYAML's own."""
    if isinstance(node, yaml.MappingNode):
        return {key_node.value: _construct(value_node, loader) for key_node, value_node in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader) for item in node.value]
    return node.value if node.tag == _STR else loader.construct_object(node)


# Front matter is nearly always flat: one `key: value` per line, the value a plain or simply quoted
# string, a date or a one-line [list]. Such a text is read here directly, without composing a node
# tree: most of loading 10,000 articles. This reading accepts only what it is sure YAML reads the same
# way (tests/test_yaml.py compares both on every file at hand); anything else takes the full path.
_FLAT_LINE = re.compile(r"([a-z][a-z0-9_]*): ([^ ].*)")
# What this reading is sure of: printable characters, no tabs, no YAML 1.1 line breaks (U+0085,
# U+2028, U+2029) and no byte order mark.
_UNSURE_CHARACTER = re.compile("[^\n\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\U00010000-\U0010FFFF]")
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"  # first characters this reader leaves to PyYAML
_NOT_IN_FLOW_ITEM = re.compile(r"[,\[\]{}#:'\"]")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def flat_mapping(text: str) -> tuple[dict[str, Any], dict[KeyPath, int]] | None:
    """What load_yaml returns for a flat mapping (see above), or None when ``text`` is not one."""
    if _UNSURE_CHARACTER.search(text):
        return None
    data: dict[str, Any] = {}
    lines: dict[KeyPath, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        entry = _flat_entry(line)
        if entry is None:
            return None
        key, value = entry
        if key in data:
            return None  # a duplicate is an error the full path reports with both lines
        lines[(key,)] = number
        if isinstance(value, tuple):
            lines.update(((key, i), number) for i in range(len(value)))
            value = list(value)
        data[key] = value
    return (data, lines) if data else None


# A KB's front matter repeats most of its lines (category, owner, tags, dates) from file to file.
@lru_cache(maxsize=1 << 12)
def _flat_entry(line: str) -> tuple[str, str | date | tuple[str, ...]] | None:
    """(key, value) of one `key: value` line, a [list] as a tuple; None when unsure."""
    match = _FLAT_LINE.fullmatch(line)
    if match is None:
        return None
    key, written = match.groups()
    if not _is_string(key):
        return None
    if written.startswith("["):
        items = _flow_items(written)
        return None if items is None else (key, items)
    value = _flat_scalar(written)
    return None if value is None else (key, value)


def _flat_scalar(written: str) -> str | date | None:
    """A one-line block scalar: a string or a date, or None when unsure."""
    if written[0] in "\"'":
        inner = written[1:-1]
        # Without escapes (\\ in "", '' in '') the text between the quotes is the string.
        simple = len(written) > 1 and written[-1] == written[0] and written[0] not in inner and "\\" not in inner
        return inner if simple else None
    if written[0] in _INDICATORS or written.endswith((" ", ":")) or ": " in written or " #" in written:
        return None
    tag = _implicit_tag(written)
    if tag == _STR:
        return written
    if tag == _TIMESTAMP and (ymd := _DATE.fullmatch(written)):
        try:
            return date(*map(int, ymd.groups()))
        except ValueError:  # 2026-02-30: the full path decides what that is
            return None
    return None


def _flow_items(written: str) -> tuple[str, ...] | None:
    """The plain strings of a one-line flow sequence ``[a, b]``, or None when unsure."""
    if not written.endswith("]"):
        return None
    inner = written[1:-1]
    if not inner.strip(" "):
        return ()
    items = tuple(item.strip(" ") for item in inner.split(","))
    for item in items:
        if not item or item[0] in _INDICATORS or _NOT_IN_FLOW_ITEM.search(item) or not _is_string(item):
            return None
    return items


def _is_string(plain: str) -> bool:
    """Whether the loaders read a non-empty plain scalar as a string."""
    return _implicit_tag(plain) == _STR


def _implicit_tag(plain: str) -> str:
    """The tag the loaders resolve a non-empty plain scalar to (PyYAML's BaseResolver.resolve)."""
    for tag, regexp in _RESOLVERS.get(plain[0], _ANY_FIRST):
        if regexp.match(plain):
            return tag
    return _STR


# BaseResolver.resolve's table: the resolvers for each first character, then those for any.
_ANY_FIRST = tuple(_Loader.yaml_implicit_resolvers.get(None, []))
_RESOLVERS = {first: tuple(resolvers) + _ANY_FIRST for first, resolvers in _Loader.yaml_implicit_resolvers.items()
              if first is not None}
