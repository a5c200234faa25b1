"""collect stage: fetch the URLs of a manifest politely and store content-addressed snapshots.

A researcher's URL list becomes files ``parse`` can read, without hammering anyone's server and without
losing track of what was fetched when: robots.txt is honoured, each host gets a delay between requests, the
user agent says who we are, retries back off on 429/5xx and honour Retry-After, bodies are capped in size,
redirects are bounded and only http(s) is followed. Each snapshot is stored under its sha256
(``<sha256>.html``) with a JSON sidecar (requested URL, final URL, status, headers, fetched_at, sha256); an
existing snapshot is never overwritten; ``index.jsonl`` records each finished URL so a second run resumes
where the first stopped. URLs that fail become quarantine rows with the reason. This stage talks to the
network, so its outputs carry wall-clock fetch times; everything downstream (parse) is deterministic given
the snapshots.
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import json
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from newsclaims.identity import quarantine_id, registrable_domain
from newsclaims.version import __version__

RETRY_STATUSES = {429, 500, 502, 503, 504}
HTML_TYPES = ("text/html", "application/xhtml+xml")
PASS_THROUGH = ("outlet", "published", "language", "synthetic")


@dataclass(frozen=True)
class Params:
    """collect section of params.yaml (values and their reasons are documented there)."""

    user_agent: str = f"newsclaims/{__version__} (research crawler; https://github.com/newsclaims)"
    delay_s: float = 2.0
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    max_retries: int = 3
    backoff_s: float = 2.0
    max_retry_after_s: float = 300.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    respect_robots: bool = True


class Failure(Exception):
    def __init__(self, reason: str, detail: str, permanent: bool = True) -> None:
        super().__init__(detail)
        self.reason, self.detail, self.permanent = reason, detail, permanent


def qrow(url: str, reason: str, detail: str) -> dict:
    return {
        "quarantine_id": quarantine_id("collect", url, None, reason),
        "stage": "collect",
        "path": None,
        "record_id": None,
        "url": url,
        "reason": reason,
        "detail": detail,
    }


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    v = value.strip()
    if v.isdigit():
        return float(v)
    try:
        dt = email.utils.parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    return max(0.0, dt.timestamp() - (now if now is not None else time.time()))


class Fetcher:
    """One polite HTTP client: robots cache, per-host clock, retries, redirects, size cap."""

    def __init__(self, params: Params, sleep: Callable[[float], None] = time.sleep) -> None:
        self.p = params
        self.sleep = sleep
        self.client = httpx.Client(
            headers={
                "User-Agent": params.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            },
            timeout=httpx.Timeout(params.read_timeout_s, connect=params.connect_timeout_s),
            follow_redirects=False,
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[urllib.robotparser.RobotFileParser | None, float]] = {}

    def close(self) -> None:
        self.client.close()

    def _wait(self, host: str, extra: float = 0.0) -> None:
        delay = max(self.p.delay_s, extra)
        last = self._last.get(host)
        if last is not None:
            gap = time.monotonic() - last
            if gap < delay:
                self.sleep(delay - gap)
        self._last[host] = time.monotonic()

    def robots(self, url: str) -> tuple[urllib.robotparser.RobotFileParser | None, float]:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            rp = urllib.robotparser.RobotFileParser()
            crawl_delay = 0.0
            try:
                self._wait(parts.netloc)
                r = self.client.get(key + "/robots.txt")
                if r.status_code >= 500:
                    rp.disallow_all = True  # RFC 9309: server error -> assume complete disallow
                elif r.status_code in (401, 403):
                    rp.disallow_all = True
                elif r.status_code >= 400:
                    rp.allow_all = True
                else:
                    rp.parse(r.text.splitlines())
                    crawl_delay = float(rp.crawl_delay(self.p.user_agent) or 0.0)
            except httpx.HTTPError:
                rp.disallow_all = True  # unreachable robots.txt: do not crawl blind
            self._robots[key] = (rp, crawl_delay)
        return self._robots[key]

    def _allowed(self, url: str) -> float:
        if not self.p.respect_robots:
            return 0.0
        rp, crawl_delay = self.robots(url)
        if rp is not None and not rp.can_fetch(self.p.user_agent, url):
            raise Failure(
                "robots_disallowed", f"{url}: robots.txt of the site disallows our user agent here."
            )
        return crawl_delay

    def _get(self, url: str, extra_delay: float) -> tuple[httpx.Response, bytes]:
        """One request with retries on 429/5xx/transport errors; body read with the size cap."""
        host = urlsplit(url).netloc
        attempt = 0
        while True:
            self._wait(host, extra_delay)
            wait: float | None = None
            try:
                with self.client.stream("GET", url) as r:
                    if r.status_code in RETRY_STATUSES:
                        wait = retry_after_seconds(r.headers.get("Retry-After"))
                        last_error = f"HTTP {r.status_code}"
                    else:
                        n = int(r.headers.get("Content-Length") or 0)
                        if n > self.p.max_bytes:
                            raise Failure(
                                "too_large",
                                f"{url}: Content-Length {n} over the cap of "
                                f"{self.p.max_bytes} bytes (collect.max_bytes).",
                            )
                        buf = bytearray()
                        for chunk in r.iter_bytes():
                            buf += chunk
                            if len(buf) > self.p.max_bytes:
                                raise Failure(
                                    "too_large",
                                    f"{url}: body over the cap of {self.p.max_bytes} "
                                    "bytes (collect.max_bytes).",
                                )
                        return r, bytes(buf)
            except httpx.TimeoutException as e:
                last_error = f"timeout ({type(e).__name__})"
            except httpx.TransportError as e:
                last_error = f"connection error ({type(e).__name__}: {e})"
            if attempt >= self.p.max_retries:
                raise Failure(
                    "fetch_error",
                    f"{url}: {last_error} after {attempt + 1} attempts; try again later.",
                    permanent=False,
                )
            backoff = self.p.backoff_s * (2**attempt)
            if wait is not None:
                if wait > self.p.max_retry_after_s:
                    raise Failure(
                        "fetch_error",
                        f"{url}: {last_error}, server asks to retry after {wait:.0f}"
                        f" s (over collect.max_retry_after_s); try again later.",
                        permanent=False,
                    )
                backoff = max(backoff, wait)
            self.sleep(backoff)
            attempt += 1

    def fetch(self, url: str) -> tuple[httpx.Response, bytes, str]:
        """GET with bounded redirects, robots checked on every hop. Returns (response, body, final URL)."""
        seen = set()
        cur = url
        for _hop in range(self.p.max_redirects + 1):
            if urlsplit(cur).scheme not in ("http", "https"):
                raise Failure("fetch_error", f"{url}: redirected to non-http(s) URL {cur}; not followed.")
            if cur in seen:
                raise Failure("fetch_error", f"{url}: redirect loop at {cur}.")
            seen.add(cur)
            crawl_delay = self._allowed(cur)
            r, body = self._get(cur, crawl_delay)
            if r.is_redirect and r.headers.get("Location"):
                cur = urljoin(cur, r.headers["Location"])
                continue
            return r, body, cur
        raise Failure(
            "fetch_error", f"{url}: more than {self.p.max_redirects} redirects (collect.max_redirects)."
        )


def _read_urls(manifest: Path) -> list[dict]:
    with manifest.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "url" not in reader.fieldnames:
            raise ValueError(
                f"{manifest}: no 'url' column (found {reader.fieldnames}); a URL list needs a "
                "header line with 'url' and one URL per row"
            )
        rows, seen = [], set()
        for row in reader:
            u = (row.get("url") or "").strip()
            if u and u not in seen:
                seen.add(u)
                rows.append({k: (row.get(k) or "").strip() for k in ("url", *PASS_THROUGH)})
        return rows


def read_index(out: Path) -> dict[str, dict]:
    idx: dict[str, dict] = {}
    p = out / "index.jsonl"
    if p.is_file():
        for line in p.read_text(encoding="utf-8").splitlines():
            try:
                d = json.loads(line)
            except ValueError:
                continue  # a line cut by a kill: that URL is fetched again
            idx[d["url"]] = d
    return idx


def collect(
    manifest: Path, out: Path, params: Params, log: Callable[[str], None] = lambda m: None
) -> list[dict]:
    """Fetch every URL of ``manifest`` not yet in ``out/index.jsonl``; returns this run's quarantine rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows = _read_urls(manifest)
    idx = read_index(out)
    todo = [r for r in rows if r["url"] not in idx]
    log(f"collect: {len(rows)} URLs, {len(rows) - len(todo)} already done, {len(todo)} to fetch")
    fetcher = Fetcher(params)
    transient: list[dict] = []
    try:
        with (out / "index.jsonl").open("a", encoding="utf-8") as index:
            for i, row in enumerate(todo, 1):
                url = row["url"]
                entry: dict = {"url": url, **{k: row[k] for k in PASS_THROUGH}}
                try:
                    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
                        raise Failure(
                            "invalid_row", f"{url}: not an http(s) URL; only web pages are fetched."
                        )
                    r, body, final = fetcher.fetch(url)
                    if r.status_code >= 400:
                        raise Failure("fetch_error", f"{url}: HTTP {r.status_code} {r.reason_phrase}.")
                    ctype = r.headers.get("Content-Type", "").split(";")[0].strip().lower()
                    if ctype and not ctype.startswith(HTML_TYPES):
                        raise Failure(
                            "unsupported_format",
                            f"{url}: content type {ctype} is not HTML; only web pages are collected.",
                        )
                    sha = hashlib.sha256(body).hexdigest()
                    snap = out / f"{sha}.html"
                    side = out / f"{sha}.json"
                    if not snap.exists():  # content-addressed: never overwrite an existing snapshot
                        tmp = snap.with_suffix(".part")
                        tmp.write_bytes(body)
                        tmp.replace(snap)
                    if not side.exists():
                        side.write_text(
                            json.dumps(
                                {
                                    "requested_url": url,
                                    "url": url,
                                    "final_url": final,
                                    "status": r.status_code,
                                    "headers": dict(sorted(r.headers.items())),
                                    "sha256": sha,
                                    "bytes": len(body),
                                    "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                },
                                indent=2,
                                sort_keys=True,
                            )
                            + "\n",
                            encoding="utf-8",
                        )
                    entry.update(
                        status="ok",
                        path=snap.name,
                        final_url=final,
                        sha256=sha,
                        fetched_at=json.loads(side.read_text(encoding="utf-8"))["fetched_at"],
                    )
                except Failure as f:
                    if not f.permanent:
                        transient.append(qrow(url, f.reason, f.detail))
                        log(f"collect: [{i}/{len(todo)}] {url}: {f.detail}")
                        continue
                    entry.update(status="failed", reason=f.reason, detail=f.detail)
                index.write(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")
                index.flush()
                log(f"collect: [{i}/{len(todo)}] {url}: {entry['status']}")
    finally:
        fetcher.close()
    write_manifest(out)
    idx = read_index(out)
    failed = [qrow(d["url"], d["reason"], d["detail"]) for d in idx.values() if d.get("status") == "failed"]
    return sorted(failed + transient, key=lambda q: (q["url"], q["reason"]))


def write_manifest(out: Path) -> None:
    """``manifest.csv`` for ``newsclaims parse OUT --manifest OUT/manifest.csv`` (sorted by path)."""
    idx = read_index(out)
    ok = sorted((d for d in idx.values() if d.get("status") == "ok"), key=lambda d: (d["path"], d["url"]))
    seen: set[str] = set()
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["path", "url", "outlet", "published", "language", "synthetic", "fetched_at", "format", "notes"]
        )
        for d in ok:
            if d["path"] in seen:
                continue  # same bytes at two URLs: one snapshot, listed once
            seen.add(d["path"])
            outlet = d.get("outlet") or registrable_domain(d.get("final_url") or d["url"]) or ""
            w.writerow(
                [
                    d["path"],
                    d.get("final_url") or d["url"],
                    outlet,
                    d.get("published", ""),
                    d.get("language", ""),
                    d.get("synthetic") or "false",
                    d.get("fetched_at", ""),
                    "html",
                    f"collected from {d['url']}" if d.get("final_url") not in (None, d["url"]) else "",
                ]
            )
