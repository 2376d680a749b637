"""Entity linking: speaker entities on the seed pair, merge diagnostics and speed on DUC 2004.

    .venv/bin/python benchmarks/entities_quality.py [--clusters 50]

1. Seed pair (../shared/corpora/seeds, hand annotation gold.json): ingest, analyse and link both reports as one
   story. Speaker-entity accuracy: on gold quotations some predicted quotation overlaps (after whitespace
   collapse), the predicted quotation's speaker entity has the gold speaker as its canonical name. This measures
   speaker attribution (analyse) and linking together; "linking only" counts just the quotations whose speaker
   string analyse got right. Also: every gold speaker is an entity name; no bare "Kim"/"Putin" entity is left.
2. DUC 2004 Task 2 (NIST; 50 clusters of 10 newswire articles): each cluster is a story. Reports entities and
   mentions per story, linking time per story (analysis excluded), and two diagnostics to read: single-word
   PERSON entities that are a word of another PERSON entity's name (a possible missed merge) and PERSON entities
   whose aliases hold two different full names (a possible wrong merge).

Writes benchmarks/results/entities.json.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from newsfuse.analyse import analyse
from newsfuse.entities import link_entities
from newsfuse.model import AnnotatedArticle, Article, Entity, Settings, article_id_for

BENCHMARKS = Path(__file__).resolve().parent
CORPORA = BENCHMARKS.parent / ".." / "shared" / "corpora"
SEEDS = CORPORA / "seeds"
DUC_DOCS = CORPORA / "duc2004" / "docs"
RESULTS = BENCHMARKS / "results" / "entities.json"
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def score_seeds() -> dict[str, Any]:
    from newsfuse.ingest import ingest_paths

    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    report = ingest_paths(sorted(SEEDS.glob("*.txt")))
    entities, linked = link_entities(analyse(report.articles, Settings()))
    names = {entity.id: entity.name for entity in entities}
    by_file = {Path(item.article.source or "").name: item for item in linked}
    matched = right = speaker_right = linking_right = 0
    wrong: list[str] = []
    for quote in gold["quotes"]:
        item = by_file[quote["doc"]]
        needle = _collapse(quote["text"])
        hits = [q for q in item.quotations if needle in _collapse(q.text) or _collapse(q.text) in needle]
        if not hits:
            continue
        matched += 1
        quotation = hits[0]
        name = names.get(quotation.speaker_entity or "")
        right += name == quote["speaker"]
        if (quotation.speaker or "").casefold() == quote["speaker"].casefold():
            speaker_right += 1
            linking_right += name == quote["speaker"]
        if name != quote["speaker"]:
            wrong.append(
                f"{quote['text'][:50]!r}: entity {name!r} (speaker {quotation.speaker!r}), gold {quote['speaker']!r}"
            )
    for line in wrong:
        print("   ", line)
    gold_speakers = sorted({quote["speaker"] for quote in gold["quotes"]})
    entity_names = {entity.name for entity in entities}
    missing = [speaker for speaker in gold_speakers if speaker not in entity_names]
    bare = [entity.name for entity in entities if entity.label == "PERSON" and entity.name in {"Kim", "Putin"}]
    return {
        "matched_gold_quotations": matched,
        "speaker_entity_accuracy": round(right / max(1, matched), 3),
        "linking_accuracy_given_right_speaker": round(linking_right / max(1, speaker_right), 3),
        "gold_speakers": len(gold_speakers),
        "gold_speakers_missing_as_entities": missing,
        "bare_person_entities": bare,
        "top_entities": [f"{entity.name} ({entity.label}, {entity.mentions})" for entity in entities[:12]],
        "wrong": wrong,
    }


def survey_duc(clusters: int) -> dict[str, Any]:
    folders = sorted(path for path in DUC_DOCS.iterdir() if path.is_dir())[:clusters]
    stories: list[list[Article]] = []
    for folder in folders:
        articles = []
        for path in sorted(folder.iterdir()):
            match = _TEXT.search(path.read_text(encoding="utf-8", errors="replace"))
            if match:
                text = _collapse(match.group(1).replace("``", '"').replace("''", '"'))
                articles.append(Article(id=article_id_for(text), text=text, source=str(path)))
        stories.append(articles)
    analysed = analyse([article for story in stories for article in story], Settings())
    cursor = 0
    seconds = 0.0
    entity_counts: list[int] = []
    mention_counts: list[int] = []
    possible_missed: list[str] = []
    possible_wrong: list[str] = []
    for story in stories:
        members: list[AnnotatedArticle] = analysed[cursor : cursor + len(story)]
        cursor += len(story)
        started = time.perf_counter()
        entities, _ = link_entities(members)
        seconds += time.perf_counter() - started
        entity_counts.append(len(entities))
        mention_counts.append(sum(len(member.mentions) for member in members))
        possible_missed.extend(_missed_merges(entities))
        possible_wrong.extend(_wrong_merges(entities))
    print(f"\n  DUC possible missed merges ({len(possible_missed)}), first 15:")
    for line in possible_missed[:15]:
        print("   ", line)
    print(f"  DUC possible wrong merges ({len(possible_wrong)}), first 15:")
    for line in possible_wrong[:15]:
        print("   ", line)
    return {
        "stories": len(stories),
        "articles": len(analysed),
        "entities_per_story": round(sum(entity_counts) / max(1, len(stories)), 1),
        "mentions_per_story": round(sum(mention_counts) / max(1, len(stories)), 1),
        "link_ms_per_story": round(1000 * seconds / max(1, len(stories)), 1),
        "possible_missed_merges": len(possible_missed),
        "possible_wrong_merges": len(possible_wrong),
        "missed_examples": possible_missed[:30],
        "wrong_examples": possible_wrong[:30],
    }


def _missed_merges(entities: list[Entity]) -> list[str]:
    people = [entity for entity in entities if entity.label == "PERSON"]
    lines = []
    for entity in people:
        if len(entity.name.split()) != 1:
            continue
        word = entity.name.casefold()
        homes = [other.name for other in people if other is not entity and word in other.name.casefold().split()]
        if homes:
            lines.append(f"{entity.name} ({entity.mentions}) beside {', '.join(homes)}")
    return lines


def _wrong_merges(entities: list[Entity]) -> list[str]:
    lines = []
    for entity in entities:
        if entity.label != "PERSON":
            continue
        surnames = sorted({alias.split()[-1].casefold() for alias in [entity.name, *entity.aliases] if " " in alias})
        # near-spellings (Hastert / Hassert) are the merges meant to happen; different last names are suspect
        if any(fuzz.ratio(first, other) < 80 for first in surnames for other in surnames):
            lines.append(f"{entity.name}: {', '.join(entity.aliases)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clusters", type=int, default=50)
    args = parser.parse_args()
    print("Seed pair speaker entities (gold.json):")
    seeds = score_seeds()
    duc = survey_duc(args.clusters)
    table = {
        "seed speaker-entity accuracy": f"{seeds['speaker_entity_accuracy']:.1%} of {seeds['matched_gold_quotations']}",
        "seed linking accuracy (speaker string right)": f"{seeds['linking_accuracy_given_right_speaker']:.1%}",
        "seed gold speakers missing as entities": ", ".join(seeds["gold_speakers_missing_as_entities"]) or "none",
        "seed bare Kim/Putin entities": ", ".join(seeds["bare_person_entities"]) or "none",
        "DUC stories / articles": f"{duc['stories']} / {duc['articles']}",
        "DUC entities per story": duc["entities_per_story"],
        "DUC mentions per story": duc["mentions_per_story"],
        "DUC link ms per story": duc["link_ms_per_story"],
        "DUC possible missed / wrong merges": f"{duc['possible_missed_merges']} / {duc['possible_wrong_merges']}",
    }
    print()
    width = max(len(key) for key in table)
    for key, value in table.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    sources = ["seed pair with gold.json (../shared/corpora/seeds)", "DUC 2004 Task 2 (NIST)"]
    RESULTS.write_text(json.dumps({"seeds": seeds, "duc": duc, "sources": sources}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
