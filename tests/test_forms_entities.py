"""Entity forms checked directly (no HTTP): shape only, no database."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from tracker import create_app
from tracker.forms.entities import (
    CommunityForm,
    MembershipForm,
    MergeForm,
    NetworkForm,
    OrganisationForm,
    PersonForm,
    RemoveMembershipForm,
    SubCommunityForm,
)


@pytest.fixture
def form_app():  # type: ignore[no-untyped-def]
    # Forms never touch the database, so no DATABASE is needed here.
    return create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})


def make(form_app, cls, **data):  # type: ignore[no-untyped-def]
    """Build a form from POSTed data inside a request context."""
    with form_app.test_request_context(method="POST", data=MultiDict(data)):
        form = cls()
        if cls is SubCommunityForm:
            form.community.choices = [("", "Choose…"), ("ds", "Data Science")]
        form.validate()
        return form


def test_name_is_required_and_trimmed(form_app):
    form = make(form_app, CommunityForm, name="   ")
    assert "name" in form.errors
    form = make(form_app, CommunityForm, name="  Data Science Community  ")
    assert not form.errors
    assert form.values() == {"name": "Data Science Community",
                                                 "description": None}


def test_lengths(form_app):
    assert "name" in make(form_app, NetworkForm, name="x" * 301).errors
    assert not make(form_app, NetworkForm, name="x" * 300).errors
    assert "description" in make(form_app, NetworkForm, name="N", description="y" * 10_001).errors
    assert not make(form_app, NetworkForm, name="N", description="y" * 10_000).errors
    assert "website" in make(form_app, NetworkForm, name="N", website="h" * 501).errors


def test_id_alphabet(form_app):
    for good in ["data-cymru", "E06000001", "gov.uk:cabinet-office", "a_b"]:
        assert not make(form_app, OrganisationForm, name="X", id=good).errors, good
    for bad in ["-leading", "has space", "<script>", "a" * 101, "ünï", "x'; DROP"]:
        assert "id" in make(form_app, OrganisationForm, name="X", id=bad).errors, bad
    assert not make(form_app, OrganisationForm, name="X", id="").errors  # offered later


def test_hostile_text_is_kept_exactly(form_app):
    text = "<b>bold</b> ' \" ; MATCH (n) DETACH DELETE n // \x07\u202e 😀 ñ"
    form = make(form_app, OrganisationForm, name=text, region=text[:100])
    assert not form.errors
    assert form.values()["name"] == text.strip()


def test_sub_community_needs_a_known_community_and_not_itself(form_app):
    assert "community" in make(form_app, SubCommunityForm, name="PETs", community="").errors
    assert "community" in make(form_app, SubCommunityForm, name="PETs", community="zz").errors
    form = make(form_app, SubCommunityForm, name="PETs", id="ds", community="ds")
    assert form.errors["community"] == ["A sub-community cannot be part of itself."]
    form = make(form_app, SubCommunityForm, name="PETs", id="pets", community="ds")
    assert not form.errors
    assert form.values()["community"] == "ds"


def test_person_organisation_is_an_id(form_app):
    assert not make(form_app, PersonForm, name="Ann", organisation="moj").errors
    assert "organisation" in make(form_app, PersonForm, name="Ann",
                                  organisation="Ministry of Justice").errors


def test_membership_dates_and_self_links(form_app):
    ok = make(form_app, MembershipForm, member="moj", of="rap", since="2023-01-01",
              until="2023-01-01")
    assert not ok.errors
    assert make(form_app, MembershipForm, member="moj", of="rap", since="2023-02-01",
                until="2023-01-31").errors == {
        "until": ["The end date must not be before the start date."]}
    assert "since" in make(form_app, MembershipForm, member="moj", of="rap",
                           since="2023-02-30").errors
    assert "of" in make(form_app, MembershipForm, member="moj", of="moj").errors
    assert set(make(form_app, MembershipForm).errors) == {"member", "of"}


def test_remove_membership_needs_both_ends(form_app):
    assert set(make(form_app, RemoveMembershipForm, member="moj").errors) == {"of"}


def test_merge_refuses_self(form_app):
    assert make(form_app, MergeForm, keep="a", drop="a").errors == {
        "drop": ["An organisation cannot be merged with itself."]}
    assert not make(form_app, MergeForm, keep="a", drop="b").errors
    assert set(make(form_app, MergeForm, keep="", drop="").errors) == {"keep", "drop"}


def test_forms_refuse_posts_without_csrf_token():
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True})
    with app.test_request_context(method="POST", data={"name": "X"}):
        form = CommunityForm()
        assert not form.validate()
        assert "csrf_token" in form.errors
