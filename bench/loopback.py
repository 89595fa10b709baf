"""A minimal, fast HTTP/1.1 keep-alive responder on loopback, for the per-call overhead bench.

It answers `POST /v1/devices/license/actions/assign` with the spec's example
response (`{"requestId": ...}`, 200, application/json) and anything else with a
404, so a client that sends the wrong method or path fails loudly instead of
being timed. One thread per connection, raw sockets, no parsing beyond the
request line, Content-Length and the end of the headers: the server should
cost the same for every client measured, and as little as possible.

It runs in its own process (so it never shares a GIL with the client being
timed): `python bench/loopback.py` prints the port it listens on, then serves
until stdin closes. `GET /__requests` returns how many requests it answered,
and the headers of the last assign request (to check that every client sent
the same thing).
"""

from __future__ import annotations

import json
import socket
import sys
import threading

PATH = b"/v1/devices/license/actions/assign"
BODY = json.dumps({"requestId": "c3f3d17c-79ff-4b35-82df-94446785b6e0"}).encode()
OK = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
    + str(len(BODY)).encode()
    + b"\r\nConnection: keep-alive\r\n\r\n"
    + BODY
)
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"

_count = 0
_last_headers: dict[str, str] = {}
_lock = threading.Lock()


def _serve(conn: socket.socket) -> None:
    global _count, _last_headers
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = b""
    try:
        while True:
            end = buffer.find(b"\r\n\r\n")
            while end < 0:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buffer += chunk
                end = buffer.find(b"\r\n\r\n")
            head, buffer = buffer[:end], buffer[end + 4 :]
            lines = head.split(b"\r\n")
            method, target, _ = lines[0].split(b" ", 2)
            length = 0
            headers: dict[str, str] = {}
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                key = name.strip().lower()
                if key == b"content-length":
                    length = int(value)
                headers[key.decode("latin-1")] = value.strip().decode("latin-1")
            while len(buffer) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            buffer = buffer[length:]
            if method == b"POST" and target.split(b"?")[0] == PATH:
                with _lock:
                    _count += 1
                    _last_headers = headers
                conn.sendall(OK)
            elif method == b"GET" and target == b"/__requests":
                with _lock:
                    data = json.dumps({"count": _count, "last_headers": _last_headers}).encode()
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + str(len(data)).encode()
                    + b"\r\n\r\n"
                    + data
                )
            else:
                conn.sendall(NOT_FOUND)
    except (ConnectionError, OSError, ValueError):
        return
    finally:
        conn.close()


def serve_forever(listener: socket.socket) -> None:
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=_serve, args=(conn,), daemon=True).start()


def main() -> None:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    threading.Thread(target=serve_forever, args=(listener,), daemon=True).start()
    print(listener.getsockname()[1], flush=True)
    sys.stdin.read()  # serve until the parent closes our stdin (or dies)


if __name__ == "__main__":
    main()
