"""Entity pages through the Flask client: each role's reads and writes, PRG, field errors."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, make_user
from tracker import create_app
from tracker.repositories import communities, networks, organisations, people, register
from tracker.repositories.organisations import ORGANISATIONS as ORG


def cypher(db, text, **params):  # type: ignore[no-untyped-def]
    with db._session() as session:
        return [dict(r) for r in session.run(text, params)]


def count(db, label: str) -> int:
    # Labels come from this test file's own literals, never from input.
    return cypher(db, f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    """One of each kind, linked."""
    communities.COMMUNITIES.create(db, "ds", {"name": "Data Science Community"})
    communities.SUB_COMMUNITIES.create(db, "pets", {"name": "PETs", "community": "ds"})
    networks.NETWORKS.create(db, "rap", {"name": "RAP Network"})
    ORG.create(db, "wg", {"name": "Welsh Government", "nation": "Wales", "type": "Devolved"})
    ORG.create(db, "moj", {"name": "Ministry of Justice", "nation": "England"})
    people.PEOPLE.create(db, "ann", {"name": "Ann Analyst", "organisation": "moj"})
    organisations.set_membership(db, "wg", "rap", "2022-01-01")
    return db


READ_PAGES = ["/communities", "/communities/ds", "/sub-communities", "/sub-communities/pets",
              "/networks", "/networks/rap", "/organisations", "/organisations/wg", "/people",
              "/people/ann", "/organisations?q=welsh&sort=nation&dir=desc&page=1&nation=Wales",
              "/people?sort=organisation&organisation=moj", "/sub-communities?community=ds",
              "/networks?sort=members&dir=desc", "/communities?sort=members&page=abc"]

WRITE_GETS = ["/communities/new", "/communities/ds/edit", "/communities/ds/delete",
              "/sub-communities/new", "/sub-communities/pets/edit",
              "/sub-communities/pets/delete", "/networks/new", "/networks/rap/edit",
              "/networks/rap/delete", "/organisations/new", "/organisations/wg/edit",
              "/organisations/wg/delete", "/organisations/merge", "/people/new",
              "/people/ann/edit", "/people/ann/delete",
              "/memberships/edit?member=wg&of=rap"]

WRITE_POSTS = [
    ("/communities/new", {"name": "X"}), ("/communities/ds/edit", {"name": "X"}),
    ("/communities/ds/delete", {}), ("/sub-communities/new", {"name": "X", "community": "ds"}),
    ("/sub-communities/pets/edit", {"name": "X", "community": "ds"}),
    ("/sub-communities/pets/delete", {}), ("/networks/new", {"name": "X"}),
    ("/networks/rap/edit", {"name": "X"}), ("/networks/rap/delete", {}),
    ("/organisations/new", {"name": "X", "create_anyway": "y"}),
    ("/organisations/wg/edit", {"name": "X"}), ("/organisations/wg/delete", {}),
    ("/organisations/merge", {"keep": "wg", "drop": "moj"}), ("/people/new", {"name": "X"}),
    ("/people/ann/edit", {"name": "X"}), ("/people/ann/delete", {}),
    ("/memberships", {"member": "moj", "of": "rap"}),
    ("/memberships/remove", {"member": "wg", "of": "rap"}),
]


@pytest.mark.parametrize("role", ["viewer", "editor", "admin"])
def test_every_role_can_read_every_page(seeded, client_as, role):
    client = client_as(role)
    for path in READ_PAGES:
        response = client.get(path)
        # People's names are personal data: viewers see organisation-level pages only.
        expected = 403 if role == "viewer" and path.startswith("/people") else 200
        assert response.status_code == expected, path


def test_viewer_gets_403_on_every_write_and_nothing_changes(seeded, viewer_client):
    before = cypher(seeded, "MATCH (n) WHERE NOT n:AuditEntry AND NOT n:User AND NOT n:Meta "
                            "RETURN count(n) AS n, COUNT { ()-->() } AS r")
    for path in WRITE_GETS:
        assert viewer_client.get(path).status_code == 403, path
    for path, data in WRITE_POSTS:
        assert viewer_client.post(path, data=data).status_code == 403, path
    after = cypher(seeded, "MATCH (n) WHERE NOT n:AuditEntry AND NOT n:User AND NOT n:Meta "
                           "RETURN count(n) AS n, COUNT { ()-->() } AS r")
    assert before == after
    html = viewer_client.get("/organisations/wg").get_data(as_text=True)
    assert "Edit</a>" not in html
    assert "Add membership" not in html


def test_editor_can_open_every_write_page(seeded, editor_client):
    for path in WRITE_GETS:
        assert editor_client.get(path).status_code == 200, path


def test_anonymous_is_sent_to_login(seeded, client):
    assert client.get("/organisations").status_code == 302
    assert client.get("/api/v1/search?q=wel").status_code == 401


# -- create / edit / delete ------------------------------------------------------------------
def test_create_organisation_offers_slug_and_redirects(db, editor_client):
    response = editor_client.post("/organisations/new", data={
        "name": "Data Cymru", "nation": "Wales", "type": "Local government body"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/organisations/data-cymru"
    page = editor_client.get("/organisations/data-cymru").get_data(as_text=True)
    assert "Organisation “Data Cymru” created." in page
    assert "Local government body" in page
    assert cypher(db, "MATCH (n:Organisation:Actor {id:'data-cymru'}) RETURN n.nation AS n") == [
        {"n": "Wales"}]


def test_id_clash_is_a_field_error(seeded, editor_client):
    response = editor_client.post("/networks/new", data={"name": "Another", "id": "wg"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "already in use" in html
    assert 'value="wg"' in html
    assert count(seeded, "PartnerNetwork") == 1


def test_slug_clash_shows_the_offered_id(seeded, editor_client):
    networks.NETWORKS.create(seeded, "nhs-r-community", {"name": "NHS-R Community"})
    response = editor_client.post("/networks/new", data={"name": "NHS-R Community"})
    assert response.status_code == 400
    assert 'value="nhs-r-community"' in response.get_data(as_text=True)


def test_register_match_is_offered_before_creating(seeded, editor_client):
    response = editor_client.post("/organisations/new", data={"name": "Welsh Govt"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Is it one of these?" in html
    assert "/organisations/wg" in html
    assert count(seeded, "Organisation") == 2
    response = editor_client.post("/organisations/new",
                                  data={"name": "Welsh Govt", "create_anyway": "y"})
    assert response.status_code == 302
    assert count(seeded, "Organisation") == 3


def test_missing_name_and_bad_id_are_field_errors(db, editor_client):
    response = editor_client.post("/communities/new", data={"name": "", "id": "bad id!"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This field is required." in html
    assert "Use letters, digits" in html
    assert count(db, "Community") == 0


def test_edit_keeps_id_and_saves(seeded, editor_client):
    response = editor_client.post("/organisations/wg/edit", data={
        "name": "Llywodraeth Cymru", "nation": "Wales", "id": "changed"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/organisations/wg"
    assert cypher(seeded, "MATCH (n:Organisation {id:'wg'}) RETURN n.name AS n, n.type AS t") == [
        {"n": "Llywodraeth Cymru", "t": None}]


def test_sub_community_cannot_be_part_of_itself_or_a_missing_community(seeded, editor_client):
    response = editor_client.post("/sub-communities/new",
                                  data={"name": "Loop", "id": "ds2", "community": "nope"})
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    response = editor_client.post("/sub-communities/pets/edit",
                                  data={"name": "PETs", "community": "ds"})
    assert response.status_code == 302


def test_delete_confirmation_lists_what_goes_then_deletes(seeded, editor_client):
    html = editor_client.get("/organisations/wg/delete").get_data(as_text=True)
    assert re.search(r"<strong>1</strong> membership links", html)
    response = editor_client.post("/organisations/wg/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == "/organisations"
    assert "deleted" in editor_client.get("/organisations").get_data(as_text=True)
    assert cypher(seeded, "MATCH (n {id:'wg'}) RETURN count(n) AS c")[0]["c"] == 0


def test_community_with_sub_communities_is_not_deleted(seeded, editor_client):
    html = editor_client.get("/communities/ds/delete").get_data(as_text=True)
    assert "cannot be deleted" in html
    assert "PETs" in html
    assert editor_client.post("/communities/ds/delete").status_code == 409
    assert count(seeded, "Community") == 1


def test_missing_pages_are_404(seeded, editor_client):
    for path in ["/organisations/nope", "/networks/nope/edit", "/people/nope/delete",
                 "/communities/nope", "/sub-communities/nope/edit",
                 "/memberships/edit?member=wg&of=nope"]:
        assert editor_client.get(path).status_code == 404, path


# -- memberships from both ends --------------------------------------------------------------
def test_membership_from_the_network_page(seeded, editor_client):
    response = editor_client.post("/memberships", data={
        "member": "moj", "of": "rap", "since": "2023-01-01", "back": "/networks/rap"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/networks/rap"
    html = editor_client.get("/networks/rap").get_data(as_text=True)
    assert "Ministry of Justice" in html
    assert "2023-01-01" in html


def test_membership_from_the_organisation_page_and_removal(seeded, editor_client):
    response = editor_client.post("/memberships", data={
        "member": "moj", "of": "pets", "since": "2023-01-01", "until": "2024-01-01",
        "back": "/organisations/moj"})
    assert response.headers["Location"] == "/organisations/moj"
    html = editor_client.get("/organisations/moj").get_data(as_text=True)
    assert "PETs" in html
    assert "2024-01-01" in html
    response = editor_client.post("/memberships/remove", data={
        "member": "moj", "of": "pets", "back": "/organisations/moj"})
    assert response.status_code == 302
    assert cypher(seeded, "MATCH (:Organisation {id:'moj'})-[m:MEMBER_OF]->() "
                          "RETURN count(m) AS c")[0]["c"] == 0


def test_membership_errors_are_field_errors(seeded, editor_client):
    cases = [({"member": "moj", "of": "rap", "since": "2023-02-01", "until": "2023-01-01"},
              "must not be before"),
             ({"member": "moj", "of": "moj"}, "cannot be a member of itself"),
             ({"member": "moj", "of": "wg"}, "Pick an existing"),
             ({"member": "moj", "of": "rap", "since": "31/12/2023"}, "Not a valid date")]
    for data, message in cases:
        response = editor_client.post("/memberships", data=data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert cypher(seeded, "MATCH (:Organisation {id:'moj'})-[m:MEMBER_OF]->() "
                          "RETURN count(m) AS c")[0]["c"] == 0


def test_membership_back_link_cannot_leave_the_site(seeded, editor_client):
    response = editor_client.post("/memberships", data={
        "member": "moj", "of": "rap", "back": "//evil.example/"})
    assert response.headers["Location"] == "/organisations"


# -- merge -----------------------------------------------------------------------------------
def test_merge_page_previews_what_moves(seeded, editor_client):
    html = editor_client.get("/organisations/merge?keep=wg&drop=moj").get_data(as_text=True)
    assert "Merge “Ministry of Justice” into “Welsh Government”?" in html
    assert re.search(r"<strong>1</strong> employment links", html)
    assert count(seeded, "Organisation") == 2  # a GET changes nothing


def test_merge_through_the_form(seeded, editor_client):
    # Without the preview's confirmation a POST only previews.
    shown = editor_client.post("/organisations/merge", data={"keep": "wg", "drop": "moj"})
    assert shown.status_code == 200
    assert count(seeded, "Organisation") == 2
    response = editor_client.post("/organisations/merge", data={"keep": "wg", "drop": "moj",
                                                                "confirm": "yes"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/organisations/wg"
    html = editor_client.get("/organisations/wg").get_data(as_text=True)
    assert "Merged “Ministry of Justice” into “Welsh Government”" in html
    assert "Ann Analyst" in html
    assert count(seeded, "Organisation") == 1


def test_merge_refusals_are_field_errors(seeded, editor_client):
    response = editor_client.post("/organisations/merge", data={"keep": "wg", "drop": "wg"})
    assert response.status_code == 400
    assert "merged with itself" in response.get_data(as_text=True)
    response = editor_client.post("/organisations/merge", data={"keep": "wg", "drop": "rap"})
    assert response.status_code == 400
    assert "no organisation" in response.get_data(as_text=True)
    assert count(seeded, "Organisation") == 2


# -- pages show the data ---------------------------------------------------------------------
def test_organisation_page_shows_partners_and_ego_link(seeded, viewer_client):
    cypher(seeded, """
      MATCH (wg:Organisation {id:'wg'}), (moj:Organisation {id:'moj'}),
            (rap:PartnerNetwork {id:'rap'})
      CREATE (e:Event {id:'showcase', name:'Showcase 2023', start: date('2023-11-14')}),
             (s:Event {id:'splink', name:'Splink in Action', start: date('2023-11-15')})
               -[:PART_OF]->(e),
             (wg)-[:CONTRIBUTED {role:'speaker'}]->(e), (moj)-[:CONTRIBUTED {role:'host'}]->(s),
             (rap)-[:CONTRIBUTED {role:'curator'}]->(e), (moj)-[:ATTENDED {attendees: 40}]->(e)
    """)
    html = viewer_client.get("/organisations/moj").get_data(as_text=True)
    partners = html[html.index('id="partners"'):]
    assert "Welsh Government" in partners
    assert "RAP Network" in partners
    assert "/network?focus=moj" in html
    assert "session of Showcase 2023" in html
    assert ">40<" in html
    assert "2023-11-14" in html


def test_hostile_names_are_shown_literally(db, editor_client):
    name = "<script>alert('x')</script> & {{ 7*7 }} ); MATCH (n) DETACH DELETE n"
    response = editor_client.post("/organisations/new", data={
        "name": name, "id": "hostile", "create_anyway": "y"})
    assert response.status_code == 302
    html = editor_client.get("/organisations/hostile").get_data(as_text=True)
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{ 7*7 }}" in html
    listing = editor_client.get("/organisations?q=script").get_data(as_text=True)
    assert "&lt;script&gt;" in listing


# -- search API ------------------------------------------------------------------------------
def test_search_api(seeded, viewer_client, editor_client):
    response = viewer_client.get("/api/v1/search?q=wel&kind=organisation")
    assert response.get_json() == [{"id": "wg", "name": "Welsh Government",
                                    "kind": "organisation"}]
    kinds = {r["kind"] for r in viewer_client.get("/api/v1/search?q=r").get_json()}
    assert "network" in kinds  # actor is the default kind
    assert editor_client.get("/api/v1/search?q=ann&kind=person").get_json()[0]["id"] == "ann"
    assert editor_client.get("/api/v1/search?q=&kind=person").get_json() == []
    assert viewer_client.get("/api/v1/search?q=ann&kind=person").status_code == 403
    assert viewer_client.get('/api/v1/search?q=")(*~&kind=event').get_json() == []
    bad = viewer_client.get("/api/v1/search?q=x&kind=User")
    assert bad.status_code == 400
    assert bad.get_json()["status"] == 400


def test_entity_posts_without_csrf_token_are_refused(db):
    app = create_app({"TESTING": True, "DATABASE": db, "WTF_CSRF_ENABLED": True})
    make_user(db, "editor", "eddie")
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": "eddie", "password": PASSWORD, "csrf_token": token})
    assert client.get("/organisations/new").status_code == 200  # logged in as an editor
    for path, data in [("/organisations/new", {"name": "X", "create_anyway": "y"}),
                       ("/memberships", {"member": "a", "of": "b"}),
                       ("/organisations/merge", {"keep": "a", "drop": "b"})]:
        assert client.post(path, data=data).status_code == 400, path
    assert count(db, "Organisation") == 0


def test_register_entry_is_offered_before_creating_a_duplicate(db, editor_client, tmp_path):
    csv = tmp_path / "my-list.csv"
    csv.write_text("code,title,country,area,kind\n"
                   "W001,Welsh Government,Wales,,Devolved government\n"
                   "E001,Cabinet Office,England,London,Ministerial department\n",
                   encoding="utf-8")
    register.import_csv(db, csv, "code", "title", "country", "area", "kind")
    response = editor_client.post("/organisations/new", data={"name": "Welsh Gov"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Is it one of these?" in html
    assert "/organisations/W001" in html
    assert "Cabinet Office" not in html
    assert count(db, "Organisation") == 2  # nothing created yet
