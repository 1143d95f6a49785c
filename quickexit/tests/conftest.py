"""Fixtures of the quick-exit browser tests (REQUIREMENTS.md, H1 and H3).

- `neutral_site` (session): a stand-in "neutral site" (H1). A small threaded HTTPS
  server on 127.0.0.1 with a throwaway self-signed certificate. The quick-exit
  browsers are launched with `--host-resolver-rules` mapping the real default
  destination (https://www.bbc.co.uk/weather) and a second test host onto it, so the
  page's own, validated `https://` link lands here: a second origin, and no weakening
  of the destination validation. It records every request (path, host, headers,
  arrival time) and answers every path with a tiny page titled "Neutral", except
  `/favicon.ico` (404). While `hold()` is active, page requests wait unanswered: the
  exit is frozen mid-way (item 14) and the page under test can be inspected.
- `exit_browser`, `exit_browser_bfcache` (session): Chromium that resolves the stub
  hosts to the stub, with the back/forward cache off (Playwright's default) and on
  (H3); `history_browser` runs a test with each.
- `exit_contexts` (function): a factory of contexts with the probe (exit_probe.js)
  installed; `exit_page`: one page in such a context.

The helpers the tests call are in helpers.py.
"""

import datetime
import ssl
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quickexit.tests.helpers import DEFAULT_HOST, NEUTRAL_TITLE, STUB_HOSTS, probe_script
from safeguarding.testing.browser import launch_chromium

NEUTRAL_HTML = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    f"<title>{NEUTRAL_TITLE}</title></head><body><h1>{NEUTRAL_TITLE}</h1></body></html>"
).encode()
HOLD_LIMIT = 60  # seconds a held request waits at most, so no thread is left behind
BFCACHE_BLOCKING_ARGS = ["--disable-back-forward-cache", "--disable-popup-blocking"]
EXIT_TIMEOUT = 10_000  # ms, Playwright's default timeout in quick-exit contexts


# The neutral site (H1) ------------------------------------------------------------


@dataclass
class StubRequest:
    method: str
    host: str
    path: str
    headers: dict  # lower-case names
    monotonic: float  # time.monotonic() when the request line and headers had arrived
    wall: float  # time.time() at the same moment

    @property
    def url(self):
        return f"https://{self.host}{self.path}"

    @property
    def referer(self):
        return self.headers.get("referer")

    @property
    def is_page(self):
        """A request for a page (the exit), not for the stub's favicon."""
        return self.path != "/favicon.ico"


@dataclass
class NeutralStub:
    port: int
    requests: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _released: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        self._released.set()

    def record(self, request):
        with self._lock:
            self.requests.append(request)

    def mark(self):
        """A position in the log: pass it to `pages_since` to see only later requests."""
        with self._lock:
            return len(self.requests)

    def pages_since(self, mark):
        with self._lock:
            return [r for r in self.requests[mark:] if r.is_page]

    def wait_for_pages(self, mark, count=1, timeout=5.0):
        """Wait until at least `count` page requests arrived after `mark`; return them all."""
        deadline = time.monotonic() + timeout
        while True:
            pages = self.pages_since(mark)
            if len(pages) >= count or time.monotonic() >= deadline:
                return pages
            time.sleep(0.005)

    @contextmanager
    def hold(self):
        """Leave page requests unanswered until the block ends (a hanging destination)."""
        self._released.clear()
        try:
            yield
        finally:
            self._released.set()

    def wait_while_held(self):
        self._released.wait(HOLD_LIMIT)


def _make_handler(stub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def handle(self):
            try:
                self.request.do_handshake()
                super().handle()
            except OSError:
                pass  # A speculative, refused or abandoned connection.

        def do_GET(self):  # noqa: N802 (http.server's naming)
            request = StubRequest(
                method=self.command,
                host=(self.headers.get("Host") or "").split(":")[0],
                path=self.path,
                headers={name.lower(): value for name, value in self.headers.items()},
                monotonic=time.monotonic(),
                wall=time.time(),
            )
            stub.record(request)
            if not request.is_page:
                self._answer(404, b"", "text/plain")
                return
            stub.wait_while_held()
            self._answer(200, NEUTRAL_HTML, "text/html; charset=utf-8")

        do_POST = do_GET  # noqa: N815

        def _answer(self, status, body, content_type):
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # The browser gave up on the request (a closed page, or a new navigation).

        def log_message(self, format, *args):  # noqa: A002 (http.server's naming)
            pass

    return Handler


def _self_signed_certificate(directory):
    """Write a throwaway certificate and key for the stub hosts; return their paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, DEFAULT_HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in STUB_HOSTS]), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = Path(directory) / "stub.crt", Path(directory) / "stub.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _TLSServer(ThreadingHTTPServer):
    """HTTPS, with each TLS handshake done in the connection's own thread."""

    daemon_threads = True

    def __init__(self, address, handler, tls):
        self.tls = tls
        super().__init__(address, handler)

    def get_request(self):
        sock, address = self.socket.accept()
        return self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address


@contextmanager
def serve_neutral_stub():
    """Run the stub in background threads; yield its `NeutralStub`."""
    with tempfile.TemporaryDirectory(prefix="quick-exit-stub-") as directory:
        cert_path, key_path = _self_signed_certificate(directory)
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(cert_path, key_path)

    server = _TLSServer(("127.0.0.1", 0), None, tls)
    stub = NeutralStub(port=server.server_address[1])
    server.RequestHandlerClass = _make_handler(stub)
    thread = threading.Thread(target=server.serve_forever, name="neutral-stub", daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        stub._released.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def host_resolver_rules(port):
    """The Chromium switch that sends the stub hosts' HTTPS traffic to the stub."""
    rules = ", ".join(f"MAP {host}:443 127.0.0.1:{port}" for host in STUB_HOSTS)
    return f"--host-resolver-rules={rules}"


# Fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def neutral_site():
    """The stub neutral site, for the whole session."""
    with serve_neutral_stub() as stub:
        yield stub


def _launch_exit_browser(browser, stub, bfcache):
    options = {"ignore_default_args": BFCACHE_BLOCKING_ARGS} if bfcache else {}
    return launch_chromium(
        browser.browser_type,
        [host_resolver_rules(stub.port), "--ignore-certificate-errors"],
        **options,
    )


@pytest.fixture(scope="session")
def exit_browser(browser, neutral_site):
    """Chromium with Playwright's defaults (no back/forward cache), stub hosts on the stub."""
    chromium = _launch_exit_browser(browser, neutral_site, bfcache=False)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="session")
def exit_browser_bfcache(browser, neutral_site):
    """The same, launched without Playwright's switches that turn off the back/forward
    cache and popup blocking (H3): as a visitor's Chromium behaves."""
    chromium = _launch_exit_browser(browser, neutral_site, bfcache=True)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(params=["bfcache-off", "bfcache-on"])
def history_browser(request):
    """Each history test runs twice (H3): bfcache off (Playwright's default), then on."""
    name = "exit_browser_bfcache" if request.param == "bfcache-on" else "exit_browser"
    return request.getfixturevalue(name)


@pytest.fixture
def exit_contexts(demo_site):
    """Open browser contexts for quick-exit tests; all are closed after the test.

    `exit_contexts(chromium, probe=True, **context_options)` returns a new context with
    the demo site as base URL, certificate errors ignored (the stub's certificate is
    self-signed) and, unless probe=False, the probe (exit_probe.js) installed.
    """
    contexts = []

    def new_context(chromium, probe=True, **options):
        context = chromium.new_context(
            **{"base_url": demo_site, "ignore_https_errors": True, **options}
        )
        context.set_default_timeout(EXIT_TIMEOUT)
        if probe:
            context.add_init_script(probe_script())
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture
def exit_page(exit_browser, exit_contexts):
    """A page in a fresh quick-exit context (bfcache off), probe installed."""
    return exit_contexts(exit_browser).new_page()
