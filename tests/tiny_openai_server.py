"""A real OpenAI-compatible server on loopback serving a local model through cfteval's hf backend: GET /v1/models,
POST /v1/chat/completions (the model's chat template) and /v1/completions. One request at a time (the model is
not thread-safe); enough for the critique pipeline's end-to-end test against a served model."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cfteval.backends import Request, SamplingParams
from cfteval.backends.hf import HFBackend


class TinyServer:
    def __init__(self, model_path: str, name: str = "tiny"):
        self.backend = HFBackend(model_path, batch_size=1)
        self.name = name
        self.requests = 0
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
                params = SamplingParams(
                    int(body.get("max_tokens", 16)), float(body.get("temperature", 0.0)), float(body.get("top_p", 1.0))
                )
                with lock:
                    server.requests += 1
                    (done,) = server.backend.generate([Request(prompt, int(body.get("seed", 0)))], params)
                reply = {"message": {"role": "assistant", "content": done.text}} if chat else {"text": done.text}
                choice = {**reply, "finish_reason": done.finish_reason}
                usage = {"prompt_tokens": done.prompt_tokens, "completion_tokens": done.completion_tokens}
                self._send(200, {"choices": [choice], "usage": usage})

            def _send(self, status: int, payload: dict):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> TinyServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
