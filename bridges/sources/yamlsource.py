"""Safe YAML reading that remembers the line of every value.

PyYAML's C composer builds the node tree (fast, safe: no Python objects are created from tags);
we turn nodes into plain data ourselves so that we can record line numbers, report duplicate
keys, and refuse anchors and aliases (which content never needs and which make "YAML bombs").
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:  # libyaml ships in PyYAML's wheels; the pure-Python loader is the slow fallback.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_MAP, _SEQ, _STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"
# One constructor for every file: only its scalar construction is used, and it keeps no state
# between scalars.
_CONSTRUCTOR = _Loader("")
Path_ = tuple  # a path into the data: ("people", 0, "name")


@dataclass
class YamlIssue:
    line: int
    field: str
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class Parsed:
    data: object
    lines: dict  # Path_ -> 1-based line in the file
    issues: list[YamlIssue]

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its closest ancestor that has one."""
        return line_in(self.lines, path, default=self.lines.get((), 1))


def line_in(lines: dict, path: Path_, default: int = 1) -> int:
    """The line of `path` in a path -> line map, or of its closest ancestor that has one."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return default


def field_name(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_yaml(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document. `first_line` is the file line of the text's first line."""
    offset = first_line - 1
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        reason = (error.problem or error.context or "").strip()
        return Parsed(None, {}, [YamlIssue(line, "", "yaml_syntax", {"reason": reason})])
    except yaml.YAMLError as error:  # e.g. a second document in the stream
        return Parsed(None, {}, [YamlIssue(first_line, "", "yaml_syntax", {"reason": str(error).splitlines()[0]})])
    walker = _Walker(offset)
    data = walker.build(root, ()) if root is not None else None
    walker.lines.setdefault((), first_line)
    return Parsed(data, walker.lines, walker.issues)


class _Walker:
    def __init__(self, offset: int):
        self.offset = offset
        self.lines: dict = {}
        self.issues: list[YamlIssue] = []
        self.seen: set[int] = set()

    def line(self, node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node, path):
        if id(node) in self.seen:
            # The composer shares the anchored node for every alias that points at it.
            line = self.lines.get(path, self.line(node))
            self.issues.append(YamlIssue(line, field_name(path), "yaml_alias"))
            return None
        self.seen.add(id(node))
        self.lines.setdefault(path, self.line(node))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in (_MAP, _SEQ):
            self.issues.append(YamlIssue(self.lines[path], field_name(path), "yaml_tag", {"tag": node.tag}))
            return None
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.issues.append(YamlIssue(self.line(key_node), field_name(path), "yaml_complex_key"))
                    continue
                key = self.scalar(key_node, path)
                if key == "<<" or key_node.tag == "tag:yaml.org,2002:merge":
                    self.issues.append(YamlIssue(self.line(key_node), field_name(path), "yaml_alias"))
                    continue
                child = path + (key,)
                if key in result:
                    self.issues.append(YamlIssue(self.line(key_node), field_name(child), "yaml_duplicate_key",
                                                 {"key": key, "first": self.lines.get(child, "?")}))
                    continue
                self.lines[child] = self.line(key_node)
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node, path):
        if node.tag == _STR:  # most values: the composer has already resolved them as text
            return node.value
        try:
            value = _CONSTRUCTOR.construct_object(node, deep=True)
            _CONSTRUCTOR.constructed_objects.clear()  # it would otherwise keep every node alive
            return value
        except yaml.YAMLError:
            # An unknown tag such as !!python/object: never constructed, reported instead.
            self.issues.append(YamlIssue(self.line(node), field_name(path), "yaml_tag", {"tag": node.tag}))
            return None
