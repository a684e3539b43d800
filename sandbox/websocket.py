"""The server side of RFC 6455 WebSockets over an accepted socket, with the standard library only."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import socket
import struct
import threading
from io import BufferedIOBase

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, BINARY, CLOSE, PING, PONG, CONTINUATION = 0x1, 0x2, 0x8, 0x9, 0xA, 0x0
MAX_MESSAGE = 16 * 1024 * 1024


class ProtocolError(Exception):
    """The peer broke RFC 6455 (unmasked frame, oversized or bad control frame)."""


def accept_key(key: str) -> str:
    """Sec-WebSocket-Accept for a client's Sec-WebSocket-Key."""
    return base64.b64encode(hashlib.sha1((key.strip() + GUID).encode()).digest()).decode()


def handshake_reply(headers: dict[str, str]) -> bytes | None:
    """The 101 Switching Protocols answer to an upgrade request; None when it is not a valid one."""
    key = headers.get("sec-websocket-key", "")
    upgrade = headers.get("upgrade", "").lower() == "websocket"
    if not key or not upgrade or headers.get("sec-websocket-version", "13") != "13":
        return None
    return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept_key(key)}\r\n\r\n").encode()


def encode_frame(opcode: int, payload: bytes) -> bytes:
    """One final, unmasked frame, as a server sends them."""
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x80 | opcode, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 126, size)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, size)
    return header + payload


def unmask(key: bytes, data: bytes) -> bytes:
    """XOR data with the 4-byte masking key."""
    whole = (key * (len(data) // 4 + 1))[: len(data)]
    return (int.from_bytes(data, "big") ^ int.from_bytes(whole, "big")).to_bytes(len(data), "big")


class WebSocket:
    """One accepted connection: read client frames on one thread, send from any thread."""

    def __init__(self, sock: socket.socket, reader: BufferedIOBase) -> None:
        self.sock = sock
        self.reader = reader
        self.closed = False
        self._send_lock = threading.Lock()

    def send_text(self, text: str) -> None:
        """Send a text message; OSError when the connection is gone."""
        self._send(TEXT, text.encode())

    def ping(self, payload: bytes = b"") -> None:
        """Send a ping frame (the peer should answer with a pong)."""
        self._send(PING, payload)

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Send a close frame (once) and stop sending; the reader sees the peer go away."""
        if self.closed:
            return
        with contextlib.suppress(OSError):
            self._send(CLOSE, struct.pack("!H", code) + reason.encode())
        self.closed = True

    def abort(self) -> None:
        """Drop the TCP connection at once (unblocks the reading thread)."""
        self.closed = True
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)

    def _send(self, opcode: int, payload: bytes) -> None:
        with self._send_lock:
            if self.closed:
                raise OSError("websocket is closed")
            self.sock.sendall(encode_frame(opcode, payload))

    def receive(self) -> str | bytes | None:
        """The next data message (answering pings on the way); None once the connection ended."""
        pieces: list[bytes] = []
        first_opcode = TEXT
        while True:
            frame = self._read_frame()
            if frame is None:
                return None
            fin, opcode, payload = frame
            if opcode >= CLOSE:
                if not self._control(opcode, payload):
                    return None
                continue
            first_opcode = opcode if opcode != CONTINUATION else first_opcode
            pieces.append(payload)
            if sum(map(len, pieces)) > MAX_MESSAGE:
                raise ProtocolError("message too big")
            if fin:
                data = b"".join(pieces)
                return data.decode() if first_opcode == TEXT else data

    def _control(self, opcode: int, payload: bytes) -> bool:
        """Handle a control frame; False when it ends the connection."""
        if opcode == PING:
            self._send(PONG, payload)
        elif opcode == CLOSE:
            self.close(struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1000)
            return False
        return True

    def _read_frame(self) -> tuple[bool, int, bytes] | None:
        head = self._read(2)
        if head is None:
            return None
        fin, opcode, masked, size = head[0] & 0x80, head[0] & 0x0F, head[1] & 0x80, head[1] & 0x7F
        if not masked:
            raise ProtocolError("client frames must be masked")
        if size >= 126:
            extended = self._read(2 if size == 126 else 8)
            if extended is None:
                return None
            size = struct.unpack("!H" if size == 126 else "!Q", extended)[0]
        if size > MAX_MESSAGE or (opcode >= CLOSE and size > 125):
            raise ProtocolError("frame too big")
        key, data = self._read(4), self._read(size)
        if key is None or data is None:
            return None
        return bool(fin), opcode, unmask(key, data)

    def _read(self, size: int) -> bytes | None:
        if size == 0:
            return b""
        try:
            data = self.reader.read(size)
        except (OSError, ValueError):
            return None
        return data if data and len(data) == size else None
