"""Malformed requests for the fuzz suite, drawn from a seeded random source so every run sends the same ones.

Each ``Case`` is one HTTP request (a socket.io case may open its engine.io session first, counted as
a request of its own). The cases cover what a stranger can reach: the REST, socket.io (engine.io
long-polling), Alexa and Twilio endpoints of Rasa, Rasa's API without its token, and the page server.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

REST = "/webhooks/rest/webhook"
ALEXA = "/webhooks/alexa/webhook"
TWILIO = "/webhooks/twilio_voice/webhook"
JSON = {"Content-Type": "application/json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}

WEIRD_STRINGS = [
    "",
    " ",
    "\\udfff",
    "\\ud800x",
    "a\\u0000b",
    "\\u202e\\u200b",
    "🙂" * 50,
    "x" * 300,
    "/ restart",
    "/restart",
    "/ back",
    "/session_start",
    '/request_stretch{"stretch": "\\udfff"}',
    "/EXTERNAL_hold_over",
    "'; DROP TABLE events; --",
    "<script>alert(1)</script>",
    "%s%n%x",
    "${jndi:ldap://x}",
]
JSON_VALUES = ["null", "true", "false", "0", "-1", "1e999", "3.5", "[]", "{}", '[""]', '{"a": null}', '"x"']


@dataclass(frozen=True)
class Case:
    """One request: ``target`` names the endpoint family in the counts."""

    target: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    """For the page server: the exact bytes sent on the socket (request line and headers included)."""
    needs_sid: bool = False
    """A socket.io case: open an engine.io session first and put its sid in the path (``{sid}``)."""
    signed_form: tuple[tuple[str, str], ...] | None = None
    """A Twilio case signed over these fields with the stack's auth token, so it reaches the guard."""


def _weird(rng: random.Random) -> str:
    return rng.choice(WEIRD_STRINGS)


def _json_value(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(JSON_VALUES)
    return json.dumps(_weird(rng)).replace("\\\\u", "\\u")  # keep the escapes as JSON escapes


def _random_bytes(rng: random.Random, most: int = 200) -> bytes:
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, most)))


def rest_cases(rng: random.Random, count: int) -> list[Case]:
    cases: list[Case] = []
    for _ in range(count):
        kind = rng.randrange(10)
        if kind == 0:
            body = _random_bytes(rng)
        elif kind == 1:
            body = rng.choice(
                [*JSON_VALUES, "", "{", "[" * rng.randint(1, 50_000), '{"sender": "a", "message": ']
            ).encode()
        elif kind in (2, 3, 4):
            fields = {"sender": _json_value(rng), "message": _json_value(rng)}
            body = ("{" + ", ".join(f'"{k}": {v}' for k, v in fields.items() if rng.random() < 0.9) + "}").encode()
        elif kind == 5:
            sender = json.dumps(f"fuzz-{rng.randrange(10**6)}")
            body = f'{{"sender": {sender}, "message": {json.dumps(_weird(rng))}}}'.replace("\\\\u", "\\u").encode()
        elif kind == 6:
            body = json.dumps({"sender": "fuzz", "message": "x" * rng.choice([1001, 50_000, 300_000])}).encode()
        elif kind == 7:
            extra = {"input_channel": "alexa", "metadata": {"k": "\udfff"}, "stream": True}
            body = json.dumps({"sender": f"fuzz-{rng.randrange(100)}", "message": "/ restart", **extra}).encode()
        elif kind == 8:
            method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
            cases.append(Case("rest", method, rng.choice([REST, REST + "/", "/webhooks/rest/", "/webhooks/rest"])))
            continue
        else:
            headers = {
                "Content-Type": rng.choice(
                    ["text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", ""]
                )
            }
            cases.append(
                Case("rest", "POST", REST + rng.choice(["", "?stream=true", "?token=x"]), _random_bytes(rng), headers)
            )
            continue
        cases.append(Case("rest", "POST", REST, body, JSON))
    return cases


def api_cases(rng: random.Random, count: int) -> list[Case]:
    """Rasa's API without a valid token: every protected endpoint must refuse."""
    endpoints = [
        ("GET", "/conversations/{c}/tracker"),
        ("POST", "/conversations/{c}/tracker/events"),
        ("PUT", "/conversations/{c}/tracker/events"),
        ("GET", "/conversations/{c}/story"),
        ("POST", "/conversations/{c}/execute"),
        ("POST", "/conversations/{c}/trigger_intent"),
        ("POST", "/conversations/{c}/predict"),
        ("POST", "/conversations/{c}/messages"),
        ("PUT", "/model"),
        ("DELETE", "/model"),
        ("POST", "/model/parse"),
        ("POST", "/model/train"),
        ("GET", "/domain"),
        ("GET", "/status"),
    ]
    cases = []
    for _ in range(count):
        method, path = rng.choice(endpoints)
        path = path.format(c=quote(rng.choice(["patient", "fuzz-1", "%00", "..", "x" * 300]), safe="%"))
        token = rng.choice(["", "?token=", "?token=wrong", "?token=%00", "?token[]=x"])
        body = rng.choice([b'[{"event": "restart"}]', b'{"text": "hi"}', b"", _random_bytes(rng, 50)])
        cases.append(Case("api", method, path + token, body if method != "GET" else None, JSON))
    return cases


def socketio_cases(rng: random.Random, count: int, origin: str) -> list[Case]:
    base = "/socket.io/?"
    good = {"Origin": origin, "Content-Type": "text/plain;charset=UTF-8"}
    packets = [
        "2",
        "3",
        "4",
        "5",
        "6",
        "1",
        "40",
        "40garbage",
        "41",
        "42",
        "42[",
        '42["user_uttered"]',
        '42["user_uttered", 5]',
        '42["user_uttered", {"message": 5, "session_id": "x"}]',
        '42["user_uttered", {"message": "hi \\udfff", "session_id": "\\udfff"}]',
        '42["session_request", {"session_id": "\\udfff"}]',
        '42["session_request", "x"]',
        '42["session_request", null]',
        '42[{"x": 1}]',
        "43",
        "44{}",
        "b4AAAA",
        "\x1e\x1e",
        "42" + json.dumps(["user_uttered", {"message": "x" * 70_000, "session_id": "x"}]),
    ]
    cases = []
    for _ in range(count):
        kind = rng.randrange(4)
        if kind == 0:  # handshakes and queries an engine.io server must refuse or answer
            query = rng.choice(
                [
                    {"EIO": "3", "transport": "polling"},
                    {"EIO": "x", "transport": "polling"},
                    {"EIO": "4", "transport": "websocket"},
                    {"EIO": "4", "transport": "carrier-pigeon"},
                    {"transport": "polling"},
                    {"EIO": "4", "transport": "polling", "sid": "not-a-session"},
                    {"EIO": "4", "transport": "polling", "j": "0"},
                    {"EIO": "4", "transport": "polling", "owner": "x.y"},
                ]
            )
            headers = rng.choice([good, {"Origin": "http://evil.example"}, {}])
            method = rng.choice(["GET", "POST", "PUT", "DELETE"])
            body = _random_bytes(rng, 30) if method != "GET" else None
            cases.append(Case("socketio", method, base + urlencode(query), body, headers))
        else:  # a packet posted into a fresh session
            payload = rng.choice(packets).encode() if kind < 3 else _random_bytes(rng, 100)
            cases.append(
                Case("socketio", "POST", base + "EIO=4&transport=polling&sid={sid}", payload, good, needs_sid=True)
            )
    return cases


def alexa_cases(rng: random.Random, count: int) -> list[Case]:
    chain_urls = [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://evil.example/echo.api/x.pem",
        "https://s3.amazonaws.com/../echo.api/x.pem",
        "",
        "\udfff".encode("utf-8", "surrogatepass").decode("latin-1"),
    ]
    cases = []
    for _ in range(count):
        headers = dict(JSON)
        if rng.random() < 0.7:
            headers["SignatureCertChainUrl"] = rng.choice(chain_urls)
        if rng.random() < 0.7:
            headers["Signature-256" if rng.random() < 0.5 else "Signature"] = rng.choice(["", "AAAA", "%%%", "x" * 500])
        envelope = {
            "version": "1.0",
            "session": {"application": {"applicationId": rng.choice(["", "amzn1.ask.skill.x", "\udfff"])}},
            "request": {
                "type": rng.choice(["LaunchRequest", "IntentRequest", 5, None]),
                "timestamp": "2020-01-01T00:00:00Z",
            },
        }
        body = rng.choice([json.dumps(envelope).encode(), _random_bytes(rng), b"[]", b"null", b""])
        cases.append(Case("alexa", rng.choice(["POST", "POST", "POST", "GET", "PUT"]), ALEXA, body, headers))
    return cases


def twilio_cases(rng: random.Random, count: int) -> list[Case]:
    cases = []
    for _ in range(count):
        form: dict[str, str] = {}
        if rng.random() < 0.9:
            form["From"] = rng.choice(["+15550000001", "", " ", "\x00", "x" * 300, "+1555\udfff"])
        if rng.random() < 0.7:
            form["SpeechResult"] = rng.choice(["/ restart", "/back", "", "hi\x00", "stretch " * 30_000, "next \udfff"])
        if rng.random() < 0.3:
            form["CallStatus"] = rng.choice(["ringing", "in-progress", "completed", ""])
        body = urlencode(form, encoding="utf-8", errors="surrogatepass").encode()
        kind = rng.randrange(4)
        if kind == 0:
            cases.append(Case("twilio", "POST", TWILIO, body, FORM))
        elif kind == 1:
            cases.append(
                Case("twilio", "POST", TWILIO, body, {**FORM, "X-Twilio-Signature": rng.choice(["", "x", "=" * 40])})
            )
        elif kind == 2:
            cases.append(Case("twilio", "POST", TWILIO, _random_bytes(rng), rng.choice([FORM, JSON, {}])))
        else:
            cases.append(Case("twilio", "POST", TWILIO, body, FORM, signed_form=tuple(form.items())))
    return cases


def page_cases(rng: random.Random, count: int) -> list[Case]:
    paths = [
        "/",
        "/%00",
        "/poses/%00.svg",
        "/poses/\x00",
        "/poses/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/serve.py",
        "/static/" + "a" * 5000,
        "/poses/" + "%ff" * 100,
        "//etc/passwd",
        "/webchat.js?x=\x00",
        "/health",
        "/index.html",
        "/nope",
    ]
    cases = []
    for _ in range(count):
        kind = rng.randrange(4)
        if kind == 0:
            method = rng.choice(["GET", "HEAD", "POST", "PUT", "DELETE", "FOO", "TRACE", "CONNECT"])
            line = f"{method} {rng.choice(paths)} HTTP/1.1"
            raw = (line + "\r\nHost: x\r\nContent-Length: 0\r\n\r\n").encode("utf-8", "surrogatepass")
        elif kind == 1:
            version = rng.choice(["HTTP/9.9", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1 extra", "HTTX/1.1", "HTTP/1.x"])
            raw = f"GET {rng.choice(paths)} {version}\r\n\r\n".encode("utf-8", "surrogatepass")
        elif kind == 2:
            raw = (
                b"GET / HTTP/1.1\r\n"
                + b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 100) for i in range(rng.randint(1, 120)))
                + b"\r\n"
            )
        else:
            raw = _random_bytes(rng, 100).replace(b"\r", b"").replace(b"\n", b"") + b"\r\n\r\n"
            if not raw.strip():
                raw = b"X\r\n\r\n"
        cases.append(Case("page", "RAW", "", raw=raw))
    return cases


def all_cases(origin: str, seed: int = 11) -> list[Case]:
    rng = random.Random(seed)
    cases = (
        rest_cases(rng, 3600)
        + api_cases(rng, 500)
        + socketio_cases(rng, 2400, origin)
        + alexa_cases(rng, 1200)
        + twilio_cases(rng, 1300)
        + page_cases(rng, 1000)
    )
    rng.shuffle(cases)
    return cases


# --- Raw framing (issue 23): request heads and bodies mutated byte by byte, sent as is to every server ---------


@dataclass(frozen=True)
class RawCase:
    """Bytes sent as they are to one server (``rasa``, ``actions`` or ``page``); ``mutation`` names what was broken."""

    server: str
    mutation: str
    raw: bytes


RAW_PATHS = {
    "rasa": [
        REST,
        "/socket.io/?EIO=4&transport=polling",
        "/socket.io/?EIO=4&transport=polling&sid=x",
        ALEXA,
        TWILIO,
        "/",
    ],
    "actions": ["/webhook", "/health", "/actions", "/"],
    "page": ["/", "/health", "/static/chat.js", "/poses/x.svg"],
}
BAD_LENGTHS = [
    "-1",
    "-0",
    "abc",
    "",
    " ",
    "+5",
    "0x10",
    "1e3",
    "5, 5",
    "9" * 25,
    "\u0663",
    "5 5",
    "-99999999",
    "99999999",
]
"""Content-Length values no request may carry (or, the last, one Sanic refuses as too large at once)."""
BAD_ENCODINGS = ["gzip, chunked", "Chunked", "chunked, identity", "identity", "", "chunked\x00", "x" * 100, "gzip"]
BAD_VERSIONS = ["", "HTTP/0.9", "HTTP/1.2", "HTTP/2.0", "http/1.1", "HTTP/1.1 x", "HTTP/1", "HTTP/1.1\x00"]
PATH_BYTES = [b"\x00", b"\xff", b"\x80", b"\x7f", b"\x01", b" ", b"\t", b"%00", "é".encode(), b"\xc3", b"\\", b"#"]


def _raw_request(method: str, path: bytes, headers: list[tuple[bytes, bytes]], body: bytes, version: bytes) -> bytes:
    head = method.encode() + b" " + path + (b" " + version if version else b"") + b"\r\n"
    return head + b"".join(name + b": " + value + b"\r\n" for name, value in headers) + b"\r\n" + body


def _mutated(rng: random.Random, server: str) -> RawCase:
    path = rng.choice(RAW_PATHS[server]).encode()
    body = json.dumps({"sender": f"raw-fuzz-{rng.randrange(1000)}", "message": "hi"}).encode()
    method, version = rng.choice(["POST", "POST", "GET", "PUT"]), b"HTTP/1.1"
    headers = [(b"Host", b"127.0.0.1"), (b"Content-Type", b"application/json"), (b"Connection", b"close")]
    length = [(b"Content-Length", str(len(body)).encode())]
    kind = rng.randrange(10)
    if kind == 0:
        value = rng.choice(BAD_LENGTHS)
        return RawCase(
            server,
            "content-length",
            _raw_request(method, path, [*headers, (b"Content-Length", value.encode())], body, version),
        )
    if kind == 1:
        encoding = rng.choice(BAD_ENCODINGS).encode()
        extra = length if rng.random() < 0.3 else []
        raw = _raw_request(method, path, [*headers, (b"Transfer-Encoding", encoding), *extra], b"0\r\n\r\n", version)
        return RawCase(server, "transfer-encoding", raw)
    if kind == 2:
        size = rng.choice([b"zz", b"-1", b"-5", b"ffffffffffffffff", b"g0", b" ", b"0x5"])
        chunked = size + b"\r\nhello\r\n0\r\n\r\n"
        return RawCase(
            server,
            "chunk size",
            _raw_request(method, path, [*headers, (b"Transfer-Encoding", b"chunked")], chunked, version),
        )
    if kind == 3:
        lengths = [
            (b"Content-Length", str(len(body)).encode()),
            (b"Content-Length", str(rng.randrange(len(body))).encode()),
        ]
        if rng.random() < 0.5:
            lengths.append((b"Transfer-Encoding", b"chunked"))
        return RawCase(server, "conflicting lengths", _raw_request(method, path, [*headers, *lengths], body, version))
    if kind == 4:
        bad_version = rng.choice(BAD_VERSIONS).encode()
        if bad_version == b"":  # HTTP/0.9: the request line alone, then nothing
            return RawCase(server, "http/0.9", b"GET " + path + b"\r\n")
        return RawCase(server, "version", _raw_request(method, path, [*headers, *length], body, bad_version))
    if kind == 5:
        at = rng.randrange(len(path) + 1)
        bad_path = path[:at] + rng.choice(PATH_BYTES) + path[at:]
        return RawCase(server, "path bytes", _raw_request(method, bad_path, [*headers, *length], body, version))
    if kind == 6:
        name = rng.choice([b"Content-Length ", b" X-Folded", b"X A", b"", b"X\x00A", b"\xffX", b"X:Y", b"X(A)"])
        raw = _raw_request(method, path, [*headers, *length, (name, b"v")], body, version)
        if rng.random() < 0.3:
            raw = raw.replace(b"Host: 127.0.0.1", b"Host 127.0.0.1")
        return RawCase(server, "header name", raw)
    if kind == 7:
        junk = bytes(rng.choice([0, 1, 8, 10, 13, 27, 127, 255]) for _ in range(rng.randint(1, 4)))
        return RawCase(
            server,
            "header value",
            _raw_request(method, path, [*headers, *length, (b"X-Note", b"a" + junk)], body, version),
        )
    if kind == 8:
        raw = _raw_request(method, path, [*headers, *length], body, version)
        head, _, rest = raw.partition(b"\r\n\r\n")
        head = head.replace(b"\r\n", rng.choice([b"\n", b"\r", b"\n\r"]), rng.randint(1, 3))
        return RawCase(server, "line endings", head + b"\r\n\r\n" + rest)
    # bytes flipped anywhere in a bodiless head (no length to wait for), its final blank line kept
    flipped = bytearray(_raw_request("GET", path, headers, b"", version)[:-4])
    for _ in range(rng.randint(1, 6)):
        flipped[rng.randrange(len(flipped))] = rng.getrandbits(8)
    return RawCase(server, "flipped bytes", bytes(flipped) + b"\r\n\r\n")


def raw_framing_cases(seed: int = 23, count: int = 6000) -> list[RawCase]:
    """``count`` raw requests: 60% to Rasa (every channel's path), 20% each to the action server and the page."""
    rng = random.Random(seed)
    servers = ["rasa"] * 3 + ["actions", "page"]
    return [_mutated(rng, rng.choice(servers)) for _ in range(count)]
