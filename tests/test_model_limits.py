"""Every entry path accepts and refuses exactly the same ids and names (tracker/model.py).

The same cases run through the entity forms, the event form, the JSON import and the register
CSV import, so an id or name typed in one place can always be saved in another.
"""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from tracker import create_app
from tracker.forms.entities import OrganisationForm
from tracker.forms.events import EventForm
from tracker.interchange import validate
from tracker.model import MAX_ID, MAX_NAME
from tracker.problems import Problems
from tracker.register import CsvColumns, parse_user_csv

GOOD_IDS = ["a", "data-cymru", "E06000001", "gov.uk:cabinet-office", "a_b", "x" * MAX_ID]
BAD_IDS = ["-leading", "has space", "<script>", "ünï", "x'; DROP", "x" * (MAX_ID + 1)]
GOOD_NAMES = ["N", "Welsh Government", "é" * MAX_NAME]
BAD_NAMES = ["é" * (MAX_NAME + 1)]


@pytest.fixture(scope="module")
def form_app():  # type: ignore[no-untyped-def]
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "DATABASE": object()})


def entity_form(app: Any, ident: str, name: str) -> bool:
    with app.test_request_context(method="POST", data=MultiDict({"id": ident, "name": name})):
        return bool(OrganisationForm().validate())


def event_form(app: Any, ident: str, name: str) -> bool:
    with app.test_request_context(method="POST"):
        form = EventForm(formdata=MultiDict({"id": ident, "name": name, "start": "2024-01-01"}))
        return bool(form.validate())


def json_import(_: Any, ident: str, name: str) -> bool:
    _, problems = validate({"organisations": [{"id": ident, "name": name}]})
    return not problems


def register_csv(_: Any, ident: str, name: str) -> bool:
    text = "id,name,nation,region,type\n" + f'"{ident}","{name}",Wales,Wales,Council\n'
    try:
        parse_user_csv(text.encode("utf-8"), CsvColumns("id", "name", "nation", "region",
                                                         "type"), "mine")
    except Problems:
        return False
    return True


PATHS = [entity_form, event_form, json_import, register_csv]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.__name__)
def test_every_path_accepts_the_same_ids_and_names(form_app, path):  # type: ignore[no-untyped-def]
    for ident in GOOD_IDS:
        assert path(form_app, ident, "Name"), ident
    for name in GOOD_NAMES:
        assert path(form_app, "ok-id", name), name[:20]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.__name__)
def test_every_path_refuses_the_same_ids_and_names(form_app, path):  # type: ignore[no-untyped-def]
    for ident in BAD_IDS:
        assert not path(form_app, ident, "Name"), ident
    for name in BAD_NAMES:
        assert not path(form_app, "ok-id", name), name[:20]
