"""Deterministic synthetic Bridges projects for the benchmark.

`make_project(target, n)` writes a complete throw-away project into `target`: a copy of the
real site (mkdocs.yml, hooks/, overrides/, the hand-written pages of docs/, content/ with its
settings and its real items) restricted to English and French, plus `n` synthetic items whose
text and metadata come from a seeded random generator. Item number i is the same whatever `n`
is, so a bigger project contains the smaller one.

`make_baseline(project, target)` turns a built project into the same site for the plain stack:
the generated Markdown as it is, MkDocs + Material + mkdocs-static-i18n with Material's search,
no bridges hooks and no theme overrides (a page that names a template of overrides/, such as
`template: library.html`, gets plain Material's main.html under that name).

Every synthetic item passes `bridges check` with no warning: translations carry the source_hash
of their original, consent reviews are due in 2099. About 10 % of items lack their second
language (the site shows the original with a notice), as real content does.

Run alone to look at what it makes: python bench/synth.py 300 /tmp/bridges-synth
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from bridges.rules.translations import hash_of

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr")
SEED = 9
SYNTH_LABS = 4  # "a few synthetic labs" that the synthetic items belong to
CAMPAIGN = "nowallsbutbridges"  # a real item, kept by the copy of content/


# Mostly case studies and press items (no PDF); a few resources and white papers, whose PDFs
# are rendered once into the document cache (see run.py).
def item_type(index: int) -> str:
    if index < SYNTH_LABS:
        return "lab"
    if index % 100 == 50:
        return "resource"
    if index % 200 == 99:
        return "white_paper"
    if index % 6 == 3:
        return "press"
    return "case_study"


# --- words ---------------------------------------------------------------------------------

WORDS = {
    "en": """the of and to a in for is on that with as by people migrants refugees integration lab
        community language work training mentor mentors project projects city cities women young
        school schools teachers local public policy support network new first year years group groups
        workshop workshops skills job jobs business entrepreneurs entrepreneurship volunteers culture
        cultural intercultural dialogue media story stories art artists design craft food kitchen
        festival market housing health rights law citizenship civic vote association associations
        partner partners funding grant programme programmes week month families children neighbours
        newcomers host society europe european africa asia research report findings results evidence
        survey interviews data participants learners classes courses certificate employment employer
        employers companies cooperative cooperatives social economy inclusion exclusion barriers
        obstacles solutions practice practices method methods toolkit guide guides facilitator
        facilitators session sessions meeting meetings volunteer coaching coach peer peers trust
        confidence voice voices campaign campaigns bridges walls border borders journey arrival
        welcome reception asylum status papers administration office offices services service
        digital online radio podcast photography film exhibition theatre music dance sport football
        garden gardens farm rural urban town village region regions national international across
        between through after before during every many more most other some each together shared""".split(),
    "fr": """le la les de des du et à un une en pour est sur que avec comme par personnes migrants
        réfugiés intégration laboratoire communauté langue travail formation mentor mentors projet
        projets ville villes femmes jeunes école écoles enseignants local publique politique soutien
        réseau nouveau première année années groupe groupes atelier ateliers compétences emploi
        emplois entreprise entrepreneurs entrepreneuriat bénévoles culture culturel interculturel
        dialogue médias récit récits art artistes design artisanat cuisine festival marché logement
        santé droits loi citoyenneté civique vote association associations partenaire partenaires
        financement subvention programme programmes semaine mois familles enfants voisins arrivants
        accueil société europe européen afrique asie recherche rapport résultats preuves enquête
        entretiens données participants apprenants cours certificat employeur employeurs sociétés
        coopérative coopératives économie sociale inclusion exclusion obstacles solutions pratique
        pratiques méthode méthodes boîte outils guide guides animateur animateurs séance séances
        réunion réunions accompagnement coach pairs confiance voix campagne campagnes ponts murs
        frontière frontières parcours arrivée asile statut papiers administration bureau bureaux
        services numérique radio balado photographie film exposition théâtre musique danse sport
        football jardin jardins ferme rural urbain bourg village région régions national
        international entre pendant après avant chaque nombreux plus autres certains ensemble
        partagé""".split(),
}
SYLLABLES = "ka ri mo la sa te no vi du be ra ne zi lo ma ha fa so ti ku de na ro li".split()
CORE_COUNTRIES = ["FR", "BE", "DE", "IT", "ES", "RO", "GR", "NL", "SE", "GB", "DZ", "MA", "TN", "SY",
                  "AF", "IQ", "SN", "ML", "VN", "UA", "ER", "SD", "NG", "TR"]
ALL_COUNTRIES = sorted(country.alpha_2 for country in pycountry.countries)


class Writer:
    """Pseudo-text in one language: Zipf-distributed words from a small vocabulary, plus made-up
    names, so that the vocabulary of the search index grows with the corpus as real text does."""

    def __init__(self, rng: random.Random, lang: str):
        self.rng, self.words = rng, WORDS[lang]
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.75 for rank in range(len(self.words))))
        self.last = ""

    def word(self) -> str:
        for _ in range(3):  # no "the the"
            word = self.words[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]
            if word != self.last:
                break
        self.last = word
        return word

    def name(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))).capitalize()

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = [self.name() if self.rng.random() < 0.04 else self.word() for _ in range(self.rng.randint(low, high))]
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def title(self) -> str:
        return " ".join(self.word() for _ in range(self.rng.randint(2, 5))).capitalize() + " " + self.name()

    def body(self) -> str:
        parts = [self.paragraph()]
        for _ in range(self.rng.randint(1, 4)):
            parts.append("## " + " ".join(self.word() for _ in range(self.rng.randint(2, 5))).capitalize())
            parts.extend(self.paragraph() for _ in range(self.rng.randint(1, 3)))
            if self.rng.random() < 0.5:
                marker = "1." if self.rng.random() < 0.3 else "-"
                parts.append("\n".join(f"{marker} {self.sentence(3, 9)}" for _ in range(self.rng.randint(3, 6))))
        return "\n\n".join(parts) + "\n"


# --- items ---------------------------------------------------------------------------------

@dataclass
class Vocabulary:
    themes: list[str]
    audiences: list[str]
    lab_kinds: list[str]
    sdgs: list[int]

    @classmethod
    def of(cls, root: Path) -> "Vocabulary":
        data = yaml.safe_load((root / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
        return cls(list(data["themes"]), list(data["audiences"]), list(data["lab_kinds"]), list(data["sdgs"]))


def lab_slug(index: int) -> str:
    return f"synth-lab-{index + 1}"


def item_slug(index: int, kind: str) -> str:
    return f"synth-{kind.replace('_', '-')}-{index:05d}"


def _countries(rng: random.Random) -> list[str]:
    pool = CORE_COUNTRIES if rng.random() < 0.75 else ALL_COUNTRIES
    return sorted(set(rng.sample(pool, rng.randint(1, 2))))


def synthetic_item(index: int, vocabulary: Vocabulary, seed: int = SEED, languages: tuple[str, ...] = LANGUAGES,
                   campaign: str | None = CAMPAIGN) -> tuple[str, str, dict, dict[str, str]]:
    """(type, slug, meta, {lang: index file text}) of synthetic item number `index`."""
    rng = random.Random(f"{seed}:{index}")
    kind = item_type(index)
    slug = lab_slug(index) if kind == "lab" else item_slug(index, kind)
    original = languages[0] if rng.random() < 0.7 else languages[1]
    year = rng.randint(2012, 2025)
    meta: dict = {"slug": slug, "original_language": original, "countries": _countries(rng),
                  "themes": rng.sample(vocabulary.themes, rng.randint(1, 3)),
                  "audiences": rng.sample(vocabulary.audiences, rng.randint(1, 2))}
    if rng.random() < 0.4:
        meta["sdgs"] = sorted(rng.sample(vocabulary.sdgs, rng.randint(1, 3)))
    if kind != "lab" and rng.random() < 0.6:
        meta["labs"] = sorted(rng.sample([lab_slug(i) for i in range(SYNTH_LABS)], rng.randint(1, 2)))
    if rng.random() < 0.3 and campaign:
        meta["campaigns"] = [campaign]
    meta["year"] = year
    if rng.random() < 0.3:
        meta["year_end"] = min(year + rng.randint(0, 3), 2025)
    meta["published"] = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    if rng.random() < 0.3:
        meta["links"] = [{"url": f"https://example.org/{slug}", "label": "Example"}]
    writer = Writer(rng, original)
    organisation = f"{writer.name()} {rng.choice(['Association', 'Collective', 'Network', 'Cooperative'])}"
    if kind == "case_study":
        meta["organisation"] = organisation
        if rng.random() < 0.5:
            meta["people"] = [{"name": writer.name(), "role": writer.sentence(2, 4).rstrip("."),
                               "public_figure": False}]
        meta["consent"] = {"basis": "published_by_organisation" if "people" in meta else "no_identifiable_person",
                           "scope": "first name and story, as published by the organisation",
                           "review_date": dt.date(2099, 12, 31), "renewal_contact": "the Bridges editorial team"}
    elif kind == "lab":
        meta["lab_kind"] = vocabulary.lab_kinds[index % len(vocabulary.lab_kinds)]
        meta["organisation"] = organisation
        meta["partners"] = [{"name": f"{writer.name()} Foundation", "country": rng.choice(CORE_COUNTRIES)}]
    elif kind == "press":
        meta["kind"] = rng.choice(["press", "research", "interview"])
        meta["article_language"] = rng.choice(["en", "fr", "es", "de", "ar"])
        meta["outlet"] = f"The {writer.name()} Review"
        meta["author"] = f"{writer.name()} {writer.name()}"
        meta["date"] = meta.pop("published")
        meta["url"] = f"https://example.org/press/{slug}"
    elif kind == "white_paper":
        meta["authors"] = [f"{writer.name()} {writer.name()}" for _ in range(rng.randint(1, 3))]
        meta["publisher"] = organisation
    has_cover = kind == "case_study" and rng.random() < 0.1
    if has_cover:
        meta["images"] = [{"id": "cover", "file": "images/cover.svg", "credit": organisation}]

    texts: dict[str, str] = {}
    # Translations only in the languages the word lists cover (English and French); the site's
    # other languages show these items through their fallback page, as they do real ones.
    written = [original] + [lang for lang in languages if lang != original and lang in WORDS and rng.random() < 0.9]
    source = None
    for lang in written:
        writer = Writer(rng, lang)
        front: dict = {"title": writer.title(), "summary": writer.sentence(15, 30)}
        if has_cover:
            front["image_alt"] = {"cover": writer.sentence(5, 10)}
        if kind == "press" and rng.random() < 0.3:
            front["quotes"] = [{"by": writer.name(), "text": writer.sentence()}]
        body = writer.body()
        if lang == original:
            source = hash_of(front["title"], front["summary"], body)
        else:
            front["source_hash"] = source  # an up-to-date translation: no warning
        texts[lang] = _front_matter(front) + body
    return kind, slug, meta, texts


def _front_matter(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


COVER = ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">'
         '<rect width="320" height="180" fill="#{colour}"/></svg>\n')


def write_items(root: Path, n: int, seed: int = SEED, languages: tuple[str, ...] = LANGUAGES,
                campaign: str | None = CAMPAIGN, indices=None) -> dict[str, int]:
    """Write n synthetic bundles under root/content (items 0 to n-1, or those of `indices`).
    Returns the count per type."""
    vocabulary = Vocabulary.of(root)
    folders = yaml.safe_load((root / "content" / "taxonomy.yml").read_text(encoding="utf-8"))["content_types"]
    counts: dict[str, int] = {}
    for index in indices if indices is not None else range(n):
        kind, slug, meta, texts = synthetic_item(index, vocabulary, seed, languages, campaign)
        bundle = root / "content" / folders[kind]["folder"] / slug
        bundle.mkdir(parents=True, exist_ok=True)
        (bundle / "meta.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000),
                                         encoding="utf-8")
        for lang, text in texts.items():
            (bundle / f"index.{lang}.md").write_text(text, encoding="utf-8")
        if meta.get("images"):
            (bundle / "images").mkdir(exist_ok=True)
            (bundle / "images" / "cover.svg").write_text(COVER.format(colour=f"{index * 2654435761 % 0xFFFFFF:06x}"),
                                                         encoding="utf-8")
        counts[kind] = counts.get(kind, 0) + 1
    return counts


# --- mkdocs.yml, tags kept -----------------------------------------------------------------

class Tagged:
    """A YAML value with an application tag (!ENV, !!python/name:...), written back unchanged."""

    def __init__(self, tag: str, value, node_type):
        self.tag, self.value, self.node_type = tag, value, node_type


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value, type(node))


def _represent_tagged(dumper, data: Tagged):
    if data.node_type is yaml.ScalarNode:
        return dumper.represent_scalar(data.tag, data.value)
    if data.node_type is yaml.SequenceNode:
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_mapping(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def restrict_config_languages(config: dict, languages: tuple[str, ...]) -> None:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "i18n" in entry:
            options = entry["i18n"]
            options["languages"] = [language for language in options["languages"] if language["locale"] in languages]


# --- projects ------------------------------------------------------------------------------

def generated_docs_folders(repo: Path) -> set[str]:
    """The top-level folders of docs/ that .gitignore marks as generated (/docs/<name>/)."""
    folders = set()
    for line in (repo / ".gitignore").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^/docs/([^/*]+)/?$", line.strip())
        if match:
            folders.add(match.group(1))
    return folders


def _site_language_codes(repo: Path) -> set[str]:
    site = yaml.safe_load((repo / "content" / "site.yml").read_text(encoding="utf-8"))
    return {language["code"] for language in site["languages"]}


def _other_language_files(codes: set[str], languages: tuple[str, ...]):
    dropped = codes - set(languages)

    def ignore(directory, names):
        return [name for name in names if (parts := name.split(".")) and len(parts) >= 3
                and parts[-1] == "md" and parts[-2] in dropped]
    return ignore


def make_project(target: Path, n: int, seed: int = SEED, languages: tuple[str, ...] = LANGUAGES,
                 repo: Path = REPO, real_items: bool = True, indices=None) -> dict:
    """Write a complete project with the real content (or, with real_items=False, only its
    settings and the campaign that the navigation names) and n synthetic items into target
    (items 0 to n-1, or those of `indices`)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    ignore_languages = _other_language_files(_site_language_codes(repo), languages)
    generated = generated_docs_folders(repo)

    def ignore_docs(directory, names):
        skipped = ignore_languages(directory, names)
        if Path(directory).resolve() == (repo / "docs").resolve():
            skipped += [name for name in names if name in generated]
        return skipped

    shutil.copy2(repo / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        if (repo / folder).is_dir():
            shutil.copytree(repo / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(repo / "docs", target / "docs", ignore=ignore_docs)
    if real_items:
        shutil.copytree(repo / "content", target / "content", ignore=ignore_languages)
    else:
        (target / "content").mkdir()
        for name in ("site.yml", "taxonomy.yml", "ui.yml"):
            shutil.copy2(repo / "content" / name, target / "content" / name)
        # The campaign that the navigation names, and the white paper its figures cite.
        for folder in (f"campaigns/{CAMPAIGN}", f"white_papers/{CAMPAIGN}-white-paper"):
            if (repo / "content" / folder).is_dir():
                shutil.copytree(repo / "content" / folder, target / "content" / folder, ignore=ignore_languages)

    site_file = target / "content" / "site.yml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site["languages"] = [language for language in site["languages"] if language["code"] in languages]
    if not real_items and "featured" in site:  # the stories it features are real ones
        site["featured"] = {"campaign": [CAMPAIGN]}
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = read_config(target / "mkdocs.yml")
    restrict_config_languages(config, languages)
    config.pop("watch", None)  # for `mkdocs serve` only, and it names folders this copy lacks (bridges/)
    write_config(target / "mkdocs.yml", config)

    real = sum(1 for meta in (target / "content").glob("*/*/meta.yml"))
    counts = write_items(target, n, seed, languages, CAMPAIGN, indices)
    return {"synthetic": sum(counts.values()), "real": real, "items": real + n, "by_type": counts, "languages": list(languages)}


def make_baseline(project: Path, target: Path) -> None:
    """The same site for the plain stack: the generated docs/ of a built project, its mkdocs.yml
    without hooks, theme overrides or other plugins than Material's search and mkdocs-static-i18n."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(project / "docs", target / "docs")
    config = read_config(project / "mkdocs.yml")
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["strict"] = False
    config.get("theme", {}).pop("custom_dir", None)
    missing = _templates_missing_from_material(target / "docs")
    if missing:  # e.g. `template: library.html`: plain Material's main.html under that name
        stubs = target / "templates"
        stubs.mkdir()
        for name in missing:
            (stubs / name).write_text('{% extends "main.html" %}\n', encoding="utf-8")
        config.setdefault("theme", {})["custom_dir"] = "templates"
    i18n = [entry for entry in config.get("plugins") or [] if _plugin_name(entry) == "i18n"]
    config["plugins"] = ["search"] + i18n
    write_config(target / "mkdocs.yml", config)


def _templates_missing_from_material(docs: Path) -> set[str]:
    import material  # only where the benchmark runs, in the project's virtual environment

    provided = Path(material.__file__).parent / "templates"
    names = set()
    for page in docs.rglob("*.md"):
        with page.open(encoding="utf-8") as handle:
            head = handle.read(2000)
        if head.startswith("---"):
            match = re.search(r"^template:\s*['\"]?([^'\"\s]+)", head.split("\n---", 1)[0], re.MULTILINE)
            if match and not (provided / match.group(1)).exists():
                names.add(match.group(1))
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of synthetic items")
    parser.add_argument("target", type=Path, help="folder to write the project into (replaced)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    info = make_project(args.target, args.n, args.seed)
    print(f"{info['items']} items ({info['synthetic']} synthetic: {info['by_type']}) in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
