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
