"""cfteval's own hf backend behind an OpenAI-compatible HTTP API on loopback: GET /v1/models, POST
/v1/chat/completions (the model's chat template) and /v1/completions, honouring max_tokens, temperature, top_p,
seed, stop (a string or a list: the text is cut at the first one, finish_reason "stop") and n (n choices, choice k
sampled with seed + k). One request at a time (the model is not thread-safe).

It serves a real model for end-to-end tests (the critique pipeline against a served teacher), but the generation is
cfteval's hf backend: a test through it is not an independent check of the openai backend against a real server
such as `vllm serve`."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler

from cfteval.backends import ModelOptions, Request, SamplingParams
from cfteval.backends.hf import HFBackend
from tests.loopback import LoopbackServer, send_json


class HFServer(LoopbackServer):
    """`requests` counts the completion requests served; `bodies` holds their JSON bodies."""

    def __init__(self, model_path: str, name: str = "tiny"):
        self.backend = HFBackend(model_path, ModelOptions(batch_size=1))
        self.name = name
        self.requests = 0
        self.bodies: list[dict] = []
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.rstrip("/") == "/v1/models":
                    self._send(200, {"object": "list", "data": [{"id": server.name, "object": "model"}]})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                chat = self.path.endswith("/chat/completions")
                if body.get("model") != server.name:
                    self._send(404, {"error": {"message": f"model {body.get('model')} does not exist"}})
                    return
                tokenizer = server.backend.tokenizer
                prompt = (
                    tokenizer.apply_chat_template(body["messages"], tokenize=False, add_generation_prompt=True)
                    if chat
                    else body["prompt"]
                )
                stop = body.get("stop") or ()
                params = SamplingParams(
                    int(body.get("max_tokens", 16)),
                    float(body.get("temperature", 0.0)),
                    float(body.get("top_p", 1.0)),
                    (stop,) if isinstance(stop, str) else tuple(stop),
                )
                seed, n = int(body.get("seed", 0)), int(body.get("n", 1))
                with lock:
                    server.requests += 1
                    server.bodies.append(body)
                    done = server.backend.generate([Request(prompt, seed + k) for k in range(n)], params)
                    done = sorted(done, key=lambda c: c.index)
                choices = []
                for c in done:
                    reply = {"message": {"role": "assistant", "content": c.text}} if chat else {"text": c.text}
                    choices.append({"index": c.index, **reply, "finish_reason": c.finish_reason})
                tokens = sum(c.completion_tokens for c in done)
                usage = {"prompt_tokens": done[0].prompt_tokens, "completion_tokens": tokens}
                self._send(200, {"choices": choices, "usage": usage})

            def _send(self, status: int, payload: dict):
                send_json(self, status, payload)

        super().__init__(Handler)
