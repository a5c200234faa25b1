"""Collector against a local HTTP server on 127.0.0.1: etiquette, failures as quarantine rows, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polars as pl
import pytest

from newsclaims import collect
from newsclaims.cli import do_collect, do_parse

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.network

PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>{t}</title><meta property='og:type' content='article'>"
    "</head><body><article><h1>{t}</h1>"
    + "".join(
        f"<p>Harbour officials said on day {i} that ships had been delayed by storms along the coast, and "
        f"that "
        f"the port would reopen once the wind had dropped and pilot boat {i} could board again safely.</p>"
        for i in range(4)
    )
    + "</article></body></html>"
)
FAST = dict(
    delay_s=0.0,
    connect_timeout_s=2.0,
    read_timeout_s=0.4,
    max_retries=2,
    backoff_s=0.01,
    max_retry_after_s=5.0,
    max_bytes=50_000,
    max_redirects=4,
)


@dataclass
class Server:
    base: str
    hits: Counter = field(default_factory=Counter)
    times: dict[str, list[float]] = field(default_factory=dict)
    routes: dict[str, Callable[[BaseHTTPRequestHandler, int], None]] = field(default_factory=dict)


def _send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    ctype: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Server]:
    srv: Server

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path
            srv.hits[path] += 1
            srv.times.setdefault(path, []).append(time.monotonic())
            route = srv.routes.get(path)
            if route is None:
                _send(self, 404, b"not found")
            else:
                route(self, srv.hits[path])

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    srv = Server(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    srv.routes["/robots.txt"] = lambda h, n: _send(
        h, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain"
    )
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield srv
    httpd.shutdown()
    httpd.server_close()


def _manifest(tmp: Path, urls: list[str]) -> Path:
    p = tmp / "urls.csv"
    p.write_text("url,outlet,language\n" + "".join(f"{u},,en\n" for u in urls), encoding="utf-8")
    return p


def _params(tmp: Path, **over: object) -> Path:
    vals = {**FAST, **over}
    p = tmp / "params.yaml"
    p.write_text(
        "collect:\n" + "".join(f"  {k}: {json.dumps(v)}\n" for k, v in vals.items()), encoding="utf-8"
    )
    return p


def _run(tmp: Path, srv: Server, paths: list[str], **over: object) -> tuple[pl.DataFrame, dict[str, dict]]:
    out = tmp / "snap"
    do_collect(_manifest(tmp, [srv.base + p for p in paths]), out, _params(tmp, **over))
    q = pl.read_parquet(out / "quarantine.parquet")
    return q, {d["url"].removeprefix(srv.base): d for d in collect.read_index(out).values()}


def _reason(q: pl.DataFrame, srv: Server, path: str) -> str | None:
    r = q.filter(pl.col("url") == srv.base + path)["reason"].to_list()
    return r[0] if r else None


def test_ok_page_is_stored_with_sidecar(server: Server, tmp_path: Path) -> None:
    body = PAGE.format(t="Storm closes harbour").encode()
    server.routes["/ok.html"] = lambda h, n: _send(h, 200, body)
    q, idx = _run(tmp_path, server, ["/ok.html"])
    assert q.height == 0 and idx["/ok.html"]["status"] == "ok"
    snap = tmp_path / "snap" / idx["/ok.html"]["path"]
    assert snap.read_bytes() == body and snap.name == f"{collect.hashlib.sha256(body).hexdigest()}.html"
    side = json.loads(snap.with_suffix(".json").read_text())
    assert side["requested_url"] == server.base + "/ok.html" and side["status"] == 200
    assert side["sha256"] == idx["/ok.html"]["sha256"] and side["fetched_at"].endswith("Z")
    assert "content-type" in {k.lower() for k in side["headers"]}
    # the stored snapshot parses with the manifest the collector wrote
    do_parse(tmp_path / "snap", tmp_path / "snap" / "manifest.csv", tmp_path / "parsed", REPO / "params.yaml")
    arts = pl.read_parquet(tmp_path / "parsed" / "articles.parquet")
    assert arts["url"].to_list() == [server.base + "/ok.html"] and arts["title"][0] == "Storm closes harbour"
    assert pl.read_parquet(tmp_path / "parsed" / "quarantine.parquet").height == 0


def test_user_agent_and_robots_first(server: Server, tmp_path: Path) -> None:
    seen: list[str] = []

    def page(h: BaseHTTPRequestHandler, n: int) -> None:
        seen.append(h.headers.get("User-Agent", ""))
        _send(h, 200, PAGE.format(t="x").encode())

    server.routes["/ua.html"] = page
    _run(tmp_path, server, ["/ua.html"], user_agent="testbot/1.0 (+contact)")
    assert seen == ["testbot/1.0 (+contact)"]
    assert server.times["/robots.txt"][0] < server.times["/ua.html"][0]


def test_404_is_quarantined(server: Server, tmp_path: Path) -> None:
    q, _idx = _run(tmp_path, server, ["/missing.html"])
    assert _reason(q, server, "/missing.html") == "fetch_error"
    assert "404" in q["detail"][0] and server.hits["/missing.html"] == 1  # 4xx is not retried


def test_failed_urls_reach_the_dataset_quarantine(server: Server, tmp_path: Path) -> None:
    server.routes["/ok.html"] = lambda h, n: _send(h, 200, PAGE.format(t="Harbour reopens").encode())
    _run(tmp_path, server, ["/ok.html", "/gone.html"])
    do_parse(tmp_path / "snap", tmp_path / "snap" / "manifest.csv", tmp_path / "parsed", REPO / "params.yaml")
    q = pl.read_parquet(tmp_path / "parsed" / "quarantine.parquet")
    row = q.filter(pl.col("url") == server.base + "/gone.html")
    assert row["stage"].to_list() == ["collect"] and row["reason"].to_list() == ["fetch_error"]
    assert pl.read_parquet(tmp_path / "parsed" / "articles.parquet").height == 1


def test_500_then_200_is_retried(server: Server, tmp_path: Path) -> None:
    server.routes["/flaky.html"] = lambda h, n: (
        _send(h, 500, b"oops") if n == 1 else _send(h, 200, PAGE.format(t="ok").encode())
    )
    q, idx = _run(tmp_path, server, ["/flaky.html"])
    assert q.height == 0 and idx["/flaky.html"]["status"] == "ok" and server.hits["/flaky.html"] == 2


def test_429_honours_retry_after(server: Server, tmp_path: Path) -> None:
    server.routes["/busy.html"] = lambda h, n: (
        _send(h, 429, b"slow down", headers={"Retry-After": "1"})
        if n == 1
        else _send(h, 200, PAGE.format(t="ok").encode())
    )
    q, _idx = _run(tmp_path, server, ["/busy.html"])
    assert q.height == 0 and server.hits["/busy.html"] == 2
    t = server.times["/busy.html"]
    assert t[1] - t[0] >= 0.95  # waited the server's Retry-After, not the 0.01 s backoff


def test_slow_response_times_out(server: Server, tmp_path: Path) -> None:
    def slow(h: BaseHTTPRequestHandler, n: int) -> None:
        time.sleep(1.0)
        _send(h, 200, PAGE.format(t="late").encode())

    server.routes["/slow.html"] = slow
    q, idx = _run(tmp_path, server, ["/slow.html"], max_retries=1)
    assert _reason(q, server, "/slow.html") == "fetch_error" and "timeout" in q["detail"][0]
    assert server.hits["/slow.html"] == 2  # one retry, then give up
    assert "/slow.html" not in idx  # transient: a later run tries again


def test_redirect_loop_is_bounded(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = lambda h, n: _send(h, 302, b"", headers={"Location": "/b"})
    server.routes["/b"] = lambda h, n: _send(h, 302, b"", headers={"Location": "/a"})
    server.routes["/r1"] = lambda h, n: _send(h, 301, b"", headers={"Location": "/ok2.html"})
    server.routes["/ok2.html"] = lambda h, n: _send(h, 200, PAGE.format(t="moved").encode())
    server.routes["/ftp"] = lambda h, n: _send(h, 302, b"", headers={"Location": "ftp://127.0.0.1/x"})
    q, idx = _run(tmp_path, server, ["/a", "/r1", "/ftp"])
    assert _reason(q, server, "/a") == "fetch_error" and server.hits["/a"] == 1 and server.hits["/b"] == 1
    assert idx["/r1"]["final_url"] == server.base + "/ok2.html"
    assert _reason(q, server, "/ftp") == "fetch_error"


def test_oversized_body_is_not_stored(server: Server, tmp_path: Path) -> None:
    big = PAGE.format(t="big").encode() * 200  # ~150 KB > 50 KB cap
    server.routes["/big.html"] = lambda h, n: _send(h, 200, big)

    def chunked(
        h: BaseHTTPRequestHandler, n: int
    ) -> None:  # no Content-Length: the cap applies while reading
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        h.wfile.write(big)
        h.close_connection = True

    server.routes["/stream.html"] = chunked
    q, _idx = _run(tmp_path, server, ["/big.html", "/stream.html"])
    assert (
        _reason(q, server, "/big.html") == "too_large" and _reason(q, server, "/stream.html") == "too_large"
    )
    assert not list((tmp_path / "snap").glob("*.html"))


def test_non_html_body(server: Server, tmp_path: Path) -> None:
    server.routes["/report.pdf"] = lambda h, n: _send(h, 200, b"%PDF-1.4 ...", "application/pdf")
    q, _ = _run(tmp_path, server, ["/report.pdf"])
    assert _reason(q, server, "/report.pdf") == "unsupported_format"
    assert not list((tmp_path / "snap").glob("*.html"))


def test_robots_disallow_is_never_requested(server: Server, tmp_path: Path) -> None:
    server.routes["/private/secret.html"] = lambda h, n: _send(h, 200, PAGE.format(t="no").encode())
    q, _ = _run(tmp_path, server, ["/private/secret.html"])
    assert _reason(q, server, "/private/secret.html") == "robots_disallowed"
    assert server.hits["/private/secret.html"] == 0


def test_per_host_delay(server: Server, tmp_path: Path) -> None:
    for i in range(3):
        server.routes[f"/d{i}.html"] = lambda h, n, i=i: _send(h, 200, PAGE.format(t=f"d{i}").encode())
    _run(tmp_path, server, [f"/d{i}.html" for i in range(3)], delay_s=0.3)
    t = [server.times[f"/d{i}.html"][0] for i in range(3)]
    assert t[1] - t[0] >= 0.28 and t[2] - t[1] >= 0.28


def test_existing_snapshot_never_overwritten(server: Server, tmp_path: Path) -> None:
    body = PAGE.format(t="same").encode()
    server.routes["/one.html"] = lambda h, n: _send(h, 200, body)
    server.routes["/two.html"] = lambda h, n: _send(h, 200, body)  # same bytes at a second URL
    _run(tmp_path, server, ["/one.html"])
    snap = next((tmp_path / "snap").glob("*.html"))
    side_before = snap.with_suffix(".json").read_text()
    mtime = snap.stat().st_mtime_ns
    _, idx = _run(tmp_path, server, ["/one.html", "/two.html"])
    assert snap.stat().st_mtime_ns == mtime and snap.with_suffix(".json").read_text() == side_before
    assert idx["/two.html"]["path"] == snap.name and server.hits["/one.html"] == 1


def test_killed_run_resumes_without_refetching(server: Server, tmp_path: Path) -> None:
    reached = threading.Event()
    for i in range(1, 6):
        server.routes[f"/p{i}.html"] = lambda h, n, i=i: _send(h, 200, PAGE.format(t=f"page {i}").encode())

    def hang(h: BaseHTTPRequestHandler, n: int) -> None:
        if n == 1:
            reached.set()
            time.sleep(3)  # the first run is killed while waiting here
        _send(h, 200, PAGE.format(t="page 3").encode())

    server.routes["/p3.html"] = hang
    man = _manifest(tmp_path, [f"{server.base}/p{i}.html" for i in range(1, 6)])
    params = _params(tmp_path, read_timeout_s=10.0)
    out = tmp_path / "snap"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclaims", "collect", str(man), "--out", str(out), "--params", str(params)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert reached.wait(60), "first run never reached page 3"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert sorted(collect.read_index(out)) == [f"{server.base}/p1.html", f"{server.base}/p2.html"]
    do_collect(man, out, params)
    assert [server.hits[f"/p{i}.html"] for i in range(1, 6)] == [1, 1, 2, 1, 1]
    idx = collect.read_index(out)
    assert all(d["status"] == "ok" for d in idx.values()) and len(idx) == 5
    assert len(list(out.glob("*.html"))) == 5 and not list(out.glob("*.part"))
