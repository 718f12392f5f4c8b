"""The batch's review page (`index.html`): complete on every run, well-formed, and checked in a
real browser (headless Chromium) for images that do not load and console errors."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from hrleaflet.batch import RECORD_NAME

from .conftest import YAML_EXAMPLE, run_manifest

LOCALITY = 'Testville <North> & "Co"'  # markup in a name must show as text


def _batch(manifest: Path, out: Path) -> Any:
    return run_manifest(manifest, out, workers=2)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One set in English and in French (a draft translation), a5 and card: both leave things out."""
    folder = tmp_path_factory.mktemp("review")
    shutil.copy(YAML_EXAMPLE, folder / "testville.yaml")
    manifest = folder / "network.yaml"
    manifest.write_text(
        "defaults: {sets: [opioids], languages: [en, fr], modes: [bw], formats: [a5, card]}\n"
        f"localities:\n  - name: {json.dumps(LOCALITY)}\n    services: testville.yaml\n",
        encoding="utf-8",
    )
    out = folder / "out"
    report = _batch(manifest, out)
    assert len(report.built) == 4 and not report.failed, report.failed
    return manifest, out


def _rows(page: str) -> dict[str, str]:
    """Each table row's HTML, by the leaflet file it is about."""
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<tr>.*?<th scope="row"><a [^>]*>([^<]+\.pdf)</a>.*?</tr>', page)
    }


def test_the_page_says_what_was_left_out_and_what_is_a_draft(built: tuple[Path, Path]) -> None:
    _, out = built
    page = (out / "index.html").read_text(encoding="utf-8")
    rows = _rows(page)
    assert sorted(rows) == [
        "opioids-en-a5-bw.pdf",
        "opioids-en-card-bw.pdf",
        "opioids-fr-a5-bw.pdf",
        "opioids-fr-card-bw.pdf",
    ]
    for name, row in rows.items():
        assert ("draft translation" in row) == ("-fr-" in name), name
        assert 'opioids <strong class="draft">draft</strong>' in row, "the shipped sets are drafts"
        assert re.search(r"\d tips? of priority \d: [a-z-]+", row), name
        assert "Food &amp; Shelter &quot;Open Door&quot; (example)" in row, "left out for room, escaped"
        assert ("addresses, hours and notes" in row) == ("card" in name), name
    assert "Draft translations, not yet reviewed by a native speaker: French (fr)." in page
    assert '<h2 id="loc-testville-north-co">Testville &lt;North&gt; &amp; &quot;Co&quot;</h2>' in page


def test_a_second_run_rebuilds_nothing_and_the_page_is_still_complete(built: tuple[Path, Path]) -> None:
    manifest, out = built
    index, record = out / "index.html", out / RECORD_NAME
    first = index.read_text(encoding="utf-8")
    index.unlink()
    again = _batch(manifest, out)
    assert again.built == [] and len(again.unchanged) == 4
    assert index.read_text(encoding="utf-8") == first

    # A record written before it kept what the page needs (one string an output): built again, once.
    entries = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({k: v["built_from"] for k, v in entries.items()}), encoding="utf-8")
    assert len(_batch(manifest, out).built) == 4
    assert index.read_text(encoding="utf-8") == first
    assert json.loads(record.read_text(encoding="utf-8")) == entries


_VOID = frozenset({"meta", "img", "br", "hr", "link", "input"})


class _Outline(HTMLParser):
    """The page's elements with their attributes; every element must be closed, in order
    (stricter than HTML, which lets some end tags be left out; this page leaves out none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else None}>")
        else:
            self.open.pop()


def test_the_page_is_well_formed_accessible_and_self_contained(built: tuple[Path, Path]) -> None:
    _, out = built
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>\n")
    outline = _Outline()
    outline.feed(page)
    outline.close()
    assert not outline.problems and not outline.open, (outline.problems, outline.open)
    tags = outline.tags
    assert ("html", {"lang": "en"}) in tags
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags
    assert [t for t, _ in tags].count("h1") == 1 and [t for t, _ in tags].count("title") == 1
    ids = [a["id"] for _, a in tags if "id" in a]
    assert len(ids) == len(set(ids))
    assert all(a.get("scope") in ("col", "row") for t, a in tags if t == "th")
    images = [a for t, a in tags if t == "img"]
    assert len(images) == 4
    for image in images:
        leaflet = Path(str(image["src"])).stem + ".pdf"
        assert str(image["alt"]).startswith("Page 1 of ") and str(image["alt"]).endswith(leaflet)
        assert image["width"] and image["height"], "space is reserved before a lazy image loads"
    links = [str(a.get("href") or a.get("src")) for t, a in tags if t in ("a", "img", "link", "script")]
    assert all(not re.match(r"[a-z]+:|//", link) for link in links), "nothing from the network"
    assert all((out / unquote(link)).is_file() for link in links), "every link works from file://"
    assert "<script" not in page and "<North>" not in page


# --- In a real browser -------------------------------------------------------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no chromium or chromium-browser (Debian: apt-get install chromium)"
)

# Scrolls each image into view (they load lazily, as for a reader) and waits for it.
_IMAGES_JS = """(async () => {
  const images = [...document.images];
  for (const image of images) {
    image.scrollIntoView();
    if (!image.complete) {
      await new Promise(done => { image.onload = image.onerror = done; setTimeout(done, 5000); });
    }
  }
  return {
    images: images.map(image => ({src: image.getAttribute("src"), width: image.naturalWidth})),
    pageWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  };
})()"""


class _Chromium:
    """Headless Chromium driven through the DevTools protocol on a pipe (stdlib only)."""

    def __init__(self, executable: str, profile: Path) -> None:
        commands, self._to_browser = os.pipe()
        self._from_browser, replies = os.pipe()

        def pipes_at_3_and_4() -> None:  # where --remote-debugging-pipe looks for them
            import fcntl

            # Out of the way first: either pipe end may itself be 3 or 4.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (commands, replies)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        args = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--remote-debugging-pipe"]
        self.process = subprocess.Popen(
            [executable, *args, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # D-Bus and GPU chatter; console messages come through the pipe
            preexec_fn=pipes_at_3_and_4,
            close_fds=False,
        )
        os.close(commands)
        os.close(replies)
        self._buffer = b""
        self._last_id = 0
        self.events: list[dict[str, Any]] = []
        try:
            target = self.send("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log"):  # their events: loads, console, browser messages
                self.page(f"{domain}.enable")
        except BaseException:
            self.close()
            raise

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._last_id:
                assert "error" not in reply, reply
                result: dict[str, Any] = reply["result"]
                return result
            self.events.append(reply)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.send(method, self.session, **params)

    def wait_for(self, event: str) -> None:
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self._read())

    def _read(self, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], max(0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError(f"Chromium did not answer in {timeout} s")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise EOFError("Chromium quit")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def errors(self) -> list[str]:
        """Everything DevTools' console would show as an error: console.error, uncaught
        exceptions, and the browser's own messages (a file that failed to load, say)."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(details.get("exception", {}).get("description") or details["text"])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"{params['entry']['text']} ({params['entry'].get('url', '')})")
        return found

    def open(self, page: Path) -> tuple[dict[str, Any], list[str]]:
        """Load a page at a phone's width: what its images and width came to, and its console errors."""
        self.events.clear()
        self.page("Page.navigate", url=page.as_uri())
        self.wait_for("Page.loadEventFired")
        result = self.page("Runtime.evaluate", expression=_IMAGES_JS, awaitPromise=True, returnByValue=True)
        return result["result"]["value"], self.errors()

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except Exception:  # it quit, hung or refused: it must not outlive the test
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)


@needs_browser
def test_in_chromium_every_preview_loads_and_the_console_has_no_errors(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = built
    assert BROWSER is not None
    started = time.monotonic()
    browser = _Chromium(BROWSER, tmp_path / "profile")
    try:
        browser.page(
            "Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True
        )
        seen, errors = browser.open(out / "index.html")
        assert [image["width"] for image in seen["images"]] == [220] * 4, seen
        assert errors == []
        assert seen["viewport"] == 390, "the viewport meta makes a phone lay the page out at its width"
        assert seen["pageWidth"] <= seen["viewport"], "wide tables scroll inside their region, not the page"

        # The check itself catches a broken page: a missing preview and a script error.
        broken = out / "broken.html"
        page = (out / "index.html").read_text(encoding="utf-8")
        page = page.replace("opioids-fr-card-bw.png", "missing.png").replace(
            "</main>", "<script>nope()</script></main>"
        )
        broken.write_text(page, encoding="utf-8")
        try:
            seen, errors = browser.open(broken)
        finally:
            broken.unlink()
        assert [image["width"] for image in seen["images"]] == [220, 220, 220, 0]
        assert any("ERR_FILE_NOT_FOUND" in error and "missing.png" in error for error in errors), errors
        assert any("nope is not defined" in error for error in errors), errors
    finally:
        browser.close()
    print(f"chromium checks: {time.monotonic() - started:.1f} s")


def test_a_leaflet_whose_rebuild_failed_is_marked_out_of_date(tmp_path: Path) -> None:
    """A services file changed and now fails: the older leaflet is still on disk, and the page
    must not list it as ready to print (it has the old phone number)."""
    services = tmp_path / "testville.yaml"
    shutil.copy(YAML_EXAMPLE, services)
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults: {sets: [opioids], languages: [en], modes: [bw], formats: [a4]}\n"
        "localities:\n  - {name: Testville, services: testville.yaml}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert not _batch(manifest, out).failed
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "out of date" not in page.lower()
    text = services.read_text(encoding="utf-8").replace("960110", "960999")
    services.write_text(
        text.replace("Testville OST Clinic", "Testville OST Clinic \U0001f48a"), encoding="utf-8"
    )
    report = _batch(manifest, out)
    assert len(report.failed) == 1
    page = (out / "index.html").read_text(encoding="utf-8")
    (row,) = _rows(page).values()
    assert "Out of date: this run failed" in row and "U+1F48A" in row
    assert "1 leaflet out of date: this run could not build them again" in page
