"""Reading the body of a "Share a story" issue (.github/ISSUE_TEMPLATE/share-a-story.yml).

GitHub writes a form's answers as Markdown: `### <label>`, a blank line, the answer (or
`_No response_`), and `- [X] <option>` for ticked boxes. Anyone can edit an issue's body into
anything, so the body is hostile text: only the headings of the form's own fields are read
(allow, don't deny), each answer is cut to a size limit, and nothing in it is ever run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FORM_FILE = Path(".github/ISSUE_TEMPLATE/share-a-story.yml")
MAX_BODY = 100_000  # characters: a story form is a few thousand
MAX_ANSWER = 20_000
NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^###[ \t]+(?P<label>.+?)[ \t]*$", re.M)
TICKED = re.compile(r"^- \[[xX]\] ", re.M)


@dataclass(frozen=True)
class FormField:
    id: str
    kind: str  # input, textarea, dropdown, checkboxes
    label: str  # "Title / Titre": English, then French
    required: bool
    options: tuple[str, ...] = ()

    def label_in(self, lang: str) -> str:
        """The label's part in `lang`: the form gives "English / Français"."""
        parts = [part.strip() for part in self.label.split(" / ")]
        return parts[1] if lang == "fr" and len(parts) > 1 else parts[0]


@dataclass
class Answers:
    values: dict[str, str] = field(default_factory=dict)  # field id -> answer text ("" when empty)
    ticked: dict[str, int] = field(default_factory=dict)  # checkboxes id -> boxes ticked
    too_long: list[str] = field(default_factory=list)  # ids whose answer was cut

    def get(self, field_id: str) -> str:
        return self.values.get(field_id, "")


def load_form(root: Path) -> list[FormField]:
    data = yaml.safe_load((root / FORM_FILE).read_text(encoding="utf-8"))
    fields = []
    for entry in data.get("body", []):
        if entry.get("type") == "markdown" or "id" not in entry:
            continue
        attributes = entry.get("attributes", {})
        options = tuple(option if isinstance(option, str) else option.get("label", "")
                        for option in attributes.get("options", []))
        fields.append(FormField(entry["id"], entry["type"], attributes["label"],
                                bool(entry.get("validations", {}).get("required")), options))
    return fields


def read_answers(body: str, form: list[FormField]) -> Answers | None:
    """The answers of the form's fields, or None when the body has none of its headings."""
    body = body.replace("\r\n", "\n")[:MAX_BODY]
    by_label = {one.label.strip(): one for one in form}
    answers = Answers()
    headings = list(HEADING.finditer(body))
    for position, heading in enumerate(headings):
        one = by_label.get(heading["label"].strip())
        if one is None or one.id in answers.values:  # unknown heading, or a field given twice: first wins
            continue
        end = headings[position + 1].start() if position + 1 < len(headings) else len(body)
        text = body[heading.end():end].strip()
        if text == NO_RESPONSE:
            text = ""
        if len(text) > MAX_ANSWER:
            text = text[:MAX_ANSWER]
            answers.too_long.append(one.id)
        if one.kind == "checkboxes":
            answers.ticked[one.id] = len(TICKED.findall(text))
        answers.values[one.id] = text
    return answers if answers.values else None
