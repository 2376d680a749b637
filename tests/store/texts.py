"""Small news texts written for these tests (not taken from any corpus)."""

from __future__ import annotations

BRIDGE_A = (
    "title: Harbour bridge reopens after repairs\noutlet: Coast Daily\ndate: 2025-03-04\n\n"
    "The harbour bridge reopened on Tuesday after six weeks of repairs to its cables. "
    '"Traffic will flow normally from tonight," said Marsh. Engineers replaced forty cables on the bridge.\n'
)
BRIDGE_B = (
    "title: Bridge traffic resumes\noutlet: Valley Herald\ndate: 2025-03-05\n\n"
    "Traffic resumed across the harbour bridge after engineers finished repairs to its cables. "
    '"We are proud of the crews," said Marsh. The repairs to the bridge cables took six weeks.\n'
)
FESTIVAL = (
    "title: Jazz festival sells out\noutlet: Arts Weekly\ndate: 2025-03-01\n\n"
    "The summer jazz festival sold every ticket within an hour of opening sales online. "
    '"Demand surprised everyone," said Okafor, the organiser. Musicians from twelve countries will perform.\n'
)
BRIDGE_FOLLOW_UP = (
    "title: Harbour bridge cable supplier questioned\noutlet: Coast Daily\ndate: 2025-03-11\n\n"
    "Councillors questioned the supplier of the harbour bridge cables on Monday about the repairs. "
    '"The cables met every standard," said Lindqvist, the supplier. An audit of the bridge repairs begins in April.\n'
)
