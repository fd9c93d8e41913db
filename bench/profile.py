"""Profile the Bridges build with cProfile, and find what grows faster than the number of pages.

    .venv/bin/python bench/profile.py                 # N = 300 and 3000 (about 10 minutes)
    .venv/bin/python bench/profile.py --sizes 3000    # one size, no growth table
    .venv/bin/python bench/run.py --profile           # the same, after the benchmark

For each size it builds a synthetic project (bench/synth.py) with `python -m cProfile -m mkdocs
build`, PDFs already in the document cache, and writes bench/results/profile-<N>.txt: the
functions with the highest cumulative time, then the highest own time. With two sizes or more it
also writes bench/results/profile-growth.txt: for each costly function, how its calls and its time
grew from the smallest to the largest size, as an exponent of the growth of the page count
(1 = linear; 2 = the square of the pages). cProfile slows a build down about twice; the shares
and the growth matter, not the seconds.

This file is named profile.py as the issue asks; run it as a script or load it by path (run.py
does): on sys.path it would shadow the standard library's `profile`, which cProfile imports.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import pstats
import re
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import run  # noqa: E402  (bench/run.py: measured subprocesses, site statistics)
import synth  # noqa: E402

TOP = 60
DEFAULT_SIZES = [300, 3000]


def _key(func: tuple) -> str:
    """filename:line(function), without the temporary folders and site-packages prefixes, so that
    the same function has the same name in every profile."""
    filename, line, name = func
    filename = re.sub(r"^.*/bridges-(?:profile|bench)-[^/]+/repo/", "", filename)
    filename = re.sub(r"^.*/bridges-(?:profile|bench)-[^/]+/(?:p\d+|n\d+/bridges)/", "<project>/", filename)
    filename = filename.replace(str(run.REPO) + "/", "")
    if "site-packages/" in filename:
        filename = filename.split("site-packages/", 1)[1]
    return f"{filename}:{line}({name})"


def profile_size(n: int, workdir: Path, progress, seed: int = synth.SEED, top: int = TOP) -> dict:
    project, logs, cache = workdir / f"p{n}", workdir / f"logs-{n}", workdir / "cache"
    progress(f"profiling the bridges build at N = {n} with cProfile (writing the project, PDFs, build)")
    info = synth.make_project(project, n, seed, repo=run.SNAPSHOT or run.REPO)
    run.warm_documents(project, cache, logs)
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    prof = run.RESULTS / f"profile-{n}.prof"
    command = [run.python(), "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict",
               "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
    build = run.require(run.run_measured(command, project, run.bench_env(cache), logs / "profile.log",
                                         "profiling"), "profiled build")
    meta = {"n": n, "items": info["items"], "pages": run.site_stats(project / "site")["html_pages"],
            "seconds": round(build.seconds, 1)}
    (run.RESULTS / f"profile-{n}.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return report(n, top)


def report(n: int, top: int = TOP) -> dict:
    """Write profile-<n>.txt from profile-<n>.prof and .json; return what growth() needs."""
    prof = run.RESULTS / f"profile-{n}.prof"
    meta = json.loads((run.RESULTS / f"profile-{n}.json").read_text(encoding="utf-8"))
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    buffer = io.StringIO()
    buffer.write(f"cProfile of `mkdocs build --strict` with bridges: N = {n} synthetic items, {meta['items']} in all, "
                 f"{meta['pages']} HTML pages (en + fr); {meta['seconds']:.0f} s under the profiler, {total:.0f} s "
                 f"profiled.\nMade by bench/profile.py. Raw data: {prof.name} (open with python -m pstats).\n"
                 "\n=== by cumulative time ===\n")
    stats.stream = buffer
    stats.sort_stats("cumulative").print_stats(top)
    buffer.write("\n=== by own time (tottime) ===\n")
    stats.sort_stats("tottime").print_stats(top)
    text_path = run.RESULTS / f"profile-{n}.txt"
    text_path.write_text(buffer.getvalue(), encoding="utf-8")
    functions: dict[str, dict] = {}
    for func, (cc, nc, tt, ct, callers) in stats.stats.items():
        entry = functions.setdefault(_key(func), {"calls": 0, "tottime": 0.0, "cumtime": 0.0})
        entry["calls"] += nc
        entry["tottime"] += tt
        entry["cumtime"] += ct
    return {**meta, "total": total, "functions": functions, "file": str(text_path.relative_to(run.REPO))}


def _exponent(large: float, small: float, ratio: float) -> float | None:
    if small <= 0 or large <= 0:
        return None
    return math.log(large / small) / math.log(ratio)


def growth(small: dict, large: dict, top: int = 40, threshold: float = 1.15, floor: float = 0.001) -> str:
    """Functions that cost at least 0.1 % of the large build, with the growth of their calls and
    time as an exponent of the growth of the items (1 = linear, 2 = quadratic); the super-linear
    ones first. Items, not pages: listings, theme, country and translation pages grow with the
    items while their number does not, so the work grows with the items."""
    item_ratio = large["items"] / small["items"]
    page_ratio = large["pages"] / small["pages"]
    rows = []
    for name, big in large["functions"].items():
        little = small["functions"].get(name)
        if little is None or big["cumtime"] < floor * large["total"]:
            continue
        rows.append((name, big, _exponent(big["calls"], little["calls"], item_ratio),
                     _exponent(big["cumtime"], little["cumtime"], item_ratio),
                     _exponent(big["tottime"], little["tottime"], item_ratio)))
    superlinear = sorted((row for row in rows if (row[3] or 0) > threshold or (row[2] or 0) > threshold),
                         key=lambda row: row[1]["cumtime"], reverse=True)
    costliest = sorted(rows, key=lambda row: row[1]["cumtime"], reverse=True)
    columns = f"{'share':>6} {'cum s':>8} {'calls exp':>9} {'time exp':>8} {'own exp':>7} {'calls':>12}  function"

    def line(row):
        name, big, calls, cumulative, own = row
        return (f"{100 * big['cumtime'] / large['total']:5.1f}% {big['cumtime']:8.1f} {_fmt(calls):>9} "
                f"{_fmt(cumulative):>8} {_fmt(own):>7} {big['calls']:>12,}  {name}")

    lines = [f"Growth from N = {small['n']} to N = {large['n']}: items {small['items']} -> {large['items']} "
             f"(x{item_ratio:.2f}), HTML pages {small['pages']} -> {large['pages']} (x{page_ratio:.2f}), "
             f"profiled seconds {small['total']:.0f} -> {large['total']:.0f} "
             f"(exponent {_fmt(_exponent(large['total'], small['total'], item_ratio))}).",
             "Exponent = log(growth of the measure) / log(growth of the items): 1 is linear, 2 quadratic.",
             "Constant costs (start-up, the real content) weigh more in a small build, so exponents below 1 are common;",
             "time exponents move by about +-0.1 from run to run on a shared machine, call counts do not.",
             "Calls and share are those of the large build; 'own' is the time spent in the function itself.", "",
             f"=== super-linear: exponent of calls or of cumulative time > {threshold}, >= {100 * floor:g} % of the time ===",
             columns]
    lines += [line(row) for row in superlinear[:top]] or ["(none)"]
    lines += ["", "=== the costliest functions, for reference ===", columns]
    lines += [line(row) for row in costliest[:top] if row[1]["cumtime"] >= 0.005 * large["total"]]
    return "\n".join(lines) + "\n"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def profile(sizes: list[int], workdir: Path | None, progress, seed: int = synth.SEED, reuse: bool = False) -> dict:
    """Profile each size (or, with reuse, read the saved profiles); with two sizes or more,
    compare the smallest and the largest."""
    results = [report(n) if reuse else profile_size(n, workdir, progress, seed) for n in sorted(sizes)]
    files = [result["file"] for result in results]
    summary: dict = {"sizes": [{key: result[key] for key in ("n", "items", "pages", "seconds", "total")}
                               for result in results], "files": files}
    if len(results) >= 2:
        path = run.RESULTS / "profile-growth.txt"
        path.write_text(growth(results[0], results[-1]), encoding="utf-8")
        files.append(str(path.relative_to(run.REPO)))
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile the Bridges build with cProfile.")
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--seed", type=int, default=synth.SEED)
    parser.add_argument("--reuse", action="store_true",
                        help="no build: rewrite the reports from the saved bench/results/profile-<N>.prof and .json")
    args = parser.parse_args(argv)
    progress = run.Progress(len(args.sizes))
    if args.reuse:
        summary = profile(args.sizes, None, progress, args.seed, reuse=True)
    else:
        with tempfile.TemporaryDirectory(prefix="bridges-profile-") as workdir:
            run.take_snapshot(Path(workdir) / "repo")
            summary = profile(args.sizes, Path(workdir), progress, args.seed)
    for path in summary["files"]:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
