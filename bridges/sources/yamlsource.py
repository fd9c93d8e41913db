"""Safe YAML reading that remembers the line of every value.

PyYAML's C composer builds the node tree (fast, safe: no Python objects are created from tags);
we turn nodes into plain data ourselves so that we can record line numbers, report duplicate
keys, and refuse anchors and aliases (which content never needs and which make "YAML bombs").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..model.limits import MAX_DEPTH, MAX_NUMBER, MAX_YAML_CHARS

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


# Limits checked before or while parsing (see bridges.limits): deeper YAML makes libyaml slow
# down, and made the composer recurse until it crashed the interpreter.
# Characters that no text of the site needs and that break feeds (XML 1.0 forbids them) or
# terminals: C0 and C1 controls except tab and newline, DEL, lone surrogates, U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_character(text: str) -> re.Match | None:
    """The first character of `text` that the site refuses (one character class: linear)."""
    return _CONTROL.search(text)


def parse_yaml(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document. `first_line` is the file line of the text's first line.

    The document is built from libyaml's events, without recursion, and parsing stops at the
    first collection nested deeper than MAX_DEPTH: the work is linear in the size of the text."""
    offset = first_line - 1
    if len(text) > MAX_YAML_CHARS:
        return Parsed(None, {}, [YamlIssue(first_line, "", "yaml_too_large",
                                           {"size": len(text), "limit": MAX_YAML_CHARS})])
    builder = _Builder(offset)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if builder.add(event):
                break
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        reason = (error.problem or error.context or "").strip()
        return Parsed(None, {}, [YamlIssue(line, "", "yaml_syntax", {"reason": reason})])
    except yaml.YAMLError as error:  # e.g. a second document in the stream
        return Parsed(None, {}, [YamlIssue(first_line, "", "yaml_syntax", {"reason": str(error).splitlines()[0]})])
    if builder.too_deep:
        return Parsed(None, {}, builder.issues)
    builder.lines.setdefault((), first_line)
    return Parsed(builder.data, builder.lines, builder.issues)


class _Collection:
    """A mapping or sequence being built, and the state of its next entry."""
    __slots__ = ("value", "path", "key", "mapping")

    def __init__(self, value, path):
        self.value = value  # dict or list
        self.mapping = isinstance(value, dict)
        self.path = path
        self.key = _NO_KEY  # in a mapping: the key read, waiting for its value


_NO_KEY = object()  # the next scalar of the mapping is a key
_DROP = object()  # the next value of the mapping was reported (complex or duplicate key): left out
_STARTS = {yaml.MappingStartEvent, yaml.SequenceStartEvent}
_ENDS = {yaml.MappingEndEvent, yaml.SequenceEndEvent}
_NODES = _STARTS | {yaml.ScalarEvent, yaml.AliasEvent}


class _Builder:
    """Turns libyaml's event stream into plain data, with the line of every value, reporting
    duplicate keys, aliases, tags and forbidden characters instead of constructing them."""

    def __init__(self, offset: int):
        self.offset = offset
        self.lines: dict = {}
        self.issues: list[YamlIssue] = []
        self.stack: list[_Collection] = []
        self.data = None
        self.too_deep = False
        self.skipping = 0  # depth inside a collection that is left out
        self.after_skip = _NO_KEY  # the mapping's state once it is skipped

    def line(self, event) -> int:
        return event.start_mark.line + 1 + self.offset

    def report(self, event, path, code: str, **params) -> None:
        self.issues.append(YamlIssue(self.lines.get(path, self.line(event)), field_name(path), code, params))

    def skip(self, then=_NO_KEY) -> None:
        """Leave out the collection that starts here (it was reported, or is a key)."""
        self.skipping, self.after_skip = 1, then

    def add(self, event) -> bool:
        """Take one event; True when parsing must stop."""
        kind = type(event)  # compared by identity: this runs for every value of every file
        top = self.stack[-1] if self.stack else None
        if self.skipping:
            self.skipping += 1 if kind in _STARTS else -1 if kind in _ENDS else 0
            if not self.skipping and top is not None:
                top.key = self.after_skip
            return False
        if kind in _ENDS:
            self.stack.pop()
            return False
        if kind not in _NODES:  # stream and document start and end
            return False
        if top is not None and top.mapping:
            if top.key is _NO_KEY:
                if kind is yaml.ScalarEvent:
                    self.key(event, top)
                    return False
                self.report(event, top.path, "yaml_alias" if kind is yaml.AliasEvent else "yaml_complex_key")
                if kind in _STARTS:
                    self.skip(then=_DROP)
                else:
                    top.key = _DROP
                return False
            if top.key is _DROP:  # the value of a key that was reported
                top.key = _NO_KEY
                if kind in _STARTS:
                    self.skip()
                return False
            path = top.path + (top.key,)
        else:
            path = () if top is None else top.path + (len(top.value),)
        if path not in self.lines:
            self.lines[path] = self.line(event)
        if kind is yaml.ScalarEvent:
            self.place(top, self.construct(event, path))
        elif kind is yaml.AliasEvent:
            self.report(event, path, "yaml_alias")
            self.place(top, None)
        else:
            if len(self.stack) >= MAX_DEPTH:
                self.report(event, path, "yaml_too_deep", limit=MAX_DEPTH)
                self.too_deep = True
                return True
            mapping = kind is yaml.MappingStartEvent
            tag = event.tag
            if tag is None or tag == "!":
                tag = _CONSTRUCTOR.resolve(yaml.MappingNode if mapping else yaml.SequenceNode, None, event.implicit)
            if tag != (_MAP if mapping else _SEQ):
                self.report(event, path, "yaml_tag", tag=tag)
                self.place(top, None)
                self.skip()
                return False
            value = {} if mapping else []
            self.place(top, value)
            self.stack.append(_Collection(value, path))
        return False

    def place(self, top: _Collection | None, value) -> None:
        """Put a value where it belongs: the document, the end of a list, or a mapping's key."""
        if top is None:
            self.data = value
        elif not top.mapping:
            top.value.append(value)
        else:
            top.value[top.key] = value
            top.key = _NO_KEY

    def key(self, event, top: _Collection) -> None:
        line = self.line(event)
        key = self.construct(event, top.path, line)
        if key == "<<" or event.tag == "tag:yaml.org,2002:merge":
            self.issues.append(YamlIssue(line, field_name(top.path), "yaml_alias"))
            top.key = _DROP
            return
        try:
            child = top.path + (key,)
            hash(key)
        except TypeError:  # a key the constructor made a list or a mapping of (!!set, !!omap)
            self.issues.append(YamlIssue(line, field_name(top.path), "yaml_complex_key"))
            top.key = _DROP
            return
        if key in top.value:
            self.issues.append(YamlIssue(line, field_name(child), "yaml_duplicate_key",
                                         {"key": key, "first": self.lines.get(child, "?")}))
            top.key = _DROP
            return
        self.lines[child] = line
        top.key = key

    def construct(self, event, path, line: int | None = None):
        line = line or self.lines[path]
        tag = event.tag
        if tag is None or tag == "!":
            tag = _CONSTRUCTOR.resolve(yaml.ScalarNode, event.value, event.implicit)
        value = event.value
        if tag != _STR:
            node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
            try:
                value = _CONSTRUCTOR.construct_object(node, deep=True)
            except yaml.YAMLError:
                # An unknown tag such as !!python/object: never constructed, reported instead.
                self.issues.append(YamlIssue(line, field_name(path), "yaml_tag", {"tag": tag}))
                return None
            except (ValueError, OverflowError):
                # 2024-02-30, 25:61 o'clock, a number of thousands of digits.
                code = "yaml_bad_date" if tag == _TIMESTAMP else "yaml_bad_number"
                self.issues.append(YamlIssue(line, field_name(path), code, {"value": shorten(event.value)}))
                return None
            finally:
                _CONSTRUCTOR.constructed_objects.clear()  # it would otherwise keep every node alive
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not -MAX_NUMBER <= value <= MAX_NUMBER:
            self.issues.append(YamlIssue(line, field_name(path), "yaml_bad_number", {"value": shorten(event.value)}))
            return None  # (NaN fails both comparisons, so it is refused too)
        if isinstance(value, str):
            found = control_character(value)
            if found:
                self.issues.append(YamlIssue(line, field_name(path), "control_character",
                                             {"char": f"U+{ord(found.group()):04X}"}))
                return None
        return value


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def shorten(value: str, limit: int = 60) -> str:
    """A value short enough to quote in a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
