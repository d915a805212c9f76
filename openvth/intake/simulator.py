"""A local stand-in for the DSO API "Verzoek afhandelen": a small HTTP server (stdlib http.server in a thread)
serving the sample requests of openvth/intake/samples/ and any request a test adds, with a publishable PDF and
each attachment the request names. It answers the paths of openvth.intake.dso.DsoClient.

    with DsoSimulator() as simulator:
        DsoClient(simulator.url).request_xml("2026111800001")

`with_values(sample, verzoeknummer=..., bagNummeraanduidingId=...)` gives a sample with elements replaced (by
local name), so a test or the demo can point a sample at records of its own database.
"""

import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def with_values(name_or_content: str | bytes, **values) -> bytes:
    """A sample with the text of every element of each local name replaced; `None` removes those elements."""
    content = sample(name_or_content) if isinstance(name_or_content, str) else name_or_content
    root = ET.fromstring(content)  # noqa: S314 (our own samples)
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if namespace:
        ET.register_namespace("", namespace)
    for parent in list(root.iter()):
        for child in list(parent):
            name = child.tag.rsplit("}", 1)[-1]
            if name in values:
                if values[name] is None:
                    parent.remove(child)
                else:
                    child.text = str(values[name])
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF holding `text` (the 'publiceerbare aanvraag' the DSO renders)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class DsoSimulator:
    """The simulator: `start()` (or `with`) serves on 127.0.0.1 at a free port; `url` is the base URL."""

    def __init__(self, *, api_key: str = "", samples: Path = SAMPLES):
        self.api_key = api_key
        self.requests: dict[str, bytes] = {}
        self.unavailable: set[str] = set()  # verzoeknummers answered with 503
        self.calls: list[str] = []
        for path in sorted(samples.glob("*.xml")):
            number = _verzoeknummer(path.read_bytes())
            if number:
                self.requests.setdefault(number, path.read_bytes())
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def add(self, verzoeknummer: str, content: bytes) -> None:
        self.requests[verzoeknummer] = content

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "DsoSimulator":
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                simulator.calls.append(self.path)
                if simulator.api_key and self.headers.get("X-Api-Key") != simulator.api_key:
                    return self._answer(401, b"API-sleutel ontbreekt of is onjuist.", "text/plain")
                parts = [unquote(p) for p in self.path.split("?", 1)[0].strip("/").split("/")]
                if len(parts) < 2 or parts[0] != "verzoeken" or parts[1] not in simulator.requests:
                    return self._answer(404, b"Verzoek niet gevonden.", "text/plain")
                number = parts[1]
                if number in simulator.unavailable:
                    return self._answer(503, b"Tijdelijk niet beschikbaar.", "text/plain")
                if len(parts) == 2:
                    return self._answer(200, simulator.requests[number], "application/xml")
                if parts[2:] == ["pdf"]:
                    return self._answer(200, minimal_pdf(f"Verzoek {number}"), "application/pdf")
                if len(parts) == 4 and parts[2] == "bijlagen":
                    return self._answer(200, f"Bijlage {parts[3]} van verzoek {number}".encode(), "application/pdf")
                return self._answer(404, b"Onbekend pad.", "text/plain")

            def _answer(self, code: int, body: bytes, content_type: str):
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):  # noqa: A002 (quiet: tests and the demo print nothing)
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="dso-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> "DsoSimulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _verzoeknummer(content: bytes) -> str:
    from .dso import verzoeknummer_in

    return verzoeknummer_in(content)
