"""Entities: mentions across a story → canonical entities ("Kim", "Kim Jong Un", "North Korea's Kim
Jong Un" → one; "Kim Sung-bae" → another). Fills ``Mention.entity_id`` and ``Quotation.speaker_entity``."""

from __future__ import annotations

from newsfuse.entities.linking import link_entities

__all__ = ["link_entities"]
