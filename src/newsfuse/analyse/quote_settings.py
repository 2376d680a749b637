"""The quotation finder's thresholds and cost caps, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteSettings:
    # cost caps: past them an article's later quotations are left out, so hostile text stays about linear
    max_candidates: int = 2_000  # quoted spans per article
    max_climb: int = 12  # dependency arcs walked up from a quotation or a cue
    max_cues_per_quote: int = 8  # reporting verbs of the quotation's sentences tried, nearest first
    name_lookback: int = 400  # earlier mentions searched for a speaker's fuller name
    # pairing single quotes: past these an apostrophe has paired with another apostrophe, not a closing mark
    single_max_words: int = 40
    single_max_chars: int = 400
    # pronouns and role nouns look back this many paragraphs for their person
    antecedent_paragraphs: int = 2
    # "he said" after sentences whose subject is "he" reads back through at most this many of them
    pronoun_chain_sentences: int = 6
    # "they said" tries at most this many earlier subjects for a plural antecedent
    plural_candidates: int = 40
    # a first name given to one sex only counts as much as one sentence of pronouns about that person
    first_name_votes: int = 1
