"""A scriptable OpenAI-compatible server on loopback, for the openai backend's retry and error paths."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.loopback import LoopbackServer, send_json


class FakeServer(LoopbackServer):
    """`script` is consumed one entry per request: an int HTTP status to fail with (and `Retry-After: 0`), a
    (status, retry_after) pair to fail with `Retry-After: retry_after` (seconds; None sends no Retry-After),
    "hang" to sleep past the client's timeout, or "ok". When it runs out, every request succeeds with `answer`
    and `finish_reason`. `arrivals` holds each request's arrival time (time.monotonic())."""

    def __init__(
        self, script: list | None = None, answer: str = "The answer is \\boxed{42}.", finish_reason: str = "stop"
    ):
        self.script, self.answer, self.finish_reason = list(script or []), answer, finish_reason
        self.bodies: list[dict] = []
        self.arrivals: list[float] = []
        self.in_flight = self.max_in_flight = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server.lock:
                    server.arrivals.append(time.monotonic())
                    server.bodies.append({**body, "_path": self.path})
                    step = server.script.pop(0) if server.script else "ok"
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    time.sleep(0.02)
                    if step == "hang":
                        time.sleep(3)
                        return
                    if isinstance(step, (int, tuple)):
                        status, wait = (step, 0) if isinstance(step, int) else step
                        retry_after = None if wait is None else str(wait)
                        self._send(status, {"error": {"message": f"scripted {status}"}}, retry_after=retry_after)
                        return
                    text, finish = server.answer, server.finish_reason
                    if self.path.endswith("/chat/completions"):
                        choice = {"message": {"role": "assistant", "content": text}, "finish_reason": finish}
                    else:
                        choice = {"text": text, "finish_reason": finish}
                    self._send(200, {"choices": [choice], "usage": {"prompt_tokens": 10, "completion_tokens": 7}})
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def _send(self, status: int, payload: dict, retry_after: str | None = None):
                send_json(self, status, payload, None if retry_after is None else {"Retry-After": retry_after})

        super().__init__(Handler)
