"""Typed access to ``params.yaml``: one frozen dataclass per stage section.

Each stage module defines its own ``Params`` dataclass with defaults that match ``params.yaml``; this module
only reads the file and fills the dataclass, refusing unknown keys so that a typo in ``params.yaml`` is an
error, not a silently ignored setting.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


def read_params(path: Path | str = "params.yaml") -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        return {}
    return yaml.safe_load(p.read_text(encoding="utf-8")) or {}


def section(cls: type[T], name: str, path: Path | str | None = "params.yaml") -> T:
    """Build ``cls`` from section ``name`` of the params file (defaults where the file is silent)."""
    data = read_params(path).get(name) if path else None
    return from_dict(cls, data or {}, where=name)


def from_dict(cls: type[T], data: dict[str, Any], where: str = "") -> T:
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls} is not a dataclass")
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(f"params.yaml section {where!r}: unknown keys {unknown}; known: {sorted(known)}")
    kwargs = {}
    for k, v in data.items():
        f = known[k]
        sub = f.type if isinstance(f.type, type) else None
        if sub is not None and dataclasses.is_dataclass(sub) and isinstance(v, dict):
            v = from_dict(sub, v, where=f"{where}.{k}")
        elif isinstance(v, list):
            v = tuple(v)
        kwargs[k] = v
    return cls(**kwargs)  # type: ignore[return-value]
