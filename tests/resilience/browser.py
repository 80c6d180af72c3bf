"""A small HTTP client for the servers the resilience tests start: cookies, CSRF, no redirects followed."""

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str, **headers: str) -> None:
        self.base = base
        self.headers = headers
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, path: str, data: bytes | None = None, **headers: str) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, data=data, headers={**self.headers, **headers})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def post_form(self, path: str, fields: dict[str, str]) -> int:
        """GET the page for its CSRF token, then POST the form; returns the status."""
        _, page = self.request(path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        status, _ = self.request(path, body, **{"Content-Type": "application/x-www-form-urlencoded"})
        return status

    def json(self, path: str) -> tuple[int, dict]:
        status, body = self.request(path)
        return status, json.loads(body)
