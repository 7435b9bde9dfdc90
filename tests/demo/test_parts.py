"""The generator's building blocks: ministry labels, calendar, texts, the zip writer."""

from __future__ import annotations

import random
import zipfile
from datetime import date
from pathlib import Path

import pytest

from relance.demo.governments import (
    GOVERNMENTS,
    MINISTRY_KEYS,
    all_labels,
    portfolios,
    resolve_key,
)
from relance.demo.jo import add_months, issue, issue_number, tuesday_on_or_after
from relance.demo.texts import RUBRIQUES, a, addressee, de, de_inf
from relance.demo.world import World
from relance.demo.zipstream import ZipWriter
from relance.ministries import PORTFOLIOS, is_known, ministry_key


@pytest.mark.parametrize(("label", "key"), all_labels())
def test_every_ministry_label_maps_to_its_key(label: str, key: str) -> None:
    assert is_known(label)
    assert ministry_key(label) == key


def test_portfolio_table() -> None:
    assert 35 <= len(MINISTRY_KEYS) <= 40 and set(MINISTRY_KEYS) <= set(PORTFOLIOS)
    for gov in GOVERNMENTS:
        keys = {k for k, _, _ in portfolios(gov)}
        assert {"interieur", "justice", "economie", "armees", "agriculture"} <= keys
        for key in MINISTRY_KEYS:
            assert resolve_key(key, gov) in keys
    labels = {label for label, _ in all_labels()}
    for real in ("Intérieur", "Intérieur et outre-mer", "Santé et prévention", "Armées",
                 "Travail, santé et solidarités", "Europe et affaires étrangères"):  # fmt: skip
        assert real in labels


def test_each_government_gets_new_ministry_organes() -> None:
    world = World(1, [16, 17], date(2026, 11, 24))
    organes = [p.organe for p in world.portfolios.values()]
    assert len(organes) == len(set(organes))
    interieur = [p for (_, key), p in world.portfolios.items() if key == "interieur"]
    assert len(interieur) == len(world.governments)
    assert all(int(p.organe[2:]) > 600000 for p in interieur)


def test_calendar_helpers() -> None:
    assert issue_number(date(2014, 1, 7)) == 1 and issue_number(date(2014, 4, 15)) == 15
    assert issue_number(date(2014, 5, 13)) == 19
    assert tuesday_on_or_after(date(2024, 10, 3)) == date(2024, 10, 8)
    assert add_months(date(2024, 12, 31), 2) == date(2025, 2, 28)
    previous = None
    day = date(2025, 1, 7)
    while day.year == 2025:  # pages grow through the year
        sheet = issue(day)
        assert sheet.first_page < sheet.questions_page < sheet.answers_page
        if previous:
            assert sheet.first_page > previous.answers_page + previous.answers_pages - 1
        previous = sheet
        day = date.fromordinal(day.toordinal() + 7)


def test_french_helpers() -> None:
    assert de("les agriculteurs") == "des agriculteurs" and de("le prix") == "du prix"
    assert de("la santé") == "de la santé" and de("l'eau") == "de l'eau"
    assert a("les hôpitaux") == "aux hôpitaux" and a("le revenu") == "au revenu"
    assert de_inf("améliorer") == "d'améliorer" and de_inf("soutenir") == "de soutenir"
    assert addressee("Ministère de l'intérieur", female=False) == "M. le ministre de l'intérieur"
    assert (addressee("Ministère délégué chargé des transports", female=True)
            == "Mme la ministre déléguée chargée des transports")  # fmt: skip
    assert addressee("Premier ministre", female=True) == "Mme la Première ministre"


def test_rubriques_vocabulary() -> None:
    assert 80 <= len(RUBRIQUES) <= 130
    names = [r.name for r in RUBRIQUES]
    assert len(set(names)) == len(names) and all(n == n.lower() for n in names)
    for r in RUBRIQUES:
        assert r.topics and r.act and r.obj and r.mes and r.buts, r.name
        assert all(p.plain.startswith("les ") for p in r.act), r.name
        assert all(k in MINISTRY_KEYS for k, _ in r.ministries), r.name
        for phrase in (*r.faits, *r.reps, *(t.sujet.plain for t in r.topics)):
            # reversible mojibake needs characters cp1252 can hold
            phrase.encode("cp1252")


def test_zip_writer_is_readable_and_switches_to_zip64(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    rng = random.Random(1)
    with ZipWriter(path, when=date(2026, 11, 24), level=1) as zw:
        for i in range(70000):
            zw.write(f"json/m{i}.json", b'{"n":%d}' % i)
        with zw.stream("big.json") as stream:
            for _ in range(50):
                stream.write(bytes(rng.getrandbits(8) for _ in range(2000)))
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert len(names) == 70001 and names[12345] == "json/m12345.json"
        assert zf.read("json/m69999.json") == b'{"n":69999}'
        assert len(zf.read("big.json")) == 100000
        assert zf.getinfo("json/m1.json").date_time == (2026, 11, 24, 0, 0, 0)
        assert zf.testzip() is None
