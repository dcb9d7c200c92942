"""Each reader on fixtures written for it: documents, metadata, and the problem lines."""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.ingest import IngestOptions, IngestReport, read_documents

FIX = Path(__file__).parent / "fixtures" / "ingest"


def read(*inputs: str | Path, **options: object) -> tuple[list[Document], IngestReport]:
    report = IngestReport()
    opts = IngestOptions(**options)  # type: ignore[arg-type]
    docs = list(read_documents([str(i) for i in inputs], opts, report))
    return docs, report


def problems_with(report: IngestReport, needle: str) -> list[str]:
    return [p for p in report.problems if needle in p]


def test_text_with_headline_and_levantine_dateline() -> None:
    docs, report = read(FIX / "report_dateline.txt")
    (doc,) = docs
    assert doc.title == "اشتباكات بين فصيلين مسلحين قرب سوق البلدة"
    assert doc.published == date(2020, 11, 15)
    assert doc.metadata["published_source"] == "text line 2"
    assert doc.language == "ar"
    assert doc.text == (FIX / "report_dateline.txt").read_text("utf-8")
    assert doc.id.startswith("sha1:")
    assert report.read == 1 and not report.problems


def test_text_with_egyptian_month_name_and_no_headline() -> None:
    (doc,), _ = read(FIX / "report_egyptian_month.txt")
    assert doc.published == date(2020, 11, 21)
    assert doc.title is None  # the first line is a sentence, not a headline


def test_text_without_date_says_so_and_option_wins() -> None:
    (doc,), _ = read(FIX / "report_nodate.txt")
    assert doc.published is None
    assert doc.metadata["published_source"] == "unknown"
    (dated,), _ = read(FIX / "report_dateline.txt", published=date(2021, 1, 2))
    assert dated.published == date(2021, 1, 2)
    assert dated.metadata["published_source"] == "option"


def test_non_arabic_is_skipped_unless_all_languages() -> None:
    docs, report = read(FIX / "english_report.txt")
    assert docs == [] and report.skipped["not Arabic"] == 1
    (doc,), _ = read(FIX / "english_report.txt", all_languages=True)
    assert doc.language == "en"


def test_empty_file_and_missing_path_get_one_line_each() -> None:
    docs, report = read(FIX / "empty.txt", FIX / "missing.txt", FIX / "report_nodate.txt")
    assert len(docs) == 1
    assert problems_with(report, "empty.txt: empty file")
    assert problems_with(report, "missing.txt: no such file or directory")
    assert all(p.startswith("[M100] ") for p in report.problems)


def test_binary_and_undecodable_inputs(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4)
    docs, report = read(binary)
    assert docs == []
    assert problems_with(report, "photo.txt: binary data, not text")


def test_text_encodings_are_guessed_and_reported(tmp_path: Path) -> None:
    text = (FIX / "report_nodate.txt").read_text("utf-8")
    variants = {
        "legacy.txt": (text.encode("cp1256"), "windows-1256"),
        "bom.txt": (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
        "wide.txt": (text.encode("utf-16"), "utf-16"),
    }
    for name, (data, _) in variants.items():
        (tmp_path / name).write_bytes(data)
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(0x80, 0x100)) * 8)
    for name, (_, encoding) in variants.items():
        (doc,), report = read(tmp_path / name)
        assert doc.text == text
        assert doc.metadata["encoding"] == encoding
        assert report.encodings[str(tmp_path / name)] == encoding
    # Together, the same text in three encodings is one document (same content id).
    docs, report = read(*(tmp_path / n for n in variants), garbage)
    assert len(docs) == 1 and report.skipped["already read (same id)"] == 2
    (line,) = report.problems
    assert "garbage.txt: undecodable bytes: not UTF-8 (byte 0) nor Windows-1256" in line


def test_windows_1256_page_is_decoded_and_stripped_of_boilerplate() -> None:
    docs, report = read(FIX / "page_cp1256.html")
    (doc,) = docs
    assert report.encodings[str(FIX / "page_cp1256.html")] == "windows-1256"
    assert any("windows-1256 (guessed)" in line for line in report.summary_lines())
    assert doc.id == doc.url == "https://paper.example/2019/04/raid"
    assert doc.published == date(2019, 4, 17)
    assert doc.source == "جريدة المثال"
    assert "داهمت قوة أمنية فجر الأربعاء" in doc.text
    assert "الإفراج عنهم" in doc.text
    for boilerplate in ("نتمنى أن يعم الأمن", "جميع الحقوق محفوظة", "رياضة"):
        assert boilerplate not in doc.text
    assert doc.title is not None and "مداهمة أمنية" in doc.title


def test_json_lines_keep_good_records_around_bad_ones() -> None:
    docs, report = read(FIX / "records.jsonl")
    assert [d.id for d in docs] == ["wire-001", "wire-002", "wire-004"]
    first, second, fourth = docs
    assert first.title == "قصف على أطراف المدينة"
    assert first.url == "https://news.example/a/1"
    assert first.source == "وكالة المثال"
    assert first.published == date(2021, 3, 4)
    assert first.metadata["section"] == "محليات"
    assert second.published == date(2021, 3, 5)  # the local day, not shifted to UTC
    assert fourth.published is None
    name = str(FIX / "records.jsonl")
    assert problems_with(report, f"{name}:3: record is a JSON list")
    assert problems_with(report, f"{name}:4: record has no text")
    assert problems_with(report, f"{name}:5: unreadable date 'not a date at all'")
    assert problems_with(report, f"{name}:6: truncated JSON")
    assert report.skipped["no text"] == 1 and report.skipped["bad record"] == 2


def test_invalid_json_line_between_good_ones(tmp_path: Path) -> None:
    good = (FIX / "records.jsonl").read_text("utf-8").splitlines()[:2]
    path = tmp_path / "mixed.jsonl"
    path.write_text(f'{good[0]}\n{{"text": "نص", , }}\n\n{good[1]}', "utf-8")
    docs, report = read(path)
    assert [d.id for d in docs] == ["wire-001", "wire-002"]
    (line,) = report.problems
    assert line.startswith(f"[M110] {path}:2: invalid JSON at column 16: Expecting")


def test_json_array_with_configured_field_names() -> None:
    fields = {"text": "body_text", "id": "article_id", "title": "headline", "published": "date"}
    docs, report = read(FIX / "records_array.json", fields=fields)
    assert [(d.id, d.title, d.published) for d in docs] == [
        ("7", "مظاهرة طلابية", date(2022, 1, 12)),
        ("8", "غارة جوية", date(2022, 1, 13)),
    ]
    assert not report.problems
    docs, report = read(FIX / "records_array.json")
    assert docs == [] and report.skipped["no text"] == 2


def test_truncated_json_array_keeps_the_records_before_the_cut() -> None:
    docs, report = read(FIX / "records_truncated.json")
    assert [d.id for d in docs] == ["t-1", "t-2"]
    (line,) = report.problems
    assert "records_truncated.json: invalid or truncated JSON after record 2" in line
    assert "line 4" in line


def test_telegram_single_channel_export() -> None:
    docs, report = read(FIX / "telegram_channel.json")
    by_id = {d.id: d for d in docs}
    assert list(by_id) == [
        "telegram:1466201734:102",
        "telegram:1466201734:104",
        "telegram:1466201734:106",
    ]
    urgent = by_id["telegram:1466201734:102"]
    assert urgent.text.startswith("عاجل | سقوط قذيفتين")
    assert urgent.text.endswith("#الريف_الشرقي")
    assert urgent.metadata["links"] == ["https://news.example/story/55"]
    assert urgent.source == "أخبار الريف الشرقي"
    # date_unixtime is 22:30 UTC on 1 May; "date" (local time) says 2 May.
    assert urgent.published == date(2023, 5, 1)
    assert urgent.metadata["datetime"] == "2023-05-01T22:30:00+00:00"
    forwarded = by_id["telegram:1466201734:104"]
    assert forwarded.metadata["forwarded_from"] == "شبكة أنباء الجزيرة الفراتية"
    assert forwarded.metadata["links"] == ["https://t.me/example_source/900"]
    assert forwarded.metadata["media"] == "photo"
    mixed = by_id["telegram:1466201734:106"]
    assert "أمام مبنى البلدية للمطالبة بإصلاح شبكة المياه بعد" in mixed.text
    assert report.skipped["Telegram service message"] == 1
    assert report.skipped["Telegram media-only message"] == 2
    assert report.skipped["not Arabic"] == 1
    assert report.skipped["bad record"] == 1
    assert problems_with(report, ":1466201734:108: message without a valid date_unixtime")


def test_telegram_full_account_export() -> None:
    docs, report = read(FIX / "telegram_account.json")
    assert [(d.id, d.source) for d in docs] == [
        ("telegram:9001:1", "مرصد الساحل"),
        ("telegram:9002:1", None),  # a chat without a name does not inherit the previous one
    ]
    assert docs[1].metadata["author"] == "عضو"
    assert report.skipped["Telegram service message"] == 1
    assert report.skipped["Telegram media-only message"] == 1


def test_rss_feed_with_broken_entries() -> None:
    docs, report = read(FIX / "feed_broken.rss")
    first = docs[0]
    assert first.id == "https://local.example/news/1001"
    assert first.published == date(2022, 3, 8)
    assert first.source == "موقع الأخبار المحلية"
    assert first.text.splitlines() == [
        "انتشرت قوات الأمن بكثافة في شوارع البلدة عقب اشتباك مسلح بين عائلتين على خلفية نزاع"
        " على ملكية أرض.",
        "وأفاد سكان بسماع أصوات إطلاق نار متقطع.",
    ]
    assert problems_with(report, "feed_broken.rss:entry 2: entry has no text")
    assert problems_with(report, "feed_broken.rss: malformed feed")
    assert report.skipped["no text"] == 1


def test_atom_feed() -> None:
    docs, report = read(FIX / "feed.atom")
    assert [(d.id, d.url, d.published) for d in docs] == [
        ("urn:example:entry:1", "https://monitor.example/e/1", date(2024, 2, 10)),
        ("urn:example:entry:2", "https://monitor.example/e/2", date(2024, 2, 9)),
    ]
    assert [d.title for d in docs] == ["انفجار سيارة مفخخة", "إضراب التجار"]
    assert not report.problems


def test_gzip_is_read_transparently(tmp_path: Path) -> None:
    packed = tmp_path / "records.jsonl.gz"
    packed.write_bytes(gzip.compress((FIX / "records.jsonl").read_bytes()))
    docs, report = read(packed)
    plain, _ = read(FIX / "records.jsonl")
    assert [d.id for d in docs] == [d.id for d in plain]
    assert [d.text for d in docs] == [d.text for d in plain]
    assert problems_with(report, "records.jsonl.gz:6: truncated JSON")


def test_corrupt_gzip_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress("نص عربي قصير".encode())[:-12])
    docs, report = read(broken, FIX / "report_nodate.txt")
    assert len(docs) == 1
    assert problems_with(report, "broken.txt.gz: cannot read")


def test_zip_members_are_read_by_their_own_format(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIX / "report_dateline.txt", "reports/report_dateline.txt")
        zf.write(FIX / "telegram_account.json", "exports/result.json")
        zf.writestr("notes.docx", b"PK not a report")
        zf.writestr("more/feed.atom.gz", gzip.compress((FIX / "feed.atom").read_bytes()))
    docs, report = read(archive)
    assert len(docs) == 1 + 2 + 2
    assert docs[0].metadata["input"] == f"{archive}:reports/report_dateline.txt"
    assert {d.id for d in docs} >= {"telegram:9001:1", "urn:example:entry:2"}
    assert not report.problems


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (FIX / "page_cp1256.html").read_bytes()
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, ctype, body, status in (
            ("https://paper.example/raid", "text/html; charset=windows-1256", page, "200 OK"),
            ("https://paper.example/logo.png", "image/png", b"\x89PNG....", "200 OK"),
            ("https://paper.example/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    docs, report = read(path)
    (doc,) = docs
    assert doc.id == "https://paper.example/2019/04/raid"  # the page's canonical URL
    assert doc.metadata["format"] == "warc"
    assert "حي الشهداء" in doc.text
    assert report.skipped["not an HTML response"] == 1
    assert report.skipped["HTTP error response"] == 1


def test_directories_recurse_and_globs_expand(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "one.txt").write_bytes((FIX / "report_dateline.txt").read_bytes())
    (tmp_path / "a" / "two.txt").write_bytes((FIX / "report_nodate.txt").read_bytes())
    (tmp_path / "a" / "ignored.bin").write_bytes(b"\x00\x01")
    docs, report = read(tmp_path)
    assert len(docs) == 2 and report.inputs == 2
    docs, _ = read(f"{tmp_path}/**/one.txt")
    assert len(docs) == 1
    docs, report = read(f"{tmp_path}/*.nothing")
    assert docs == [] and problems_with(report, "no files match this pattern")


@pytest.mark.parametrize("packed", [False, True])
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, packed: bool) -> None:
    data = (FIX / "telegram_account.json").read_bytes()
    if packed:
        data = gzip.compress(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs, report = read("-")
    assert [d.id for d in docs] == ["telegram:9001:1", "telegram:9002:1"]
    assert docs[0].metadata["input"] == "<stdin>"
    assert not report.problems


def test_an_unexpected_reader_failure_is_reported_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from marsad.ingest import pipeline

    def broken(source: object, ctx: object) -> object:
        raise ValueError("library surprise")

    monkeypatch.setitem(pipeline.READERS, "rss", broken)
    docs, report = read(FIX / "feed.atom", FIX / "report_nodate.txt")
    assert len(docs) == 1
    (line,) = report.problems
    assert line.endswith("feed.atom: unexpected ValueError while reading: library surprise")
