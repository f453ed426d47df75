"""Reading YAML data files and turning validation failures into sentences a person can act on.

Every problem is one line, "FILE:LINE: ENTRY: FIELD: message": the line comes from the YAML
node of the field, so the line number points at the value to fix.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

M = TypeVar("M", bound=BaseModel)


def problem(where: str, entry: str, field_name: str, message: str) -> str:
    return f"{where}: {entry}: {field_name}: {message}"


@dataclass(frozen=True)
class Place:
    """Where an entry is, able to point at one of its fields."""

    doc: Document
    index: int

    def at(self, *loc: Any) -> str:
        return self.doc.where(self.index, loc)

    def __str__(self) -> str:
        return self.doc.where(self.index)


@dataclass
class Document:
    """A parsed YAML file: its data, its node tree (for line numbers), its name for messages."""

    name: str
    data: Any
    node: yaml.Node | None

    def where(self, index: int | None = None, loc: tuple[Any, ...] = ()) -> str:
        node = self.node
        if node is None:
            return self.name
        if index is not None and isinstance(node, yaml.SequenceNode) and index < len(node.value):
            node = _walk(node.value[index], loc)
        return f"{self.name}:{node.start_mark.line + 1}"


def _walk(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The deepest node along loc (field names and list indexes) that exists."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            values = [v for k, v in node.value if getattr(k, "value", None) == part]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            values = node.value[part : part + 1]
        else:
            values = []
        if not values:
            return node
        node = values[0]
    return node


def read_yaml(path: Path, name: str, errors: list[str]) -> Document | None:
    """Parse one file; a syntax error becomes a line naming the file and YAML's line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        errors.append(problem(name, "(file)", "file", f"cannot be read: {exc.strerror}"))
        return None
    except UnicodeDecodeError:
        errors.append(problem(name, "(file)", "file", "is not UTF-8 text"))
        return None
    return parse_yaml(text, name, errors)


def compose(text: str) -> tuple[Any, yaml.Node | None]:
    """The data in text and its node tree; raises yaml.YAMLError."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def parse_yaml(text: str, name: str, errors: list[str]) -> Document | None:
    try:
        data, node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}" if mark else name
        column = f" (column {mark.column + 1})" if mark else ""
        what = exc.problem or exc.context or "unreadable YAML"
        errors.append(
            problem(
                where,
                "(file)",
                "yaml",
                f"not valid YAML: {what}{column}; "
                "quote text that contains ': ' or starts with a special character",
            )
        )
        return None
    except yaml.YAMLError as exc:
        errors.append(problem(name, "(file)", "yaml", f"not valid YAML: {exc}"))
        return None
    return Document(name, data, node)


def entry_label(item: Any, index: int, *keys: str) -> str:
    """How messages name an entry: its id (or inhibited -> facilitated), else its position."""
    if isinstance(item, dict):
        values = [item.get(k) for k in keys]
        if values and all(isinstance(v, str) and v for v in values):
            return " -> ".join(values)  # type: ignore[arg-type]
    return f"entry #{index + 1}"


def validate_entries(
    doc: Document,
    model: type[M],
    errors: list[str],
    *label_keys: str,
    broken: set[str] | None = None,
) -> list[tuple[M, Place]]:
    """Each valid entry with where it is; every invalid field becomes an error line.

    The ids of invalid entries go into broken, so references to them raise no second error.
    """
    label_keys = label_keys or ("id",)
    if doc.data is None:
        errors.append(
            problem(
                doc.name,
                "(file)",
                "file",
                "is empty; it should hold a list of entries, each starting with '- '",
            )
        )
        return []
    if not isinstance(doc.data, list):
        errors.append(
            problem(
                doc.where(),
                "(file)",
                "file",
                f"should be a list of entries, each starting with '- ', not {describe(doc.data)}",
            )
        )
        return []
    valid = []
    for i, item in enumerate(doc.data):
        entry = entry_label(item, i, *label_keys)
        if not isinstance(item, dict):
            errors.append(
                problem(
                    doc.where(i),
                    entry,
                    "entry",
                    f"should be a mapping of fields, not {describe(item)}",
                )
            )
            continue
        try:
            valid.append((model.model_validate(item), Place(doc, i)))
        except ValidationError as exc:
            if broken is not None and isinstance(item.get("id"), str):
                broken.add(item["id"])
            for err in exc.errors():
                loc = tuple(err["loc"])
                errors.append(
                    problem(doc.where(i, loc), entry, dotted(loc) or "entry", explain(err, model))
                )
    return valid


def dotted(loc: tuple[Any, ...]) -> str:
    """('actions', 1, 'action') -> 'actions[1].action'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_WORDS = {
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "a mapping",
    type(None): "empty",
}


def describe(value: Any) -> str:
    word = _TYPE_WORDS.get(type(value), type(value).__name__)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{word} ({str(value)[:40]!r})"
    return word


def explain(err: Any, model: type[BaseModel]) -> str:
    """A pydantic error as a sentence that says what to write instead."""
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "is missing; add it"
    if kind == "extra_forbidden":
        allowed = fields_at(model, tuple(err["loc"])[:-1])
        return f"is not a field here; allowed fields are: {', '.join(allowed)}"
    if kind == "string_type":
        return f"should be text, not {describe(value)}"
    if kind == "list_type":
        return f"should be a list such as [a, b], not {describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"should be a mapping of fields, not {describe(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"should be true or false, not {describe(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"should be a whole number, not {describe(value)}"
    if kind == "too_short":
        return "needs at least one item"
    if kind == "string_too_short":
        return "is empty; write it out"
    if kind == "literal_error":
        return f"{value!r} is not allowed; use one of: {err['ctx']['expected']}"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return str(err["msg"])


def fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at loc, following nested models and lists."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        current = _inner_model(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as Innervation, list[Action] or MuscleTest | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
