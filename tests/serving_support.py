"""`watchfloor serve`'s app under a real uvicorn on 127.0.0.1, for any test folder."""

from __future__ import annotations

import threading
import time


def serve_in_thread(db, **serve_settings):
    """`watchfloor serve`'s app under a real uvicorn on 127.0.0.1, in a thread: (server,
    thread, base URL). Stop it with ``server.should_exit = True; thread.join()``."""
    import socket

    import uvicorn

    from watchfloor.serve.app import create_app
    from watchfloor.settings import load_settings

    settings = load_settings(env={})
    settings["serve"].update(serve_settings)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db), settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    return server, thread, f"http://127.0.0.1:{port}"
