# ruff: noqa: E501, W291, W293  (page templates: the real markup, its long lines and spaces)
"""The public page of a question, rendered like the Assemblée's sites (an-formats.md §8).

Three generations of pages, chosen by legislature (``layout_for``):

- ``DYN`` (16th legislature on): ``/dyn/{leg}/questions/{uid}``, the current site;
- ``QUESTIONS`` (13th to 15th): ``questions.assemblee-nationale.fr/q14/14-3200QE.htm``,
  the eZ publish pages;
- ``FICHE`` (12th and older): the "FICHE QUESTION" table with pseudo-tags.

The markup follows the real captures (``samples/html``): same elements, classes, ids,
labels, date formats and heavy whitespace, inside a minimal site chrome. Question and answer
texts are HTML already and are embedded as published (the site shows them as markup); every
other value is HTML-escaped. The parser of these pages is ``spiders.parsers.pages``: both
sides share the labels below, so they cannot drift apart.

Assumptions (renderings never seen on a real page, an-formats.md §8 and §11):

- ``DYN``: no real page shows a signalée, renewed, withdrawn or lapsed question, an erratum
  or a change of attribution. They are rendered as extra lines of the "Dates :" block
  ("Question signalée le 3 octobre 2022", "Question renouvelée le …", "Changement
  d'attribution le …", "Question retirée le 5 mars 2023 (Fin de mandat)") and of the list
  of Journal officiel links ("Question signalée au Journal Officiel du 3 octobre 2022, page
  4525", "Erratum de la question au Journal Officiel du …, page …", "Erratum de la réponse
  …"). The closure label is shown verbatim in the parentheses.
- ``DYN``: the author line reads "Name (Région - Groupe)" like the real page; the region is
  found from the department of ``author.circonscription`` and left out when unknown. The
  header shows the analyses joined by "; " and the rubrique is capitalised, as on the site.
- ``QUESTIONS``: ND's line types (a dated line per event, ``dd/mm/yyyy``, "page : n" when
  the page is known, the closure label in parentheses after "Question retirée le"); the
  analyses are each followed by a full stop ("rapport. propositions.").
- ``FICHE``: ``<ret>`` holds the caption of the withdrawal line, ``<dret>`` its date,
  ``<cret>`` the closure label and the hidden ``<codret>`` its code; ``<draps>`` holds the
  renewals; a slot with several events (``<dsign>``, ``<draps>``, ``<dca>``, errata) lists
  their dates separated by spaces (pages alike, ``-`` for an unknown page). ``<aut>`` is
  "Nom Prénom": the first name is taken to be one word ("Jean-Michel"), the rest the surname.
- Every layout shows, for attributions, the ministry interrogé, the current attributaire and
  the date of each change of attribution (not the ministries in between).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import cache

from relance.dates import french_long_date
from relance.record import Closure, Erratum, JoRef, Question, QuestionType, Status
from relance.text import fold
from relance.uid import QUESTIONS_SITE_BASE, SITE_BASE, parse_uid


class Layout(StrEnum):
    DYN = "dyn"  # legislature >= 16
    QUESTIONS = "questions"  # 13..15 (questions.assemblee-nationale.fr, eZ publish)
    FICHE = "fiche"  # <= 12 ("FICHE QUESTION")


def layout_for(legislature: int) -> Layout:
    """The generation of page the Assemblée serves for a legislature."""
    if legislature >= 16:
        return Layout.DYN
    if legislature >= 13:
        return Layout.QUESTIONS
    return Layout.FICHE


def page_path(uid: str) -> str:
    """URL path of a question's page: ``/dyn/17/questions/QANR5L17QE6778`` (16th legislature
    on), ``/q14/14-3200QE.htm`` before (an-formats.md §1)."""
    parts = parse_uid(uid)
    if parts.legislature >= 16:
        return f"/dyn/{parts.legislature}/questions/{uid}"
    return f"/q{parts.legislature}/{parts.legislature}-{parts.number}{parts.type}.htm"


# -- labels shared with the parser ------------------------------------------------------------

#: How each layout names the type of question.
TYPE_LABELS = {
    QuestionType.QE: "Question écrite",
    QuestionType.QG: "Question au Gouvernement",
    QuestionType.QOSD: "Question orale sans débat",
}
#: The ``DYN`` header: "Question écrite n°200 :" ("Question orale n°…" for a QOSD).
DYN_HEADER_TYPES = {
    QuestionType.QE: "Question écrite",
    QuestionType.QG: "Question au Gouvernement",
    QuestionType.QOSD: "Question orale",
}
#: The label of the answer's closure, which the pages never print (the dump's wording).
ANSWERED_LABEL = "Réponse publiée"

# DYN, "Dates :" block: "<label> le <a>26 juillet 2022</a>[ (motif)]"
DYN_PUBLISHED = "Question publiée"
DYN_ANSWERED = "Réponse publiée"
DYN_SIGNALEE = "Question signalée"
DYN_RENEWED = "Question renouvelée"
DYN_REATTRIBUTED = "Changement d'attribution"
DYN_CLOSED = "Question retirée"
# DYN, Journal officiel links: "<label> au Journal Officiel du <date>[, page <n>]"
DYN_JO_QUESTION = "Publication de la question"
DYN_JO_ANSWER = "Publication de la réponse"
DYN_JO_SIGNALEMENT = "Question signalée"
DYN_JO_ERRATUM = {"question": "Erratum de la question", "answer": "Erratum de la réponse"}

# QUESTIONS, "question_publish_date" lines: "<label> : <dd/mm/yyyy>[  page : <n>][ (motif)]"
OLD_PUBLISHED = "Question publiée au JO le"
OLD_ANSWERED = "Réponse publiée au JO le"
OLD_CLOSED = "Question retirée le"
OLD_REATTRIBUTED = "Date de changement d'attribution"
OLD_SIGNALEE = "Date de signalement"
OLD_RENEWED = "Date de renouvellement"
OLD_ERRATUM = {
    "question": "Erratum de la question publié au JO le",
    "answer": "Erratum de la réponse publié au JO le",
}

#: FICHE: the caption in ``<ret>`` of a closed question.
FICHE_CLOSED = "Question retirée le :"
#: FICHE: a slot's unknown page.
FICHE_NO_PAGE = "-"

CIVILITIES = ("M.", "Mme", "Mlle")


# -- helpers shared with the parser -----------------------------------------------------------


def old_date(day: date) -> str:
    """``dd/mm/yyyy``: the older layouts' dates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def ordinal_legislature(legislature: int) -> str:
    """``16ème`` (``1ère`` for the first), as the pages write it."""
    return f"{legislature}{'ère' if legislature == 1 else 'ème'}"


@cache
def _regions() -> dict[str, str]:
    """Department name (folded) → region. Imported late: the demo package is large and
    imports the record, so the mirror should not pull it in at import time."""
    from relance.demo.places import DEPARTMENTS

    return {fold(d.name): d.region for d in DEPARTMENTS}


@cache
def _region_names() -> frozenset[str]:
    return frozenset(fold(region) for region in _regions().values())


def is_region(text: str) -> bool:
    """Whether a label is a region name ("Ile-de-France" matches "Île-de-France")."""
    return fold(text.strip()) in _region_names()


def department_of(circonscription: str | None) -> str | None:
    """``"Bas-Rhin (2e circonscription)"`` → ``"Bas-Rhin"``."""
    if not circonscription:
        return None
    return circonscription.split(" (", 1)[0].strip() or None


def region_of(circonscription: str | None) -> str | None:
    department = department_of(circonscription)
    return _regions().get(fold(department)) if department else None


def split_name(name: str | None) -> tuple[str, str, str]:
    """``"Mme Marie-Pierre Rixain"`` → ``("Mme", "Marie-Pierre", "Rixain")``: civility,
    first name (one word) and surname (the rest, particles included)."""
    words = (name or "").split()
    civ = words.pop(0) if words and words[0] in CIVILITIES else ""
    first = words.pop(0) if words else ""
    return civ, first, " ".join(words)


def fiche_author(name: str | None) -> tuple[str, str]:
    """``"Mme Muguette Jacquaint"`` → ``("Mme", "Jacquaint Muguette")``: the FICHE's
    ``<civ>`` and ``<aut>`` (surname first)."""
    civ, first, surname = split_name(name)
    return civ, " ".join(p for p in (surname, first) if p)


def name_from_fiche(civ: str, aut: str) -> str | None:
    """The inverse of ``fiche_author``: the last word of ``<aut>`` is the first name."""
    words = aut.split()
    if not words:
        return None
    return " ".join(p for p in (civ.strip(), words[-1], " ".join(words[:-1])) if p)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def uncapitalise(text: str) -> str:
    """The dump's rubriques are lower case; ``DYN`` pages capitalise them for display."""
    return text[:1].lower() + text[1:]


def jo_pdf_url(legislature: int, jo: JoRef | None, day: date) -> str:
    """The weekly JO "Questions" issue: ``…/jo/jo_anq_{YYYY}{NN}.pdf`` (an-formats.md §1)."""
    number = jo.number if jo and jo.number and jo.number.isdigit() else None
    issue = int(number) if number else (day.timetuple().tm_yday - 1) // 7 + 1
    return (
        f"{QUESTIONS_SITE_BASE}/static/{legislature}/questions/jo/jo_anq_{day.year}{issue:02d}.pdf"
    )


# -- what a page shows, whatever the layout ----------------------------------------------------


def _e(value: object) -> str:
    return html.escape(str(value), quote=True) if value is not None else ""


def _change_dates(question: Question) -> list[date]:
    """Dates of the changes of attribution: every attribution after the first."""
    return [a.jo.date for a in question.attributions[1:] if a.jo.date]


def _closed_without_answer(question: Question) -> Closure | None:
    """The closure a page shows as "retirée": any closure of an unanswered question."""
    if question.status in (Status.WITHDRAWN, Status.LAPSED) and question.closure:
        return question.closure
    return None


def _errata(question: Question, target: str) -> list[tuple[date, Erratum]]:
    """The dated errata of the question or the answer (an undated one cannot be shown)."""
    return [(e.jo.date, e) for e in question.errata if e.target == target and e.jo.date]


def render_page(question: Question, layout: Layout | None = None) -> str:
    """The full HTML document of a question's page, in its legislature's layout by default.

    Any record renders in any layout (a 17th-legislature question as a FICHE page, say)."""
    layout = layout or layout_for(question.legislature)
    return _RENDERERS[layout](question)


# -- DYN ---------------------------------------------------------------------------------------


def _render_dyn(q: Question) -> str:
    url = f"{SITE_BASE}{page_path(q.uid)}"
    title = f"Question n°{q.number} : {q.titre}" if q.titre else f"Question n°{q.number}"
    return f"""<!DOCTYPE html>

<html class="no-js" lang="fr">
<head>
<title>{_e(title)} - Assemblée nationale</title>
<meta charset="utf-8"/>
<meta content="text/html; charset=utf-8" name="Content-Type"/>
<meta content="fr" name="Content-Language"/>
<meta content="website" property="og:type"/>
<meta content="{_e(url)}" property="og:url"/>
<meta content="Question n°{q.number}" property="og:title"/>
</head>
<body class="_coloration-travaux">
<div id="root">
<header class="site-header print-exclude">
<div class="site-header--top-wrapper">
<div class="container _medium">
<span class="site-header--top-wrapper--title">Assemblée nationale</span>
</div>
</div>
</header>
<nav class="page-breadcrumb print-exclude">
<ul class="focus-within">
<li>
<a href="/dyn/{q.legislature}/questions" target="_self" title="Accéder à la page « Questions {q.legislature}e législature »">Questions {q.legislature}<sup>e</sup> législature</a>
</li>
<li>
<a href="/dyn/{q.legislature}/questions/recherche" target="_self" title="Accéder à la page « Recherche de questions {q.legislature}e législature »">Recherche de questions {q.legislature}<sup>e</sup> législature</a>
</li>
<li>
<span title="Vous êtes sur la page « {_e(title)} »">Question n°{q.number}</span>
</li>
</ul>
</nav>
<main id="main" role="main">
<div class="page">
<div class="page-content">
<div class="an-bloc _style-question" data-actions='{{"blank":""}}' data-id="{q.uid} / Bloc de style « question »" data-scrolltoembedatopening="true">
<div class="bloc-content">
<div class="_vertical container">
<div>
<div class="title _centered-text pb-sm-3">
<span class="h4 _colored-primary">{DYN_HEADER_TYPES[q.type]} n°{q.number} :
                                <span class="_regular">{_e("; ".join(q.analyses))}</span>
</span>
</div>
<hr class="hr-flag"/>
<div>
<span class="h6 _colored-primary _bold">{ordinal_legislature(q.legislature)} Législature</span>
</div>
<div>
{_dyn_jo_links(q)}
</div>
</div>
<div class="ha-grid">
<div class="ha-grid-item size-3">
<div>
<div class="_pa-small">
<p class="_colored-primary">
<span class="_bold">Question de :</span>
<span class="_colored-primary _regular">{_e(_dyn_author_line(q))}</span> </p>
<p class="_pa-small">{q.texte_question_html or ""}</p>
</div>
</div>
{_dyn_answer(q)}</div>
<div class="ha-grid-item size-1">
<div class="_pa-small _centered-text">
<span class="h5 _colored-primary _pa-small _centered-text">Données clés</span>
<hr class="hr-flag"/>
</div>
<p class="h6 _colored-primary">Auteur :
                                <span class="_regular">{_dyn_author_link(q)}</span>
</p>
<p class="h6 _colored-primary">Type de question :
                                <span class="_regular">{TYPE_LABELS[q.type]}</span>
</p>
<p class="h6 _colored-primary">Rubrique :
                                <span class="_regular">{_e(capitalise(q.rubrique or ""))}</span>
</p>
<p class="h6 _colored-primary" id="blocMinistereInterroge">Ministère interrogé :
                                                                <span class="_regular">{_e(q.ministere_interroge.label if q.ministere_interroge else "")}</span>
</p>
<p class="h6 _colored-primary" id="blocMinistereAttributaire">Ministère répondant :
                                                                        <span class="_regular">{_e(q.ministere_attributaire.label if q.ministere_attributaire else "")}</span>
</p>
<p class="h6 _colored-primary">
                                        {"Dates" if q.type is QuestionType.QE else "Date de la séance"}                                        :
                                                                                    <br/>
{_dyn_dates_block(q)}
</p>
</div>
</div>
</div>
<div class="bloc-actions container">
<div class="relative-flex _justify-space-between">
<span class="_colored">partager</span>
</div>
</div>
</div>
</div>
</div>
</div>
</main>
<footer class="site-footer print-exclude" id="footer" role="contentinfo">
<div class="site-footer--top">
<div class="site-footer--top-logo"></div>
<div class="hr-flag-large"></div>
</div>
</footer>
</div>
</body>
</html>
"""


def _dyn_author_line(q: Question) -> str:
    """ "Mme Marie-Pierre Rixain (Ile-de-France - Renaissance)": region and group."""
    group = q.author.groupe_libelle or q.author.groupe_abrege
    inside = " - ".join(p for p in (region_of(q.author.circonscription), group) if p)
    return f"{q.author.name or ''} ({inside})" if inside else q.author.name or ""


def _dyn_author_link(q: Question) -> str:
    line = _e(_dyn_author_line(q))
    ref = q.author.deputy_ref
    if not ref:
        return line
    return (
        f'<a class="link" data-document-id="{_e(ref)}" '
        f'href="{SITE_BASE}/dyn/deputes/{_e(ref)}">{line}</a>'
    )


def _dyn_jo_link(q: Question, label: str, jo: JoRef | None, day: date, page: str | None) -> str:
    where = f", page {_e(page)}" if page else ""
    return (
        f'<a class="link" href="{jo_pdf_url(q.legislature, jo, day)}">\n'
        f"                                        {label} au Journal Officiel\n"
        f"                                        du {french_long_date(day)}{where}</a>"
    )


def _dyn_jo_links(q: Question) -> str:
    links = []
    if q.date_publication:
        first = q.attributions[0].jo if q.attributions else None
        links.append(
            _dyn_jo_link(q, DYN_JO_QUESTION, first, q.date_publication, q.page_publication)
        )
    if q.date_reponse:
        jo = q.closure.jo if q.closure else None
        links.append(_dyn_jo_link(q, DYN_JO_ANSWER, jo, q.date_reponse, q.page_reponse))
    for s in q.signalements:
        if s.date:
            links.append(_dyn_jo_link(q, DYN_JO_SIGNALEMENT, s.jo, s.date, s.jo.page))
    for target in ("question", "answer"):
        for day, e in _errata(q, target):
            links.append(_dyn_jo_link(q, DYN_JO_ERRATUM[target], e.jo, day, e.jo.page))
    return "\n<br/>\n".join(links)


def _dyn_answer(q: Question) -> str:
    if not q.texte_reponse_html and not q.date_reponse:
        return ""
    when = f"le {french_long_date(q.date_reponse)}" if q.date_reponse else ""
    return f"""<div>
<div class="_pa-small">
<p class="_colored-green _bold">
                                                                                                    Réponse  publiée                                                     {when}                                                                                             </p>
<p class="_pa-small">{q.texte_reponse_html or ""}</p>
</div>
</div>
"""


def _dyn_date_line(q: Question, label: str, day: date, motif: str | None = None) -> str:
    href = jo_pdf_url(q.legislature, None, day)
    tail = f" ({_e(motif)})" if motif else ""
    return (
        f'<span class="_regular"> {label} le <a class="link" href="{href}">'
        f"{french_long_date(day)}</a>{tail}</span>"
    )


def _dyn_dates_block(q: Question) -> str:
    return "\n<br/>\n".join(_dyn_date_lines(q))


def _dyn_date_lines(q: Question) -> list[str]:
    lines = []
    if q.date_publication:
        lines.append(_dyn_date_line(q, DYN_PUBLISHED, q.date_publication))
    lines += [_dyn_date_line(q, DYN_REATTRIBUTED, d) for d in _change_dates(q)]
    lines += [_dyn_date_line(q, DYN_SIGNALEE, s.date) for s in q.signalements if s.date]
    lines += [_dyn_date_line(q, DYN_RENEWED, d) for d in q.renouvellements]
    if q.date_reponse:
        lines.append(_dyn_date_line(q, DYN_ANSWERED, q.date_reponse))
    closure = _closed_without_answer(q)
    if closure and closure.date:
        lines.append(_dyn_date_line(q, DYN_CLOSED, closure.date, closure.label))
    return lines


# -- QUESTIONS ---------------------------------------------------------------------------------


def _render_questions(q: Question) -> str:
    type_label = TYPE_LABELS[q.type]
    name = q.author.name or ""
    pdf = f"{QUESTIONS_SITE_BASE}/questions/detail/{q.legislature}/{q.type.value.lower()}/{q.number}/(vue)/pdf"
    print_and_pdf = f"""<section class="print_and_pdf">
<div class="question_print">
<button class="btn btn-primary btn-question-amendement" onclick="javascript:window.print()">
<img alt="printer-icon" border="0" src="/extension/an/design/an/images/printer-icon.gif"> Imprimer</img></button>
</div>
<div class="question_pdf btn-question-amendement">
<form action="{pdf}" method="post">
<input name="pdfname" type="hidden" value="QST-AN-{q.legislature}-{q.number}{q.type.value}.pdf"/>
<button class="btn btn-primary btn-question-amendement">
<img alt="pdf" border="0" src="/extension/an/design/an/images/pdf.png"> Format PDF</img></button>
</form>
</div>
</section>"""
    return f"""<!DOCTYPE html>

<!--[if lt IE 7]>      <html class="no-js lt-ie9 lt-ie8 lt-ie7" lang="fr-FR"> <![endif]-->
<!--[if IE 7]>         <html class="no-js lt-ie9 lt-ie8" lang="fr-FR"> <![endif]-->
<!--[if IE 8]>         <html class="no-js lt-ie9" lang="fr-FR"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="fr-FR"> <!--<![endif]--> <head>
<meta charset="utf-8"/>
<title>Question n°{q.number} - Assemblée nationale</title>
<meta content="text/html; charset=utf-8" name="Content-Type"/>
<meta content="fr-FR" name="Content-language"/>
<meta content="Assemblée Nationale" name="author"/>
</head>
<body>
<div class="clearfix" id="page-fond">
<div class="clearfix" id="page">
<div class="clearfix">
<div class="sans-haut clearfix" id="contenu-page">
<div class="interieur-contenu-principal clearfix">
<ol class="breadcrumb">
<li class="sr-only">Vous êtes ici :</li>
<li><a href="https://www.assemblee-nationale.fr/">Accueil</a></li>
<li><a href="{QUESTIONS_SITE_BASE}/recherche/simple" title="Recherche">Recherche</a></li>
<li><a href="{QUESTIONS_SITE_BASE}/recherche/questions" title="Recherche avancée des questions">Recherche...</a></li>
<li class="active">{type_label} N°{q.number} de {_e(name)}</li>
</ol>
</div> <div class="contenu-principal pleine-largeur clearfix">
<div class="interieur-contenu-principal clearfix">
{print_and_pdf}
<header class="question_legislature">{ordinal_legislature(q.legislature)} législature</header>
<hr class="question_hr"/>
<section class="question_header">
<div class="question_big_content" id="question_col10"> Question N° {q.number}</div>
<div id="question_col80"> de <span class="question_big_content">{_old_author_link(q)}</span>{_old_author_tail(q)}</div>
<div class="question_big_content" id="question_col10">{type_label}</div>
</section>
<section class="question_info">
<div class="ministere">
<div class="question_col50">
<span class="question_big_content">Ministère interrogé &gt; </span> {_e(q.ministere_interroge.label if q.ministere_interroge else "")}
                        </div>
<div class="question_col50 no-left-border">
<span class="question_big_content">Ministère attributaire &gt; </span> {_e(q.ministere_attributaire.label if q.ministere_attributaire else "")}
                        </div>
</div>
<div class="analyse_header">
<div class="question_col33">
<p> <span class="question_big_content">Rubrique &gt; </span>{_e(q.rubrique or "")}</p>
</div>
<div class="question_col33 middle33">
<p><span class="question_big_content">Tête d'analyse &gt; </span>{_e(q.tete_analyse or "")}</p>
</div>
{_old_analyses(q)}</div>
</section>
<!-- <hr class="border-bottom-question-info" />-->
<div class="question_publish_date">
{_old_date_block(q)}</div>
<section class="question_answer">
<div class="question">
<h3>Texte de la question</h3>
<p>
                            {q.texte_question_html or ""}
                        </p>
</div>
{_old_answer(q)}</section>
{print_and_pdf}
</div>
</div>
</div>
</div>
</div>
</div>
</body>
</html>
"""


def _old_author_link(q: Question) -> str:
    name = _e(q.author.name or "")
    ref = q.author.deputy_ref
    if not ref:
        return name
    return (
        f'<a href="https://www2.assemblee-nationale.fr/deputes/fiche/OMC_{_e(ref)}" '
        f'target="_blank" title="Lien vers la fiche de {name}">{name}</a>'
    )


def _old_author_tail(q: Question) -> str:
    """ " (Union pour un Mouvement Populaire - <span>Morbihan</span> )": group, department."""
    group = q.author.groupe_libelle or q.author.groupe_abrege
    department = department_of(q.author.circonscription)
    if not (group or department):
        return ""
    dept = f"<span>{_e(department)}</span> " if department else ""
    sep = " - " if group and department else ""
    return f" ({_e(group or '')}{sep}{dept})"


def _old_analyses(q: Question) -> str:
    if not q.analyses:
        return ""
    text = " ".join(f"{a}." for a in q.analyses)
    return f"""<div class="question_col33 last33">
<p> <span class="question_big_content">Analyse &gt; </span> {_e(text)} </p>
</div>
"""


def _old_line(label: str, day: date, page: str | None = None, motif: str | None = None) -> str:
    big = '<span class="question_big_content">'
    line = f"{label} : {big}{old_date(day)}</span>"
    if page:
        line += f"  page : {big}{_e(page)}</span>"
    if motif:
        line += f" ({_e(motif)})"
    return line


def _old_date_lines(q: Question) -> list[str]:
    lines = []
    if q.date_publication:
        lines.append(_old_line(OLD_PUBLISHED, q.date_publication, q.page_publication))
    lines += [_old_line(OLD_REATTRIBUTED, d) for d in _change_dates(q)]
    lines += [_old_line(OLD_SIGNALEE, s.date, s.jo.page) for s in q.signalements if s.date]
    lines += [_old_line(OLD_RENEWED, d) for d in q.renouvellements]
    if q.date_reponse:
        lines.append(_old_line(OLD_ANSWERED, q.date_reponse, q.page_reponse))
    closure = _closed_without_answer(q)
    if closure and closure.date:
        lines.append(_old_line(OLD_CLOSED, closure.date, motif=closure.label))
    for target in ("question", "answer"):
        for day, e in _errata(q, target):
            lines.append(_old_line(OLD_ERRATUM[target], day, e.jo.page))
    return lines


def _old_date_block(q: Question) -> str:
    return "".join(f"<div>{line}</div>\n" for line in _old_date_lines(q))


def _old_answer(q: Question) -> str:
    if not q.texte_reponse_html:
        return ""
    return f"""<div class="answer">
<h3>Texte de la réponse</h3>
<div class="reponse_contenu">
                                                            {q.texte_reponse_html}
                                                    </div>
</div>
"""


# -- FICHE -------------------------------------------------------------------------------------


def _dates(days: Iterable[date]) -> str:
    return " ".join(old_date(d) for d in days)


def _pages(pages: Iterable[str | None]) -> str:
    return " ".join(_e(p or FICHE_NO_PAGE) for p in pages)


def _render_fiche(q: Question) -> str:
    civ, aut = fiche_author(q.author.name)
    closure = _closed_without_answer(q)
    code = q.closure.code if q.closure else None
    if q.status is Status.ANSWERED and not code:
        code = "REP_PUB"
    errata_q, errata_r = _errata(q, "question"), _errata(q, "answer")
    answer_label = "REPONSE" if q.type is QuestionType.QE else "DEBAT"
    return f"""<html><body align="center">
<title>FICHE QUESTION</title>
<center><b>
<leg>{ordinal_legislature(q.legislature)} législature</leg>
</b></center>
<table border="2" bordercolor="BLUE" cellpadding="1" cellspacing="1" width="100%">
<tr><td align="Center" width="20%"> Question N° : <b>
<num>{q.number}</num>
</b></td>
<td align="CENTER"> de <b>
<civ>{_e(civ)}</civ>
 
<aut>{_e(aut)}</aut>
</b>(
<groupe>{_e(q.author.groupe_libelle or "")}</groupe>
 - <dept>{_e(department_of(q.author.circonscription) or "")}</dept>
)</td><td align="CENTER"><b>
<nat>{q.type.value}</nat>
</b></td></tr>
<ret>{FICHE_CLOSED if closure else ""}</ret>
<dret>{old_date(closure.date) if closure and closure.date else ""}</dret>
<cret>{_e(closure.label or "") if closure else ""}</cret>
<tr><td align="left">
Ministère interrogé : </td><td colspan="2">
<mini>{_e(q.ministere_interroge.label if q.ministere_interroge else "")}</mini>
</td></tr><tr><td align="left">
Ministère attributaire : </td><td colspan="2">
<mina>{_e(q.ministere_attributaire.label if q.ministere_attributaire else "")}</mina>
</td></tr>
<tr><td align="left" border="0"></td><td align="left" border="0" colspan="2"> 
Question publiée au JO le : 
<b><dpq>{old_date(q.date_publication) if q.date_publication else ""}</dpq></b>
 page : 
<b><pgq>{_e(q.page_publication or "")}</pgq></b>
</td></tr>
<tr><td align="left" border="0"></td><td align="left" border="0" colspan="2"> 
Réponse publiée au JO le : 
<b><dpr>{old_date(q.date_reponse) if q.date_reponse else ""}</dpr></b>
 page : 
<b><pgrep>{_e(q.page_reponse or "")}</pgrep></b>
</td></tr>
<derq>{_dates(day for day, _ in errata_q)}</derq>
<pgerq>{_pages(e.jo.page for _, e in errata_q)}</pgerq>
<derr>{_dates(day for day, _ in errata_r)}</derr>
<pgerrep>{_pages(e.jo.page for _, e in errata_r)}</pgerrep>
<tr><td align="left" border="0"></td><td align="left" border="0" colspan="2">
<dsign>{_dates(s.date for s in q.signalements if s.date)}</dsign>
<draps>{_dates(q.renouvellements)}</draps>
<dca>{_dates(_change_dates(q))}</dca>
</td></tr>
<rubriquage>
<tr><td align="left">
Rubrique : 
</td><td align="left" colspan="2">
<rub>{_e(q.rubrique or "")}</rub>
</td></tr><tr><td align="left">
Tête d'analyse : 
</td><td align="left" colspan="2">
<tana>{_e(q.tete_analyse or "")}</tana>
</td></tr><tr><td align="left">
Analyse : 
</td><td align="left" colspan="2">
<ana>{_e(". ".join(q.analyses))}</ana>
<span style="visibility: hidden">
<dc></dc>
</span></td></tr></rubriquage>

<tr><td align="center">
<textes>
<b><u>Texte de la QUESTION : </u></b>
</textes></td><td align="left" colspan="2">
<quest><html>{q.texte_question_html or ""}</html> </quest>
</td></tr><tr><td align="center">
<b><u>Texte de la {answer_label} : </u></b>
</td><td align="left" colspan="2">
<rep><html>{q.texte_reponse_html or ""}</html> </rep>
<comprep></comprep>

</td></tr></table>
<span style="visibility: hidden">
<grp>{_e(q.author.groupe_abrege or "")}</grp>
<nleg>{q.legislature}</nleg>
<codret>{_e(code or "")}</codret>
<reg>{_e(region_of(q.author.circonscription) or "")}</reg>
<reponse>{"O" if q.texte_reponse_html else "N"}</reponse>
</span>

</body></html>
"""


_RENDERERS = {
    Layout.DYN: _render_dyn,
    Layout.QUESTIONS: _render_questions,
    Layout.FICHE: _render_fiche,
}
