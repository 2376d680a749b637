"""Every article gets a detected language (py3langid, its model shipped in the package), reported per article:
five languages written for this test, through plain text, HTML and a watch poll's acknowledgement."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.ingest import ingest_bytes, ingest_text
from newsfuse.ingest.language import UNDETERMINED, detect_language, english_only
from newsfuse.model import IngestReport
from newsfuse.pipeline import brief_files

# Short news paragraphs written for this test (no corpus text).
TEXTS = {
    "en": "The city council voted on Tuesday to keep the harbour bridge closed to lorries until the repairs to "
    "its steel cables are finished, the mayor told reporters after the meeting.",
    "fr": "Le conseil municipal a voté mardi le maintien de la fermeture du pont du port aux camions jusqu'à la "
    "fin des réparations de ses câbles d'acier, a déclaré le maire aux journalistes après la réunion.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die Hafenbrücke für Lastwagen gesperrt zu lassen, bis die "
    "Reparaturen an den Stahlseilen abgeschlossen sind, sagte der Bürgermeister nach der Sitzung.",
    "es": "El ayuntamiento votó el martes mantener el puente del puerto cerrado a los camiones hasta que "
    "terminen las reparaciones de sus cables de acero, dijo el alcalde a los periodistas tras la reunión.",
    "it": "Il consiglio comunale ha votato martedì per tenere il ponte del porto chiuso ai camion fino al "
    "termine delle riparazioni dei suoi cavi d'acciaio, ha detto il sindaco ai giornalisti dopo la riunione.",
    "pt": "A câmara municipal votou na terça-feira manter a ponte do porto fechada aos camiões até ao fim das "
    "reparações dos seus cabos de aço, disse o presidente da câmara aos jornalistas depois da reunião.",
    "ru": "Городской совет во вторник проголосовал за то, чтобы мост в порту оставался закрытым для грузовиков "
    "до окончания ремонта стальных тросов, сообщил мэр журналистам после заседания.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_each_language_is_detected_on_the_article(language: str) -> None:
    article = ingest_text(TEXTS[language], source=f"{language}.txt")
    assert article.language == language


def test_html_pages_carry_their_language() -> None:
    for language, text in TEXTS.items():
        html = f"<html><body><article><h1>Hafen</h1><p>{text}</p><p>{text}</p></article></body></html>"
        report = ingest_bytes(html.encode(), source=f"{language}.html")
        assert [a.language for a in report.articles] == [language]


def test_too_little_text_is_undetermined() -> None:
    assert detect_language("OK 2024") == UNDETERMINED
    assert ingest_text("12:30 — 14:45", source="times.txt").language == UNDETERMINED


def test_brief_keeps_other_languages_out_of_the_analysis_with_a_notice(tmp_path: Path) -> None:
    for language, text in TEXTS.items():
        if language != "en":
            (tmp_path / f"{language}.txt").write_text(text + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", str(tmp_path), "--format", "json"])
    notices = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert sorted(line.split(": ", 1)[0].rsplit("/", 1)[1] for line in notices) == [
        f"{language}.txt" for language in sorted(TEXTS) if language != "en"
    ]
    for line in notices:
        language = line.split(": ", 1)[0].rsplit("/", 1)[1].removesuffix(".txt")
        assert line.endswith(
            f"language {language}, not English: kept out of the English analysis (not parsed, not in any story)"
        )
    assert result.exit_code == 1 and "no article could be read" in result.stderr, "nothing English to brief"


def test_english_only_keeps_the_english_and_the_undetermined() -> None:
    report = IngestReport(
        articles=[ingest_text(text, source=f"{language}.txt") for language, text in TEXTS.items()]
        + [ingest_text("12:30 — 14:45", source="times.txt")]
    )
    kept = english_only(report)
    assert [a.source for a in kept.articles] == ["en.txt", "times.txt"]
    assert len(kept.rejected) == len(TEXTS) - 1


def test_the_library_brief_keeps_other_languages_out_too(tmp_path: Path) -> None:
    for language in ("en", "fr"):
        (tmp_path / f"{language}.txt").write_text(TEXTS[language] + "\n", encoding="utf-8")
    run = brief_files([tmp_path])
    assert [Path(r.source).name for r in run.rejected] == ["fr.txt"]
    assert "not English" in run.rejected[0].reason
    assert [len(story.article_ids) for story in run.stories] == [1]  # the English one alone
