"""What a person sees in Chromium: the main pages on a generated corpus, filters, search,
facets, a question, the watchlist, a phone-sized screen, the keyboard, and hostile texts
that must stay text. Each test saves a screenshot (see conftest.py)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import Visit
from tests.webapp.conftest import HOSTILE_ANSWERED, Corpus

pytestmark = pytest.mark.browser


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_overdue_page_lists_the_most_overdue_first(visit: Visit, corpus: Corpus) -> None:
    visit.goto("/")
    page = visit.page
    assert page.locator("h1").inner_text() == "Questions en retard"
    assert page.locator("html").get_attribute("lang") == "fr"
    overdue = corpus.scalar(
        "SELECT count(*) FROM questions WHERE status = 'pending' AND due_date < :today",
        today="2026-11-24",
    )
    assert overdue > 0
    rows = page.locator("main table tbody tr")
    assert rows.count() > 0
    # The days overdue, as shown, never increase down the list.
    cells = page.locator("main table tbody tr td.num").all_inner_texts()
    days = [_int(re.search(r"en retard de ([\d\s\u202f]+) jour", t)[1]) for t in cells]
    assert days and days == sorted(days, reverse=True)
    shown = page.locator(".figures div.alerte dd").first.inner_text()
    assert _int(shown) == overdue
    visit.shot("accueil")
    assert visit.console_errors == []  # no CSP violation, no script error


def test_filters_narrow_the_overdue_list(visit: Visit, corpus: Corpus) -> None:
    visit.goto("/")
    page = visit.page
    groupe, expected = corpus.rows(
        "SELECT groupe_abrege, count(*) FROM questions WHERE status = 'pending' "
        "AND due_date < :today AND groupe_abrege IS NOT NULL "
        "GROUP BY groupe_abrege ORDER BY count(*) LIMIT 1",
        today="2026-11-24",
    )[0]
    page.select_option("#f-groupe", groupe)
    page.check("#f-signalee")
    page.uncheck("#f-signalee")  # a label click target that works with the keyboard too
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_load_state()
    assert parse_qs(urlsplit(page.url).query).get("groupe") == [groupe]
    deputies = page.locator("main table tbody tr td:nth-last-child(2)").all_inner_texts()
    assert len(deputies) == min(expected, 50)
    assert all(f"({groupe})" in cell for cell in deputies)
    visit.shot("accueil-filtre")


def test_search_with_highlights_and_a_facet(visit: Visit) -> None:
    visit.goto("/recherche")
    page = visit.page
    page.fill("#f-q", "santé")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    heading = page.locator("#resultats").inner_text()
    total = _int(heading)
    assert total > 0
    assert page.locator("main mark").count() > 0  # highlighted words
    facet = page.locator("aside.facets a").first
    facet.click()
    page.wait_for_load_state()
    narrowed = _int(page.locator("#resultats").inner_text())
    assert 0 < narrowed <= total
    assert len(parse_qs(urlsplit(page.url).query)) >= 2  # q and the facet's filter
    visit.shot("recherche")


def test_question_page_reads_in_french_and_can_be_followed(visit: Visit) -> None:
    visit.goto("/recherche?q=sant%C3%A9")
    page = visit.page
    page.locator("main ol a[href*='/questions/'], main ul a[href*='/questions/']").first.click()
    page.wait_for_load_state()
    assert "/questions/QANR5L" in page.url
    uid = page.url.rsplit("/", 1)[1].split("?")[0]
    main = page.locator("main").inner_text()
    assert "Texte de la question" in main and "Chronologie" in main
    phrases = r"en retard de \d+ jours?|réponse en \d+ jours?|dans les délais|retirée|caduque"
    assert re.search(phrases, main)
    follow = page.locator("button.suivre")
    assert follow.is_visible()  # shown by the progressive script
    follow.click()
    visit.shot("question")
    visit.goto("/suivi")
    page.wait_for_load_state()
    assert uid in page.content()


def test_scoreboard_sorts_and_ministry_chart_has_a_text_alternative(visit: Visit) -> None:
    visit.goto("/ministeres")
    page = visit.page
    assert page.locator("main table tbody tr").count() > 3
    link = page.locator("main table tbody tr a[href*='/ministeres/']").first
    link.click()
    page.wait_for_load_state()
    svg = page.locator("main svg").first
    assert svg.is_visible()
    labelled = svg.get_attribute("aria-labelledby") or svg.get_attribute("aria-label")
    assert labelled or svg.locator("title").count() > 0
    visit.shot("ministere")


def test_phone_screen_has_no_horizontal_scroll(browser: Any, live_url: str, screenshots) -> None:
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for path in ("/", "/ministeres", "/recherche?q=sant%C3%A9", "/deputes"):
            page.goto(live_url + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, (path, overflow)
        page.goto(live_url + "/")
        page.screenshot(path=str(screenshots / "telephone.png"), full_page=False)
    finally:
        context.close()


def test_keyboard_reaches_the_skip_link_first(visit: Visit) -> None:
    visit.goto("/")
    page = visit.page
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_hostile_texts_stay_text(browser: Any, hostile: Corpus, screenshots) -> None:
    """The planted scripts, event handlers and javascript: links never run."""
    import threading

    from werkzeug.serving import make_server

    from tests.webapp.conftest import make_app

    server = make_server("127.0.0.1", 0, make_app(hostile), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/questions/{HOSTILE_ANSWERED}")
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.locator("main script").count() == 0
        assert page.locator("main [onerror]").count() == 0
        assert page.locator("main a[href^='javascript:']").count() == 0
        assert "gras" in page.locator("main").inner_text()
        page.screenshot(path=str(screenshots / "question-hostile.png"), full_page=True)
    finally:
        context.close()
        server.shutdown()
        thread.join(5)
        server.server_close()
