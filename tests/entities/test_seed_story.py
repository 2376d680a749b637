"""The seed pair through ingest and analyse, then linked as one story."""

from __future__ import annotations

from pathlib import Path

from newsfuse.analyse import analyse
from newsfuse.entities import link_entities
from newsfuse.ingest import ingest_paths
from newsfuse.model import Settings


def test_seed_story_speakers_link_to_canonical_people(seed_paths: tuple[Path, Path]) -> None:
    report = ingest_paths(list(seed_paths))
    entities, linked = link_entities(analyse(report.articles, Settings()))
    names = {entity.id: entity.name for entity in entities}
    people = {entity.name for entity in entities if entity.label == "PERSON"}
    assert {"Kim Jong Un", "Vladimir Putin", "Kim Sung-bae", "Vladimir Tikhonov"} <= people
    assert not people & {"Kim", "Putin", "Jong Un"}
    speakers = {
        (quotation.speaker, names[quotation.speaker_entity])
        for article in linked
        for quotation in article.quotations
        if quotation.speaker and quotation.speaker_entity
    }
    for speaker, entity_name in speakers:
        if speaker in people:
            assert entity_name == speaker
    linked_people = {name for _, name in speakers}
    assert {"Kim Jong Un", "Vladimir Putin", "Kim Sung-bae"} <= linked_people
    assert all(mention.entity_id for article in linked for mention in article.mentions)
