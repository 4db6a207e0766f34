"""Training rows -> (chat messages, target text), the one place that knows the data formats.

Formats (picked per row by its fields):
- WebInstruct-CFT / alpaca: `instruction`, `input`, `output`. The user turn is instruction + "\n" + input (the
  paper's LLaMA-Factory join); the target is `output` (for CFT a critique ending in "Conclusion: right/wrong [END]").
- plain critique: `question`, `candidate`, `critique`; rendered into the WebInstruct-CFT user turn.
- SFT: `question`, `solution` (the paper's SFT baselines: question -> solution).

Sources: a .json file (a list of rows), a .jsonl file, `hub:ORG/NAME` (any hub dataset, through `datasets`), or
`synthetic:N` (N rows of cft_train.synthetic, for tests and the demo).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cft_train.errors import CftTrainError, first_line
from cft_train.format import cft_user_turn

MODES = ("cft", "sft")


@dataclass(frozen=True)
class Example:
    """One training example: the prompt as chat messages and the text the loss is on."""

    messages: tuple[dict, ...]
    target: str
    where: str  # "file:line" of the row, for error messages


def _text(row: dict, key: str, where: str, allow_empty: bool = False) -> str:
    value = row.get(key)
    if not isinstance(value, str):
        kind = "missing" if value is None else f"a {type(value).__name__}, not a string"
        raise CftTrainError(f"{where}: field '{key}' is {kind}")
    if not allow_empty and not value.strip():
        raise CftTrainError(f"{where}: field '{key}' is empty")
    return value


def to_example(row: dict, mode: str, system: str | None, where: str) -> Example:
    """Turn one row into an Example; a row of the wrong shape for `mode` is an error naming `where`."""
    if not isinstance(row, dict):
        raise CftTrainError(f"{where}: a row must be a JSON object, got {type(row).__name__}")
    if mode not in MODES:
        raise CftTrainError(f"unknown mode '{mode}'; known: {', '.join(MODES)}")
    if "instruction" in row or "output" in row:
        instruction = _text(row, "instruction", where)
        extra = _text(row, "input", where, allow_empty=True) if row.get("input") is not None else ""
        user = instruction + "\n" + extra if extra else instruction
        target = _text(row, "output", where)
    elif mode == "cft":
        if "critique" not in row:
            raise CftTrainError(
                f"{where}: a CFT row needs instruction/input/output or question/candidate/critique, "
                f"got fields {sorted(row)}"
            )
        user = cft_user_turn(_text(row, "question", where), _text(row, "candidate", where))
        target = _text(row, "critique", where)
    else:
        if "solution" not in row:
            raise CftTrainError(
                f"{where}: an SFT row needs question/solution or instruction/input/output, got fields {sorted(row)}"
            )
        user = _text(row, "question", where)
        target = _text(row, "solution", where)
    messages = ({"role": "system", "content": system},) if system else ()
    return Example(messages + ({"role": "user", "content": user},), target, where)


def read_rows(source: str, *, split: str = "train", data_files: str | None = None, seed: int = 0) -> list[tuple]:
    """(row, where) pairs from a file, the hub or the synthetic generator."""
    if source.startswith("synthetic:"):
        from cft_train.synthetic import critique_rows

        try:
            count = int(source.split(":", 1)[1])
        except ValueError:
            count = 0
        if count < 1:
            raise CftTrainError(f"'{source}': write synthetic:N with N > 0 rows")
        return [(row, f"{source}#{i}") for i, row in enumerate(critique_rows(count, seed))]
    if source.startswith("hub:"):
        return _hub_rows(source[4:], split, data_files)
    path = Path(source)
    if not path.is_file():
        raise CftTrainError(f"{source}: no such data file (or write hub:ORG/NAME for a hub dataset)")
    try:
        rows = _json_rows(path) if path.suffix == ".json" else _jsonl_rows(path)
    except UnicodeDecodeError:
        raise CftTrainError(f"{source}: not UTF-8 text") from None
    if not rows:
        raise CftTrainError(f"{source}: no rows")
    return rows


def _jsonl_rows(path: Path) -> list[tuple]:
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append((json.loads(line), f"{path}:{number}"))
            except json.JSONDecodeError as e:
                raise CftTrainError(f"{path}:{number}: not valid JSON ({e.msg})") from None
    return rows


def _json_rows(path: Path) -> list[tuple]:
    text = path.read_text(encoding="utf-8-sig")
    if not text.strip():
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CftTrainError(f"{path}:{e.lineno}: not valid JSON ({e.msg})") from None
    if not isinstance(data, list):
        raise CftTrainError(f"{path}: a .json data file must hold a list of rows (use .jsonl for one per line)")
    return [(row, f"{path}#{i}") for i, row in enumerate(data)]


def _hub_rows(dataset_id: str, split: str, data_files: str | None) -> list[tuple]:
    try:
        import datasets
    except ImportError:
        raise CftTrainError("hub datasets need the 'datasets' package: pip install 'cfteval[train]'") from None
    try:
        dataset = datasets.load_dataset(dataset_id, data_files=data_files, split=split)
    except Exception as e:  # the hub, the network or the dataset's own loader: all one message
        raise CftTrainError(f"hub:{dataset_id}: cannot load ({type(e).__name__}: {first_line(e)})") from None
    return [(dict(row), f"hub:{dataset_id}#{i}") for i, row in enumerate(dataset)]


def load_examples(source: str, mode: str, system: str | None, **kwargs) -> list[Example]:
    return [to_example(row, mode, system, where) for row, where in read_rows(source, **kwargs)]
