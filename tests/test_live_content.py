"""The live content: what volunteers put in content/, which every other site and browser test
leaves alone (they read the fixture site, tests/fixture_site). Two tests, and no more: the content
passes `bridges check`, and the site the public sees builds strictly, with a page for every item
in every language. They name no item, so that adding, editing or removing a story never breaks
them unless the site itself breaks.

The build is in the site layer (`make test`; skip it with `-m "not live"`): `.ci/run` runs only
`make test`, and a change to the code, the theme or the content that stops the public site from
building must fail there, not at deploy time."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from bridges.pipeline import load_and_check
from conftest import REPO, SITE_PATH, copy_sources


@pytest.mark.live
def test_the_live_content_passes_the_check():
    checked = load_and_check(REPO)
    assert checked.content.items, "content/ holds no item"
    assert not checked.errors, "\n".join(problem.message() for problem in checked.errors)


@pytest.mark.site
@pytest.mark.live
def test_the_live_site_builds_strictly(tmp_path):
    """`bridges build` (what `make site` and the deploy workflow run) on a copy of the repository."""
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=copy_sources)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)  # the published address
    result = subprocess.run([sys.executable, "-m", "bridges", "build", "--site-dir", str(root / "site")],
                            cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    site = root / "site"
    catalogue = json.loads((site / "api/items.json").read_text(encoding="utf-8"))
    items = load_and_check(root).content.items
    assert catalogue["count"] == len(catalogue["items"]) == len(items)
    pages = [urlsplit(url).path.removeprefix(SITE_PATH) for item in catalogue["items"] for url in item["url"].values()]
    assert len(pages) == len(items) * len(catalogue["languages"])  # every item in every language
    missing = [page for page in pages if not (site / page / "index.html").is_file()]
    assert missing == [], missing[:20]
