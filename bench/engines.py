"""The builds the benchmark compares on one synthetic project, and the edit loop of `bridges serve`.

- bridges: `bridges build` (languages in parallel) from a cold render cache, again from the warm
  cache, and after an edit to one story;
- the plain stack: the same generated Markdown, MkDocs + Material + mkdocs-static-i18n with
  Material's search, no hooks (bench/synth.py: make_baseline);
- Hugo: the same generated Markdown with a minimal theme (bench/hugo_site.py);
- edit to browser: `bridges serve` on the project, a story edited, the page polled until it
  shows the edit; then how long the whole site took to follow in the background (serve's log).

Each returns plain dicts for the report; run.py prints the table.
"""
from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import hugo_site
import synth


def edit_story(project: Path, marker: str) -> str:
    """Add a paragraph to the first synthetic case study's English text. Returns its URL path."""
    bundle = sorted((project / "content" / "case_studies").glob("synth-*"))[0]
    page = bundle / "index.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", f"\n---\n{marker}\n\n", 1), encoding="utf-8")
    return f"/case-studies/{bundle.name}/"


def bridges_runs(run, project: Path, cache: Path, logs: Path, progress) -> dict:
    """Cold, warm and after a one-story edit, with `bridges build` (search index included)."""
    command = [run.python(), "-m", "bridges", "--root", str(project), "build", "--site-dir", str(project / "site")]
    results = {}
    for name in ("cold", "warm", "edit"):
        if name == "cold":
            for folder in ("pages", "jinja"):  # the documents stay: run.py made them beforehand
                shutil.rmtree(cache / folder, ignore_errors=True)
        if name == "edit":
            edit_story(project, f"Edited for the benchmark at {time.time_ns()}.")
        progress(f"bridges build, {name} render cache")
        measured = run.require(run.run_measured(command, project, run.bench_env(cache), logs / f"bridges-{name}.log",
                                                f"bridges build ({name})"), f"bridges build ({name})")
        log = Path(measured.log).read_text(encoding="utf-8", errors="replace")
        cached = re.search(r"(\d+) pages from the render cache, (\d+) rendered", log)
        results[name] = {**run.summary(measured), "cache_hits": int(cached[1]) if cached else None,
                         "rendered": int(cached[2]) if cached else None}
    return results


def hugo_run(run, project: Path, target: Path, languages: tuple[str, ...], logs: Path) -> dict | None:
    if not hugo_site.hugo_command():
        return None
    hugo_site.make_hugo_site(project, target, languages)
    measured = run.require(run.run_measured(hugo_site.build_command(target), target, run.bench_env(), logs / "hugo.log",
                                            "building with Hugo"), "Hugo build")
    pages = sum(1 for _ in (target / "public").rglob("*.html"))
    return {**run.summary(measured), "html_pages": pages}


def edit_to_browser(run, project: Path, cache: Path, logs: Path, edits: int = 3) -> dict:
    """Seconds from saving a story to the served page showing the change, under `bridges serve`."""
    port = run.free_port()
    env = run.bench_env(cache)  # the same SITE_URL as the builds: the PDFs (which show it) stay cached
    log_path = logs / "serve.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen([run.python(), "-m", "bridges", "--root", str(project), "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    seconds: list[float] = []
    try:
        deadline = time.monotonic() + 1800
        while "Serving on" not in log_path.read_text(errors="replace"):
            if server.poll() is not None or time.monotonic() > deadline:
                return {"error": "bridges serve did not start", "log": str(log_path)}
            time.sleep(0.5)
        time.sleep(2)  # the watcher starts with the server
        for number in range(edits):
            built_before = log_path.read_text(errors="replace").count("Built in")
            marker = f"Edit {number} at {time.time_ns()}"
            started = time.monotonic()
            path = edit_story(project, marker)
            while time.monotonic() - started < 120:
                with contextlib.suppress(OSError):
                    body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
                    if marker.encode() in body:
                        break
                time.sleep(0.05)
            seconds.append(round(time.monotonic() - started, 2))
            # A volunteer reads the page before the next edit; the site's rebuild in the background
            # may still run, and gives way to the next edit (bridges/adapters/mkdocs/serve.py).
            time.sleep(3)
        # How long the whole site takes to follow the last edit: its "Built in" line.
        deadline = time.monotonic() + 900
        while (log_path.read_text(errors="replace").count("Built in") <= built_before
               and time.monotonic() < deadline and server.poll() is None):
            time.sleep(1)
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=20)
        if server.poll() is None:
            server.kill()
    log = log_path.read_text(errors="replace")
    # The first "Built in" is the start; the others, the site following each edit in the background.
    whole = [float(value) for value in re.findall(r"Built in ([\d.]+) s", log)[1:]]
    shown = [float(value) for value in re.findall(r"Edited pages shown in ([\d.]+) s", log)]
    return {"seconds": seconds, "shown_seconds": shown, "whole_site_seconds": whole,
            "superseded": log.count("waits for the next change"), "log": str(log_path)}


def plain_run(run, project: Path, baseline: Path, logs: Path) -> dict:
    synth.make_baseline(project, baseline)
    measured = run.mkdocs_build(baseline, None, logs, "plain", "building with the plain stack", strict=False)
    return {**run.summary(measured), **run.site_stats(baseline / "site")}
