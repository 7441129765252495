"""Matching a typed organisation name to the organisations we know: pure code, no database.

One matcher serves every entry path (the picker, the forms, the importers, ``tracker match``,
``/api/v1/match``, ``/admin/unmatched``). It answers with a *decision*:

- ``match``: confident that the first entry is the same organisation (safe to use unasked);
- ``ambiguous``: a person must choose among the entries;
- ``new``: nothing plausible.

What it knows (see docs/matching.md):

- names, normalised: case, accents, punctuation, "&"/"and", "the", and short forms people type
  ("Govt", "Dept", "CBC", "Uni", "NHS FT"); initials typed with dots ("O.N.S.");
- abbreviations (GOV.UK's ``abbreviation`` field), alternative names (local authorities'
  ``alt-names``, NHS alternative names) and Welsh names (an alternative name of a Welsh council
  that shares no word with its English name), plus a small curated file
  (``tracker/data/matching/aliases.csv``) for names the sources lack or spell damaged;
- renamed and merged bodies: GOV.UK's ``superseding_organisations`` of closed organisations,
  followed to the organisations still in use (Highways Agency -> Highways England -> National
  Highways). A body split into several answers with every successor and never one ``match``;
- what must not match: a confident fuzzy match needs the same words (typos aside), so
  "University of Glasgow" is never confidently "Glasgow City Council" (whose alternative name
  is "Glasgow"), and a name carrying a word such as University, College, Club or Union that the
  candidate lacks is marked down.

Exact knowledge wins over similarity: an exact name, abbreviation, alternative, Welsh or former
name is a ``match`` when it belongs to one organisation. Otherwise rapidfuzz ranks the known
names, and the best is a ``match`` only when it has the query's words (each within a typo) and
clearly beats the runner-up.

>>> index = build_index([{"id": "ons", "name": "Office for National Statistics",
...                       "alt_names": ["ONS"]}], [])
>>> decide(index, "o.n.s.")["decision"], decide(index, "Offce for National Statistics")["decision"]
('match', 'match')
>>> decide(index, "Office for Students Union Bar")["decision"]
'new'
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from tracker import model

# -- the answer's shape -----------------------------------------------------------------------
MATCH = "match"
AMBIGUOUS = "ambiguous"
NEW = "new"
DECISIONS = (MATCH, AMBIGUOUS, NEW)
#: A form's answer to "Is it one of these?" that creates the typed name as a new organisation.
CREATE_NEW = "new"
MAX_MATCHES = 10
#: The longest name the matcher accepts: the longest name any entry path accepts.
MAX_NAME = model.MAX_NAME

# -- thresholds (0-100); docs/matching.md explains each ------------------------------------------
#: A candidate below this score is not listed at all.
LIST_CUTOFF = 60.0
#: With no candidate at or above this score the decision is ``new``.
AMBIGUOUS_CUTOFF = 72.0
#: A fuzzy (inexact) best candidate is a ``match`` only when it has the query's words (each
#: within a typo), reads the same in order at or above this similarity ...
CONFIDENT = 85.0
#: ... and this far ahead of the next organisation.
MARGIN = 4.0
#: Two words count as the same word typed with a slip at or above this similarity.
TYPO_RATIO = 80.0
#: Names shorter than this (normalised) are only matched exactly: "onz" is nobody's typo.
MIN_FUZZY_LENGTH = 5

# -- why ----------------------------------------------------------------------------------------
WHY_ID = "id of"
WHY_NAME = "name of"
WHY_ABBREVIATION = "abbreviation of"
WHY_ALT = "alternative name of"
WHY_WELSH = "Welsh name of"
WHY_FORMER = "former name of"
WHY_SPLIT = "successor of"  # followed by the old body's name and "(split)"

# Short forms people type, expanded before anything is compared (both sides).
SHORT_FORMS: dict[str, str] = {
    "govt": "government", "gov": "government", "dept": "department", "dep": "department",
    "depts": "departments", "uni": "university", "univ": "university", "natl": "national",
    "intl": "international", "assoc": "association", "cbc": "county borough council",
    "mbc": "metropolitan borough council", "bc": "borough council", "dc": "district council",
    "ft": "foundation trust", "ctte": "committee", "cttee": "committee", "auth": "authority",
    "mgmt": "management", "svc": "service", "svcs": "services", "hosp": "hospital",
    "hosps": "hospitals", "co": "company", "ltd": "limited", "centre": "center",
    "organisation": "organization", "programme": "program", "st": "saint",
}
DROPPED_WORDS = frozenset({"the"})
# Words that carry little identity: a query that shares only these with a name is not similar.
FILLER_WORDS = frozenset({"of", "and", "for", "in", "on", "at", "to", "a", "an"})
# Kinds of institution. A query naming one the candidate does not is another organisation that
# merely shares a place or a subject (University of Glasgow vs Glasgow City Council).
INSTITUTION_WORDS = frozenset({
    "university", "universities", "college", "school", "academy", "club", "fc", "afc",
    "football", "rugby", "cricket", "union", "bar", "pub", "society", "charity", "church",
    "cathedral", "museum", "gallery", "library", "theatre", "orchestra", "choir", "company",
    "limited", "plc", "llp", "cic", "cio", "association", "federation",
    "students", "student", "hospice", "mosque", "temple", "chamber", "rotary", "scouts",
    "guides", "festival", "airport", "station", "port", "harbour", "zoo", "press", "news",
    "radio", "tv", "television", "hotel", "restaurant", "cafe", "shop", "bank", "insurance",
    "group", "network", "forum", "alliance", "league",
})
INSTITUTION_PENALTY = 0.75

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHE = re.compile(r"['’`]")
# "ï¿½" is a replacement character that was decoded twice: the letter it stood for is lost.
_MOJIBAKE = ("ï¿½", "�")


def normalise(text: str) -> str:
    """A name reduced to what identifies it: lower case, ASCII letters and digits, single spaces.

    >>> normalise("Dept. for Work & Pensions"), normalise("O.N.S."), normalise("Ynys Môn")
    ('department for work and pensions', 'ons', 'ynys mon')
    """
    for junk in _MOJIBAKE:
        text = text.replace(junk, "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("+", " and ")
    text = _APOSTROPHE.sub("", text)
    words = _NON_ALNUM.sub(" ", text).split()
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return "".join(words)  # initials typed with dots or spaces: "O.N.S."
    joined: list[str] = []
    run = False  # whether joined[-1] is a run of single letters
    for word in words:  # "H.M. Revenue" -> "hm revenue": a run of initials is one word
        if len(word) == 1 and word.isalpha():
            if run:
                joined[-1] += word
            else:
                joined.append(word)
            run = True
        else:
            joined.append(word)
            run = False
    out: list[str] = []
    for word in joined:
        if word in DROPPED_WORDS:
            continue
        out.extend(SHORT_FORMS.get(word, word).split())
    return " ".join(out)


# -- what the register files know beyond names ------------------------------------------------
@dataclass(frozen=True)
class Alias:
    """A name that points at one organisation, or at several (a split body), and why."""

    text: str
    ids: tuple[str, ...]
    why: str
    of: str = ""  # the old body's name, for former names and splits


WELSH_WORDS = frozenset({"sir", "cyngor", "llywodraeth", "cymru", "caer", "bro", "ynys",
                         "castell", "pen", "bont", "ogwr", "casnewydd", "abertawe", "wrecsam"})


def _is_welsh(alt: str, english: Iterable[str]) -> bool:
    """An alternative name of a Welsh body that shares no word with its English names."""
    words = set(normalise(alt).split())
    if words & WELSH_WORDS:
        return True
    known = {w for name in english for w in normalise(name).split()}
    return bool(words) and not (words & known)


# GOV.UK closed statuses whose superseding organisations are true successors. ("devolved" rows
# list the devolved government as their successor, which would make Public Health Wales a
# former name of the Welsh Government.)
SUCCESSION_STATUSES = frozenset({"replaced", "changed_name", "merged", "split"})


def _govuk_aliases(path: Path) -> list[Alias]:  # noqa: C901
    """Abbreviations, former names and splits from a GOV.UK organisations API dump."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = [e for e in (data.values() if isinstance(data, dict) else data)
               if isinstance(e, dict) and isinstance(e.get("details"), dict)]
    by_api: dict[str, dict[str, Any]] = {str(e.get("id")): e for e in entries}
    kept_status = {"live", "exempt", "joining", "transitioning"}

    def gid(e: dict[str, Any]) -> str:
        return f"govuk-{e['details'].get('slug')}"

    def successors(e: dict[str, Any], seen: frozenset[str]) -> list[str]:
        """The organisations still in use that took over from closed entry e."""
        out: list[str] = []
        for link in e.get("superseding_organisations") or []:
            nxt = by_api.get(str(link.get("id")))
            if nxt is None or str(nxt.get("id")) in seen:
                continue
            status = nxt["details"].get("govuk_status")
            if status in kept_status:
                out.append(gid(nxt))
            elif nxt["details"].get("govuk_closed_status") in SUCCESSION_STATUSES:
                out.extend(successors(nxt, seen | {str(nxt.get("id"))}))
        return list(dict.fromkeys(out))

    aliases: list[Alias] = []
    for e in entries:
        details = e["details"]
        title = str(e.get("title") or "").strip()
        abbreviation = str(details.get("abbreviation") or "").strip()
        if details.get("govuk_status") in kept_status:
            if abbreviation and normalise(abbreviation) != normalise(title):
                aliases.append(Alias(abbreviation, (gid(e),), WHY_ABBREVIATION))
            continue
        if details.get("govuk_closed_status") not in SUCCESSION_STATUSES:
            continue
        ids = tuple(successors(e, frozenset({str(e.get("id"))})))
        if not ids:
            continue
        split = len(ids) > 1 or details.get("govuk_closed_status") == "split"
        why = WHY_SPLIT if split else WHY_FORMER
        for text in (title, abbreviation):
            if text:
                aliases.append(Alias(text, ids, why, of=title))
    return aliases


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _local_authority_aliases(path: Path) -> list[Alias]:
    """Welsh and other alternative names of current local authorities."""
    aliases = []
    for r in _csv_rows(path):
        if (r.get("current-authority") or "").strip() != "True":
            continue
        id_ = f"la-{r['local-authority-code'].strip().lower()}"
        english = [r.get("official-name") or "", r.get("nice-name") or ""]
        wales = (r.get("nation") or "").strip() == "Wales"
        for alt in [r.get("nice-name") or "", *(r.get("alt-names") or "").split(",")]:
            alt = alt.strip()
            if len(alt) < 3:
                continue
            why = WHY_WELSH if wales and _is_welsh(alt, english) else WHY_ALT
            aliases.append(Alias(alt, (id_,), why))
    return aliases


def _nhs_aliases(path: Path) -> list[Alias]:
    """Alternative names of NHS trusts and ICBs in England (short names, initials)."""
    aliases = []
    for r in _csv_rows(path):
        id_ = f"ods-{r['ods_code'].strip().lower()}"
        for alt in (r.get("alt_names") or "").split(";"):
            alt = alt.strip()
            if alt:
                why = WHY_ABBREVIATION if alt.isupper() and " " not in alt else WHY_ALT
                aliases.append(Alias(alt, (id_,), why))
    return aliases


def _curated_aliases(path: Path) -> list[Alias]:
    """The hand-kept file: columns name, id, why (abbreviation, alternative, welsh, former)."""
    words = {"abbreviation": WHY_ABBREVIATION, "alternative": WHY_ALT, "welsh": WHY_WELSH,
             "former": WHY_FORMER}
    out = []
    for r in _csv_rows(path):
        ids = tuple(i.strip() for i in (r.get("id") or "").split(";") if i.strip())
        if r.get("name") and ids:
            why = words.get((r.get("why") or "").strip(), WHY_ALT)
            out.append(Alias(r["name"].strip(), ids, WHY_SPLIT if len(ids) > 1 else why,
                             of=(r.get("of") or "").strip()))
    return out


def register_aliases(register_dir: Path, curated: Path | None = None) -> list[Alias]:
    """Every alias the register files (and the curated file) know; missing files are skipped."""
    readers = (("govuk_organisations.json", _govuk_aliases),
               ("uk_local_authorities.csv", _local_authority_aliases),
               ("nhs_england_trusts.csv", _nhs_aliases),
               ("nhs_england_icbs.csv", _nhs_aliases))
    out: list[Alias] = []
    for filename, reader in readers:
        path = Path(register_dir) / filename
        if path.is_file():
            out.extend(reader(path))
    if curated is not None and curated.is_file():
        out.extend(_curated_aliases(curated))
    return out


# -- the index ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Key:
    """One known name: who it points to, why, and the words as typed in the source."""

    ids: tuple[str, ...]
    why: str
    text: str
    of: str = ""

    @property
    def split(self) -> bool:
        return self.why == WHY_SPLIT


# Exact hits of these kinds beat hits of the others (a body's own name beats another's alias).
_PRIORITY = {WHY_ID: 0, WHY_NAME: 1, WHY_ABBREVIATION: 2, WHY_WELSH: 2, WHY_ALT: 2,
             WHY_FORMER: 3, WHY_SPLIT: 3}


@dataclass
class MatchIndex:
    """Normalised names -> keys, plus the organisations' display names."""

    names: dict[str, str] = field(default_factory=dict)  # id -> display name
    keys: dict[str, list[Key]] = field(default_factory=dict)  # normalised text -> keys
    choices: list[str] = field(default_factory=list)  # the normalised texts, for rapidfuzz
    words: dict[str, list[int]] = field(default_factory=dict)  # word -> positions in choices
    vocabulary: list[str] = field(default_factory=list)  # the words, for typo look-ups
    by_initial: dict[str, list[str]] = field(default_factory=dict)  # first letter -> words

    def add(self, text: str, key: Key) -> None:
        norm = normalise(text)
        if not norm:
            return
        found = self.keys.setdefault(norm, [])
        for i, old in enumerate(found):
            if old.ids == key.ids:
                # One reason per target: the more precise one (a name beats an alias).
                if _PRIORITY[key.why] < _PRIORITY[old.why]:
                    found[i] = key
                return
        found.append(key)


def build_index(organisations: Iterable[Mapping[str, Any]], aliases: Iterable[Alias]) -> MatchIndex:
    """The index over organisations ({id, name, alt_names}) and the aliases of those present."""
    index = MatchIndex()
    for org in organisations:
        id_, name = str(org["id"]), str(org.get("name") or org["id"])
        index.names[id_] = name
        index.add(name, Key((id_,), WHY_NAME, name))
    for alias in aliases:
        ids = tuple(i for i in alias.ids if i in index.names)
        if ids:
            index.add(alias.text, Key(ids, alias.why, alias.text, alias.of))
    for org in organisations:
        for alt in org.get("alt_names") or []:
            id_ = str(org["id"])
            # An all-capitals alternative of a single word is an abbreviation (GOV.UK's field).
            why = WHY_ABBREVIATION if alt.isupper() and " " not in alt.strip() else WHY_ALT
            index.add(str(alt), Key((id_,), why, str(alt)))
    index.choices = list(index.keys)
    for position, text in enumerate(index.choices):
        for word in set(text.split()) - FILLER_WORDS:
            index.words.setdefault(word, []).append(position)
    index.vocabulary = list(index.words)
    for word in index.vocabulary:
        index.by_initial.setdefault(word[0], []).append(word)
    return index


#: At most this many known names are scored for one query (rarest shared words first).
SHORTLIST = 3000


def shortlist(index: MatchIndex, query: str) -> list[str]:
    """The known names sharing a word with the query (or a typo of one), rarest words first.

    Scoring every name of a large database for every keystroke is too slow; a name that shares
    no word (within a typo) with the query would score low anyway.
    """
    postings: list[list[int]] = []
    for word in set(query.split()) - FILLER_WORDS:
        found = index.words.get(word)
        if found:
            postings.append(found)
        elif len(word) > 3:
            # A word nobody uses is probably a slip: look among the known words with the same
            # first letter (typos rarely hit the first letter; this keeps it fast at 30,000
            # organisations).
            for other, _, _ in process.extract(word, index.by_initial.get(word[0], []),
                                               scorer=fuzz.ratio, score_cutoff=TYPO_RATIO,
                                               limit=8):
                postings.append(index.words[other])
    postings.sort(key=len)
    chosen: set[int] = set()
    for positions in postings:
        if chosen and len(chosen) + len(positions) > SHORTLIST:
            break
        chosen.update(positions[:SHORTLIST])
    return [index.choices[i] for i in sorted(chosen)]


# -- deciding -----------------------------------------------------------------------------------
def _same_words(query: str, target: str) -> bool:
    """Every word of each side (fillers aside) is a word of the other, give or take a typo."""
    q = [w for w in query.split() if w not in FILLER_WORDS]
    t = [w for w in target.split() if w not in FILLER_WORDS]
    if not q or not t:
        return False

    def covered(words: list[str], other: list[str]) -> bool:
        return all(any(w == o or (len(w) > 3 and (fuzz.ratio(w, o) >= TYPO_RATIO
                                                  or sorted(w) == sorted(o)))
                       for o in other) for w in words)

    return covered(q, t) and covered(t, q)


def _score(query: str, target: str) -> float:
    """Similarity 0-100: mostly word-set overlap, partly the whole wording; institutions apart.

    A query naming a kind of institution (University, Club, Union...) that the target does not
    is marked down, so a place or subject word in common is not enough.
    """
    score = 0.6 * fuzz.token_set_ratio(query, target) + 0.4 * fuzz.token_sort_ratio(query, target)
    q_words, t_words = set(query.split()), set(target.split())
    if (q_words - t_words) & INSTITUTION_WORDS:
        score *= INSTITUTION_PENALTY
    if not (q_words - FILLER_WORDS) & t_words and not _same_words(query, target):
        # Nothing but fillers in common and no typo of a word: not the same name.
        score = min(score, LIST_CUTOFF - 1)
    return score


def _entry(index: MatchIndex, id_: str, score: float, why: str) -> dict[str, Any]:
    return {"id": id_, "name": index.names[id_], "score": round(score, 1), "why": why}


def _why(key: Key, exact: bool) -> str:
    if key.why == WHY_SPLIT:
        return f"{WHY_SPLIT} {key.of or key.text} (split)"
    if key.why == WHY_NAME:
        return WHY_NAME if exact else f"similar to the name {key.text!r}"
    if key.why == WHY_ID:
        return WHY_ID
    if exact:
        return key.why
    return f"similar to {key.text!r} ({key.why})"


def decide(index: MatchIndex, name: str, limit: int = MAX_MATCHES,  # noqa: C901
           exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """{"query", "decision", "matches": [{"id", "name", "score", "why"}]} for a typed name.

    Organisations in `exclude` are left out (an organisation is not its own duplicate).
    """
    query = normalise(name or "")
    answer: dict[str, Any] = {"query": name, "decision": NEW, "matches": []}
    if not query:
        return answer
    limit = max(1, min(limit, MAX_MATCHES))
    best: dict[str, dict[str, Any]] = {}  # id -> entry (best per organisation)

    def offer(id_: str, score: float, why: str) -> None:
        if id_ not in best or score > best[id_]["score"]:
            best[id_] = _entry(index, id_, score, why)

    # 1. Exact: an id, or a known name once normalised.
    exact_keys = list(index.keys.get(query, []))
    if name.strip() in index.names:
        exact_keys.insert(0, Key((name.strip(),), WHY_ID, name.strip()))
    if exclude:
        exact_keys = [Key(ids, k.why, k.text, k.of) for k in exact_keys
                      if (ids := tuple(i for i in k.ids if i not in exclude))]
    if exact_keys:
        first = min(_PRIORITY[k.why] for k in exact_keys)
        winners = [k for k in exact_keys if _PRIORITY[k.why] == first]
        targets = {i for k in winners for i in k.ids}
        for k in exact_keys:
            for id_ in k.ids:
                offer(id_, 100.0 if k in winners else 97.0, _why(k, exact=True))
        if len(targets) == 1 and not any(k.split for k in winners):
            answer["decision"] = MATCH
        else:
            answer["decision"] = AMBIGUOUS

    # 2. Similar names (rapidfuzz over every known name), for ranking and for typos.
    found = process.extract(query, shortlist(index, query), scorer=fuzz.token_set_ratio,
                            score_cutoff=LIST_CUTOFF, limit=60)
    confident: list[tuple[float, str]] = []
    for text, _, _ in found:
        if text == query:
            continue
        score = min(_score(query, text), 99.0)
        if score < LIST_CUTOFF:
            continue
        # Typos keep the word order; "University of Manchester" is not "Manchester University".
        same = (len(query) >= MIN_FUZZY_LENGTH and _same_words(query, text)
                and fuzz.ratio(query, text) >= CONFIDENT)
        for key in index.keys[text]:
            if exclude and set(key.ids) & exclude:
                continue
            for id_ in key.ids:
                offer(id_, score if not key.split else min(score, 95.0), _why(key, exact=False))
            # An abbreviation with a slip is another abbreviation (Nesta is not NSTA).
            if same and not key.split and len(key.ids) == 1 and key.why != WHY_ABBREVIATION:
                confident.append((score, key.ids[0]))

    ranked = sorted(best.values(), key=lambda e: (-e["score"], e["name"].casefold(), e["id"]))
    ranked = [e for e in ranked if e["score"] >= LIST_CUTOFF][:limit]
    answer["matches"] = ranked
    if answer["decision"] != NEW or not ranked:
        return answer
    top = ranked[0]
    runner_up = ranked[1]["score"] if len(ranked) > 1 else 0.0
    if (confident and top["score"] >= AMBIGUOUS_CUTOFF and top["score"] - runner_up >= MARGIN
            and max(confident)[1] == top["id"]):
        answer["decision"] = MATCH
    elif top["score"] >= AMBIGUOUS_CUTOFF:
        answer["decision"] = AMBIGUOUS
    else:
        answer["decision"] = NEW
    return answer


# -- quality on a labelled set --------------------------------------------------------------------
def evaluate(index: MatchIndex, labelled: Iterable[Mapping[str, str]]) -> dict[str, Any]:
    """Quality figures of the matcher on labelled rows {name, expected}.

    expected is an organisation id, ``new`` (a hard negative: must never be a ``match``) or
    ``split:ID;ID`` (a split body: never a ``match``, every successor listed). Returns recall at
    rank 1 over the rows expecting an id, the precision of ``decision == "match"``, the hard
    negatives and splits that went wrong, and the failures by name.
    """
    total = with_id = hits = matched = right = negatives = splits = 0
    negatives_matched: list[str] = []
    splits_wrong: list[str] = []
    failures: list[dict[str, Any]] = []
    for r in labelled:
        name, expected = r["name"], r["expected"].strip()
        total += 1
        answer = decide(index, name)
        first = answer["matches"][0]["id"] if answer["matches"] else None
        is_match = answer["decision"] == MATCH
        if expected == NEW:
            negatives += 1
            if is_match:
                matched += 1
                negatives_matched.append(name)
                failures.append({"name": name, "expected": expected, "got": first})
            continue
        if expected.startswith("split:"):
            splits += 1
            wanted = set(expected[len("split:"):].split(";"))
            listed = {m["id"] for m in answer["matches"]}
            matched += is_match
            if is_match or not wanted <= listed:
                splits_wrong.append(name)
                failures.append({"name": name, "expected": expected,
                                 "got": sorted(listed & wanted)})
            continue
        with_id += 1
        hits += first == expected
        if is_match:
            matched += 1
            right += first == expected
        if first != expected or not is_match:
            failures.append({"name": name, "expected": expected, "got": first,
                             "decision": answer["decision"]})
    return {"rows": total, "register_rows": with_id, "hard_negatives": negatives,
            "splits": splits,
            "recall_at_1": hits / with_id if with_id else 1.0,
            "match_precision": right / matched if matched else 1.0,
            "matched": matched, "hard_negatives_matched": negatives_matched,
            "splits_wrong": splits_wrong, "failures": failures}
