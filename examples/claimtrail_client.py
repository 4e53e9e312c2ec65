#!/usr/bin/env python3
"""Read a Claimtrail server from Python with the standard library only (urllib, json).

The same queries as examples/notebook.ipynb, without requests or pandas:

    python3 examples/claimtrail_client.py --url http://127.0.0.1:4000 --token ct_...

prints a short report: who the token is, every claim (read page by page with the cursor), the newest
entries of the audit trail, one claim now and as it stood a week ago, and the NDJSON export's line count.
The token can also come from the CLAIMTRAIL_TOKEN environment variable, the URL from CLAIMTRAIL_URL.
Create a token with `npx claimtrail token create --actor you --role viewer`.
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime, timedelta, timezone

# Every GraphQL document this script sends. test/examples/documents.spec.ts validates them against
# schema.gql, so a renamed field fails the build rather than a user's script.

VIEWER_QUERY = """
query Viewer {
  viewer { id role }
}
"""

CLAIMS_PAGE_QUERY = """
query ClaimsPage($first: Int!, $after: String) {
  claims(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        statement
        status
        tags
        acceptability
        attributedTo
        version
        createdAt
        updatedAt
        assessment { verdict confidence }
      }
    }
  }
}
"""

AUDIT_TRAIL_QUERY = """
query AuditTrail($first: Int!) {
  auditTrail(first: $first) {
    totalCount
    edges {
      node { position occurredAt type subjectId summary reason actor { id role } }
    }
  }
}
"""

CLAIM_NOW_AND_THEN_QUERY = """
query ClaimNowAndThen($id: ID!, $asOf: DateTime!) {
  now: claim(id: $id) { id statement status version acceptability }
  then: claim(id: $id, asOf: $asOf) { id statement status version acceptability }
}
"""


class ClaimtrailError(Exception):
    """An error the server answered with: a GraphQL error or an HTTP error, with its code."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code

    def __str__(self):
        return f"{self.code}: {self.args[0]}" if self.code else self.args[0]


class Claimtrail:
    """A tiny client: GraphQL over POST /graphql and the streamed /export/* endpoints, one bearer token."""

    def __init__(self, url, token=None, timeout=30):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _request(self, path, body=None):
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            raise _http_error(error) from None

    def execute(self, query, variables=None):
        """The whole GraphQL response, {"data": ..., "errors": [...]}: partial data is possible."""
        with self._request("/graphql", {"query": query, "variables": variables or {}}) as response:
            return json.load(response)

    def query(self, query, variables=None):
        """The data of a GraphQL query; the first error, if any, is raised with its extensions.code."""
        result = self.execute(query, variables)
        if result.get("errors"):
            first = result["errors"][0]
            raise ClaimtrailError(first.get("message", "GraphQL error"), first.get("extensions", {}).get("code"))
        return result["data"]

    def viewer(self):
        return self.query(VIEWER_QUERY)["viewer"]

    def claim_pages(self, page_size=100):
        """Yields each page of claims, oldest first, following the cursor until there is no next page."""
        after = None
        while True:
            page = self.query(CLAIMS_PAGE_QUERY, {"first": page_size, "after": after})["claims"]
            yield page
            if not page["pageInfo"]["hasNextPage"]:
                return
            after = page["pageInfo"]["endCursor"]

    def claims(self, page_size=100):
        return [edge["node"] for page in self.claim_pages(page_size) for edge in page["edges"]]

    def audit_trail(self, first=5):
        return [edge["node"] for edge in self.query(AUDIT_TRAIL_QUERY, {"first": first})["auditTrail"]["edges"]]

    def claim_now_and_then(self, claim_id, as_of):
        """(now, then, note): the claim now and as it stood at `as_of`; `then` is None if it did not exist yet.

        A server without time travel answers `then` with an error and still gives `now`; the note says so.
        """
        result = self.execute(CLAIM_NOW_AND_THEN_QUERY, {"id": claim_id, "asOf": as_of})
        data = result.get("data") or {}
        note = None
        for error in result.get("errors") or []:
            if error.get("path") == ["then"] and "not served by this version" in error.get("message", ""):
                note = "this server does not serve claim(asOf:) yet"
            else:
                raise ClaimtrailError(error.get("message", "GraphQL error"), error.get("extensions", {}).get("code"))
        return data.get("now"), data.get("then"), note

    def export_lines(self, path="/export/claims.ndjson", source_id=None):
        """Yields the records of an NDJSON export one by one, as the server streams them."""
        query = f"?sourceId={source_id}" if source_id else ""
        with self._request(path + query) as response:
            for line in response:
                if line.strip():
                    yield json.loads(line)


def _http_error(error):
    """Our exports answer errors as {"error": {"code", "message"}}; GraphQL as {"errors": [...]}."""
    try:
        body = json.loads(error.read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return ClaimtrailError(f"HTTP {error.code} {error.reason}")
    if isinstance(body.get("error"), dict):
        return ClaimtrailError(body["error"].get("message", str(error)), body["error"].get("code"))
    if body.get("errors"):
        first = body["errors"][0]
        return ClaimtrailError(first.get("message", str(error)), first.get("extensions", {}).get("code"))
    return ClaimtrailError(f"HTTP {error.code} {error.reason}")


def iso(moment):
    """An ISO-8601 date-time with its offset, as the DateTime scalar wants it."""
    return moment.isoformat(timespec="seconds")


def report(client, page_size, out=sys.stdout):
    write = lambda text="": print(text, file=out)  # noqa: E731
    write(f"Claimtrail at {client.url}")

    viewer = client.viewer()
    write(f"viewer: {viewer['id']} ({viewer['role']})")

    pages = list(client.claim_pages(page_size))
    claims = [edge["node"] for page in pages for edge in page["edges"]]
    total = pages[0]["totalCount"] if pages else 0
    write(f"claims: {len(claims)} read in {len(pages)} pages of up to {page_size} (totalCount {total})")
    if claims:
        by_status = Counter(claim["status"] for claim in claims)
        by_label = Counter(claim["acceptability"] for claim in claims)
        write("  by status: " + ", ".join(f"{status} {count}" for status, count in sorted(by_status.items())))
        write("  by acceptability: " + ", ".join(f"{label} {count}" for label, count in sorted(by_label.items())))

    entries = client.audit_trail(first=5)
    write(f"first audit entries (newest first): {len(entries)}")
    for entry in entries:
        write(f"  #{entry['position']} {entry['occurredAt']} {entry['actor']['id']}: {entry['summary']}")

    if claims:
        claim = claims[0]
        week_ago = iso(datetime.now(timezone.utc) - timedelta(days=7))
        now, then, note = client.claim_now_and_then(claim["id"], week_ago)
        write(f"claim {claim['id']} now: version {now['version']}, {now['status']}, {now['acceptability']}")
        if note:
            write(f"  as of {week_ago}: note: {note}")
        elif then is None:
            write(f"  as of {week_ago}: did not exist yet")
        else:
            write(f"  as of {week_ago}: version {then['version']}, {then['status']}, {then['acceptability']}")

    lines = sum(1 for _ in client.export_lines())
    write(f"NDJSON export: {lines} lines")


def main(argv=None):
    parser = argparse.ArgumentParser(description="A short report on a Claimtrail server, with the standard library only.")
    parser.add_argument("--url", default=os.environ.get("CLAIMTRAIL_URL", "http://localhost:4000"), help="the server, e.g. http://127.0.0.1:4000")
    parser.add_argument("--token", default=os.environ.get("CLAIMTRAIL_TOKEN"), help="a bearer token (or set CLAIMTRAIL_TOKEN)")
    parser.add_argument("--page-size", type=int, default=100, help="claims per page, at most 500")
    args = parser.parse_args(argv)
    try:
        report(Claimtrail(args.url, args.token), args.page_size)
    except ClaimtrailError as error:
        print(f"claimtrail_client: {error}", file=sys.stderr)
        return 1
    except urllib.error.URLError as error:
        print(f"claimtrail_client: cannot reach {args.url}: {error.reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
