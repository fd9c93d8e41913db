"""The Bridges benchmark: `make bench` (or .venv/bin/python bench/run.py).

For each size N it writes a throw-away project with the real content and N synthetic items in
English and French (bench/synth.py), then measures:

- `bridges check`: seconds;
- the document cache: seconds to render every PDF and training kit from an empty cache (the
  timed build below then finds them cached, as a developer or a CI with .cache/ does);
- the full build with bridges (`mkdocs build --strict`, hooks included): wall and CPU seconds,
  HTML pages per second, peak memory (max RSS of the mkdocs process alone, and with its children
  such as the Pagefind binary), output bytes per HTML page;
- search indexing: the seconds the build log reports, and a separate `python -m pagefind` run;
- the same generated Markdown built by the plain stack (MkDocs + Material + mkdocs-static-i18n
  with Material's lunr search, no bridges hooks, no theme overrides), and the ratio
  plain seconds / bridges seconds ("x times faster");
- what headless Chromium downloads for a first load of the home page, then for a first search
  typed into the search box (response body sizes, and their gzip size as a server would send);
- the same for the library on a 390 px phone: a first visit to /library/, then a first search
  typed into its box (bench/library.py).

Every measured process imports `bridges` from a snapshot of the working tree taken at the start,
so edits made while it runs do not mix into one run. The machine is shared: CPU seconds and the
load averages saved with the results tell how busy it was.

Results: printed, and saved to bench/results/<timestamp>.json and bench/results/latest.json.
Options: --sizes 300 3000 (default), --quick (50 and 300), --profile (cProfile, see
bench/profile.py), --lighthouse (Lighthouse scores of four pages of the largest site), --keep.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import importlib.metadata
import importlib.util
import io
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import library
import synth

if __name__ == "__main__":  # one module, whether run as a script or imported by bench/profile.py
    sys.modules.setdefault("run", sys.modules[__name__])

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
SITE_URL = "http://127.0.0.1:8000/"  # what the generated pages and PDFs say; any port serves them
QUERY = "integration"
# (synthetic items, languages of the site): the site's first two languages, or all six.
DEFAULT_SIZES = ["300x2", "3000x2", "3000x6"]
QUICK_SIZES = ["50x2", "300x2"]
STEPS_PER_SIZE = 10
SERVE_MAX_ITEMS = 300  # the edit loop is measured on the smaller projects
ALL_LANGUAGES = ("en", "fr", "es", "it", "ro", "ar")


def parse_size(text: str) -> tuple[int, tuple[str, ...]]:
    items, _, count = str(text).partition("x")
    return int(items), ALL_LANGUAGES[:int(count or 2)]


# --- progress ------------------------------------------------------------------------------

class Progress:
    """`[k/total] what is happening…` lines on stderr, and a heartbeat during long steps."""

    def __init__(self, total: int):
        self.total, self.step, self.started = total, 0, time.perf_counter()

    def __call__(self, text: str) -> None:
        self.step += 1
        elapsed = time.perf_counter() - self.started
        print(f"[{self.step}/{self.total}] {text}… ({elapsed:.0f} s elapsed)", file=sys.stderr, flush=True)

    @staticmethod
    def note(text: str) -> None:
        print(f"        {text}", file=sys.stderr, flush=True)


# --- measured subprocesses -----------------------------------------------------------------

@dataclass
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, with waited-for children: less sensitive to a busy machine
    peak_rss_mb: float  # the process or any of its children (e.g. the Pagefind binary), whichever peaked
    own_peak_rss_mb: float | None  # the process alone (VmHWM, sampled every 0.2 s)
    returncode: int
    log: str
    tree_peak_rss_mb: float | None = None  # the process and all its children at once (summed, sampled)


SNAPSHOT: Path | None = None  # the copy of the working tree that every measured process uses


def take_snapshot(target: Path, repo: Path = REPO) -> Path:
    """Copy what a build reads (the bridges package, hooks, overrides, hand-written docs, content,
    mkdocs.yml) as it is now: the whole run then measures one state of the tree, even while
    people keep editing it. Measured processes import `bridges` from here (PYTHONPATH)."""
    global SNAPSHOT
    generated = synth.generated_docs_folders(repo)
    caches = shutil.ignore_patterns("__pycache__", "*.pyc")
    target.mkdir(parents=True)
    for name in ("bridges", "hooks", "overrides", "content"):
        if (repo / name).is_dir():
            shutil.copytree(repo / name, target / name, ignore=caches)
    shutil.copytree(repo / "docs", target / "docs",
                    ignore=lambda directory, names: [n for n in names if Path(directory) == repo / "docs" and n in generated])
    for name in ("mkdocs.yml", ".gitignore"):
        shutil.copy2(repo / name, target / name)
    SNAPSHOT = target
    return target


def bench_env(cache: Path | None = None) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL, PYTHONDONTWRITEBYTECODE="1")
    if SNAPSHOT is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SNAPSHOT), os.environ.get("PYTHONPATH")]))
    if cache is not None:
        env["BRIDGES_CACHE_DIR"] = str(cache)
    return env


def run_measured(command: list[str], cwd: Path, env: dict, log_path: Path, label: str, heartbeat: float = 30) -> Run:
    """Run a command, its output into log_path; wall and CPU seconds, and peak memory.

    os.wait4 gives the resource usage of this one child (with its own waited-for children, such
    as the Pagefind binary), unlike RUSAGE_CHILDREN which keeps the maximum of every child so far.
    The process's own peak (VmHWM) is read from /proc while it runs.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    own_peak_kb: list[int] = []
    tree_peak_kb: list[int] = []
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        stop = threading.Event()

        def watch():
            status_file, next_beat = Path(f"/proc/{process.pid}/status"), started + heartbeat
            while not stop.wait(0.2):
                with contextlib.suppress(OSError, ValueError):
                    for line in status_file.read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            own_peak_kb.append(int(line.split()[1]))
                tree_peak_kb.append(tree_rss_kb(process.pid))
                if time.perf_counter() >= next_beat:
                    Progress.note(f"… still {label} ({time.perf_counter() - started:.0f} s)")
                    next_beat += heartbeat

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            stop.set()
        seconds = time.perf_counter() - started
        watcher.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               max(own_peak_kb) / 1024 if own_peak_kb else None, process.returncode, str(log_path),
               max(tree_peak_kb) / 1024 if tree_peak_kb else None)


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, now (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss[int(entry.name)] = int(line.split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == current and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in tree)


def summary(run: Run) -> dict:
    return {"seconds": round(run.seconds, 1), "cpu_seconds": round(run.cpu_seconds, 1),
            "peak_rss_mb": round(run.peak_rss_mb), "tree_peak_rss_mb": _round(run.tree_peak_rss_mb)}


def require(run: Run, what: str) -> Run:
    if run.returncode != 0:
        tail = Path(run.log).read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(f"{what} failed (exit {run.returncode}); last lines of {run.log}:\n" + "\n".join(tail))
    return run


def python() -> str:
    return sys.executable


WARM_DOCUMENTS = """
import sys
from pathlib import Path
from bridges.outputs.documents import build_documents
from bridges.pipeline import load_and_check
checked = load_and_check(Path(sys.argv[1]))
assert not checked.errors, checked.errors[:5]
documents = build_documents(checked.content, Path(sys.argv[2]), sys.argv[3])
print(len(documents.files), "documents")
"""


def warm_documents(project: Path, cache: Path, logs: Path) -> Run:
    return require(run_measured([python(), "-c", WARM_DOCUMENTS, str(project), str(cache), SITE_URL], project,
                                bench_env(cache), logs / "documents.log", "rendering PDFs"), "rendering documents")


def mkdocs_build(project: Path, cache: Path | None, logs: Path, name: str, label: str, strict: bool = True) -> Run:
    command = [python(), "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    if strict:
        command.append("--strict")
    return require(run_measured(command, project, bench_env(cache), logs / f"{name}.log", label), f"{name} build")


# --- what a build produced -----------------------------------------------------------------

def site_stats(site: Path) -> dict:
    html_pages = html_bytes = total = 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                html_pages += 1
                html_bytes += size
    lunr = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    return {"html_pages": html_pages, "html_bytes": html_bytes,
            "bytes_per_page": round(html_bytes / html_pages) if html_pages else None,
            "site_bytes": total,
            "lunr_index_bytes": lunr.stat().st_size if lunr.exists() else None,
            "pagefind_bytes": sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file()) if pagefind.is_dir() else None}


def logged_seconds(log: str, pattern: str) -> float | None:
    match = re.search(pattern, Path(log).read_text(encoding="utf-8", errors="replace"))
    return float(match.group(1)) if match else None


def pagefind_available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


# --- the browser ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Compressing(http.server.SimpleHTTPRequestHandler):
    """A static file as a web host sends it (GitHub Pages, Netlify...): text gzipped when the
    browser accepts it, so that Lighthouse times the bytes a reader's phone would receive.
    Pagefind's index files are compressed already and go as they are."""
    TEXT = (".html", ".css", ".js", ".mjs", ".svg", ".json", ".xml", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.suffix in self.TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, compress: bool = False):
    """python -m http.server on 127.0.0.1 for the duration of the block; yields the base URL.
    compress: text files gzipped, as a web host sends them (for Lighthouse's timings)."""
    if compress:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Compressing, directory=str(site)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
        return
    port = free_port()
    server = subprocess.Popen([python(), "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or os.environ.get("BRIDGES_CHROMIUM") or None


SEARCH_BOXES = ["input[type=search]", ".pagefind-ui__search-input", "input.md-search__input",
                "[role=search] input", "input[name=q]"]
SEARCH_TOGGLES = ["label[for=__search]", "button[aria-label*=earch]", "[data-md-toggle=search]"]


def _search_box(page):
    for attempt in range(2):
        for selector in SEARCH_BOXES:
            for box in page.locator(selector).all():
                if box.is_visible():
                    return box
        if attempt == 0:  # maybe behind a toggle (narrow layouts)
            for selector in SEARCH_TOGGLES:
                toggle = page.locator(selector).first
                if toggle.count() and toggle.is_visible():
                    toggle.click()
                    page.wait_for_timeout(300)
                    break
    return None


def settle(page, pending: set, quiet_ms: int = 1000, limit_s: float = 120) -> None:
    """Wait until no request has been in flight for quiet_ms (worker fetches included, which
    Playwright's networkidle does not always wait for: Material fetches its lunr index so)."""
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=30_000)
    deadline, quiet_since = time.monotonic() + limit_s, None
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if pending:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_ms / 1000:
            return


def browser_transfer(site: Path, query: str = QUERY, path: str = "/") -> dict:
    """Bytes that a first visit downloads: the page at `path` (a direct visit: the home page, or
    the library) with everything it loads, then a first search typed into its search box."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    executable = chromium()
    if not executable:
        return {"error": "no chromium on PATH"}
    records: list[dict] = []
    pending: set = set()

    def finished(request):
        pending.discard(request)
        # Bytes received for the body (0 when the browser's cache answered), and the gzip size of
        # that body: what a server that compresses (GitHub Pages does) would send instead.
        record = {"url": request.url, "type": request.resource_type, "bytes": None, "gzip_bytes": None}
        with contextlib.suppress(Exception):
            record["bytes"] = request.sizes()["responseBodySize"]
        with contextlib.suppress(Exception):
            body = request.response().body()
            if record["bytes"] is None:
                record["bytes"] = len(body)
            record["gzip_bytes"] = len(gzip.compress(body, 6)) if record["bytes"] else 0
        records.append(record)

    def tally() -> dict:
        taken = list(records)
        records.clear()
        by_type: dict[str, int] = {}
        for record in taken:
            by_type[record["type"]] = by_type.get(record["type"], 0) + (record["bytes"] or 0)
        return {"requests": len(taken), "bytes": sum(r["bytes"] or 0 for r in taken),
                "gzip_bytes": sum((r["gzip_bytes"] if r["gzip_bytes"] is not None else r["bytes"] or 0) for r in taken),
                "by_type": by_type, "largest": sorted(((r["bytes"] or 0, r["url"].split("/", 3)[-1]) for r in taken),
                                                     reverse=True)[:5]}

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.on("request", lambda request: pending.add(request))
            page.on("requestfailed", lambda request: pending.discard(request))
            page.on("requestfinished", finished)
            page.goto(base + path, wait_until="load")
            settle(page, pending)
            home = tally()
            box = _search_box(page)
            if box is None:
                return {"home": home, "search": None, "search_note": "no visible search box on the home page"}
            box.click()
            box.type(query, delay=60)
            settle(page, pending, 1500)
            # A plain form with an action (a search page) needs Enter; a live search already ran.
            submits = box.evaluate("b => !!(b.form && b.form.getAttribute('action'))")
            if submits:
                box.press("Enter")
                with contextlib.suppress(Exception):
                    page.wait_for_load_state("load", timeout=30_000)
                settle(page, pending, 2000)
            search = tally()
            search.update(query=query, submitted_form=submits, url=page.url.replace(base, ""))
            return {"home": home, "search": search}
        finally:
            browser.close()


# --- Lighthouse ----------------------------------------------------------------------------

def lighthouse(site: Path, workdir: Path, progress: Progress) -> dict:
    npx, executable = shutil.which("npx"), chromium()
    if not npx or not executable:
        return {"error": "npx or chromium not found"}
    item = next(iter(sorted(site.glob("case-studies/synth-*/index.html"))), None)
    pages = {"home": "/"}
    if item is not None:
        pages["item"] = "/" + item.parent.relative_to(site).as_posix() + "/"
    if (site / "library" / "index.html").exists():
        pages["library"] = "/library/"
    if (site / "campaigns" / "nowallsbutbridges" / "index.html").exists():
        pages["campaign"] = "/campaigns/nowallsbutbridges/"
    results: dict = {}
    env = dict(os.environ, CHROME_PATH=executable)
    with serve(site, compress=True) as base:
        for name, path in pages.items():
            progress.note(f"lighthouse {path}")
            output = workdir / f"lighthouse-{name}.json"
            command = [npx, "--yes", "lighthouse@12", base + path, "--quiet", "--output=json", f"--output-path={output}",
                       "--only-categories=performance,accessibility,best-practices", "--form-factor=mobile",
                       "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
            try:
                subprocess.run(command, env=env, cwd=workdir, capture_output=True, timeout=600, check=True)
                report = json.loads(output.read_text(encoding="utf-8"))
                results[name] = {"path": path, **{key: round(category["score"] * 100) if category["score"] is not None
                                                  else None for key, category in report["categories"].items()}}
            except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
                results[name] = {"path": path, "error": f"{type(error).__name__}: {str(error)[:300]}"}
                if isinstance(error, (subprocess.CalledProcessError, FileNotFoundError)) and name == "home":
                    results["skipped"] = "lighthouse could not run; the other pages were skipped"
                    break
    return results


# --- one size ------------------------------------------------------------------------------

def bench_size(n: int, languages: tuple[str, ...], workdir: Path, progress: Progress, args) -> dict:
    import engines

    root = workdir / f"n{n}x{len(languages)}"
    project, logs, cache = root / "bridges", root / "logs", root / "cache"
    result: dict = {"n": n, "languages": list(languages), "load_average_before": [round(x, 2) for x in os.getloadavg()]}

    progress(f"writing {n} synthetic items in {len(languages)} languages")
    result["content"] = synth.make_project(project, n, args.seed, languages=languages, repo=SNAPSHOT or REPO)

    progress(f"checking {result['content']['items']} items with bridges check")
    check = require(run_measured([python(), "-m", "bridges", "--root", str(project), "check"], project,
                                 bench_env(cache), logs / "check.log", "checking"), "bridges check")
    result["check"] = {**summary(check), "reported_seconds": logged_seconds(check.log, r"\(([\d.]+) s\)")}

    progress("rendering PDFs and training kits into an empty document cache")
    documents = warm_documents(project, cache, logs)
    result["documents"] = {"seconds": round(documents.seconds, 1),
                           "count": int(logged_seconds(documents.log, r"(\d+) documents") or 0)}

    result["bridges"] = engines.bridges_runs(sys.modules[__name__], project, cache, logs, progress)
    stats = site_stats(project / "site")
    result["site"] = stats
    cold = result["bridges"]["cold"]
    cold["pages_per_second"] = round(stats["html_pages"] / cold["seconds"], 1)

    progress("the same Markdown with Hugo and a minimal theme")
    result["hugo"] = engines.hugo_run(sys.modules[__name__], project, root / "hugo", languages, logs)
    if args.no_baseline:
        result["plain"] = None
    else:
        progress("the same Markdown with the plain stack (Material search on, no hooks)")
        result["plain"] = engines.plain_run(sys.modules[__name__], project, root / "plain", logs)
    result["ratios"] = ratios(result)

    if args.no_browser:
        result["browser"] = None
    else:
        progress("a direct first visit to /library/ and a first search, in headless Chromium")
        result["browser"] = {"bridges": browser_transfer(project / "site", path="/library/"),
                             "library": library.library_transfer(project / "site")}
        if result.get("plain"):
            result["browser"]["plain"] = browser_transfer(root / "plain" / "site", path="/library/")
    if not args.no_serve and n <= SERVE_MAX_ITEMS:
        progress(f"edit to browser under bridges serve ({n} items, {len(languages)} languages)")
        result["serve"] = engines.edit_to_browser(sys.modules[__name__], project, cache, logs)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return result


def ratios(result: dict) -> dict:
    out = {}
    for base in ("hugo", "plain"):
        other = result.get(base)
        if not other:
            continue
        for name in ("cold", "warm", "edit"):
            mine = result["bridges"][name]
            out[f"{name}/{base}"] = round(mine["seconds"] / other["seconds"], 2)
            out[f"{name}/{base}_cpu"] = round(mine["cpu_seconds"] / other["cpu_seconds"], 2) if other["cpu_seconds"] else None
    return out


def _round(value: float | None) -> int | None:
    return None if value is None else round(value)


# --- reporting -----------------------------------------------------------------------------

def _kb(value) -> str:
    return "–" if value is None else f"{value / 1000:,.0f}"


def _s(value, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _wall_cpu(run: dict | None) -> str:
    return "–" if not run else f"{_s(run['seconds'])} ({_s(run['cpu_seconds'])})"


def _mb(value) -> str:
    return "–" if value is None else f"{value:,}"


def table(sizes: list[dict]) -> str:
    b = lambda name: (lambda r: _wall_cpu(r["bridges"][name]))  # noqa: E731
    rows = [
        ("items (synthetic + real) × languages", lambda r: f"{r['content']['items']:,} × {len(r['languages'])}"),
        ("HTML pages", lambda r: f"{r['site']['html_pages']:,}"),
        ("bridges build, cold render cache: wall (CPU) s", b("cold")),
        ("bridges build, warm render cache: wall (CPU) s", b("warm")),
        ("bridges build after a one-story edit: wall (CPU) s", b("edit")),
        ("pages rendered after the edit (of all)", lambda r: f"{r['bridges']['edit']['rendered']:,} "
                                                            f"(of {r['bridges']['edit']['rendered'] + r['bridges']['edit']['cache_hits']:,})"),
        ("Hugo, minimal theme: wall (CPU) s", lambda r: _wall_cpu(r["hugo"])),
        ("plain stack (MkDocs + Material + i18n, lunr): wall (CPU) s", lambda r: _wall_cpu(r["plain"])),
        ("cold / Hugo, wall (CPU)", lambda r: f"{r['ratios']['cold/hugo']:.1f}× ({r['ratios']['cold/hugo_cpu']:.1f}×)"),
        ("warm / Hugo, wall (CPU)", lambda r: f"{r['ratios']['warm/hugo']:.1f}× ({r['ratios']['warm/hugo_cpu']:.1f}×)"),
        ("cold / plain stack, wall (CPU)", lambda r: f"{r['ratios']['cold/plain']:.2f}× ({r['ratios']['cold/plain_cpu']:.2f}×)"),
        ("peak memory, cold build, all processes at once (MB)", lambda r: _mb(r["bridges"]["cold"]["tree_peak_rss_mb"])),
        ("peak memory, plain stack (MB)", lambda r: _mb(r["plain"]["tree_peak_rss_mb"])),
        ("`bridges check` (s)", lambda r: _s(r["check"]["seconds"], 2)),
        ("PDFs and kits from an empty cache, not in the builds (s)", lambda r: _s(r["documents"]["seconds"])),
        ("direct first visit to /library/ (KB, gzip est.)", lambda r: _transfer(r, "bridges", "home")),
        ("then a first search (KB, gzip est.)", lambda r: _transfer(r, "bridges", "search")),
        ("plain stack: /library/, then a first search (KB)", lambda r: f"{_transfer(r, 'plain', 'home')}; "
                                                                      f"{_transfer(r, 'plain', 'search')}"),
        ("edit to browser, bridges serve (s, three edits)", lambda r: ", ".join(f"{x:.1f}" for x in r["serve"]["seconds"])),
        ("then the whole site in the background (s)",
         lambda r: ", ".join(f"{x:.1f}" for x in r["serve"].get("whole_site_seconds", [])) or "-"),
        ("load average before; after", lambda r: f"{r['load_average_before'][0]:.1f}; {r['load_average_after'][0]:.1f}"),
        ("library on a phone: first visit (KB, gzip est.)", lambda r: _transfer(r, "library", "visit")),
        ("library: first search (KB, gzip est.; index chunks)",
         lambda r: f"{_transfer(r, 'library', 'search')}; {r['browser']['library']['search']['index_chunks']}"),
        ("library first visit by part (KB gzip)", lambda r: _parts(r, "visit")),
        ("library first search by part (KB gzip)", lambda r: _parts(r, "search")),
        ("library: a first search for a rare word (KB, gzip est.)", lambda r: _transfer(r, "library", "rare")),
        ("library rare-word search by part (KB gzip)", lambda r: _parts(r, "rare")),
    ]
    header = "| | " + " | ".join(f"{r['n']:,} × {len(r['languages'])}" for r in sizes) + " |"
    lines = [header, "|---|" + "---:|" * len(sizes)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(_safe(cell, r) for r in sizes) + " |")
    return "\n".join(lines)


def _safe(cell, result) -> str:
    try:
        return cell(result)
    except (KeyError, TypeError, AttributeError):
        return "–"


def _transfer(result: dict, stack: str, what: str) -> str:
    measured = ((result.get("browser") or {}).get(stack) or {}).get(what)
    if not measured:
        return "–"
    return f"{_kb(measured['bytes'])} ({_kb(measured['gzip_bytes'])})"


def _parts(result: dict, what: str) -> str:
    """The library's transfer by kind of file (bench/library.py KINDS), largest first: which part grows."""
    kinds = result["browser"]["library"][what]["by_kind"]
    return ", ".join(f"{kind} {_kb(part['gzip_bytes'])}" + (f" ({part['requests']})" if part["requests"] > 1 else "")
                     for kind, part in kinds.items() if part["gzip_bytes"] >= 500)


def environment() -> dict:
    def version(name):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            return importlib.metadata.version(name)
        return None

    def git(*args):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
        return None

    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "packages": {name: version(name) for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pagefind",
                                                           "weasyprint", "playwright")},
            "git_commit": git("rev-parse", "--short", "HEAD"), "git_dirty": bool(git("status", "--porcelain"))}


def save(report: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{report['started'].replace(':', '').replace('-', '')}.json"
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    path.write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    (RESULTS / "latest.md").write_text(report["table"] + "\n", encoding="utf-8")
    return path


def load_profiler():
    # Loaded by path: a module named "profile" on sys.path would shadow the standard library's.
    spec = importlib.util.spec_from_file_location("bridges_bench_profile", BENCH / "profile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the Bridges build (see bench/run.py's docstring).")
    parser.add_argument("--sizes", nargs="+", help=f"synthetic items x languages (default {DEFAULT_SIZES})")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    parser.add_argument("--seed", type=int, default=synth.SEED)
    parser.add_argument("--profile", action="store_true",
                        help="also profile the build with cProfile at the smallest and largest size (bench/profile.py)")
    parser.add_argument("--lighthouse", action="store_true", help="Lighthouse scores of the largest site (npx lighthouse@12)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain-stack build")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-to-browser measurement")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where they are")
    args = parser.parse_args(argv)
    sizes = [parse_size(size) for size in args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)]

    total = len(sizes) * STEPS_PER_SIZE - (len(sizes) if args.no_baseline else 0) - (len(sizes) if args.no_browser else 0)
    total += (1 if args.lighthouse else 0) + (2 if args.profile else 0)
    progress = Progress(total)
    started = dt.datetime.now(dt.timezone.utc)
    workdir = Path(tempfile.mkdtemp(prefix="bridges-bench-"))
    report: dict = {"started": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "environment": environment(),
                    "settings": {"sizes": [f"{n}x{len(langs)}" for n, langs in sizes], "seed": args.seed, "query": QUERY,
                                 "site_url": SITE_URL},
                    "sizes": []}
    try:
        take_snapshot(workdir / "repo")
        for n, languages in sizes:
            report["sizes"].append(bench_size(n, languages, workdir, progress, args))
            print(table(report["sizes"][-1:]), file=sys.stderr, flush=True)
        if args.lighthouse:
            n, languages = sizes[-1]
            progress(f"Lighthouse (mobile) on four pages of the {n} x {len(languages)} site")
            report["lighthouse"] = lighthouse(workdir / f"n{n}x{len(languages)}" / "bridges" / "site", workdir, progress)
        if args.profile:
            profiler = load_profiler()
            profile_sizes = sorted({min(n for n, _ in sizes), max(n for n, _ in sizes)})
            report["profile"] = profiler.profile(profile_sizes, workdir / "profile", progress, args.seed)
    finally:
        if args.keep:
            Progress.note(f"temporary projects kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report["seconds"] = round((dt.datetime.now(dt.timezone.utc) - started).total_seconds())
    report["table"] = table(report["sizes"])
    path = save(report)
    print(report["table"])
    print(f"\nMachine: {report['environment']['cpus']} CPUs, shared; load averages are in the table "
          "(wall times on a busy machine are long; CPU seconds move less).")
    if report.get("lighthouse"):
        print("\nLighthouse (mobile):")
        for name, scores in report["lighthouse"].items():
            print(f"  {name}: {scores}")
    if report.get("profile"):
        print(f"\nProfiles: {', '.join(report['profile']['files'])}")
    print(f"\nSaved {path.relative_to(REPO)} and bench/results/latest.json ({report['seconds']} s in all).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
