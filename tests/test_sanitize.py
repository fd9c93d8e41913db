"""The HTML allow-list (bridges.sanitize)."""
from __future__ import annotations

import markdown

from bridges.outputs.sanitize import clean_html
from conftest import site_markdown


def render(text: str) -> str:
    """Python-Markdown as the site runs it (mkdocs.yml's extensions and options)."""
    names, options = site_markdown()
    return markdown.markdown(text, extensions=names, extension_configs=options)


def test_what_markdown_and_the_templates_produce_survives():
    source = """
# Title

<div class="admonition warning">
<p class="admonition-title">Careful</p>
<p>A notice of the templates, with a <a href="../other/">link</a>.</p>
</div>

| Left | Right |
|:-----|------:|
| a    | b     |

<div class="bridges-meta">
<dl>
<dt>Term</dt>
<dd>Definition</dd>
</dl>
</div>

::::: {.bridges-original lang="en" dir="ltr"}

## A story in its original language

:::::

<details open><summary>More</summary>Hidden until opened.</details>

[The guide](guide-fr.pdf){ download="guide-fr.pdf" hreflang="fr" } and <bdi dir="ltr">#NoWallsButBridges</bdi>

<figure class="bridges-image">
<img src="images/a.jpg" srcset="images/a-480.jpg 480w, images/a-960.jpg 960w" sizes="100vw" width="960" height="640" alt="A stall" decoding="async">
<figcaption>Photo: A.</figcaption>
</figure>

[A button](../library/){ .md-button }

<ul class="bridges-figures" aria-label="Key figures"><li>7 countries</li></ul>
"""
    html = render(source)
    cleaned = clean_html(html)
    for kept in ('<a class="headerlink" href="#title" title="Permanent link"', '<div class="admonition warning">',
                 '<p class="admonition-title">Careful</p>', '<th align="left">Left</th>', '<td align="right">b</td>',
                 "<dt>Term</dt>", "<dd>Definition</dd>", 'dir="ltr" lang="en"',
                 '<h2 id="a-story-in-its-original-language">', '<details open="">', "<summary>More</summary>",
                 'download="guide-fr.pdf"', 'hreflang="fr"', '<bdi dir="ltr">',
                 'srcset="images/a-480.jpg 480w, images/a-960.jpg 960w"', 'width="960"', 'alt="A stall"',
                 'loading="lazy"', "<figcaption>Photo: A.</figcaption>", 'class="md-button"',
                 'aria-label="Key figures"'):
        assert kept in cleaned, kept


def test_active_content_is_removed():
    dirty = ("<p onclick='x()'>a</p><script>x()</script><iframe src=https://e.example></iframe>"
             "<a href='javascript:x()'>j</a><a href='data:text/html,x'>d</a><img src='https://t.example/p.gif' alt=p>"
             "<img src=a.jpg srcset='https://t.example/p.gif 2x' alt=q><p style='display:none'>s</p>"
             "<form action=https://e.example><input name=q></form><div id=__config class='md-toggle x'>c</div>"
             "<svg onload=x()><script>y()</script></svg><style>body{}</style><object data=x></object>")
    cleaned = clean_html(dirty)
    for gone in ("onclick", "<script", "iframe", "javascript:", "data:", "t.example", "style", "<form", "<input",
                 "__config", "md-toggle", "<svg", "onload", "<object"):
        assert gone not in cleaned, gone
    assert '<div class="x">c</div>' in cleaned and "<p>s</p>" in cleaned


def test_only_the_theme_sets_search_attributes():
    """A story that fakes its title, type or facets in the library: the attributes go, the text stays."""
    dirty = ('<h1 data-pagefind-meta="title:Official statement">x</h1><span data-pagefind-filter="type">Lab</span>'
             '<div data-pagefind-body data-pagefind-ignore="all" data-pagefind-sort="date:2099-01-01" '
             'data-pagefind-weight="10" data-pagefind-index-attrs="title">y</div>')
    cleaned = clean_html(render(dirty))
    assert "pagefind" not in cleaned and "Lab" in cleaned and "y</div>" in cleaned


def test_urls_that_lead_elsewhere_in_a_browser_are_removed():
    for url in ("/\\evil.example/x", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "\\/evil.example"):
        for tag in (f'<a href="{url}">a</a>', f'<img src="{url}" alt="x">'):
            cleaned = clean_html(tag)
            assert "evil.example" not in cleaned, (tag, cleaned)


def test_encoded_and_spaced_variants_of_other_hosts_are_removed():
    """Variants the defence was not written for: entities, leading spaces and tabs, a srcset
    candidate without a space after its comma."""
    attacks = ['<a href="/&#92;evil.example/x">a</a>', '<a href=" /\\evil.example">a</a>',
               '<img src="/&#x5C;evil.example/x.png" alt=x>', '<img src="&#x2F;&#x2F;evil.example/p.png" alt=x>',
               '<img src=" //evil.example/p.png" alt=x>', '<img src="\t//evil.example/p.png" alt=x>',
               '<img srcset="images/a-480.jpg 480w,//evil.example/b-960.jpg 960w" src="a.jpg" alt=x>',
               '<a href="jav&#x09;ascript:alert(1)">x</a>']
    for attack in attacks:
        cleaned = clean_html(attack)
        assert "evil.example" not in cleaned and "javascript" not in cleaned, (attack, cleaned)
    assert 'href="/%5Cevil.example"' in clean_html('<a href="/%5Cevil.example">a</a>')  # a path on this site


def test_srcset_is_kept_only_in_the_form_the_build_writes():
    kept = ["images/a-480.jpg 480w, images/a-960.jpg 960w", "../../x/images/p-300.png 300w"]
    for value in kept:
        assert f'srcset="{value}"' in clean_html(f'<img src="images/a.jpg" srcset="{value}" alt="x">'), value
    refused = ["https://t.example/p-480.jpg 480w", "//t.example/p-480.jpg 480w", "images/a.jpg 2x",
               "images/a-480.jpg 480w, https://t.example/b-960.jpg 960w", "/abs/a-480.jpg 480w",
               "files/other.pdf 480w", "images/a-480.jpg 960w", "data:image/png;base64,AAAA 1w",
               "images/a-480.svg 480w", "images/a%2F-480.jpg 480w"]
    for value in refused:
        assert "srcset" not in clean_html(f'<img src="images/a.jpg" srcset="{value}" alt="x">'), value


def test_heading_ids_that_would_leave_an_attribute_go_from_the_page_and_its_table_of_contents():
    """Material prints a heading's id into the table of contents' href unescaped; an attribute list
    can set any id, so an id must be one word of letters, digits, '_' and '-'."""
    import markdown
    from mkdocs.structure.toc import get_toc

    from bridges.outputs.sanitize import safe_anchors

    md = markdown.Markdown(extensions=["toc", "attr_list"])
    body = md.convert("## Met { id='x\"><meta http-equiv=refresh content=0;url=https://evil.example/ ' }\n\n"
                      "### Under it\n\n## Fine {: #données-2 }\n\n## Spaced { #\"a b\" }\n")
    toc = get_toc(md.toc_tokens)
    assert [entry.id for entry in safe_anchors(toc.items)] == ["under-it", "données-2"]
    cleaned = clean_html(body)
    assert "<h2>Met</h2>" in cleaned and "<h2>Spaced</h2>" in cleaned and 'id="données-2"' in cleaned
    assert "meta" not in cleaned


def test_a_download_name_cannot_turn_a_published_file_into_a_program():
    """A .txt file of commands, saved by the reader's browser as `setup.bat` or `run.hta`."""
    for name in ("setup.bat", "run.hta", "install.ps1", "x.js", "report.pdf.exe", "draw.svg", "../x.pdf",
                 "a/b.pdf", "notes\u202etxt.exe"):
        cleaned = clean_html(f'<a href="files/notes.txt" download="{name}">notes</a>')
        assert "download" not in cleaned, cleaned
    for name in ("", "notes.txt", "Guide 2024.pdf", "kit-fr.zip", "share.png"):
        cleaned = clean_html(f'<a href="files/notes.txt" download="{name}">notes</a>')
        assert f'download="{name}"' in cleaned, cleaned
