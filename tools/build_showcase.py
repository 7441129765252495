"""Write tracker/data/demo/showcase-2023.json, the built-in demo (a maintainer's tool, run by hand).

The story is the November 2023 Data Science Community Showcase from ../shared/docs/product.md.
Register organisations take their name, type, nation and region from the register files, so
the demo meets the register on one id. What is invented the file says in its "_notice", the
text of tracker.demo.NOTICE (the pages show the same words).

    .venv/bin/python tools/build_showcase.py [REGISTER_DIR]
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

from tracker.demo import NOTICE

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tracker" / "data" / "demo"
CANDIDATES = [ROOT / "tracker" / "data" / "register", ROOT.parent / "shared" / "data" / "register",
              Path("/work/shared/data/register")]


def slug(name: str) -> str:
    """The register's slug rule: lower-case, runs of other characters become '-', trimmed."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def load_register(folder: Path) -> dict[str, dict]:
    """Every register organisation by id, with name, type, nation and region (issue 5's rules)."""
    orgs: dict[str, dict] = {}
    with open(folder / "uk_local_authorities.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["current-authority"] == "True":
                orgs["la-" + r["local-authority-code"].lower()] = {
                    "name": r["official-name"], "type": r["local-authority-type-name"],
                    "nation": r["nation"], "region": r["region"]}
    devolved = {"welsh-government": "Wales", "the-scottish-government": "Scotland",
                "northern-ireland-executive": "Northern Ireland"}
    with open(folder / "govuk_organisations.json", encoding="utf-8") as fh:
        for item in json.load(fh).values():
            details = item["details"]
            if details["govuk_status"] in ("live", "exempt", "joining", "transitioning"):
                place = devolved.get(details["slug"], "UK")
                orgs["govuk-" + details["slug"]] = {
                    "name": item["title"], "type": item["format"], "nation": place,
                    "region": place}
    for name, kind in (("nhs_england_trusts.csv", None), ("nhs_england_icbs.csv", "ICB")):
        with open(folder / name, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                orgs["ods-" + r["ods_code"].lower()] = {
                    "name": r["name"], "type": kind or r["type"], "nation": "England",
                    "region": r["region"]}
    with open(folder / "nhs_devolved_bodies.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            orgs["nhsd-" + slug(r["name"])] = {"name": r["name"], "type": r["type"],
                                               "nation": r["nation"], "region": r["nation"]}
    return orgs


# -- who is in the story ------------------------------------------------------------------------
COMMUNITY = "data-science-community"
SUB = {"linguistic-data": "Linguistic Data", "privacy-enhancing-technologies":
       "Privacy Enhancing Technologies"}
NETWORKS = {
    "rap-network": "Analysis Function RAP Network",
    "nhs-r-community": "NHS-R Community",
    "gse-profession": "Government Science and Engineering profession",
    "emerging-technology-community": "Cross-government Emerging Technology community",
}
WG, SG, DHCW = "govuk-welsh-government", "govuk-the-scottish-government", \
    "nhsd-digital-health-and-care-wales"
MOJ, GOS, ONS = "govuk-ministry-of-justice", "govuk-government-office-for-science", \
    "govuk-office-for-national-statistics"
# Organisations that are not in the register (companies, universities, data units).
OWN = {
    "data-cymru": {"name": "Data Cymru", "type": "Local government data unit",
                   "nation": "Wales", "region": "Wales"},
    "university-of-glasgow": {"name": "University of Glasgow", "type": "University",
                              "nation": "Scotland", "region": "Scotland"},
    "alan-turing-institute": {"name": "The Alan Turing Institute", "type": "Research institute",
                              "nation": "England", "region": "London"},
}
ATTENDING = [  # register organisations that sent people to the 2023 Showcase
    WG, SG, DHCW, MOJ, GOS, ONS,
    "govuk-hm-revenue-customs", "govuk-department-for-work-pensions",
    "govuk-department-for-education", "govuk-cabinet-office", "govuk-home-office",
    "govuk-department-of-health-and-social-care", "govuk-nhs-england",
    "govuk-uk-health-security-agency", "govuk-department-for-transport",
    "govuk-department-for-environment-food-rural-affairs", "govuk-hm-treasury",
    "govuk-department-for-science-innovation-and-technology", "govuk-food-standards-agency",
    "govuk-companies-house", "govuk-northern-ireland-statistics-and-research-agency",
    "govuk-met-office", "govuk-environment-agency", "govuk-ministry-of-defence",
    "govuk-defence-science-and-technology-laboratory", "govuk-valuation-office-agency",
    "govuk-driver-and-vehicle-licensing-agency", "govuk-ofsted",
    "govuk-competition-and-markets-authority", "govuk-government-digital-service",
    "govuk-ministry-of-housing-communities-local-government", "govuk-the-national-archives",
    "la-bge", "la-crf", "la-swa", "la-gwn", "la-edh", "la-glg", "la-dnd", "la-lds", "la-bir",
    "la-man", "la-hck", "la-ken", "la-bfs",
    "nhsd-nhs-lothian", "nhsd-public-health-scotland", "nhsd-nhs-greater-glasgow-and-clyde",
    "nhsd-cardiff-and-vale-university-health-board", "nhsd-public-health-wales-nhs-trust",
    "nhsd-swansea-bay-university-health-board", "nhsd-public-health-agency",
    "ods-rx1", "ods-rwe", "ods-rtg", "ods-qop", "ods-qwo", "ods-qhl",
]
EARLY_ONLY = ["la-con", "la-net", "govuk-ordnance-survey", "ods-rvv"]  # reached in 2022 only
LATER_NEW = ["la-wrx", "la-fif", "la-drs", "ods-rjc", "govuk-department-for-business-and-trade",
             "govuk-natural-england", "nhsd-nhs-fife"]
MEMBERS = {  # organisation -> networks and sub-communities it belongs to, with a since date
    "rap-network": [ONS, "govuk-hm-revenue-customs", "govuk-department-for-work-pensions",
                    "govuk-department-for-education", "govuk-department-for-transport",
                    "govuk-ministry-of-defence", "govuk-office-for-students"],
    "nhs-r-community": ["ods-rx1", "ods-rwe", "ods-rtg", "ods-qop", "ods-qwo",
                        "ods-rhq", "ods-r0a", "ods-rj1"],
    "gse-profession": ["govuk-met-office", "govuk-defence-science-and-technology-laboratory",
                       "govuk-environment-agency", "govuk-food-standards-agency",
                       "govuk-uk-health-security-agency", "govuk-forensic-science-regulator"],
    "emerging-technology-community": [GOS, "govuk-department-for-science-innovation-and-"
                                           "technology", "govuk-cabinet-office",
                                      "govuk-intellectual-property-office"],
    "linguistic-data": [ONS, "govuk-home-office", "govuk-hm-revenue-customs"],
    "privacy-enhancing-technologies": [ONS, "govuk-cabinet-office",
                                       "govuk-department-of-health-and-social-care",
                                       "govuk-information-commissioner-s-office"],
}
FEEDBACK = [  # (organisation, rating, work together again, comment)
    ("data-cymru", 5, True, "Co-curating worked well; keen to do a Welsh day next year."),
    (WG, 5, True, "Good reach into Welsh local government."),
    (SG, 4, True, "Would like a Scotland-focused session."),
    (DHCW, 4, True, "Useful for our analysts; timing clashed with year-end."),
    (MOJ, 5, True, "Splink users found each other; more of this please."),
    ("govuk-hm-revenue-customs", 3, False, "Fine, but we run our own conference."),
    ("nhsd-public-health-scotland", 4, True, None),
]

# Who worked on the whole Showcase: the community hosted it, Data Cymru co-curated the programme
# and the Government Science and Engineering profession promoted it. The team rule puts these in
# every session's team, so only the story's whole-event partners belong here (more would make
# the network a hairball).
SHOWCASE_CONTRIBUTORS = [(COMMUNITY, "host"), ("data-cymru", "curator"),
                         ("gse-profession", "promoter")]
DAYS = [  # (id, name, date, theme, contributors of the whole day)
    ("showcase-2023-day-1", "Day one: data science in practice", "2023-11-21",
     "Data science in practice", []),
    ("showcase-2023-day-2", "Day two: the data science toolshed", "2023-11-22",
     "The data science toolshed", [("rap-network", "co-host"), ("nhs-r-community", "co-host")]),
    ("showcase-2023-day-3", "Day three: communities and emerging technology", "2023-11-23",
     "Communities and emerging technology", []),
]
# (day, title, [(actor, role)], [speaker person ids], parent session title or None). Each
# contribution sits on the session the partner ran, so that the team rule (docs/growth.md)
# links a session's people with each other and with whoever ran the day and the Showcase,
# and not with the speakers of other sessions. Sessions may nest (talks inside a meet-up).
SESSIONS: list[tuple[int, str, list[tuple[str, str]], list[str], str | None]] = [
    (1, "Opening: a year of public-sector data science", [], [], None),
    (1, "Data science in the Welsh Government: the year in review", [(WG, "speaker")], [], None),
    (1, "Scotland's data science accelerator", [(SG, "speaker")], [], None),
    (1, "Forecasting demand in NHS Wales", [(DHCW, "speaker")], [], None),
    (1, "Using data to support Welsh local government",
     [("la-crf", "speaker"), ("la-swa", "speaker")], [], None),
    (1, "Small-area estimates for local decision makers", [(ONS, "speaker")], [], None),
    (1, "Machine learning for tax compliance: lessons learnt",
     [("govuk-hm-revenue-customs", "speaker")], [], None),
    (1, "Text classification of job adverts", [("govuk-department-for-education", "speaker")],
     [], None),
    (1, "Synthetic data for safer sharing", [("govuk-department-for-work-pensions", "speaker")],
     [], None),
    (1, "Panel: getting models into production", [(WG, "speaker"), (SG, "speaker"),
                                                  (DHCW, "speaker")], [], None),
    (1, "Lightning talks from local government", [("la-bge", "speaker"), ("la-edh", "speaker")],
     [], None),
    (2, "Welcome to the toolshed", [], [], None),
    (2, "Reproducible analytical pipelines: from spreadsheet to package",
     [(ONS, "speaker")], [], None),
    (2, "Packaging R code for the NHS", [("ods-rwe", "speaker")], [], None),
    (2, "Pipelines with targets", [("ods-rx1", "speaker")], [], None),
    (2, "Testing your analysis with pytest", [("govuk-department-for-transport", "speaker")],
     [], None),
    (2, "Version control for analysts, gently", [("govuk-department-for-education", "speaker")],
     [], None),
    # The three end users' organisations speak, so that each speaker's organisation is in the
    # session's team (PEOPLE: Cardiff council, ONS, DWP).
    (2, "Splink in Action", [(MOJ, "host"), ("la-crf", "speaker"), (ONS, "speaker"),
                             ("govuk-department-for-work-pensions", "speaker")],
     ["person-splink-local", "person-splink-central-1", "person-splink-central-2"], None),
    (2, "Quarto for reproducible reports", [("ods-qop", "speaker")], [], None),
    (2, "Validating data with pointblank and pandera", [("govuk-hm-revenue-customs", "speaker")],
     [], None),
    (2, "Shiny apps in the NHS", [("ods-rx1", "speaker"), ("ods-rtg", "speaker")], [], None),
    (2, "Code review for analysts", [(ONS, "speaker")], [], None),
    (3, "Linguistic Data open meet-up", [("linguistic-data", "host")], [], None),
    (3, "Welsh-language text processing", [(WG, "speaker")], [], "Linguistic Data open meet-up"),
    (3, "Matching names across languages", [("govuk-home-office", "speaker")], [],
     "Linguistic Data open meet-up"),
    (3, "Privacy Enhancing Technologies open meet-up",
     [("privacy-enhancing-technologies", "host")], [], None),
    (3, "Federated analysis in health data", [("nhsd-public-health-scotland", "speaker")], [],
     "Privacy Enhancing Technologies open meet-up"),
    (3, "Privacy-preserving record linkage", [(ONS, "speaker"), (MOJ, "speaker")], [],
     "Privacy Enhancing Technologies open meet-up"),
    (3, "Joint session with the Emerging Technology community: horizon scanning",
     [("emerging-technology-community", "co-host"), (GOS, "host")], [], None),
    (3, "Large language models in government: what works",
     [("govuk-cabinet-office", "speaker")], [],
     "Joint session with the Emerging Technology community: horizon scanning"),
    (3, "Careers in government science and engineering", [("gse-profession", "speaker"),
                                                          ("govuk-met-office", "speaker")],
     [], None),
    (3, "Research partnerships with universities", [("university-of-glasgow", "speaker"),
                                                    ("alan-turing-institute", "speaker")], [],
     None),
    (3, "Closing: what we heard and what comes next", [("data-cymru", "speaker")], [], None),
]
PEOPLE = [  # invented end users of Splink, one local and two central government
    ("person-splink-local", "Ceri Howells (demo)", "la-crf"),
    ("person-splink-central-1", "Sam Okafor (demo)", ONS),
    ("person-splink-central-2", "Morag Campbell (demo)", "govuk-department-for-work-pensions"),
]

OTHER_EVENTS = [  # invented collaborations before and after the Showcase
    {"id": "spring-meetup-2022", "name": "Data Science Community spring meet-up 2022",
     "start": "2022-03-15",
     "contributors": [(COMMUNITY, "host"), (ONS, "speaker"), ("rap-network", "partner")],
     "attendance": [ONS, "govuk-hm-revenue-customs", "la-con", "la-net",
                    "govuk-ordnance-survey", "la-lds", "ods-rvv"]},
    {"id": "nhs-r-conference-2022", "name": "NHS-R Community conference 2022",
     "start": "2022-06-08",
     "contributors": [("nhs-r-community", "host"), ("ods-rx1", "speaker"), ("ods-qop", "speaker")],
     "attendance": ["ods-rx1", "ods-qop", "ods-rwe", "ods-rtg"]},
    {"id": "emerging-tech-horizon-2023", "name": "Emerging Technology horizon-scanning meet-up",
     "start": "2023-06-14",
     "contributors": [("emerging-technology-community", "host"), (GOS, "co-host"),
                      ("govuk-department-for-science-innovation-and-technology", "speaker")],
     "attendance": [GOS, "govuk-department-for-science-innovation-and-technology",
                    "govuk-cabinet-office"]},
    {"id": "reproducible-analysis-day-2022", "name": "Reproducible Analysis Day 2022",
     "start": "2022-10-12",
     "contributors": [("rap-network", "host"), (COMMUNITY, "co-host"),
                      ("nhs-r-community", "partner"), ("govuk-hm-revenue-customs", "speaker")],
     "attendance": ["govuk-hm-revenue-customs", "govuk-department-for-work-pensions", "ods-rx1",
                    "ods-qop", "la-con", "govuk-department-for-education"]},
    {"id": "splink-user-group-2024", "name": "Splink user group 2024", "start": "2024-04-17",
     "contributors": [(MOJ, "host"), (COMMUNITY, "co-host"), (ONS, "speaker"),
                      ("la-crf", "speaker")],
     "attendance": [MOJ, ONS, "la-crf", "la-bir", "govuk-department-for-work-pensions",
                    "ods-rjc", "la-wrx"]},
    {"id": "welsh-data-science-day-2024", "name": "Welsh public-sector data science day 2024",
     "start": "2024-10-09",
     "contributors": [("data-cymru", "host"), (WG, "co-host"), (COMMUNITY, "partner"),
                      (DHCW, "speaker"), ("linguistic-data", "speaker")],
     "attendance": [WG, DHCW, "la-bge", "la-crf", "la-swa", "la-gwn", "la-wrx",
                    "nhsd-cardiff-and-vale-university-health-board",
                    "nhsd-public-health-wales-nhs-trust"]},
    {"id": "showcase-2025", "name": "Data Science Community Showcase 2025",
     "start": "2025-11-18", "end": "2025-11-19",
     "contributors": [(COMMUNITY, "host")],
     "sessions": [
         ("Data across the four nations", [("data-cymru", "curator"), (WG, "speaker"),
                                           (SG, "speaker"), ("la-fif", "speaker")]),
         ("The toolshed, two years on", [("rap-network", "co-host"),
                                         ("nhs-r-community", "co-host"), ("ods-rjc", "speaker")]),
         ("Privacy Enhancing Technologies meet-up", [("privacy-enhancing-technologies", "host"),
                                                     ("nhsd-nhs-fife", "speaker")]),
         ("Horizon scanning with the Emerging Technology community",
          [("emerging-technology-community", "partner"), (GOS, "speaker"),
           ("gse-profession", "promoter")]),
     ],
     "attendance": [WG, SG, ONS, GOS, "data-cymru", "govuk-cabinet-office", "la-fif", "la-drs",
                    "la-edh", "la-bge", "ods-rx1", "ods-rjc",
                    "govuk-department-for-business-and-trade", "govuk-natural-england",
                    "nhsd-nhs-fife", "nhsd-nhs-lothian"]},
]


def organisation_ids(register: dict[str, dict]) -> set[str]:
    """Every organisation the story names; SystemExit when one is missing from the register."""
    ids = set(ATTENDING) | set(EARLY_ONLY) | set(LATER_NEW)
    ids |= {m for members in MEMBERS.values() for m in members}
    ids |= {pid_org for _, _, pid_org in PEOPLE}
    ids |= {a for _, _, cs, _, _ in SESSIONS for a, _ in cs if a.startswith(("govuk-", "la-",
                                                                              "nhsd-", "ods-"))}
    for event in OTHER_EVENTS:
        ids |= {a for a, _ in event["contributors"] if a in register} | set(event["attendance"])
        ids |= {a for _, cs in event.get("sessions", []) for a, _ in cs if a in register}
    missing = sorted(i for i in ids - set(OWN) if i not in register)
    if missing:
        raise SystemExit(f"not in the register: {missing}")
    return ids


def build(register: dict[str, dict]) -> dict:
    """The whole demo document."""
    rnd = random.Random(2023)
    ids = organisation_ids(register)
    organisations = [{"id": i, **register[i]} for i in sorted(ids - set(OWN))]
    organisations += [{"id": i, **v} for i, v in sorted(OWN.items())]

    def attendance(orgs: list[str], low: int, high: int) -> list[dict]:
        return [{"organisation": o, "attendees": rnd.randint(low, high)} for o in orgs]

    big = {ONS: 140, WG: 95, SG: 80, "govuk-hm-revenue-customs": 70,
           "govuk-department-for-work-pensions": 65, "govuk-nhs-england": 60}
    showcase_attendance = [{"organisation": o, "attendees": big.get(o) or rnd.randint(3, 40)}
                           for o in [*ATTENDING, "data-cymru", "university-of-glasgow",
                                     "alan-turing-institute"]]
    events: list[dict] = [{
        "id": "showcase-2023", "name": "Data Science Community Showcase 2023",
        "start": "2023-11-21", "end": "2023-11-23",
        "contributors": [{"actor": a, "role": r} for a, r in SHOWCASE_CONTRIBUTORS],
        "attendance": showcase_attendance,
        "feedback": [{"organisation": o, "rating": r, "work_together_again": w,
                      **({"comment": c} if c else {})} for o, r, w, c in FEEDBACK],
    }]
    for day_id, name, date, theme, day_contributors in DAYS:
        day = {"id": day_id, "name": name, "start": date, "parent": "showcase-2023",
               "theme": theme}
        if day_contributors:
            day["contributors"] = [{"actor": a, "role": r} for a, r in day_contributors]
        events.append(day)
    session_ids: dict[str, str] = {}
    for n, (day_no, title, contributors, speakers, parent) in enumerate(SESSIONS, start=1):
        day_id, _, date, theme, _ = DAYS[day_no - 1]
        session_ids[title] = f"showcase-2023-s{n:02d}"
        session = {"id": session_ids[title], "name": title, "start": date,
                   "parent": session_ids[parent] if parent else day_id, "theme": theme,
                   "contributors": [{"actor": a, "role": r} for a, r in contributors]}
        if speakers:
            session["speakers"] = speakers
        events.append(session)
    for spec in OTHER_EVENTS:
        event = {"id": spec["id"], "name": spec["name"], "start": spec["start"],
                 "contributors": [{"actor": a, "role": r} for a, r in spec["contributors"]],
                 "attendance": attendance(spec["attendance"], 2, 30)}
        if "end" in spec:
            event["end"] = spec["end"]
        events.append(event)
        for n, (title, contributors) in enumerate(spec.get("sessions", []), start=1):
            events.append({"id": f"{spec['id']}-s{n:02d}", "name": title, "start": spec["start"],
                           "parent": spec["id"],
                           "contributors": [{"actor": a, "role": r} for a, r in contributors]})
    events.sort(key=lambda e: (e["start"], e["id"]))
    for event in events:  # an extra property, so pages can say the data is a demo
        event["demo"] = True
    memberships = [{"member": m, "of": net, "since": "2021-04-01"}
                   for net, members in MEMBERS.items() for m in members]
    memberships.append({"member": "data-cymru", "of": COMMUNITY, "since": "2022-01-01"})
    return {
        "_notice": NOTICE,
        "communities": [{"id": COMMUNITY, "name": "Data Science Community",
                         "description": "A cross-public-sector community of data scientists."}],
        "sub_communities": [{"id": i, "name": n, "community": COMMUNITY} for i, n in SUB.items()],
        "partner_networks": [{"id": i, "name": n} for i, n in NETWORKS.items()],
        "organisations": organisations,
        "people": [{"id": i, "name": n, "organisation": o} for i, n, o in PEOPLE],
        "memberships": memberships,
        "events": events,
    }


def main() -> None:
    """Find the register, build the document, write it next to this script."""
    folders = [Path(sys.argv[1])] if len(sys.argv) > 1 else CANDIDATES
    folder = next((f for f in folders if (f / "uk_local_authorities.csv").exists()), None)
    if folder is None:
        raise SystemExit("register files not found; pass the folder")
    doc = build(load_register(folder))
    out = HERE / "showcase-2023.json"
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(doc['organisations'])} organisations, {len(doc['events'])} events")


if __name__ == "__main__":
    main()
