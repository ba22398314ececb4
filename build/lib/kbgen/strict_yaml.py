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


# Copy the resolver table so SafeLoader itself is left alone, then swap the bool rule.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml(text: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse one YAML document; return the data and a map of key path -> 1-based line.

    Raises YamlError for syntax errors and duplicate keys.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines: dict[KeyPath, int] = {}
        _index(node, (), lines, set())
        return loader.construct_document(node), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise YamlError(f"invalid YAML: {exc}", 1) from None
    finally:
        loader.dispose()


def _index(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], seen_nodes: set[int]) -> None:
    # Aliases share nodes: visiting each once keeps a "billion laughs" document linear.
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
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
            _index(value_node, path + (key,), lines, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _index(item, path + (i,), lines, seen_nodes)
