"""The backup file: a format line, a JSON header (version, counts, checksum) and the payload.

Layout (all text up to the payload)::

    partner-tracker-backup\\n
    {"version": 1, "created_at": ..., "nodes": N, "relationships": M, "sha256": ...,
     "encryption": null | {"kdf": "scrypt", "salt": ..., "n": ..., "r": 8, "p": 1}}\\n
    <payload>

The payload is the gzip-compressed JSON snapshot (see tracker.repositories.backup), encrypted
with Fernet (AES-128-CBC + HMAC-SHA256) under a key derived from the passphrase by scrypt when
``encryption`` is set. ``sha256`` is over the payload bytes as stored, so a truncated or altered
file is refused before anything is decrypted or written.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"partner-tracker-backup\n"
VERSION = 1
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class BackupError(ValueError):
    """A backup file that cannot be used; the message is one line saying why."""


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    raw = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


def dumps(snapshot: dict[str, list[dict[str, Any]]], passphrase: str | None = None) -> bytes:
    """The bytes of a backup file holding snapshot (encrypted when a passphrase is given)."""
    body = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")
    payload = gzip.compress(body, compresslevel=6, mtime=0)
    encryption: dict[str, Any] | None = None
    if passphrase:
        salt = os.urandom(16)
        encryption = {"kdf": "scrypt", "salt": base64.b64encode(salt).decode("ascii"), **_SCRYPT}
        payload = Fernet(_key(passphrase, salt, **_SCRYPT)).encrypt(payload)
    header = {
        "version": VERSION,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nodes": len(snapshot["nodes"]),
        "relationships": len(snapshot["relationships"]),
        "payload_bytes": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "encryption": encryption,
    }
    return MAGIC + json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + payload


def read_header(data: bytes) -> tuple[dict[str, Any], bytes]:
    """The header and the payload of a backup file's bytes; BackupError when it is not one."""
    if not data.startswith(MAGIC):
        raise BackupError("not a Partner Tracker backup (the first line is wrong)")
    line, sep, payload = data[len(MAGIC):].partition(b"\n")
    try:
        header = json.loads(line) if sep else None
    except ValueError:
        header = None
    if not isinstance(header, dict) or "version" not in header:
        raise BackupError("truncated or corrupt: the header cannot be read")
    if header["version"] != VERSION:
        raise BackupError(f"format version {header['version']} is not supported "
                          f"(this tracker reads version {VERSION})")
    return header, payload


def loads(data: bytes, passphrase: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check and open a backup file's bytes: (header, snapshot). BackupError on any problem."""
    header, payload = read_header(data)
    if len(payload) != header.get("payload_bytes"):
        raise BackupError(f"truncated or corrupt: {len(payload)} payload bytes, "
                          f"the header says {header.get('payload_bytes')}")
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise BackupError("corrupt: the checksum does not match the contents")
    enc = header.get("encryption")
    if enc:
        if not passphrase:
            raise BackupError("this backup is encrypted: give its passphrase "
                              "(--passphrase-file or TRACKER_BACKUP_PASSPHRASE)")
        key = _key(passphrase, base64.b64decode(enc["salt"]), enc["n"], enc["r"], enc["p"])
        try:
            payload = Fernet(key).decrypt(payload)
        except InvalidToken:
            raise BackupError("the passphrase does not open this backup") from None
    try:
        snapshot = json.loads(gzip.decompress(payload))
    except (OSError, EOFError, ValueError) as exc:
        raise BackupError(f"corrupt: the contents cannot be read ({exc})") from None
    if (len(snapshot.get("nodes", [])) != header["nodes"]
            or len(snapshot.get("relationships", [])) != header["relationships"]):
        raise BackupError("corrupt: the counts do not match the header")
    return header, snapshot


def write_file(path: Path, data: bytes) -> None:
    """Write a backup atomically (a crash leaves the old file or none, never half a file)."""
    tmp = path.with_name(f".{path.name}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
