"""A fictional event covered by twelve fictional outlets, written for the page tests (no corpus text): a warehouse
fire in a port town, one quotation most outlets carry, and an injury count the outlets disagree on."""

from __future__ import annotations

from pathlib import Path

_DAY = "2025-05-07"

REPORTS: list[tuple[str, str, str]] = [
    (
        "Harbour Wire",
        "Fire destroys Kestrel Bay grain warehouse",
        "A fire destroyed a grain warehouse at the port of Kestrel Bay on Tuesday night, and twelve people were "
        "injured. Fire chief Maren Olsgaard said crews fought the blaze for nine hours. "
        '"The fire spread faster than anything we have seen in this port," Olsgaard said.\n\n'
        "The warehouse held about 4,000 tonnes of barley. The cause of the fire is not yet known.",
    ),
    (
        "Coast Daily",
        "Port blaze in Kestrel Bay leaves fourteen hurt",
        "Fourteen people were injured when fire swept through a grain warehouse at Kestrel Bay port on Tuesday. "
        "Firefighters needed nine hours to bring the blaze under control, fire chief Maren Olsgaard said. "
        '"The fire spread faster than anything we have seen in this port," she told reporters.\n\n'
        "Dock workers were evacuated from two neighbouring sheds.",
    ),
    (
        "Valley Herald",
        "Kestrel Bay warehouse fire: twelve injured",
        "Twelve people were injured in a fire at a grain warehouse in the port of Kestrel Bay on Tuesday night. "
        "The warehouse held about 4,000 tonnes of barley, its owner said. "
        '"The fire spread faster than anything we have seen in this port," said fire chief Maren Olsgaard.\n\n'
        "Smoke closed the coastal road for most of Wednesday morning.",
    ),
    (
        "Northern Post",
        "Grain store burns at Kestrel Bay",
        "A grain warehouse burned down at Kestrel Bay port on Tuesday night and twelve people were injured. "
        "Crews fought the blaze for nine hours, according to fire chief Maren Olsgaard. "
        'Olsgaard said the port authority would review its fire rules. "We will learn from this," she said.\n\n'
        "The port reopened to shipping on Wednesday afternoon.",
    ),
    (
        "Bay Courier",
        "Nine-hour fight to save Kestrel Bay port",
        "Firefighters battled a fire at a Kestrel Bay grain warehouse for nine hours on Tuesday night. "
        "Fourteen people were injured, three of them seriously. "
        '"The fire spread faster than anything we have seen in this port," fire chief Maren Olsgaard said.\n\n'
        "The warehouse held about 4,000 tonnes of barley. Investigators began work on Wednesday.",
    ),
    (
        "Metro Ledger",
        "Kestrel Bay fire injures twelve",
        "Twelve people were injured when a grain warehouse caught fire at the port of Kestrel Bay on Tuesday. "
        "The blaze took nine hours to control, fire chief Maren Olsgaard said. "
        '"The fire spread faster than anything we have seen in this port," Olsgaard said.\n\n'
        "The owner, Skarva Grain, said the building was insured.",
    ),
    (
        "Island Times",
        "Warehouse fire at Kestrel Bay port",
        "A fire gutted a grain warehouse in Kestrel Bay on Tuesday night, injuring fifteen people. "
        "Fire chief Maren Olsgaard said crews fought the fire for nine hours. "
        '"The fire spread faster than anything we have seen in this port," she said.\n\n'
        "Ferries to the islands left on time on Wednesday.",
    ),
    (
        "Ridge Gazette",
        "Barley warehouse lost in Kestrel Bay fire",
        "About 4,000 tonnes of barley were lost when fire destroyed a warehouse at Kestrel Bay port on Tuesday. "
        "Twelve people were injured, fire chief Maren Olsgaard said. "
        '"The fire spread faster than anything we have seen in this port," Olsgaard told the Gazette.\n\n'
        "Farmers fear grain prices will rise.",
    ),
    (
        "River Observer",
        "Kestrel Bay port fire under investigation",
        "Investigators are examining a fire that destroyed a grain warehouse at the port of Kestrel Bay on "
        "Tuesday night. Twelve people were injured. Crews fought the blaze for nine hours, fire chief Maren "
        'Olsgaard said. "The fire spread faster than anything we have seen in this port," she said.\n\n'
        "The port authority will publish a report in June.",
    ),
    (
        "Summit News",
        "Fourteen injured as fire hits Kestrel Bay",
        "Fourteen people were injured in a fire at a grain warehouse at Kestrel Bay port on Tuesday night. "
        "The warehouse held about 4,000 tonnes of barley. "
        '"The fire spread faster than anything we have seen in this port," fire chief Maren Olsgaard said.\n\n'
        "Crews fought the blaze for nine hours.",
    ),
    (
        "Lowland Tribune",
        "Twelve hurt in Kestrel Bay warehouse blaze",
        "Twelve people were injured on Tuesday night when a grain warehouse burned at the port of Kestrel Bay. "
        "Fire chief Maren Olsgaard said her crews needed nine hours to put the fire out. "
        '"The fire spread faster than anything we have seen in this port," Olsgaard said.\n\n'
        "Skarva Grain, the owner, said about 4,000 tonnes of barley were stored there.",
    ),
    (
        "Fjord Evening Star",
        "Kestrel Bay counts the cost of warehouse fire",
        "Fourteen people were injured in the fire that destroyed a grain warehouse at Kestrel Bay port on "
        "Tuesday, the port authority said. Crews fought the blaze for nine hours. "
        '"The fire spread faster than anything we have seen in this port," fire chief Maren Olsgaard said.\n\n'
        "Insurers sent assessors to the port on Wednesday.",
    ),
]


def write_reports(folder: Path, count: int) -> list[Path]:
    """The first ``count`` reports as text files with a metadata header, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, (outlet, title, body) in enumerate(REPORTS[:count], start=1):
        path = folder / f"report-{number:02d}.txt"
        path.write_text(f"title: {title}\noutlet: {outlet}\ndate: {_DAY}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths
