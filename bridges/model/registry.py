"""The registry of content types: for each type, what the code needs to know about it.

A type's facts live in two places, each the only one of its kind:
- content/taxonomy.yml (data, editable without code): its folder under content/, its URL segment,
  its labels in every language, whether it gets PDFs, and the kinds of file it may publish;
- REGISTRY below (code): the schemas of its meta.yml and of its texts (from which `bridges new`
  writes its files, with model/fields.yml), the template of its page, and which of its fields
  name other items.
sources.site checks that both list the same types, so a type in one and not the other is a
message to the maintainer, never a KeyError in the middle of a build.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .schemas import (CampaignMeta, CampaignTranslation, CaseStudyMeta, ItemMeta, LabMeta, PressMeta,
                      PressTranslation, ResourceMeta, Translation, WhitePaperMeta)

# The fields with which an item names others, and the type they name: checked by the rules,
# followed by the pages (a lab lists its stories, a campaign the items that name it).
REFERENCES = {"labs": "lab", "campaigns": "campaign"}


@dataclass(frozen=True)
class Registered:
    key: str
    meta: type[ItemMeta]  # the schema of meta.yml
    text: type[Translation]  # the schema of the front matter of index.<lang>.md
    template: str = "item.md.j2"  # under outputs/templates/: the layout of its page
    references: dict[str, str] = field(default_factory=lambda: dict(REFERENCES))


REGISTRY: dict[str, Registered] = {
    registered.key: registered for registered in (
        Registered("case_study", CaseStudyMeta, Translation),
        Registered("lab", LabMeta, Translation),
        Registered("white_paper", WhitePaperMeta, Translation),
        Registered("press", PressMeta, PressTranslation),
        Registered("resource", ResourceMeta, Translation),
        Registered("campaign", CampaignMeta, CampaignTranslation, template="campaign.md.j2"),
    )
}
