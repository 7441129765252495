"""The domain vocabulary: one place names the kinds of actor, the roles, what an id may look
like and how long ids and names may be, and the network's metric columns.

Forms, importers (JSON interchange, register CSV), templates (the Jinja global ``model``), CSV
writers, the CLI and the network page's JSON payload all read these, so a record typed in one
place can always be saved in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Ids are stable keys in URLs, exports and imports: a conservative alphabet keeps them safe.
MAX_ID = 100
#: Display names (of actors, people, events) and other short texts.
MAX_NAME = 300
#: Long free text (descriptions) is kept whole and shown literally.
MAX_TEXT = 10_000
#: A feedback comment.
MAX_COMMENT = 2000
#: A note on an organisation, person or event (conversations, context).
MAX_NOTE = 5000
ID_REGEXP = rf"^[A-Za-z0-9][A-Za-z0-9_.:-]{{0,{MAX_ID - 1}}}$"
ID_PATTERN = re.compile(ID_REGEXP)
ID_RULE = (f"letters, digits and - _ . : only, starting with a letter or digit "
           f"(at most {MAX_ID} characters)")


def id_problem(value: object) -> str | None:
    r"""Why value is not a valid id, or None when it is.

    >>> id_problem("data-cymru"), id_problem("-x") is not None, id_problem("a" * 101) is not None
    (None, True, True)
    >>> id_problem("data-cymru\n") is not None
    True
    """
    if not isinstance(value, str) or not value:
        return "an id is required"
    if not ID_PATTERN.fullmatch(value):  # match() would let "$" accept a trailing newline
        return f"an id uses {ID_RULE}"
    return None


#: Characters no stored text may hold: control characters other than tab and newline (they make
#: GraphML/GEXF that no XML parser reads, and are invisible on a page), lone surrogates (not
#: encodable as UTF-8) and the non-characters U+FFFE and U+FFFF (not allowed in XML).
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
TEXT_RULE = ("text may not hold control characters other than tab and newline, lone "
             "surrogates, U+FFFE or U+FFFF")


def text_problem(value: object) -> str | None:
    r"""Why a stored text is not acceptable (its first bad character), or None when it is.

    >>> text_problem("Ministry of Justice\tMoJ\nLondon") is None
    True
    >>> text_problem("Bad\x00name").split(":")[0]
    'has the control character U+0000 at position 4'
    """
    if not isinstance(value, str):
        return None
    found = BAD_CHARACTERS.search(value)
    if found is None:
        return None
    code = ord(found.group())
    what = "control character" if code < 0xA0 else "invalid character"
    return f"has the {what} U+{code:04X} at position {found.start() + 1}: {TEXT_RULE}"


def one_newline(value: object) -> object:
    r"""Browsers send a textarea's line breaks as CR LF: keep one newline (a form filter).

    >>> one_newline("a\r\nb\rc")
    'a\nb\nc'
    """
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def name_problem(value: object, what: str = "name") -> str | None:
    """Why value is not a valid display name, or None when it is."""
    if not isinstance(value, str) or not value.strip():
        return f"a {what} is required"
    if len(value.strip()) > MAX_NAME:
        return f"a {what} has at most {MAX_NAME} characters"
    return None


@dataclass(frozen=True)
class ActorKind:
    """One kind of actor: its node label, payload type, section names and words."""

    label: str  # the node label in the graph
    type: str  # the name in JSON payloads and interchange sections (singular)
    section: str  # the interchange section (plural)
    url: str  # the URL path of its pages, with the trailing slash
    singular: str
    plural: str


ACTOR_KINDS: tuple[ActorKind, ...] = (
    ActorKind("Community", "community", "communities", "/communities/", "Community",
              "Communities"),
    ActorKind("SubCommunity", "sub_community", "sub_communities", "/sub-communities/",
              "Sub-community", "Sub-communities"),
    ActorKind("PartnerNetwork", "partner_network", "partner_networks", "/networks/",
              "Partner network", "Partner networks"),
    ActorKind("Organisation", "organisation", "organisations", "/organisations/",
              "Organisation", "Organisations"),
)
BY_LABEL = {k.label: k for k in ACTOR_KINDS}
BY_TYPE = {k.type: k for k in ACTOR_KINDS}
#: The actors that organisations can be members of (and that group others in reports).
GROUP_LABELS = ("Community", "SubCommunity", "PartnerNetwork")
#: Label -> report key of the group kinds ("communities", "sub_communities", ...).
GROUP_KINDS = {label: BY_LABEL[label].section for label in GROUP_LABELS}

#: How an actor contributed to an event.
ROLES = ("host", "co-host", "curator", "speaker", "promoter", "sponsor", "partner")
#: The nations an organisation can be in.
NATIONS = ("England", "Scotland", "Wales", "Northern Ireland", "UK-wide")

#: The reach questions (CLI, API and page) and the groupings of coverage.
REACH_QUESTIONS = ("not-reached", "lapsed", "reachable-through-partners", "coverage",
                   "follow-ups")
REACH_GROUPINGS = ("nation", "region", "type")

@dataclass(frozen=True)
class RecordKind:
    """A kind of record that notes and follow-ups can be about."""

    type: str  # the key in interchange items and forms ("organisation")
    label: str  # the node label
    url: str  # the URL path of its pages, with the trailing slash
    singular: str
    personal: bool  # personal data: only editors see notes and follow-ups about it


RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("organisation", "Organisation", "/organisations/", "Organisation", False),
    RecordKind("person", "Person", "/people/", "Person", True),
    RecordKind("event", "Event", "/events/", "Event", False),
)
RECORDS = {k.type: k for k in RECORD_KINDS}
#: Days from recorded feedback ("would work together again") to its follow-up's due date
#: (the default of TRACKER_FOLLOW_UP_DAYS).
FOLLOW_UP_DAYS = 14
#: The lists of the follow-ups page (and `tracker follow-ups list`).
FOLLOW_UP_SHOWS = {"mine": "Mine (open)", "all": "All open", "overdue": "Overdue",
                   "done": "Done"}
#: Columns of the follow-ups CSV download and of `tracker follow-ups list`.
FOLLOW_UP_COLUMNS = ("id", "title", "owner", "due", "kind", "about", "about_name", "done_at",
                     "done_by", "created_by", "created_at")
#: Entries per page of a record's timeline; follow-ups shown first on the dashboard.
TIMELINE_PAGE = 10
DASHBOARD_FOLLOW_UPS = 5

#: Per-actor network metrics, in table order, with their column headings.
METRICS = {"degree": "Partners (degree)",
           "weighted_degree": "Joint collaborations (weighted degree)",
           "strength": "Tie strength (sum)",
           "betweenness": "Betweenness", "pagerank": "PageRank", "community": "Community",
           "broker": "Broker score"}
#: The columns of the per-actor metrics table (CSV download and `tracker metrics`).
METRIC_COLUMNS = ("id", "name", "type", *METRICS)


def vocabulary() -> dict[str, object]:
    """The vocabulary as plain data for the JavaScript payload."""
    return {"kinds": {k.type: {"label": k.singular, "plural": k.plural, "url": k.url}
                      for k in ACTOR_KINDS},
            "metrics": METRICS, "roles": list(ROLES)}
