"""Typography of each language, applied to finished HTML (bridges.outputs.typography), and lists joined
the locale's way (bridges.outputs.context.format_items). Fast unit tests."""
from __future__ import annotations

from bridges.outputs.context import format_items
from bridges.outputs.markup import bidi_safe
from bridges.outputs.typography import NNBSP, for_language, french_text, isolate_ltr_runs, map_text


def test_french_spaces_before_high_punctuation_become_narrow_no_break_spaces():
    assert french_text("Pourquoi ? Parce que : voilà ; enfin !") == \
        f"Pourquoi{NNBSP}? Parce que{NNBSP}: voilà{NNBSP}; enfin{NNBSP}!"
    assert french_text("le «\u00a0Jungle\u00a0» et «Calais»") == f"le «{NNBSP}Jungle{NNBSP}» et «{NNBSP}Calais{NNBSP}»"
    assert french_text("Titre&nbsp;: suite") == f"Titre{NNBSP}: suite"


def test_french_apostrophes_become_typographic_but_not_quotes():
    assert french_text("l'eau et l&#39;air, 'citation'") == "l’eau et l’air, 'citation'"


def test_straight_double_quotes_become_the_languages_quotation_marks():
    assert for_language('<p>the heading "Kitchen Lab", his &#34;fresh approach&#34;.</p>', "en", rtl=False) == \
        "<p>the heading “Kitchen Lab”, his “fresh approach”.</p>"
    assert french_text('le rapport "Pour une politique ambitieuse" et &quot;x&quot; !') == \
        f"le rapport «{NNBSP}Pour une politique ambitieuse{NNBSP}» et «{NNBSP}x{NNBSP}»{NNBSP}!"
    # Attributes, code, a lone mark, an inch, and languages with other marks are left alone.
    html = '<p title="a">a 12" screen, <code>x = "y"</code>, a=&#34;b&#34; and "one</p>'
    assert for_language(html, "en", rtl=False) == html
    assert for_language('<p>"Hola"</p>', "es", rtl=False) == '<p>"Hola"</p>'


def test_no_space_is_invented_in_addresses_or_times():
    text = "https://example.org/?a=1 et 10:30"
    assert french_text(text) == text


def test_code_attributes_and_text_in_another_language_are_left_alone():
    html = ('<p title="a : b" data-x="l\'eau">Texte : <code>a : b</code> <a href="/x?y=1 : 2">lien : x</a></p>'
            '<pre><code>x = "a ! b"</code></pre><div lang="en">Hello : world</div><p>fin !</p>')
    out = for_language(html, "fr", rtl=False)
    assert 'title="a : b"' in out and 'data-x="l\'eau"' in out and 'href="/x?y=1 : 2"' in out
    assert "<code>a : b</code>" in out and 'x = "a ! b"' in out
    assert f"Texte{NNBSP}:" in out and f"lien{NNBSP}: x" in out and f"fin{NNBSP}!" in out
    assert "Hello : world" in out


def test_a_void_or_unclosed_element_does_not_hide_the_rest_of_the_page():
    out = for_language("<p>a<br>b<img src=x alt='y : z'> : c</p><p>d !</p>", "fr", rtl=False)
    assert f"b<img src=x alt='y : z'>{NNBSP}: c" in out and f"d{NNBSP}!" in out


def test_english_gets_one_kind_of_apostrophe_and_no_french_spaces():
    assert for_language("<p>Don't stop : it's fine</p>", "en", rtl=False) == "<p>Don’t stop : it’s fine</p>"
    # A plural's possessive too, but not a mark before a word or at the end of a text.
    assert for_language("<p>the labs' guides, the 'quote' and labs'</p>", "en", rtl=False) == \
        "<p>the labs’ guides, the 'quote' and labs'</p>"


def test_hashtags_and_latin_names_are_isolated_in_arabic():
    out = for_language("<h1>حملة \u200e#NoWallsButBridges للجميع</h1><p>شبكة Migrant Integration Lab.</p>", "ar", rtl=True)
    # The mark before the # keeps it in front where the tags are gone (Pagefind's text of the page).
    assert "<bdi>\u200e#NoWallsButBridges</bdi> للجميع" in out
    assert "<bdi>Migrant Integration Lab</bdi>." in out  # the full stop stays with the Arabic sentence
    out = for_language('<p><bdi dir="ltr">#NoWallsButBridges</bdi> · انتهت &#39;<a href="/#NoWalls">x</a></p>', "ar", rtl=True)
    assert out == '<p><bdi dir="ltr">\u200e#NoWallsButBridges</bdi> · انتهت &#39;<a href="/#NoWalls"><bdi>x</bdi></a></p>'
    # A French title on an Arabic page keeps its own words, but its hashtag gets the mark too: the
    # library lists it, without its tags, among right-to-left results.
    out = for_language('<h1 lang="fr">Le livre blanc #NoWallsButBridges</h1>', "ar", rtl=True)
    assert out == '<h1 lang="fr">Le livre blanc \u200e#NoWallsButBridges</h1>'
    # "and #Hashtag" in Arabic is one word, "و#Hashtag"; "C#" is no hashtag.
    assert bidi_safe("#A و#B C# ‎#D", True) == "\u200e#A و\u200e#B C# ‎#D"


def test_isolation_never_breaks_an_entity_or_a_tag():
    assert isolate_ltr_runs("AT&amp;T") == "<bdi>AT</bdi>&amp;<bdi>T</bdi>"
    out = map_text('<a href="https://example.org/Bridges">نص Bridges</a>', isolate_ltr_runs, "ar")
    assert out == '<a href="https://example.org/Bridges">نص <bdi>Bridges</bdi></a>'


def test_lists_use_the_separators_of_the_locale():
    assert format_items(["A", "B", "C"], "en") == "A, B, C"
    assert format_items(["A", "B", "C"], "fr") == "A, B et C"
    assert "،" in format_items(["أ", "ب", "ج"], "ar") and "," not in format_items(["أ", "ب", "ج"], "ar")
    assert format_items(["A", "B", "C"], "es").startswith("A, B")  # no "unit" list in Spanish data
    assert format_items(["A"], "ar") == "A"


def test_pdfs_get_the_same_typography_as_the_pages(repo):
    import shutil

    from bridges.outputs.documents import document_html
    from bridges.pipeline import load_and_check
    from conftest import FIXTURE_SITE

    shutil.copytree(FIXTURE_SITE / "content/labs/harbour-lab", repo.root / "content/labs/harbour-lab")
    checked = load_and_check(repo.root)
    item = checked.content.get("lab", "harbour-lab")
    html = document_html(checked.content, item, "fr", "https://example.org/")
    body = html[html.index("<body"):]
    assert f"sur{NNBSP}:" in body and "l’" in body
    assert "<style>" in html and NNBSP not in html[html.index("<style>"):html.index("</style>")]


def test_cards_get_the_typography_and_never_break_a_line_at_a_no_break_space():
    from bridges.outputs.cards import Card, draw_card, face
    from bridges.outputs.typography import for_plain_text

    assert for_plain_text("Qu'est-ce que c'est ?", "fr") == f"Qu’est-ce que c’est{NNBSP}?"
    assert for_plain_text("It's here", "en") == "It’s here" and for_plain_text("حملة 'x'", "ar") == "حملة 'x'"
    card = Card(path="x.png", lang="fr", direction="ltr", kicker="Étude de cas",
                title="Pourquoi ? " * 12, subtitle="", footer="Bridges")
    assert draw_card(card).size == (1200, 630)
    lines = face("latin", "bold", 68, "fr").wrap(for_plain_text("Pourquoi ? " * 12, "fr"), 1000, 8)
    assert len(lines) > 1 and not any(line.startswith("?") for line in lines)
