"""E-mail domains: which are shared by many organisations, and which to look up for an address.

A domain in the tracker's domain map identifies one organisation once a person confirmed it
(``tracker domains set``, or the review screen). Shared domains never do: anyone can have a
gmail.com address, and nhs.net or gov.uk serve hundreds of bodies.

>>> email_domain(" Alice.Smith@Digital.ONS.gov.uk ")
'digital.ons.gov.uk'
>>> lookup_order("digital.ons.gov.uk")
['digital.ons.gov.uk', 'ons.gov.uk']
>>> is_shared("yahoo.co.uk"), is_shared("gov.wales")
(True, False)
"""

from __future__ import annotations

import re

# Domains that many organisations (or anyone) use: never evidence of one organisation.
SHARED_DOMAINS = frozenset({
    "nhs.net", "nhs.uk", "gov.uk", "wales.nhs.uk", "nhs.scot", "scot.nhs.uk", "hscni.net",
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "live.co.uk", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "aol.co.uk",
    "protonmail.com", "proton.me", "btinternet.com", "sky.com", "virginmedia.com",
    "talktalk.net", "mail.com", "gmx.com", "onmicrosoft.com",
})
# Providers with one domain per country (yahoo.com, yahoo.co.uk, yahoo.fr, ...).
SHARED_PREFIXES = ("yahoo.", "ymail.", "hotmail.", "outlook.", "live.")
# Second-level suffixes under which the label to the left names the organisation.
PUBLIC_SUFFIXES = frozenset({
    "gov.uk", "co.uk", "org.uk", "ac.uk", "nhs.uk", "police.uk", "mod.uk", "sch.uk", "ltd.uk",
    "plc.uk", "net.uk", "me.uk",
})
_GENERIC_TLDS = frozenset({"com", "org", "net", "io", "co", "uk", "eu", "info", "biz"})
_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def normalise_domain(text: str) -> str | None:
    """'@ONS.gov.uk ' -> 'ons.gov.uk'; None when it is not a domain name."""
    value = text.strip().lower().lstrip("@").rstrip(".")
    return value if _DOMAIN.match(value) else None


def email_domain(text: str) -> str | None:
    """The domain of an e-mail address (None when the text is not one)."""
    value = text.strip()
    if value.count("@") != 1:
        return None
    local, _, domain = value.partition("@")
    if not local:
        return None
    return normalise_domain(domain)


def teams_upn_email(upn: str) -> str | None:
    """A guest's original address from a Teams UPN (`alice_ons.gov.uk#EXT#@x.onmicrosoft.com`)."""
    value = upn.strip()
    if "#EXT#" in value.upper():
        guest = value[:value.upper().index("#EXT#")]
        if "_" in guest:
            local, _, domain = guest.rpartition("_")
            return f"{local}@{domain}"
        return None
    return value if "@" in value else None


def is_shared(domain: str) -> bool:
    """True for domains many organisations share (gov.uk, nhs.net, gmail.com, yahoo.*, ...)."""
    return domain in SHARED_DOMAINS or domain.startswith(SHARED_PREFIXES) \
        or domain.endswith(".onmicrosoft.com")


def lookup_order(domain: str) -> list[str]:
    """The domain and its parents that may identify an organisation, most specific first.

    Stops before a shared domain or a public suffix (gov.uk, ac.uk, ...): `x.ons.gov.uk` may
    be looked up as `ons.gov.uk` but never as `gov.uk`.
    """
    parts = domain.split(".")
    out = []
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if is_shared(candidate) or candidate in PUBLIC_SUFFIXES:
            break
        out.append(candidate)
    return out


def suggestion_text(domain: str) -> str:
    """Words to look an organisation up by: 'ons.gov.uk' -> 'ons', 'gov.wales' -> 'gov wales'."""
    parts = domain.split(".")
    for i in range(1, len(parts)):
        if ".".join(parts[i:]) in PUBLIC_SUFFIXES:
            return " ".join(parts[:i])
    if len(parts) > 1 and parts[-1] in _GENERIC_TLDS:
        parts = parts[:-1]
    return " ".join(parts)
