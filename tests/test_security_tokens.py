"""API tokens: named, a role no higher than the creator's, an expiry, hashed, shown once,
revocable, audited; `Authorization: Bearer` on /api/v1/* only, reading only."""

from __future__ import annotations

import re

from tests.conftest import login, make_user
from tracker.repositories import audit as audit_repo
from tracker.repositories import users
from tracker.security import tokens


def _create(client, **data):  # type: ignore[no-untyped-def]
    response = client.post("/account/tokens", data={"name": "nightly script", "role": "viewer",
                                                    "days": "30", **data})
    found = re.search(r'<code id="new-token">([^<]+)</code>', response.get_data(as_text=True))
    return response, (found.group(1) if found else None)


def test_a_token_reads_the_api_and_nothing_else(app, db, editor_client):
    response, token = _create(editor_client)
    assert response.status_code == 200
    assert token
    assert token.startswith("pt_")
    bare = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    answer = bare.get("/api/v1/export", headers=auth)
    assert answer.status_code == 200
    assert answer.is_json
    assert "Set-Cookie" not in answer.headers  # no session is started for a script
    assert bare.get("/organisations", headers=auth).status_code == 302  # pages need a login
    assert bare.post("/api/v1/export", headers=auth).status_code in (403, 405)
    assert bare.get("/api/v1/export", headers={"Authorization": "Bearer pt_x_y"}).status_code == 401
    # Shown once: the page lists it afterwards without the secret; only a hash is stored.
    listing = editor_client.get("/account/tokens").get_data(as_text=True)
    assert "nightly script" in listing
    assert token not in listing
    stored = db.read("tokens/list", user_id=None)
    assert len(stored) == 1
    assert token.split("_", 2)[2] not in str(db.read_one(
        "tokens/get_for_auth", id=stored[0]["id"]))


def test_a_token_cannot_outrank_its_creator(editor_client, db):
    response, token = _create(editor_client, role="admin")
    assert token is None
    assert "cannot be higher" in response.get_data(as_text=True)
    assert db.read("tokens/list", user_id=None) == []


def test_revoked_and_expired_tokens_are_refused_and_audited(app, db, editor_client):
    _, token = _create(editor_client)
    token_id = token.split("_")[1]
    auth = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/v1/export", headers=auth).status_code == 200
    assert editor_client.post(f"/account/tokens/{token_id}/revoke").status_code == 302
    refused = app.test_client().get("/api/v1/export", headers=auth)
    assert refused.status_code == 401
    assert "revoked" in refused.get_json()["error"]
    actions = {(a["entity_id"], a["action"])
               for a in audit_repo.list_entries(db, entity="api_token")["items"]}
    assert actions == {(token_id, "create"), (token_id, "revoke")}
    # Someone else's token cannot be revoked by id; an admin can revoke any.
    owner = make_user(db, "viewer", "other-owner")
    text, record = tokens.create(db, owner, "theirs", "viewer", 1, "viewer")
    editor_client.post(f"/account/tokens/{record['id']}/revoke")
    assert app.test_client().get("/api/v1/export",
                                 headers={"Authorization": f"Bearer {text}"}).status_code == 200
    admin = login(app.test_client(), make_user(db, "admin")["username"])
    assert "theirs" in admin.get("/admin/tokens").get_data(as_text=True)
    admin.post(f"/admin/tokens/{record['id']}/revoke")
    assert app.test_client().get("/api/v1/export",
                                 headers={"Authorization": f"Bearer {text}"}).status_code == 401
    # Expired: an expiry in the past (set directly) is refused.
    text, _ = tokens.create(db, owner, "short-lived", "viewer", 1, "viewer")
    db.write_tx(lambda tx: tx.run("MATCH (t:ApiToken {name: 'short-lived'}) "
                                  "SET t.expires_at = datetime() - duration('PT1S')").consume())
    assert app.test_client().get("/api/v1/export",
                                 headers={"Authorization": f"Bearer {text}"}).status_code == 401


def test_a_token_follows_its_owner_down(app, db, admin_client):
    owner = make_user(db, "editor", "token-owner")
    text, _ = tokens.create(db, owner, "editor token", "editor", 5, "editor")
    users.change(db, owner["id"], "editor", False)  # disabled owner: the token stops
    assert app.test_client().get("/api/v1/export",
                                 headers={"Authorization": f"Bearer {text}"}).status_code == 401


def test_tokens_from_the_command_line(cli, db, app):
    make_user(db, "editor", "script-owner")
    too_high = cli("tokens", "create", "script-owner", "--name", "x", "--role", "admin")
    assert too_high.exit_code == 1
    assert "cannot be higher" in too_high.output
    made = cli("tokens", "create", "script-owner", "--name", "nightly", "--role", "editor")
    assert made.exit_code == 0
    text = made.output.strip().splitlines()[-1]
    auth = {"Authorization": f"Bearer {text}"}
    assert app.test_client().get("/api/v1/export", headers=auth).status_code == 200
    listed = cli("tokens", "list")
    assert "nightly" in listed.output
    assert text not in listed.output
    token_id = text.split("_")[1]
    assert cli("tokens", "revoke", token_id).exit_code == 0
    assert cli("tokens", "revoke", token_id).exit_code == 1
    assert app.test_client().get("/api/v1/export", headers=auth).status_code == 401
