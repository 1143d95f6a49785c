"""What a visitor's browser downloads: requests, bytes on the wire, and what holds up the
first paint. Someone looking for help may be on a slow or capped mobile connection.

Each page is opened in a fresh browser context (empty cache, no cookies) with Chrome's
cache turned off, and every request is logged through the DevTools protocol:

- bytes on the wire are Chrome's own count (`encodedDataLength`: headers and body as
  they arrived). The served demo site gzips pages as production does, but serves static
  files from the apps uncompressed, so this overstates what production sends;
- "compressed" is the gzip size of each page's HTML, CSS and JS (Django's level, 6):
  what production sends of them, whatever the site serving this test does;
- what blocks rendering is Chrome's own verdict (`renderBlockingStatus`, Resource Timing).
"""

import gzip
import re
from base64 import b64decode
from dataclasses import dataclass, field

import pytest

from safeguarding.testing.demo_server import sitemap_paths

pytestmark = pytest.mark.browser

KIB = 1024
ARTICLE = "/practitioners/child-trafficking/"
ARTICLE_MAX_REQUESTS = 4
# The article carries a chart of the latest figures with its table, and approved
# comments; the stylesheets come uncompressed here (see above), so production sends less.
ARTICLE_MAX_WIRE_BYTES = 32 * KIB
PAGE_MAX_COMPRESSED_BYTES = 40 * KIB
CODE_TYPES = {"Document", "Stylesheet", "Script"}  # Chrome's resource types
GZIP_LEVEL = 6  # Django's GZipMiddleware's
CSS_COMMENT = re.compile(rb"/\*.*?\*/", re.S)

PAGE_TYPES = {
    "home": "/",
    "article": ARTICLE,
    "worried page": "/worried-about-a-child/",
    "worried page, area chosen": "/worried-about-a-child/?area=riverside",
    "library": "/resources/",
    "staying safe online": "/staying-safe-online/",
    "accessibility statement": "/accessibility-statement/",
    "search": "/search/",
}


@dataclass
class Request:
    url: str
    type: str = ""
    status: int | None = None
    wire_bytes: int | None = None  # None until it finished
    failed: str = ""
    body: bytes = b""

    def __str__(self):
        size = "unfinished" if self.wire_bytes is None else f"{self.wire_bytes} B"
        return f"{self.type or '?'} {self.status} {self.url} ({size}{self.failed})"


@dataclass
class Traffic:
    """The requests a page made, as Chrome's DevTools protocol reported them."""

    requests: dict = field(default_factory=dict)

    @property
    def network(self):
        """Requests that went over the network (a data: URL does not)."""
        return [r for r in self.requests.values() if not r.url.startswith("data:")]

    @property
    def wire_bytes(self):
        return sum(r.wire_bytes or 0 for r in self.network)

    @property
    def compressed_code_bytes(self):
        """The gzip size of the HTML, CSS and JS, as production sends them."""
        return sum(
            len(gzip.compress(r.body, compresslevel=GZIP_LEVEL))
            for r in self.network
            if r.type in CODE_TYPES
        )

    def of_type(self, kind):
        return [r for r in self.network if r.type == kind]

    def listing(self):
        return "\n".join(f"    {r}" for r in self.requests.values())


class TrafficRecorder:
    """Logs every request of a page, with Chrome's cache off, from `start()` to `stop()`."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.traffic = Traffic()
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)

    def start(self):
        self.traffic = Traffic()
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def stop(self):
        """Wait for the network to go quiet (a favicon is asked for after `load`), read the
        HTML, CSS and JS bodies, and return the traffic."""
        self.page.wait_for_load_state("networkidle")
        for request_id, request in self.traffic.requests.items():
            if request.type in CODE_TYPES and request.wire_bytes is not None:
                answer = self.cdp.send("Network.getResponseBody", {"requestId": request_id})
                text = answer["body"]
                request.body = b64decode(text) if answer["base64Encoded"] else text.encode()
        self.cdp.send("Network.disable")
        return self.traffic

    def _request(self, event):
        return self.traffic.requests.setdefault(event["requestId"], Request(url=""))

    def _sent(self, event):
        request = self._request(event)
        request.url = event["request"]["url"]
        request.type = event.get("type", request.type)

    def _received(self, event):
        request = self._request(event)
        request.status = event["response"]["status"]
        request.type = event.get("type", request.type)

    def _finished(self, event):
        self._request(event).wire_bytes = int(event["encodedDataLength"])

    def _failed(self, event):
        request = self._request(event)
        request.wire_bytes = request.wire_bytes or 0
        request.failed = f", failed: {event.get('errorText', '')}"


def visit_fresh(browser, demo_site, path, then=None):
    """Open `path` in a fresh context; `then(page)` may go on to a second page, which is
    then the one measured. Returns (traffic, page facts)."""
    context = browser.new_context(base_url=demo_site)
    try:
        page = context.new_page()
        recorder = TrafficRecorder(page)
        if then is None:
            recorder.start()
            response = page.goto(path)
        else:
            page.goto(path)
            recorder.start()
            response = then(page)
        traffic = recorder.stop()
        assert response is not None and response.status == 200, f"{path}: {response}"
        return traffic, page_facts(page)
    finally:
        context.close()


def page_facts(page):
    """What the page says about its own loading: Chrome's render-blocking verdicts, its
    icon, and its external scripts that are neither deferred nor async."""
    return page.evaluate(
        """() => ({
        blocking: performance.getEntriesByType("resource")
            .filter((entry) => entry.renderBlockingStatus === "blocking")
            .map((entry) => entry.name),
        icons: [...document.querySelectorAll("link[rel~='icon']")].map((link) => link.href),
        linkedSheets: [...document.querySelectorAll("link[rel~='stylesheet']")]
            .map((link) => link.href),
        blockingScripts: [...document.querySelectorAll("script[src]")]
            .filter((script) => !script.defer && !script.async && script.type !== "module")
            .map((script) => script.src),
    })"""
    )


def search_results(page):
    page.get_by_label("Search this site").fill("trafficking")
    with page.expect_response(lambda answer: answer.request.method == "POST") as posted:
        page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    return posted.value


@pytest.fixture(scope="module")
def resource_page_path(demo_site):
    paths = [path for path in sitemap_paths(demo_site) if re.fullmatch(r"/resources/\d+/", path)]
    assert paths, "The sitemap lists no resource page"
    return paths[0]


@pytest.fixture(scope="module")
def measured_pages(browser, demo_site, resource_page_path):
    """Every public page type, each opened fresh: {name: (traffic, facts)}."""
    pages = {name: visit_fresh(browser, demo_site, path) for name, path in PAGE_TYPES.items()}
    pages["resource page"] = visit_fresh(browser, demo_site, resource_page_path)
    pages["search results"] = visit_fresh(browser, demo_site, "/search/", then=search_results)
    return pages


def test_the_article_loads_fresh_in_at_most_4_requests_and_32_kib(measured_pages):
    traffic, _ = measured_pages["article"]
    unfinished = [r for r in traffic.network if r.wire_bytes is None]
    assert not unfinished, f"Requests still loading:\n{traffic.listing()}"
    assert len(traffic.network) <= ARTICLE_MAX_REQUESTS, (
        f"The article made {len(traffic.network)} requests:\n{traffic.listing()}"
    )
    assert traffic.wire_bytes <= ARTICLE_MAX_WIRE_BYTES, (
        f"The article took {traffic.wire_bytes} B on the wire:\n{traffic.listing()}"
    )


def test_every_page_type_sends_at_most_40_kib_of_compressed_html_css_and_js(measured_pages):
    heavy = {
        name: traffic.compressed_code_bytes
        for name, (traffic, _) in measured_pages.items()
        if traffic.compressed_code_bytes > PAGE_MAX_COMPRESSED_BYTES
    }
    assert not heavy, f"Over {PAGE_MAX_COMPRESSED_BYTES} B of compressed HTML, CSS and JS: {heavy}"


def test_no_page_type_paints_after_a_chain_longer_than_one_stylesheet(measured_pages):
    """Only stylesheets that the page links itself hold up its first paint: they load
    side by side, and none of them waits for another (no @import)."""
    problems = []
    for name, (traffic, facts) in measured_pages.items():
        sheets = traffic.of_type("Stylesheet")
        if sorted(facts["blocking"]) != sorted(facts["linkedSheets"]) or sorted(
            sheet.url for sheet in sheets
        ) != sorted(facts["linkedSheets"]):
            problems.append(
                f"{name}: blocking {facts['blocking']}, linked {facts['linkedSheets']}; "
                f"stylesheets:\n{traffic.listing()}"
            )
        if any(b"@import" in CSS_COMMENT.sub(b"", sheet.body) for sheet in sheets):
            problems.append(f"{name}: a stylesheet @imports another")
        if facts["blockingScripts"]:
            problems.append(f"{name}: scripts not deferred {facts['blockingScripts']}")
        if fonts := [r.url for r in traffic.of_type("Font")]:
            problems.append(f"{name}: loads fonts {fonts}")
    assert not problems, "\n".join(problems)


def test_no_page_type_asks_for_an_icon(measured_pages):
    # Browsers ask for /favicon.ico by themselves unless the page names an icon; the
    # page names an empty one in a data: URL, which costs no request.
    problems = []
    for name, (traffic, facts) in measured_pages.items():
        if not facts["icons"] or not all(icon.startswith("data:") for icon in facts["icons"]):
            problems.append(f"{name}: icons {facts['icons']}")
        icon_requests = [r for r in traffic.network if "icon" in r.url or r.type == "Other"]
        if icon_requests:
            problems.append(f"{name}: requested {[str(r) for r in icon_requests]}")
    assert not problems, "\n".join(problems)
