"""Editor help: a JSON Schema per content type, made from the pydantic model and fields.yml, with the
vocabularies as allowed values; the field tables of content/README.md made from the same source."""
import json
import re

import jsonschema
import pytest
import yaml

from bridges.adapters.cli import main
from bridges.model.fields import json_schema
from bridges.model.registry import REGISTRY
from bridges.outputs.guides import update_guides, updated
from bridges.sources.site import load_site
from conftest import REPO


@pytest.fixture(scope="module")
def site():
    return load_site(REPO)[0]


@pytest.mark.parametrize("type_key", list(REGISTRY))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_schema_is_valid_and_describes_every_field(site, type_key, lang):
    schema = json_schema(site, type_key, lang)
    jsonschema.Draft202012Validator.check_schema(schema)
    nodes = [schema["properties"]] + [definition.get("properties", {}) for definition in schema.get("$defs", {}).values()]
    for properties in nodes:
        for name, node in properties.items():
            assert node.get("description"), name
            assert "title" not in node, name  # pydantic's English titles are replaced by the description


def test_vocabularies_countries_and_languages_are_allowed_values(site):
    schema = json_schema(site, "lab", "fr")
    properties = schema["properties"]
    assert properties["themes"]["items"]["enum"] == list(site.vocabularies["themes"])
    assert "economic" in properties["themes"]["items"]["enum"]
    assert properties["lab_kind"]["enum"] == list(site.vocabularies["lab_kinds"])
    assert "FR" in properties["countries"]["items"]["enum"] and "FRA" not in properties["countries"]["items"]["enum"]
    assert properties["original_language"]["enum"] == ["en", "fr", "es", "it", "ro", "ar"]
    assert properties["lab_kind"]["description"].startswith("le type de laboratoire")


def test_a_scaffold_filled_in_validates_and_a_wrong_value_does_not(repo, site):
    main(["--root", str(repo.root), "new", "case-study", "ma-boulangerie", "--lang", "fr"])
    path = repo.root / "content/case_studies/ma-boulangerie/meta.yml"
    data = yaml.safe_load(path.read_text().replace("[TODO]", "[FR]").replace("year: TODO", "year: 2022")
                          .replace("basis: TODO", "basis: written_consent").replace("review_date: TODO", "review_date: '2027-01-01'"))
    validator = jsonschema.Draft202012Validator(json_schema(site, "case_study", "fr"))
    assert [error.message for error in validator.iter_errors(data)] == ["'FR' is not one of " + repr(
        list(site.vocabularies["themes"]))]  # themes got [FR] too: the schema knows it is not a theme
    data["themes"] = ["economic"]
    assert list(validator.iter_errors(data)) == []
    data["themes"] = ["economy"]
    data["countries"] = ["FRA"]
    assert len(list(validator.iter_errors(data))) == 2


def test_the_guides_tables_are_the_models():
    assert update_guides(REPO, write=False) == [], "run: bridges docs"


def test_a_stale_table_is_rewritten():
    text = (REPO / "content/README.md").read_text(encoding="utf-8")
    stale = text.replace("the year it ended, if it did", "the year it ended")
    assert stale != text and updated(stale, "en") == text


def test_bridges_docs_check_fails_on_a_stale_guide(repo, capsys):
    (repo.root / "content/README.md").write_text(
        "<!-- made by bridges docs: fields.lab -->\nold\n<!-- end of fields.lab -->\n", encoding="utf-8")
    assert main(["--root", str(repo.root), "docs", "--check"]) == 1
    assert "content/README.md differs from the model" in capsys.readouterr().out
    assert main(["--root", str(repo.root), "docs"]) == 0
    assert re.search(r"\| `lab_kind` \| yes \|", (repo.root / "content/README.md").read_text())


def test_the_site_publishes_the_schemas_that_scaffolds_name(site_build):
    for type_key in REGISTRY:
        english = json.loads((site_build.site / "schemas" / f"{type_key}.json").read_text(encoding="utf-8"))
        french = json.loads((site_build.site / "schemas" / f"{type_key}.fr.json").read_text(encoding="utf-8"))
        assert english["$id"].endswith(f"/schemas/{type_key}.json")
        assert english["properties"]["slug"]["description"] != french["properties"]["slug"]["description"]
