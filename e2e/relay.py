"""A TCP relay that reaches the server from a chosen loopback source address.

Browsers cannot pick their source address, so each simulated household gets
its own relay: the server sees a distinct peer address (127.x.y.z) on the
socket itself, exactly as it would see distinct phones, with no header trick.
"""

from __future__ import annotations

import socket
import threading


class Relay:
    def __init__(self, target_port: int, source_address: str) -> None:
        self.target = ("127.0.0.1", target_port)
        self.source = source_address
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop.set()
        self.listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with (
            client,
            socket.create_connection(
                self.target, source_address=(self.source, 0)
            ) as upstream,
        ):
            back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
            back.start()
            _pipe(client, upstream)
            back.join()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
