"""Peak memory and wall time of fetching from hostile servers, each case in a fresh process.

    PYTHONPATH=src python benchmarks/hostile_fetch.py

Cases: a 20 KB gzip-of-a-gzip bomb sent as ``Content-Encoding: gzip, gzip`` (refused before
inflating), the same bomb as plain gzip (inflated with a bound, cut at the 5 MB cap), headers
trickled one byte every 2 s, and an ordinary 80-byte page as the baseline. Each case runs in
its own child process so its peak RSS is its own; the baseline's RSS is the interpreter,
httpx and watchfloor loaded.
"""

from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOMB = gzip.compress(b"\0" * 200_000_000)  # 200 MB of zeros in about 200 KB
PAGE = b"<html><body><p>Curfew lifted in Parachinar after five days.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        try:
            if self.path == "/trickle":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for ch in b"X-Slow: " + b"a" * 100:
                    self.wfile.write(bytes([ch]))
                    self.wfile.flush()
                    time.sleep(2)
                return
            body, enc = {"/double-gzip": (gzip.compress(BOMB), "gzip, gzip"), "/bomb": (BOMB, "gzip"),
                         "/page": (PAGE, None)}[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if enc:
                self.send_header("Content-Encoding", enc)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


def child(url: str) -> None:
    from watchfloor.ingest.fetch import Fetcher, FetchError
    from watchfloor.settings import load_settings

    settings = load_settings(env={})
    settings["fetch"].update(allow_private=True, respect_robots=False)
    started = time.monotonic()
    try:
        with Fetcher(settings) as f:
            outcome = f"{len(f.get(url).content)} bytes"
    except FetchError as exc:
        outcome = str(exc)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"outcome": outcome, "seconds": round(time.monotonic() - started, 2), "peak_rss_mb": round(peak_mb, 1)}))


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for case in ("/page", "/double-gzip", "/bomb", "/trickle"):
        out = subprocess.run([sys.executable, __file__, "--child", base + case], capture_output=True, text=True, check=True)
        print(f"{case:14s} {out.stdout.strip()}")
    server.shutdown()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
