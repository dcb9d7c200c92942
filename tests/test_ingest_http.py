"""Feeds and pages over HTTP, against a local server only (never the internet)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from marsad.ingest import IngestOptions, IngestReport, read_documents

ARTICLE = """<html><head><title>اعتقالات في المدينة</title>
<meta property="article:published_time" content="2022-06-01T08:00:00+03:00"></head>
<body><nav>الرئيسية | أخبار | اتصل بنا</nav><article><h1>اعتقالات في المدينة</h1>
<p>اعتقلت قوات الأمن سبعة أشخاص خلال حملة مداهمات في الأحياء الغربية من المدينة فجر اليوم،
بحسب ما أعلنته مصادر حقوقية محلية طالبت بالكشف عن أماكن احتجازهم.</p>
<p>وقالت المصادر إن الحملة تأتي بعد أيام من احتجاجات شهدتها المدينة على تردي الأوضاع المعيشية.</p>
</article><footer>حقوق النشر محفوظة</footer></body></html>"""


USER_AGENTS: list[str] = []  # what the local server was sent, newest last


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def feed(base: str, dead: str) -> str:
    items = [
        ("متابعة: حملة اعتقالات", f"{base}/article/1", "ملخص قصير عن حملة الاعتقالات."),
        ("صفحة محذوفة", f"{base}/missing", "ملخص لخبر حذفت صفحته عن انفجار قرب الجسر."),
        ("خادم متوقف", f"{dead}/story", ""),
    ]
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Wed, 01 Jun 2022 09:00:00 +0300</pubDate><description>{d}</description></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>شبكة الرصد</title>{body}</channel></rss>"
    )


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            USER_AGENTS.append(self.headers.get("User-Agent", ""))
            found = pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            ctype, body = found
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    dead = f"http://127.0.0.1:{closed_port()}"
    pages["/feed.xml"] = ("application/rss+xml", feed(base, dead).encode())
    pages["/article/1"] = ("text/html; charset=utf-8", ARTICLE.encode())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()


def read(*inputs: str, **options: object) -> tuple[list, IngestReport]:  # type: ignore[type-arg]
    report = IngestReport()
    opts = IngestOptions(timeout=3.0, retries=0, **options)  # type: ignore[arg-type]
    return list(read_documents(list(inputs), opts, report)), report


def test_feed_url_without_follow_reads_entry_summaries(server: str) -> None:
    docs, report = read(f"{server}/feed.xml")
    assert [d.url for d in docs] == [f"{server}/article/1", f"{server}/missing"]
    assert all(d.metadata["text_from"] == "feed entry" for d in docs)
    assert report.skipped["no text"] == 1  # the third entry has neither summary nor --follow


def test_follow_fetches_pages_and_reports_failures(server: str) -> None:
    docs, report = read(f"{server}/feed.xml", follow=True, user_agent="marsad-test/1")
    by_url = {d.url: d for d in docs}
    page = by_url[f"{server}/article/1"]
    assert page.metadata["text_from"] == "linked page"
    assert "اعتقلت قوات الأمن سبعة أشخاص" in page.text
    assert "حقوق النشر محفوظة" not in page.text
    assert page.published == date(2022, 6, 1)
    assert page.title == "متابعة: حملة اعتقالات"
    # A page that fails is reported; the entry falls back to its own summary.
    missing = by_url[f"{server}/missing"]
    assert missing.metadata["text_from"] == "feed entry"
    assert missing.metadata["follow_error"] == "HTTP 404"
    assert any(p.endswith(f"{server}/missing: HTTP 404") for p in report.problems)
    assert any("/story: unreachable" in p for p in report.problems)
    assert report.skipped["no text"] == 1


def test_polite_user_agent_is_sent(server: str) -> None:
    docs, _ = read(f"{server}/article/1", user_agent="marsad-test/2 (contact: test)")
    assert docs and docs[0].url == f"{server}/article/1"
    assert USER_AGENTS[-1] == "marsad-test/2 (contact: test)"


def test_unreachable_url_is_one_problem_and_the_batch_goes_on(server: str) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/feed.xml"
    docs, report = read(dead, f"{server}/article/1")
    assert len(docs) == 1
    (line,) = report.problems
    assert line.startswith(f"[M100] {dead}: unreachable")
    assert "after 1 attempt(s)" in line
