"""Where a run's docs come from: recorded in run.json by generation, loaded back by scoring.

Three kinds: a benchmark's data file (or hub split), a critic run's candidates file, and an lm-eval samples file
(an imported run). Scoring re-reads the docs through the same `DocSource` the run recorded and refuses data whose
sha256 differs from the one the samples were generated from, so a re-graded run is graded against its own docs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from cfteval.data import DataInfo, data_dir_from_env, load_docs, records_sha256
from cfteval.errors import CftevalError
from cfteval.tasks import Doc, Task, registry

KINDS = ("benchmark", "candidates", "lm-eval")


@dataclass(frozen=True)
class DocSource:
    kind: str  # one of KINDS
    task: str  # the registered task whose records these are
    path: str | None  # benchmark: the data folder (None = the hub); candidates or lm-eval samples: the file
    limit: int | None = None  # first N docs
    shard: tuple[int, int] | None = None  # (i, N): only docs with doc_id % N == i

    def load(self, data_dir: str | None = None, allow_data_mismatch: bool = True) -> tuple[list[Doc], DataInfo]:
        """The docs and where they came from; `data_dir` replaces a benchmark's recorded folder. Scoring allows
        data that differs from the task's pin (it checks the sha256 the run recorded instead)."""
        task = registry().get(self.task)
        if task is None:
            raise CftevalError(f"task '{self.task}' is not registered")
        if self.kind == "benchmark":
            docs, info = load_docs(task, data_dir or self.path, self.limit, allow_data_mismatch, env=False)
        elif self.kind == "candidates":
            from cfteval.critiques.critic import critic_docs

            docs, info = critic_docs(task, self.path, self.limit)
        elif self.kind == "lm-eval":
            docs = samples_file_docs(Path(self.path), task)
            info = DataInfo(f"lm-eval:{self.path}", records_sha256([d.record for d in docs]), len(docs), False)
        else:
            raise CftevalError(f"unknown doc source kind '{self.kind}'; known: {', '.join(KINDS)}")
        if self.shard is not None:
            docs = [d for d in docs if d.doc_id % self.shard[1] == self.shard[0]]
        return docs, info

    def to_dict(self) -> dict:
        return {**asdict(self), "shard": list(self.shard) if self.shard else None}

    @classmethod
    def from_dict(cls, data: dict) -> DocSource:
        try:
            shard = tuple(data["shard"]) if data.get("shard") else None
            return cls(data["kind"], data["task"], data.get("path"), data.get("limit"), shard)
        except (KeyError, TypeError):
            raise CftevalError(f"not a doc source: {data!r}") from None


def benchmark_source(task: Task, data_dir: str | None, limit: int | None) -> DocSource:
    """A benchmark's source, with the data folder resolved now ($CFTEVAL_DATA_DIR read once, at generation)."""
    folder = data_dir_from_env(data_dir)
    return DocSource("benchmark", task.name, str(folder.absolute()) if folder else None, limit)


LM_EVAL_ID = "_cfteval_doc_id"  # the field lm-eval's exported tasks add to each doc (see lmeval.process_docs)


def samples_file_docs(path: Path, task: Task) -> list[Doc]:
    """The docs (with cfteval's golds) of an lm-eval `--log_samples` file, one per line."""
    from cfteval.runio import read_jsonl

    docs = []
    for number, row in enumerate(read_jsonl(path), start=1):
        if not isinstance(row.get("doc"), dict) or "resps" not in row:
            raise CftevalError(f"{path}: record {number} lacks 'doc' or 'resps' (not an lm-eval samples file?)")
        doc = row["doc"]
        doc_id = int(doc.get(LM_EVAL_ID, row.get("doc_id", number - 1)))
        docs.append(task.make_doc(doc_id, {k: v for k, v in doc.items() if k != LM_EVAL_ID}, f"{path}:{number}"))
    return docs
