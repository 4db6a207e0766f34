"""Generation backends behind one small interface.

A backend takes prompts plus sampling parameters and yields completions (text, finish reason, token
counts). It knows nothing of tasks or grading. `plan` groups request indices into the batches the backend
will run; the runner asks for a plan over *all* requests of a task and skips finished ones, so a resumed run
regenerates the same batches as an uninterrupted one (batched numerics depend on batch composition).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Literal, Protocol

from cfteval.errors import CftevalError
from cfteval.options import option

FinishReason = Literal["stop", "length"]


@dataclass
class ModelOptions:
    """How a local backend (hf, vllm) loads and batches the checkpoint."""

    dtype: str = option("auto", "auto | float32 | bfloat16 | float16")
    device: str = option("auto", "auto | cpu | cuda | cuda:N")
    batch_size: int = option(16, "prompts per generation batch")
    trust_remote_code: bool = option(False, "let transformers run the checkpoint's own code")

    def model(self) -> ModelOptions:
        """The model part of an options object that extends this one."""
        return ModelOptions(**{f.name: getattr(self, f.name) for f in fields(ModelOptions)})


LOCAL_DEFAULTS = ModelOptions()


@dataclass
class ServerOptions:
    """How to talk to an OpenAI-compatible server: the openai backend's settings, shared with critique teachers."""

    base_url: str | None = option(
        None, "the server's /v1 URL, e.g. http://localhost:8000/v1 (default $OPENAI_BASE_URL)"
    )
    api: str = option(
        "completions", "completions: the prompt text as rendered; chat: messages, templated by the server",
        choices=["completions", "chat"],
    )  # fmt: skip
    concurrency: int = option(8, "requests in flight")
    request_timeout: float = option(600.0, "seconds per request")
    max_retries: int = option(6, "retries of a request after 429/5xx/timeouts, with exponential backoff")

    def server(self) -> ServerOptions:
        """The server part of an options object that extends this one."""
        return ServerOptions(**{f.name: getattr(self, f.name) for f in fields(ServerOptions)})


@dataclass(frozen=True)
class SamplingParams:
    max_new_tokens: int
    temperature: float = 0.0  # 0 = greedy (the paper's setting)
    top_p: float = 1.0
    stop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Request:
    prompt: str
    seed: int  # used when sampling: every backend samples each request with its own seed
    messages: tuple[dict, ...] = ()  # the chat turns, for backends that send messages (openai --api chat)


@dataclass(frozen=True)
class Completion:
    index: int  # position of the request in the list given to `generate`
    text: str  # completion text, cut before the first stop string
    finish_reason: FinishReason  # "stop": EOS or a stop string; "length": hit max_new_tokens
    prompt_tokens: int
    completion_tokens: int


class Backend(Protocol):
    name: str

    def plan(self, requests: Sequence[Request], done: set[int]) -> list[list[int]]:
        """Batches of request indices to run, covering every index not in `done`."""
        ...

    def generate(self, requests: Sequence[Request], params: SamplingParams) -> Iterator[Completion]:
        """Yield one completion per request, in any order."""
        ...

    def info(self) -> dict:
        """Backend facts for results.json (device, dtype, library versions)."""
        ...


BACKENDS = ("auto", "hf", "vllm", "openai")


def resolve_backend(name: str) -> str:
    """`auto` is vllm where it is installed (the paper's engine), else hf."""
    if name != "auto":
        return name
    import importlib.util

    return "vllm" if importlib.util.find_spec("vllm") is not None else "hf"


DTYPES = ("auto", "float32", "bfloat16", "float16")


def load_backend(name: str, model: str, **options) -> Backend:
    """Instantiate a backend; its heavy imports happen here, not when cfteval is imported."""
    if name == "hf":
        from cfteval.backends.hf import HFBackend

        return HFBackend(model, **options)
    if name == "vllm":
        from cfteval.backends.vllm import VLLMBackend

        return VLLMBackend(model, **options)
    if name == "openai":
        from cfteval.backends.openai import OpenAIBackend

        return OpenAIBackend(model, **options)
    raise CftevalError(f"unknown backend '{name}'; available: {', '.join(BACKENDS)}")


def generate_missing(
    backend: Backend,
    requests: Sequence[Request],
    params: SamplingParams,
    done: set[int],
    write: Callable[[list[tuple[int, Completion]]], None],
) -> None:
    """Generate every request whose index is not in `done`, in the backend's batches. Each batch's completions
    (request index, completion) go to `write`, a durable append, before the next batch starts; when a request
    fails, those that came back before it are written first, then the error is raised. `done` grows as batches
    are written. The one generation loop of `cfteval run` and `cfteval data critique`."""
    for batch in backend.plan(requests, done):
        got: list[tuple[int, Completion]] = []
        try:
            for c in backend.generate([requests[i] for i in batch], params):
                if batch[c.index] not in done:
                    got.append((batch[c.index], c))
        except CftevalError as e:
            write(got)
            raise e from None
        write(got)
        done.update(i for i, _ in got)


def cut_at_stop(text: str, stop: Sequence[str]) -> tuple[str, bool]:
    """Cut `text` before the earliest stop string; say whether one was found."""
    positions = [p for p in (text.find(s) for s in stop if s) if p >= 0]
    if not positions:
        return text, False
    return text[: min(positions)], True


HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def check_model_path(model: str) -> None:
    """A local path must exist; anything else must look like a hub id (`org/name`)."""
    if os.path.exists(model):
        return
    if model.startswith((".", "/", "~")) or not HUB_ID.match(model):
        raise CftevalError(f"model path does not exist: {model}")
