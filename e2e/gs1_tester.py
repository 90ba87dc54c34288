"""A Python stand-in for tester.php, the PHP helper of GS1's resolver test suite.

The suite's JavaScript asks `tester.php?test=…&testVal=<url>` to make the HTTP
requests a browser cannot make (no redirect following, custom Origin, raw
headers) and reads back a JSON object. This answers the same commands the
same way, from the PHP source of the commit the suite is vendored from:

- the query is url-decoded once, then parsed (`parse_str(urldecode($query))`),
  so an `&` encoded inside testVal splits it, exactly as the PHP does;
- testVal must start with https://, else it is dropped;
- every request sends `Origin: https://ref.gs1.org/test-suites/resolver/`, and
  never follows a redirect (curl's CURLOPT_FOLLOWLOCATION false);
- the answer merges the status, the response headers (name as sent, last one
  wins) and the request headers, as `array_merge` does.

Requests to the fake https origin are made to the live server over plain HTTP.
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import quote, unquote_plus, urlsplit

ORIGIN = "https://ref.gs1.org/test-suites/resolver/"


class PhpHelper:
    def __init__(self, public_origin: str, server_url: str) -> None:
        self.public = urlsplit(public_origin).netloc
        self.server = urlsplit(server_url).netloc

    def answer(self, request_uri: str, request_headers: dict[str, str]) -> dict:
        """The JSON object tester.php returns for this request (path?query, headers)."""
        self.request_uri = request_uri
        query = urlsplit(request_uri).query
        params = php_parse_query(query)
        test, url = params.get("test"), params.get("testVal")
        if test == "getHTTPversion" and url:
            result = self.http_version(url)
        elif test == "getAllHeaders" and url:
            result = self.headers(
                url, "GET", params.get("mediaType"), params.get("lang"), request_headers
            )
        elif test == "getLinksetHeaders" and url:
            result = self.headers(
                url, "GET", "application/linkset+json", "", request_headers
            )
        elif test == "getLinkset" and url:
            result = json.dumps(self.linkset(url)).strip('"')
        elif test == "getCorsHeaders" and url:
            result = self.headers(
                url, "OPTIONS", None, None, request_headers, cors=True
            )
        else:
            return (
                {"error": "Invalid test command"}
                if test
                else {"error": "No valid command received"}
            )
        return {"test": test, "testVal": url, "result": result}

    def http_version(self, url: str) -> str:
        """get_headers($url): a GET, read the first status line's version."""
        response, _, _ = self._request("GET", url, ["Origin: " + ORIGIN])
        return {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(response.version, "Unknown")

    def headers(
        self, url, method, media_type, lang, request_headers, cors=False
    ) -> dict:
        sent = ["Origin: " + ORIGIN]
        if cors:
            sent.append("Access-Control-Request-Method: GET,HEAD,OPTIONS")
        if media_type is not None:
            sent.append(f"Accept: {media_type}")
        if lang is not None:
            sent.append(f"Accept-Language: {lang}")
        response, raw, _ = self._request(method, url, sent)
        result = {
            "uri": url,
            "httpCode": response.status,
            "httpMsg": status_message(raw),
            "requestURI": self.request_uri,
            "Requesting_User_Agent": request_headers.get("user-agent", ""),
            "Requesting_Accept_Header": request_headers.get("accept", ""),
            "Requesting_Accept_Language": request_headers.get("accept-language", ""),
        }
        return php_array_merge(result, headers_to_array(raw), sent)

    def linkset(self, url: str) -> dict:
        sent = ["Origin: " + ORIGIN, "Accept: application/linkset+json"]
        response, raw, body = self._request("GET", url, sent)
        return {
            "uri": url,
            "httpCode": response.status,
            "httpMsg": status_message(raw),
            "headers": headers_to_array(raw),
            "responseBody": quote(body, safe="-_.~"),  # rawurlencode
        }

    def _request(self, method: str, url: str, sent: list[str]):
        """One request, never following a redirect: (response, raw headers, body)."""
        parts = urlsplit(url)
        if parts.netloc != self.public:
            raise ValueError(
                f"the stand-in only reaches the resolver under test, not {url}"
            )
        connection = http.client.HTTPConnection(self.server, timeout=10)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = dict(line.split(": ", 1) for line in sent)
        headers.setdefault("Accept", "*/*")  # curl's default
        headers = {name: value for name, value in headers.items() if value.strip()}
        try:
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            body = b"" if method == "OPTIONS" else response.read()
        finally:
            connection.close()
        version = {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(response.version, "HTTP/1.1")
        lines = [f"{version} {response.status} {response.reason}"]
        lines += [f"{name}: {value}" for name, value in response.getheaders()]
        return (
            response,
            "\r\n".join(lines) + "\r\n\r\n",
            body.decode("utf-8", "replace"),
        )


def php_parse_query(query: str) -> dict[str, str]:
    """parse_str(urldecode($query)), then the https:// check of parseQuery()."""
    params: dict[str, str] = {}
    for pair in unquote_plus(query).split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        params[unquote_plus(name)] = unquote_plus(value)
    if not params.get("testVal", "").startswith("https://"):
        params["testVal"] = None
    return params


def headers_to_array(raw: str) -> dict:
    """parseHeadersToArray(): `Name: value` pairs, the status line under 0."""
    headers: dict = {}
    for line in raw.strip().split("\r\n"):
        if ": " in line:
            name, value = line.split(": ", 1)
            headers[name] = value
        else:
            headers[0] = line
    return headers


def php_array_merge(*arrays) -> dict:
    """array_merge(): string keys overwrite, integer keys (and lists) append."""
    merged: dict = {}
    index = 0
    for array in arrays:
        items = enumerate(array) if isinstance(array, list) else array.items()
        for key, value in items:
            if isinstance(key, int):
                merged[str(index)] = value
                index += 1
            else:
                merged[key] = value
    return merged


def status_message(raw: str) -> str:
    """parseHttpStatusMessage(): raw headers' words from the third."""
    return " ".join(raw.split(" ")[2:]).strip()
