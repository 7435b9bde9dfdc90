"""``as_of``, ``last_event`` and ``dump_cutoff``: the pure rules of time replay."""

from __future__ import annotations

from datetime import date, timedelta

from relance.mirror.timeline import as_of, dump_cutoff, last_event
from relance.record import (
    Attribution,
    Closure,
    Erratum,
    JoRef,
    Ministry,
    Question,
    QuestionType,
    Signalement,
    Status,
)

PUB, SIG, REATTRIB, RENEW, ANSWER = (
    date(2025, 1, 7),
    date(2025, 3, 11),
    date(2025, 2, 4),
    date(2025, 4, 15),
    date(2025, 5, 6),
)
DAY = timedelta(days=1)


def answered() -> Question:
    return Question(
        uid="QANR5L17QE12",
        legislature=17,
        number=12,
        type=QuestionType.QE,
        attributions=(
            Attribution(Ministry("Santé"), JoRef(PUB)),
            Attribution(Ministry("Travail"), JoRef(REATTRIB)),
        ),
        texte_question_html="<p>Question</p>",
        date_publication=PUB,
        texte_reponse_html="<p>Réponse</p>",
        date_reponse=ANSWER,
        page_reponse="12",
        signalements=(Signalement(SIG - 6 * DAY, JoRef(SIG)),),
        renouvellements=(RENEW,),
        closure=Closure("REP_PUB", "Réponse publiée", ANSWER, JoRef(ANSWER)),
        errata=(
            Erratum("question", JoRef(PUB + 14 * DAY), "erratum q"),
            Erratum("answer", JoRef(ANSWER + 7 * DAY), "erratum r"),
        ),
    )


def test_not_published_yet_is_none() -> None:
    assert as_of(answered(), PUB - DAY) is None
    assert as_of(answered().replace(date_publication=None), ANSWER) is None


def test_nothing_changes_once_every_event_is_past() -> None:
    q = answered()
    assert as_of(q, ANSWER + 30 * DAY) is q


def test_each_event_appears_on_its_day_and_not_before() -> None:
    q = answered()
    first = as_of(q, PUB)
    assert first.status is Status.PENDING and first.closure is None
    assert first.texte_reponse_html is first.date_reponse is first.page_reponse is None
    assert len(first.attributions) == 1 and first.signalements == () == first.renouvellements
    assert first.errata == ()
    assert len(as_of(q, REATTRIB - DAY).attributions) == 1
    assert len(as_of(q, REATTRIB).attributions) == 2
    assert as_of(q, SIG - DAY).signalements == () and as_of(q, SIG).signalements
    assert as_of(q, RENEW - DAY).renouvellements == () and as_of(q, RENEW).renouvellements
    before, on = as_of(q, ANSWER - DAY), as_of(q, ANSWER)
    assert before.status is Status.PENDING and on.status is Status.ANSWERED
    assert on.date_reponse == ANSWER and on.texte_reponse_html == "<p>Réponse</p>"
    assert [e.target for e in on.errata] == ["question"]  # the answer's erratum is later
    assert [e.target for e in as_of(q, ANSWER + 7 * DAY).errata] == ["question", "answer"]


def test_a_withdrawal_counts_from_its_closure_date() -> None:
    withdrawn = date(2025, 2, 20)
    q = answered().replace(
        texte_reponse_html=None,
        date_reponse=None,
        page_reponse=None,
        errata=(),
        closure=Closure("RET", "Retirée", withdrawn, JoRef(date(2025, 2, 25))),
    )
    assert as_of(q, withdrawn - DAY).status is Status.PENDING
    assert as_of(q, withdrawn).status is Status.WITHDRAWN


def test_undated_events_are_kept() -> None:
    q = answered().replace(attributions=(Attribution(Ministry("Santé")),))
    assert as_of(q, PUB).attributions == q.attributions


def test_last_event_is_the_latest_date_shown() -> None:
    q = answered()
    assert last_event(q) == ANSWER + 7 * DAY
    assert last_event(as_of(q, SIG)) == SIG
    assert last_event(as_of(q, PUB)) == PUB
    assert last_event(Question("QANR5L17QE1", 17, 1, QuestionType.QE)) is None


def test_dump_cutoff() -> None:
    day = date(2026, 3, 18)
    assert dump_cutoff(day) == day
    assert dump_cutoff(day, lag_days=2) == date(2026, 3, 16)
    weekly = {dump_cutoff(day + n * DAY, every_days=7) for n in range(7)}
    assert len(weekly) == 2 and all(d <= day + 6 * DAY for d in weekly)
    assert all(d.toordinal() % 7 == 0 for d in weekly)
    assert dump_cutoff(day, every_days=7, lag_days=7) == dump_cutoff(day, every_days=7) - 7 * DAY
