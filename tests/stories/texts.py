"""Small news texts written for these tests: two events of one topic (court rulings a week apart),
each reported by two outlets in their own words."""

from __future__ import annotations

from datetime import date

FISHING_DAY = date(2024, 5, 13)
PATENT_DAY = date(2024, 5, 20)

FISHING_A = (
    "The Supreme Court ruled 6-3 on Monday that the Coastal Commission overstepped its authority when it "
    "closed the Marlow Bay fishing grounds to small boats.\n\n"
    "Writing for the majority, Justice Helen Alvarez said the commission had ignored the fishermen's "
    "long-standing licences. The Marlow Bay Fishermen's Association had challenged the closure in 2021.\n\n"
    "The three dissenting justices argued the commission needed flexibility to protect declining cod stocks."
)
FISHING_B = (
    "Small-boat crews in Marlow Bay won their fight against the Coastal Commission on Monday, after the "
    "Supreme Court decided by six votes to three that the agency could not shut their fishing grounds.\n\n"
    "Justice Helen Alvarez, who wrote the opinion, found that the licences held by members of the Marlow "
    "Bay Fishermen's Association could not simply be set aside.\n\n"
    "Conservation groups said they were disappointed and warned about the state of cod in the bay."
)
PATENT_A = (
    "The Supreme Court on Monday unanimously threw out a $900 million verdict against Brightwave, ruling "
    "that Lumen Systems' patent on image compression software was invalid.\n\n"
    "Justice Samuel Okafor wrote that the patent claimed an abstract idea. Lumen Systems had won the "
    "verdict before a federal jury in Texas in 2022.\n\n"
    "Brightwave shares rose 8 percent in early trading after the decision."
)
PATENT_B = (
    "Brightwave no longer owes Lumen Systems $900 million: the justices agreed 9-0 on Monday that the "
    "compression patent at the heart of the case should never have been granted.\n\n"
    "In his opinion for the court, Justice Samuel Okafor called the claims an abstract idea dressed up as "
    "an invention.\n\n"
    "Lumen Systems said it was reviewing the decision. Investors sent Brightwave stock higher."
)
