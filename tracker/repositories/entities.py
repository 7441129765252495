"""Shared plumbing for the entity repositories (communities, networks, organisations, people).

Each kind is described once by an `EntityKind`: its query folder, its editable fields and its
allow-listed sort keys, passed as $sort to its one list query (`ORDER BY CASE $sort ...`).
Create, update and delete
run in one `write_tx` with their audit entry; a list page is two queries in one read (the
page, sorted and cut in Cypher, and the count).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any, NoReturn

from tracker.audit import entry
from tracker.db import ConstraintError, Database, ManagedTransaction, row, rows, value
from tracker.model import ID_RULE, id_problem, text_problem
from tracker.problems import Problems
from tracker.repositories import versions
from tracker.text import slugify

PER_PAGE = 25
#: Rows per page of each section of a detail page (an organisation's events, a network's members).
SECTION_SIZE = 25
MAX_TERMS = 8


class EntityError(Problems):
    """A write refused for a reason the user can act on; `field` names the form field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__([(field_name, message)])
        self.field = field_name
        self.message = message


class IdTaken(EntityError):
    """Another node (of this kind, or any actor) already has that id."""


class NotFound(LookupError):
    """No such entity."""


class NoRow(LookupError):
    """Raised inside a write transaction whose statement matched nothing, so that it rolls back
    (with its audit entries): a refused write leaves no trace."""


def required(tx: Any, name: str, **params: Any) -> Any:
    """`value(...)` inside a write transaction, rolling it back when nothing matched."""
    found = value(tx, name, **params)
    if found is None or found == 0:
        raise NoRow(name)
    return found


def offer_id(name: str, prefix: str = "item") -> str:
    """An id offered from a name ('Data Cymru' -> 'data-cymru'); names in other scripts leave
    nothing, so they get a short random id the user can change."""
    return slugify(name, "", 80) or f"{prefix}-{uuid.uuid4().hex[:8]}"


def search_terms(text: str | None) -> str | None:
    """Full-text query for the `names` index from user text: word prefixes joined by AND.

    Only word characters survive, so Lucene syntax in the input can never reach the parser.
    Returns None for blank text and "" when nothing searchable is left.
    """
    if text is None or not text.strip():
        return None
    words = [w[:40] for w in re.findall(r"\w+", text.lower())][:MAX_TERMS]
    return " AND ".join(f"{w}*" for w in words)


def order_in(tx: ManagedTransaction, folder: str, sort: str, desc: bool) -> list[str]:
    """Every id of a whole list (no search, no filters) in its order: <folder>/order."""
    return list(value(tx, f"{folder}/order", sort=sort, desc=desc) or [])


def rows_in(tx: ManagedTransaction, folder: str, ids: list[str]) -> list[dict[str, Any]]:
    """The list rows of the given ids, in their order: <folder>/rows."""
    return rows(tx, f"{folder}/rows", ids=ids)


def clean(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Only the given fields, with blank strings stored as null; EntityError for a text with a
    character no stored text may hold (the same rule as the importer's, tracker.model)."""
    out: dict[str, Any] = {}
    for name in fields:
        item = data.get(name)
        problem = text_problem(item)
        if problem is not None:
            raise EntityError(name, f"This text {problem}.")
        out[name] = None if isinstance(item, str) and item.strip() == "" else item
    return out


@dataclass(frozen=True)
class EntityKind:
    """How one kind of node is stored: queries, editable fields, audit name, sort allow-list."""

    folder: str  # cypher/<folder>/...
    entity: str  # audit entity name
    fields: tuple[str, ...]  # editable fields, passed to create/update as parameters
    sorts: tuple[str, ...]  # the allow-list of $sort for cypher/<folder>/list.cypher
    filters: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()  # fields that are links (query parameters), not properties
    default_sort: str = "name"
    missing_ref: dict[str, str] = field(default_factory=dict)  # field -> message if no row
    # Paged sections of the detail page: (name, query); each query takes $id, $skip and $limit,
    # and <folder>/get returns `<name>_total` for it.
    sections: tuple[tuple[str, str], ...] = ()
    # <folder>/order (every id in list order) and <folder>/rows (rows by id) exist, so the list
    # service can cache the whole list's order and read only a page's rows.
    ordered: bool = False

    # -- reads ---------------------------------------------------------------------------------
    def get(self, db: Database, entity_id: str, pages: dict[str, int] | None = None,
            size: int = SECTION_SIZE) -> dict[str, Any] | None:
        """The entity's page data in one read, or None: the head from <folder>/get and one page
        of each section (``pages`` maps a section to its 1-based page, default 1), each cut in
        Cypher; ``sections[name]`` is {page, pages, total} for the pager."""
        return db.read_tx(self.get_in, entity_id, pages, size)

    def get_in(self, tx: ManagedTransaction, entity_id: str,
               pages: dict[str, int] | None = None,
               size: int = SECTION_SIZE) -> dict[str, Any] | None:
        """:meth:`get` in the caller's transaction."""
        wanted = pages or {}
        found = row(tx, f"{self.folder}/get", id=entity_id)
        if found is None:
            return None
        found["sections"] = {}
        for name, query in self.sections:
            total = int(found.pop(f"{name}_total") or 0)
            last = max(1, -(-total // size))
            page = min(max(1, wanted.get(name, 1)), last)
            found[name] = rows(tx, query, id=entity_id, skip=(page - 1) * size,
                               limit=size) if total else []
            found["sections"][name] = {"page": page, "pages": last, "total": total}
        return found

    def list(self, db: Database, *, q: str | None = None, sort: str | None = None,
             desc: bool = False, page: int = 1, per_page: int = PER_PAGE,
             **filters: Any) -> dict[str, Any]:
        """One page of a list: {rows, total, page, pages, sort, desc}."""
        sort = sort if sort in self.sorts else self.default_sort
        terms = search_terms(q)
        found: list[dict[str, Any]] = []
        total = 0
        if terms != "":  # text with no searchable word matches nothing
            params = {k: (filters.get(k) or None) for k in self.filters}

            def work(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], int]:
                page_rows = rows(tx, f"{self.folder}/list", q=terms, sort=sort,
                                 desc=bool(desc), skip=(page - 1) * per_page, limit=per_page,
                                 **params)
                return page_rows, int(value(tx, f"{self.folder}/count", q=terms, **params) or 0)

            found, total = db.read_tx(work)
        pages = max(1, -(-total // per_page))
        return {"rows": found, "total": total, "page": page, "pages": pages,
                "sort": sort, "desc": bool(desc), "per_page": per_page}

    def delete_preview(self, db: Database, entity_id: str) -> dict[str, Any] | None:
        """What deleting would remove: {id, name, relationships: [{type, count}], ...}."""
        return db.read_one(f"{self.folder}/delete_preview", id=entity_id)

    # -- writes --------------------------------------------------------------------------------
    def create(self, db: Database, entity_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Create one entity; IdTaken on a clash, EntityError if a referenced node is missing."""
        if id_problem(entity_id) is not None:
            raise EntityError("id", f"Use {ID_RULE}.")
        params = {"id": entity_id, **clean(data, self.fields)}
        try:
            created: dict[str, Any] = db.write_tx(
                lambda tx: required(tx, f"{self.folder}/create", **self._query_params(params)),
                audit=[entry(self.entity, entity_id, "create",
                             {k: v for k, v in params.items() if k != "id"})])
        except ConstraintError:
            raise IdTaken("id", f"The id {entity_id!r} is already in use; choose another.") \
                from None
        except NoRow:
            return self._missing(params)
        return created

    def editable(self, current: dict[str, Any]) -> dict[str, Any]:
        """The editable fields of a `get` result (links as ids): what its edit form shows."""
        state = {name: current["item"].get(name) for name in self.fields}
        for name in ("community", "organisation"):
            if name in self.fields:
                ref = current.get(name)
                state[name] = ref["id"] if isinstance(ref, dict) else ref
        return state

    def version(self, current: dict[str, Any]) -> str:
        """The version of a `get` result, for its edit form to carry (see repositories.versions)."""
        return versions.fingerprint(self.editable(current))

    def update(self, db: Database, entity_id: str, data: dict[str, Any],
               version: str | None = None) -> dict[str, Any]:
        """Change the editable fields; the audit records only the fields that changed.

        With ``version`` (an edit form's), a record changed since then is refused (StaleEdit)
        and nothing is written.
        """
        current = db.read_one(f"{self.folder}/get", id=entity_id)
        if current is None:
            raise NotFound(entity_id)
        params = {"id": entity_id, **clean(data, self.fields)}
        old = self.editable(current)
        changes = {k: {"from": old.get(k), "to": v} for k, v in params.items()
                   if k != "id" and old.get(k) != v}

        def state(tx: ManagedTransaction) -> dict[str, Any] | None:
            found = row(tx, f"{self.folder}/get", id=entity_id)
            return None if found is None else self.editable(found)

        def work(tx: ManagedTransaction) -> Any:
            versions.check(tx, self.entity, entity_id, version, state, submitted=params)
            return required(tx, f"{self.folder}/update", **self._query_params(params))

        try:
            updated: dict[str, Any] = db.write_tx(
                work, audit=[entry(self.entity, entity_id, "update", changes)])
        except NoRow:
            return self._missing(params)
        return updated

    def delete(self, db: Database, entity_id: str) -> int:
        """Delete the entity and its relationships; returns 1, or 0 if nothing was deleted."""
        preview = self.delete_preview(db, entity_id)
        if preview is None:
            return 0
        removed = {r["type"]: r["count"] for r in preview["relationships"]}
        try:
            return int(db.write_tx(lambda tx: required(tx, f"{self.folder}/delete", id=entity_id),
                                   audit=[entry(self.entity, entity_id, "delete",
                                                {"name": preview["name"],
                                                 "relationships_removed": removed})]))
        except NoRow:  # gone meanwhile, or (a community) still has sub-communities
            return 0

    def _query_params(self, params: dict[str, Any]) -> dict[str, Any]:
        """Stored fields travel as one `$props` map; links as their own parameters."""
        props = {k: v for k, v in params.items() if k != "id" and k not in self.refs}
        return {"id": params["id"], "props": props, **{k: params.get(k) for k in self.refs}}

    def _missing(self, params: dict[str, Any]) -> NoReturn:
        """A create/update matched no row: say which reference is missing."""
        for name, message in self.missing_ref.items():
            if params.get(name):
                raise EntityError(name, message)
        raise NotFound(params.get("id"))

