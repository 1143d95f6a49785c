"""Asking the stack over HTTP, for the stack tests."""

import http.client
import urllib.parse
from dataclasses import dataclass


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def cache(self):
        return self.headers.get("X-Cache")


def ask(base_url, path, method="GET", session=None, body=None, headers=None, timeout=30):
    """One request, redirects not followed."""
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = dict(headers or {})
    if session:
        headers["Cookie"] = f"sessionid={session}"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode(errors="replace"))
    finally:
        connection.close()


def cookie_from(answer, name):
    for header in answer.headers.get_all("Set-Cookie") or []:
        if header.startswith(f"{name}="):
            return header.split("=", 1)[1].split(";", 1)[0]
    return None
