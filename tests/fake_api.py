"""A local fake of the Organization API for the SDK and tccli tests: serves queued answers on 127.0.0.1."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar


def api_error(code: str, message: str, request_id: str) -> tuple[int, str, bytes]:
    """(HTTP status, content type, body) of an API 3.0 error, as the service sends it: 200 and JSON."""
    body = {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}
    return 200, "application/json", json.dumps(body, ensure_ascii=False).encode("utf-8")


class FakeApi(BaseHTTPRequestHandler):
    """Answers each call with the next queued (status, content type, body) and records its headers."""

    protocol_version = "HTTP/1.1"
    queue: ClassVar[list[tuple[int, str, bytes]]] = []
    seen: ClassVar[list[dict[str, str]]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        FakeApi.seen.append(dict(self.headers))
        status, ctype, body = FakeApi.queue.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """Run the fake on a free loopback port; yields 'host:port'."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeApi)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
