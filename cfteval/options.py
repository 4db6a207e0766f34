"""Options declared once, as dataclass fields, and turned into command-line flags from there.

A field made with `option(default, help)` carries its help text; its flag is `--field-name` (or the flag
spellings given after the help), its type comes from the annotation, a bool is a switch (a True default is
turned off by its flag, e.g. `option(True, "no progress bars", "--no-progress")`). `add_options` adds a
dataclass's fields to a parser and `from_args` reads them back.
"""

from __future__ import annotations

import argparse
import types
import typing
from dataclasses import Field, field, fields
from typing import Any


def option(default: Any, help: str, *flags: str, **argparse_extras: Any) -> Any:
    """A dataclass field with its command-line help (and, optionally, its flag spellings, choices, metavar)."""
    return field(default=default, metadata={"help": help, "flags": flags, "extras": argparse_extras})


def add_options(parser, cls: type, only: tuple[str, ...] | None = None, skip: tuple[str, ...] = ()) -> None:
    """Add a flag for each option field of `cls` (those of `only`, in its order, if given; none of `skip`)."""
    by_name = {f.name: f for f in fields(cls) if "help" in f.metadata}
    hints = typing.get_type_hints(cls)
    for name in only or tuple(by_name):
        if name not in skip:
            _add(parser, by_name[name], hints[name])


def from_args(cls: type, args: argparse.Namespace):
    """An instance of `cls` from the parsed flags that exist for its fields (the rest keep their defaults)."""
    return cls(**{f.name: getattr(args, f.name) for f in fields(cls) if hasattr(args, f.name)})


def _add(parser, f: Field, hint: Any) -> None:
    meta = f.metadata
    flags = meta["flags"] or ("--" + f.name.replace("_", "-"),)
    help_text = meta["help"]
    default = f.default
    if hint is bool:
        action = "store_false" if default else "store_true"
        parser.add_argument(*flags, dest=f.name, action=action, default=default, help=help_text, **meta["extras"])
        return
    kind = _scalar(hint)
    if default is not None:
        help_text = f"{help_text} (default {default})" if help_text else f"default {default}"
    parser.add_argument(*flags, dest=f.name, type=kind, default=default, help=help_text, **meta["extras"])


def _scalar(hint: Any) -> type:
    """int, float or str from `int`, `float | None`, ..."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    return hint if hint in (int, float, str) else str
