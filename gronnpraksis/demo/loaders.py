"""Reading the demo's data files: TOML in `demo/data/`, read with the standard library's `tomllib`."""

import dataclasses
import tomllib
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

DATA = Path(__file__).resolve().parent / "data"


def load(name: str) -> dict[str, Any]:
    """The data file `demo/data/<name>.toml` as a dict (TOML dates and times become `datetime` objects)."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def build[T](cls: type[T], values: dict[str, Any]) -> T:
    """A frozen dataclass of the demo from one table of a data file: lists become the tuples (or nested
    dataclasses) the field's type names, and an optional field the file leaves out is None."""
    assert dataclasses.is_dataclass(cls), cls
    hints = get_type_hints(cls)
    kwargs = {name: _convert(hints[name], value) for name, value in values.items()}
    for spec in dataclasses.fields(cls):
        missing = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
        if missing and spec.name not in kwargs and type(None) in get_args(hints[spec.name]):
            kwargs[spec.name] = None
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return build(hint, value)
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        padded = [
            *value,
            *([None] * (len(args) - len(value))),
        ]  # TOML has no null: trailing Nones are left out
        return tuple(_convert(arg, item) for arg, item in zip(args, padded, strict=True))
    if origin is list:
        return [_convert(args[0], item) for item in value]
    if origin is dict and args:
        return {key: _convert(args[1], item) for key, item in value.items()}
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        structured = [
            arg for arg in args if get_origin(arg) in (tuple, list) or dataclasses.is_dataclass(arg)
        ]
        return _convert(structured[0], value) if structured else value
    return value
