"""The GitHub workflows and issue forms: valid for GitHub, audited by zizmor (offline), and no
text from an issue or a pull request inside a shell command."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
FORMS = sorted((REPO / ".github/ISSUE_TEMPLATE").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_zizmor_finds_nothing_of_high_severity():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--format", "json", str(REPO / ".github/workflows")],
                            capture_output=True, text=True)
    findings = json.loads(result.stdout or "[]")
    high = [(finding["ident"], finding["locations"][0]["symbolic"]["key"]) for finding in findings
            if finding["determinations"]["severity"] == "High"]
    assert high == []
    assert result.returncode in (0, 11, 12, 13), result.stderr  # 1x: findings below high were reported


@pytest.mark.site  # runs check-jsonschema, a Python program
@pytest.mark.parametrize("schema, files", [("vendor.github-workflows", WORKFLOWS),
                                           ("vendor.github-issue-forms", [f for f in FORMS if f.name != "config.yml"])])
def test_github_accepts_the_files(schema, files):
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


EXPRESSION = re.compile(r"\$\{\{")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_expression_in_a_shell_command_and_every_action_pinned(path):
    """Hostile text (an issue's body, a branch name) reaches commands through env: and files only."""
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            assert not EXPRESSION.search(step.get("run", "")), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    assert workflow.get("permissions") in ({}, {"contents": "read"}), "least privilege at the top"


def test_the_story_workflow_passes_the_issue_through_the_environment():
    text = (REPO / ".github/workflows/story-form.yml").read_text(encoding="utf-8")
    assert "ISSUE_BODY: ${{ github.event.issue.body }}" in text
    assert 'printf \'%s\' "$ISSUE_BODY" >' in text and "bridges import-issue" in text
    assert "persist-credentials: false" in text
