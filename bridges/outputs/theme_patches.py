"""Small, tested patches to Material's built JavaScript, applied to the built site.

Material's language switcher ("stay on page") fetches sitemap.xml for every <link rel=alternate>
on every page view: 2.5 MB at 3,000 items, and one request per language. Our pages already carry
each language's address of the same page (mkdocs-static-i18n sets them at build time), so the
fetch is useless. We remove the call that starts it. If Material changes and the call is no
longer found, the build fails instead of silently shipping the fetch.
"""
from __future__ import annotations

import re
from pathlib import Path

# In material 9.8.x's bundle: `ui({document$:ct});` starts the alternate-links integration.
ALTERNATE_SITEMAP_CALL = re.compile(r"\bui\(\{document\$:[A-Za-z_$][\w$]*\}\);")


class ThemePatchError(Exception):
    pass


def remove_sitemap_fetch(site_dir: Path) -> Path:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise ThemePatchError(f"expected one Material bundle in {site_dir}/assets/javascripts, found {len(bundles)}")
    bundle = bundles[0]
    code = bundle.read_text(encoding="utf-8")
    if "/* bridges: sitemap fetch removed */" in code:
        return bundle
    patched, count = ALTERNATE_SITEMAP_CALL.subn("/* bridges: sitemap fetch removed */", code)
    if count != 1:
        raise ThemePatchError(f"Material's sitemap fetch call was found {count} times in {bundle.name}; "
                              "check bridges/theme_patches.py against this Material version")
    bundle.write_text(patched, encoding="utf-8")
    return bundle
