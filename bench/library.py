"""What the library costs a reader on a phone: bytes of a first visit to /library/, and of a first
search typed into its box, common word then rare word, each from an empty cache (bench/run.py
calls `library_transfer` for each size); and, when the newest items held few results and the
library offered "Search the N older items too", what that second step costs.

Measured in headless Chromium at 390 x 844 px with an empty cache, as run.py measures the home
page: the body bytes of every response and their gzip size (what a compressing server such as
GitHub Pages sends). Also counted: requests to Pagefind before the reader touched anything
(the library must make none) and the index files the first search fetched. The target of
issue 14: at most 150 KB gzip each at 3,000 items, and not growing with the number of items.
"""
from __future__ import annotations

import contextlib
import gzip
from pathlib import Path

PHONE = {"width": 390, "height": 844}
QUERY = "integration"
# A word in few items, most of them older than the first index's newest items (in the real
# content, not in the synthetic text): a first search that has to read the older items' index too.
RARE = "migration"


# What each response is, to see which part grows with the number of items (first match wins).
KINDS = (("/pagefind/pagefind.js", "pagefind.js"), ("/pagefind/pagefind-worker.js", "pagefind worker"),
         ("/pagefind/wasm.", "pagefind wasm"), ("/pagefind/pagefind-entry.json", "pagefind entry"),
         (".pf_meta", "pagefind meta"), ("/pagefind/index/", "pagefind index chunks"),
         ("/pagefind/filter/", "pagefind filter chunks"), ("/pagefind/fragment/", "pagefind fragments"),
         ("/pagefind/", "pagefind other"), ("/assets/library.js", "library.js"), ("/assets/library.css", "library.css"),
         (".js", "other scripts"), (".css", "other styles"), (".woff", "fonts"), (".svg", "images"),
         (".png", "images"), (".webp", "images"), (".jpg", "images"))


def kind_of(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0]
    if path.endswith("/library/") or path.endswith("/library/index.html"):
        return "html"
    if "/pagefind/older/" in path:  # the older items' index (bridges.outputs.search), merged on demand
        return "older " + kind_of(url.replace("/pagefind/older/", "/pagefind/", 1))
    return next((kind for fragment, kind in KINDS if fragment in path), "other")


def library_transfer(site: Path, query: str = QUERY, path: str = "/library/", rare: str | None = RARE) -> dict:
    import run  # bench/run.py: the server, the browser and the waiting, shared with the home page measure

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    executable = run.chromium()
    if not executable:
        return {"error": "no chromium on PATH"}
    if not (site / path.strip("/") / "index.html").exists():
        return {"error": f"no {path} page"}
    records: list[dict] = []
    pending: set = set()

    def finished(request):
        pending.discard(request)
        record = {"url": request.url, "bytes": 0, "gzip_bytes": 0}
        with contextlib.suppress(Exception):
            body = request.response().body()
            record["bytes"] = len(body)
            record["gzip_bytes"] = len(gzip.compress(body, 6))
        records.append(record)

    def tally() -> dict:
        taken = list(records)
        records.clear()
        pagefind = [record for record in taken if "/pagefind/" in record["url"]]
        kinds: dict[str, dict] = {}
        for record in taken:
            kind = kinds.setdefault(kind_of(record["url"]), {"requests": 0, "bytes": 0, "gzip_bytes": 0})
            kind["requests"] += 1
            kind["bytes"] += record["bytes"]
            kind["gzip_bytes"] += record["gzip_bytes"]
        return {"requests": len(taken), "bytes": sum(r["bytes"] for r in taken),
                "gzip_bytes": sum(r["gzip_bytes"] for r in taken),
                "pagefind_requests": len(pagefind), "pagefind_gzip_bytes": sum(r["gzip_bytes"] for r in pagefind),
                "index_chunks": sum(1 for r in pagefind if "/index/" in r["url"]),
                "html_bytes": sum(r["bytes"] for r in taken if kind_of(r["url"]) == "html"),
                "by_kind": dict(sorted(kinds.items(), key=lambda entry: -entry[1]["gzip_bytes"])),
                "largest": sorted(((r["gzip_bytes"], r["url"].split("/", 3)[-1]) for r in taken), reverse=True)[:5]}

    with run.serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])

        def first_search(words: str) -> tuple[dict, dict]:
            """A first visit with an empty cache, then `words` typed into the library's box."""
            page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
            page.on("request", lambda request: pending.add(request))
            page.on("requestfailed", lambda request: pending.discard(request))
            page.on("requestfinished", finished)
            page.goto(base + path, wait_until="load")
            run.settle(page, pending)
            visit = tally()
            box = page.locator("#library-q")
            box.click()
            box.type(words, delay=60)
            page.locator("#library-results:not([data-busy])").wait_for(state="attached", timeout=60_000)
            run.settle(page, pending, 1500)
            search = tally()
            search["query"] = words
            search["results_shown"] = page.locator("#library-results > li").count()
            search["status"] = page.locator("#library-status").inner_text()
            older = None
            if page.locator("#library-older").is_visible():  # few results in the newest items
                page.locator("#library-older").click()  # the reader's second step, on demand
                page.locator("#library-results:not([data-busy])").wait_for(state="attached", timeout=60_000)
                run.settle(page, pending, 1500)
                older = tally()
                older["results_shown"] = page.locator("#library-results > li").count()
                older["status"] = page.locator("#library-status").inner_text()
            page.context.close()
            return visit, search, older

        try:
            visit, search, older = first_search(query)
            measured = {"visit": visit, "search": search}
            if older:
                measured["search_older"] = older
            if rare:
                _, measured["rare"], older = first_search(rare)
                if older:
                    measured["rare_older"] = older
            return measured
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    """Measure one built site: `python bench/library.py SITE_DIR [QUERY]`, printed by kind of file."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="What a phone downloads from /library/ of a built site.")
    parser.add_argument("site", type=Path, help="the built site (with pagefind/)")
    parser.add_argument("query", nargs="?", default=QUERY)
    parser.add_argument("--rare", default=RARE, help="a second first search, for a word in few items ('' for none)")
    parser.add_argument("--path", default="/library/", help="the library of another language, e.g. /fr/library/")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # `import run` in library_transfer
    measured = library_transfer(args.site, args.query, args.path, args.rare or None)
    if "error" in measured:
        print(measured["error"], file=sys.stderr)
        return 1
    for step, title in (("visit", f"first visit to {args.path}"), ("search", f"then a first search for {args.query!r}"),
                        ("search_older", "then 'Search the older items too'"),
                        ("rare", f"or a first search for {args.rare!r}"), ("rare_older", "then 'Search the older items too'")):
        part = measured.get(step)
        if not part:
            continue
        print(f"{title}: {part['requests']} requests, {part['bytes'] / 1000:,.1f} KB, "
              f"gzip {part['gzip_bytes'] / 1000:,.1f} KB" + (f" ({part['status']})" if "status" in part else ""))
        for kind, size in part["by_kind"].items():
            print(f"  {kind:24} {size['requests']:3} × {size['bytes'] / 1000:8,.1f} KB  gzip {size['gzip_bytes'] / 1000:7,.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
