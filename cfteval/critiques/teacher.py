"""Teacher critiques: the CFT paper's teacher prompt, the conclusion parser, and resumable generation.

A teacher is an OpenAI-compatible server (`URL` or `NAME@URL`, through the openai backend's chat API) or a local
model (path or hub id, through the hf/vllm backend with the model's own chat template). Every finished critique
is appended durably to the output file at once; a rerun skips the (candidate, teacher) pairs already there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from cfteval.backends import (
    ModelOptions,
    Request,
    SamplingParams,
    ServerOptions,
    generate_missing,
    load_backend,
    resolve_backend,
)
from cfteval.critiques.candidates import Candidate
from cfteval.errors import CftevalError, first_line
from cfteval.grading.region import parse_conclusion
from cfteval.options import option
from cfteval.prompts import ChatTemplateError, apply_chat
from cfteval.runio import append_lines, read_jsonl

log = logging.getLogger("cfteval")

TEACHER_SYSTEM = (
    "You are a science expert. A student is trying to solve a question, please explain briefly whether his "
    "solution is correct or not. Finally, conclude your judgement with 'Conclusion: right/wrong [END]'."
)
TEACHER_TEMPERATURE = 0.3  # the paper's sampling for GPT-4o critiques
TEACHER_TOP_P = 0.95

PROBE_TIMEOUT = 10.0  # seconds to wait for a teacher server's /v1/models before a run starts


def teacher_user_turn(question: str, solution: str) -> str:
    """The paper's user turn for the teacher."""
    return f"\nQuestion: {question}\n\nSolution: {solution}\n"


def teacher_messages(question: str, solution: str) -> tuple[dict, ...]:
    user = teacher_user_turn(question, solution)
    return ({"role": "system", "content": TEACHER_SYSTEM}, {"role": "user", "content": user})


@dataclass(frozen=True)
class Teacher:
    """One teacher: its label in the output rows, and how to reach it."""

    label: str  # the server's model name or the local model path; the `teacher` field of each row
    backend: str  # "openai" | "hf" | "vllm"
    model: str  # the model name sent to the server, or the local path / hub id
    base_url: str | None = None


def parse_teacher(spec: str, local_backend: str = "auto", probe_timeout: float = PROBE_TIMEOUT) -> Teacher:
    """`URL` (the served model's name asked from URL/models), `NAME@URL`, or a local model path / hub id.
    A server is probed first, so an unreachable URL is a one-line error at once, not a long retry loop."""
    name, at, url = spec.rpartition("@")
    if not at:
        name, url = "", spec
    if url.startswith(("http://", "https://")):
        url = url.rstrip("/")
        served = _probe(url, probe_timeout)
        if not name:
            if not served:
                raise CftevalError(f"teacher {url}: the server lists no model at {url}/models; write NAME@{url}")
            name = served[0]
        return Teacher(name, "openai", name, url)
    if "://" in spec:
        raise CftevalError(f"teacher '{spec}': only http(s) URLs are supported")
    from cfteval.backends import check_model_path
    from cfteval.tiny import BUILTIN, ensure_tiny_model

    path = str(ensure_tiny_model()) if spec == BUILTIN else spec
    check_model_path(path)
    return Teacher(spec, resolve_backend(local_backend), path)


def _probe(url: str, timeout: float) -> list[str]:
    """The model ids URL/models lists; [] when the server answers but has no such route; an error when
    nothing answers at all."""
    key = os.environ.get("OPENAI_API_KEY", "EMPTY")
    request = urllib.request.Request(url + "/models", headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            listed = json.loads(response.read().decode("utf-8")).get("data") or []
            return [str(m["id"]) for m in listed if isinstance(m, dict) and m.get("id")]
    except urllib.error.HTTPError:
        return []  # reachable; a server without /models (or that needs a key for it) still serves completions
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise CftevalError(f"teacher {url} is unreachable ({type(reason).__name__}: {reason})") from None
    except (ValueError, AttributeError, TypeError):
        return []


@dataclass
class CritiqueOptions(ModelOptions, ServerOptions):
    """Teacher sampling and serving options of `cfteval data critique` (its flags are built from these fields;
    a server teacher's URL comes from its --teacher spec and it is always asked through the chat API; the model
    options apply to local teachers, whose critiques are saved per batch)."""

    temperature: float = option(TEACHER_TEMPERATURE, "the paper's 0.3")
    top_p: float = option(TEACHER_TOP_P, "the paper's 0.95")
    max_new_tokens: int = option(1024, "critique length limit")
    seed: int = option(0, "sampling seed (each critique's own seed derives from it)")
    progress: bool = option(True, "no progress bar", "--no-progress")


def critique_key(row: dict) -> tuple[str, str]:
    return str(row["candidate_id"]), str(row["teacher"])


def read_done(out: Path) -> dict[tuple[str, str], dict]:
    """Critiques already written (a torn last line from a crash is repaired)."""
    if not out.exists():
        return {}
    done = {}
    for number, row in enumerate(read_jsonl(out, repair=True), start=1):
        if "candidate_id" not in row or "teacher" not in row:
            raise CftevalError(f"{out}:{number}: not a critique row (no candidate_id/teacher); use another --out")
        done.setdefault(critique_key(row), row)
    return done


def generate_critiques(candidates: list[Candidate], teachers: list[Teacher], out: Path, opts: CritiqueOptions) -> int:
    """Ask every teacher for a critique of every candidate not yet in `out`; return how many were written now."""
    done = read_done(out)
    total = len(candidates) * len(teachers)
    bar = tqdm(total=total, initial=total - _missing(candidates, teachers, done), desc="critiques", unit="critique",
               disable=not opts.progress)  # fmt: skip
    written = 0
    try:
        for teacher in teachers:
            todo = [c for c in candidates if (c.candidate_id, teacher.label) not in done]
            if not todo:
                continue
            backend, render = _load(teacher, opts)
            params = SamplingParams(opts.max_new_tokens, opts.temperature, opts.top_p)
            requests = [Request(render(c), _seed(opts.seed, c.candidate_id, teacher.label), _messages(c)) for c in todo]

            def write(completions: list, todo: list[Candidate] = todo, label: str = teacher.label) -> None:
                nonlocal written
                rows = [critique_row(todo[i], label, c.text, c.finish_reason) for i, c in completions]
                append_lines(out, sorted(rows, key=lambda r: r["candidate_id"]))
                written += len(rows)
                bar.update(len(rows))

            try:
                generate_missing(backend, requests, params, set(), write)
            except CftevalError as e:
                raise CftevalError(f"teacher {teacher.label}: {e}; rerun the same command to resume") from None
    finally:
        bar.close()
    return written


def _missing(candidates: list[Candidate], teachers: list[Teacher], done: dict) -> int:
    return sum((c.candidate_id, t.label) not in done for c in candidates for t in teachers)


def _messages(c: Candidate) -> tuple[dict, ...]:
    return teacher_messages(c.question, c.candidate)


def _seed(seed: int, candidate_id: str, teacher: str) -> int:
    return int(hashlib.sha256(f"{seed}:{candidate_id}:{teacher}".encode()).hexdigest()[:8], 16)


def _load(teacher: Teacher, opts: CritiqueOptions) -> tuple[object, Callable[[Candidate], str]]:
    """The backend and a function rendering a candidate's teacher prompt as that backend needs it."""
    if teacher.backend == "openai":
        server = replace(opts.server(), base_url=teacher.base_url, api="chat")
        backend = load_backend("openai", teacher.model, server=server, batch_size=opts.batch_size)
        return backend, lambda c: json.dumps(_messages(c))
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(teacher.model, trust_remote_code=opts.trust_remote_code)
    except (OSError, ValueError) as e:
        raise CftevalError(f"teacher {teacher.label}: cannot load a tokenizer: {first_line(e)}") from None
    if not getattr(tokenizer, "chat_template", None):
        raise CftevalError(f"teacher {teacher.label}: the tokenizer has no chat template for the teacher prompt")
    backend = load_backend(teacher.backend, teacher.model, options=opts.model())

    def render(c: Candidate) -> str:
        try:
            return apply_chat(tokenizer, _messages(c), tokenize=False, add_generation_prompt=True)
        except ChatTemplateError as e:
            raise CftevalError(f"teacher {teacher.label}: {e}") from None

    return backend, render


def critique_row(c: Candidate, teacher: str, critique: str, finish_reason: str) -> dict:
    """One output row: the plain critique schema (trainable as is) plus what verification needs."""
    return {
        "question": c.question,
        "candidate": c.candidate,
        "critique": critique,
        "candidate_id": c.candidate_id,
        "task": c.task,
        "doc_id": c.doc_id,
        "gold": c.gold,
        "grader_correct": c.grader_correct,
        "teacher": teacher,
        "conclusion": parse_conclusion(critique),
        "finish_reason": finish_reason,
    }
