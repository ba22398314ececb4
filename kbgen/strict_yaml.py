"""YAML as writers mean it: duplicate keys are errors, ``no`` stays a string, lines are kept.

PyYAML silently keeps the last of two equal keys and follows YAML 1.1, where
``no``/``yes``/``on``/``off`` are booleans (``language: no`` would become False).
We compose the node tree first so every key's line is known, reject duplicates,
and resolve only ``true``/``false`` as booleans (YAML 1.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    """A scalar that looks like a date or number but is none (2026-13-01, 0x_) stays text, for the
    schema to report with its key and line; PyYAML would raise a bare ValueError."""
    def construct_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except ValueError:
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
        raise _yaml_error(exc) from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_error(exc: yaml.YAMLError) -> YamlError:
    if not isinstance(exc, yaml.MarkedYAMLError):  # e.g. a reader error on a control character
        return YamlError(f"invalid YAML: {exc}", 1)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else None
    return YamlError(f"invalid YAML: {exc.problem or exc.context or 'invalid YAML'}", line, column)


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
