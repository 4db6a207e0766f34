"""OpenAI-compatible server backend: `vllm serve`, SGLang, TGI or a hosted API, through /v1/completions (the
prompt text exactly as the preset rendered it) or /v1/chat/completions (system + user messages; the server's
chat template). Standard library HTTP, bounded concurrency, retries with backoff on 429/5xx/timeouts/refused
connections; a request that still fails stops the run with its error (samples already written are kept, and a
rerun resumes). Nothing is ever scored from a failed request.
"""

from __future__ import annotations

import json
import os
import random
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

from cfteval.backends import LOCAL_DEFAULTS, Completion, Request, SamplingParams, ServerOptions, cut_at_stop
from cfteval.errors import CftevalError

RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}


class RequestFailed(Exception):
    def __init__(self, message: str, retry: bool, wait: float | None = None):
        super().__init__(message)
        self.retry, self.wait = retry, wait


class OpenAIBackend:
    name = "openai"

    def __init__(
        self, model: str, server: ServerOptions, batch_size: int = LOCAL_DEFAULTS.batch_size, backoff: float = 1.0
    ):
        self.model = model
        self.base_url = (server.base_url or os.environ.get("OPENAI_BASE_URL") or "").rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise CftevalError("the openai backend needs --base-url http(s)://HOST:PORT/v1 (or $OPENAI_BASE_URL)")
        if server.api not in ("completions", "chat"):
            raise CftevalError(f"--api must be completions or chat (got '{server.api}')")
        if server.concurrency < 1 or server.request_timeout <= 0:
            raise CftevalError("--concurrency must be >= 1 and --request-timeout > 0")
        self.api, self.concurrency, self.timeout = server.api, server.concurrency, server.request_timeout
        self.chunk = max(batch_size, server.concurrency)
        self.max_retries, self.backoff = server.max_retries, backoff
        self.key = os.environ.get("OPENAI_API_KEY", "EMPTY")

    def info(self) -> dict:
        return {"api": self.api, "server_model": self.model}

    def plan(self, requests: Sequence[Request], done: set[int]) -> list[list[int]]:
        pending = [i for i in range(len(requests)) if i not in done]
        return [pending[i : i + self.chunk] for i in range(0, len(pending), self.chunk)]

    def generate(self, requests: Sequence[Request], params: SamplingParams) -> Iterator[Completion]:
        with ThreadPoolExecutor(self.concurrency) as pool:
            futures = [pool.submit(self._one, i, r, params) for i, r in enumerate(requests)]
            try:
                for future in futures:
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()

    def _body(self, request: Request, params: SamplingParams) -> tuple[str, dict]:
        sampling = params.temperature > 0
        body = {
            "model": self.model,
            "max_tokens": params.max_new_tokens,
            "temperature": params.temperature if sampling else 0.0,
            "top_p": params.top_p if sampling else 1.0,
            "n": 1,
        }
        if sampling:
            body["seed"] = request.seed
        if params.stop:
            body["stop"] = list(params.stop)
        if self.api == "chat":
            if not request.messages:
                raise CftevalError("--api chat needs chat messages: use --prompt chat")
            return "/chat/completions", {**body, "messages": list(request.messages)}
        return "/completions", {**body, "prompt": request.prompt}

    def _one(self, index: int, request: Request, params: SamplingParams) -> Completion:
        path, body = self._body(request, params)
        for attempt in range(self.max_retries + 1):
            try:
                reply = self._post(path, body)
                break
            except RequestFailed as e:
                if not e.retry or attempt == self.max_retries:
                    tries = f" after {attempt + 1} tries" if e.retry else ""
                    raise CftevalError(f"{self.base_url}{path}: {e}{tries}") from None
                delay = e.wait if e.wait is not None else self.backoff * 2**attempt * (0.5 + random.random())
                time.sleep(min(delay, 60.0))
        try:
            choice = reply["choices"][0]
            text = choice["message"]["content"] if self.api == "chat" else choice["text"]
            usage = reply.get("usage") or {}
        except (KeyError, IndexError, TypeError):
            raise CftevalError(f"{self.base_url}{path}: unexpected reply {str(reply)[:200]}") from None
        # A server that ignores `stop` runs on to max_tokens: the text cut here still ended at a stop string.
        text, hit_stop = cut_at_stop(text or "", params.stop)
        finish = "length" if choice.get("finish_reason") == "length" and not hit_stop else "stop"
        return Completion(
            index, text, finish, int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
        )

    def _post(self, path: str, body: dict) -> dict:
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"}
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace")[:300].strip()
            wait = e.headers.get("Retry-After") if e.headers else None
            raise RequestFailed(
                f"HTTP {e.code}: {detail}", e.code in RETRY_STATUS, float(wait) if _number(wait) else None
            ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            reason = getattr(e, "reason", e)
            raise RequestFailed(f"{type(reason).__name__}: {reason}", retry=True) from None
        except json.JSONDecodeError:
            raise RequestFailed("the server's reply is not JSON", retry=True) from None


def _number(text: str | None) -> bool:
    try:
        return text is not None and float(text) >= 0
    except ValueError:
        return False
