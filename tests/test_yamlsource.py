from bridges.model.limits import MAX_DEPTH, MAX_YAML_CHARS
from bridges.sources.yamlsource import parse_yaml


def codes(parsed):
    return [(issue.line, issue.field, issue.code) for issue in parsed.issues]


def test_values_keep_their_lines():
    parsed = parse_yaml("a: 1\nb:\n  - x: 2\n    y: 2021-05-04\n", first_line=2)
    assert parsed.data == {"a": 1, "b": [{"x": 2, "y": parsed.data["b"][0]["y"]}]}
    assert parsed.line_of(("b", 0, "y")) == 5
    assert parsed.line_of(("missing",)) == 2


def test_duplicate_keys_are_reported_with_both_lines():
    parsed = parse_yaml("title: A\nsummary: B\ntitle: C\n")
    assert codes(parsed) == [(3, "title", "yaml_duplicate_key")]
    assert parsed.issues[0].params["first"] == 1
    assert parsed.data["title"] == "A"


def test_aliases_are_refused_so_a_yaml_bomb_cannot_expand():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    parsed = parse_yaml(bomb)
    assert parsed.issues and all(issue.code == "yaml_alias" for issue in parsed.issues)
    assert len(str(parsed.data)) < 1000


def test_merge_keys_are_refused():
    assert "yaml_alias" in [code for _, _, code in codes(parse_yaml("a: &x {k: 1}\nb:\n  <<: *x\n"))]


def test_python_tags_are_never_constructed():
    parsed = parse_yaml("x: !!python/object/apply:os.system [echo hacked]\n")
    assert codes(parsed) == [(1, "x", "yaml_tag")]
    assert parsed.data == {"x": None}


def test_syntax_errors_give_the_line():
    assert codes(parse_yaml("a: [1\nb: 2\n")) == [(2, "", "yaml_syntax")]


# --- limits and values that do not exist (issue #12) -----------------------------------------

def test_nesting_is_refused_past_the_limit_before_the_parser_slows_down_or_recursion_crashes():
    # 50,000 levels made the C composer overflow the stack (a segfault), 2,000 levels made the
    # walker raise RecursionError; libyaml itself is quadratic in the depth. Parsing stops at
    # the first collection past MAX_DEPTH, so the rest of the text is never looked at.
    for deep in ("x: " + "[" * 50_000 + "]" * 50_000, "x: " + "{a: " * 50_000 + "}" * 50_000,
                 "- " * 50_000 + "a", "".join(" " * level + f"k{level}:\n" for level in range(600))):
        parsed = parse_yaml(deep, first_line=3)
        assert [issue.code for issue in parsed.issues] == ["yaml_too_deep"], parsed.issues
        assert parsed.data is None and parsed.issues[0].params == {"limit": MAX_DEPTH}
    assert parse_yaml("- " * (MAX_DEPTH - 1) + "a").issues == []  # the limit itself is allowed


def test_a_text_too_large_is_refused_before_parsing():
    parsed = parse_yaml("a: " + "x" * MAX_YAML_CHARS, first_line=2)
    assert codes(parsed) == [(2, "", "yaml_too_large")]


def test_dates_and_times_that_do_not_exist_are_problems_not_exceptions():
    parsed = parse_yaml("a: 1\npublished: 2024-02-30\nwhen: 2024-02-03 25:61:00\nok: 2024-02-29\n")
    assert codes(parsed) == [(2, "published", "yaml_bad_date"), (3, "when", "yaml_bad_date")]
    assert parsed.issues[0].params == {"value": "2024-02-30"}
    assert str(parsed.data["ok"]) == "2024-02-29"


def test_numbers_too_long_to_read_are_problems_not_exceptions():
    parsed = parse_yaml("year: " + "9" * 5_000 + "\nhex: 0x" + "f" * 5_000 + "\nfloat: 1.0e+308\nnan: .nan\n"
                        "minus: -10_000_000_000_000_000\nsmall: 2021\nfigure: 4.725e+8\n")
    assert [issue.code for issue in parsed.issues] == ["yaml_bad_number"] * 5
    assert len(parsed.issues[0].params["value"]) <= 60  # quoted in the message, shortened
    assert parsed.data["small"] == 2021 and parsed.data["figure"] == 472_500_000


def test_control_characters_are_refused_however_they_are_written():
    parsed = parse_yaml('title: "a\\x1b[31m red"\nsummary: "bell \\a"\nok: "tab\\there"\n'
                       'nel: "\\x85"\nnonchar: "\\uffff"\n"key\\x01": 1\nlist: ["\\0"]\n')
    assert codes(parsed) == [(1, "title", "control_character"), (2, "summary", "control_character"),
                             (4, "nel", "control_character"), (5, "nonchar", "control_character"),
                             (6, "", "control_character"), (7, "list[0]", "control_character")]
    assert parsed.issues[0].params == {"char": "U+001B"}
    assert parsed.data["ok"] == "tab\there"


def test_keys_that_are_not_plain_scalars_are_reported_and_their_values_left_out():
    parsed = parse_yaml("? [a, b]\n: 1\n? {c: 1}\n: {d: 2}\na: &x 1\n*x : 2\ne: 3\n")
    assert [code for _, _, code in codes(parsed)] == ["yaml_complex_key", "yaml_complex_key", "yaml_alias"]
    assert parsed.data == {"a": 1, "e": 3}


def test_tagged_collections_are_refused_and_their_content_left_out():
    parsed = parse_yaml("a: !!set {x: null}\nb: !!omap [{k: 1}]\nc: 1\n")
    assert codes(parsed) == [(1, "a", "yaml_tag"), (2, "b", "yaml_tag")]
    assert parsed.data == {"a": None, "b": None, "c": 1}
