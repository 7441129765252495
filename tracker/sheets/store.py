"""Review state kept on the server: an uploaded file and its review, in a folder per token.

The cookie carries nothing: a random token names a folder below the uploads directory that
holds the file as uploaded and `review.json` (counts and organisation values only, never a name
or an e-mail address). The folder goes when the import is committed or cancelled, and folders
older than a day are swept on the next upload.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import IO, Any

MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _safe_name(name: str) -> str:
    base = Path(name or "upload").name
    cleaned = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" .") or "upload"
    return cleaned[:120]


def save_upload(root: Path, stream: IO[bytes], filename: str, owner: str) -> tuple[str, Path]:
    """Copy an upload to disk in 1 MB chunks; returns (token, path of the saved file)."""
    sweep(root)
    token = secrets.token_urlsafe(24)
    folder = root / token
    folder.mkdir(parents=True, mode=0o700)
    path = folder / _safe_name(filename)
    with path.open("wb") as out:
        shutil.copyfileobj(stream, out, 1 << 20)
    (folder / "owner").write_text(owner, encoding="utf-8")
    return token, path


def folder(root: Path, token: str, owner: str) -> Path | None:
    """The folder of a token that belongs to `owner`, or None."""
    if not _TOKEN.match(token or ""):
        return None
    path = root / token
    try:
        if (path / "owner").read_text(encoding="utf-8") != owner:
            return None
    except OSError:
        return None
    return path


def upload_path(path: Path) -> Path | None:
    """The uploaded file in a token's folder."""
    files = [p for p in path.iterdir() if p.name not in ("owner", "review.json")]
    return files[0] if files else None


def save_review(path: Path, review: dict[str, Any]) -> None:
    """Keep the review next to the upload."""
    (path / "review.json").write_text(json.dumps(review, default=str), encoding="utf-8")


def load_review(path: Path) -> dict[str, Any] | None:
    """The review kept for a token's folder."""
    try:
        review = json.loads((path / "review.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return review if isinstance(review, dict) else None


def discard(path: Path) -> None:
    """Delete a token's folder (after commit or cancel)."""
    shutil.rmtree(path, ignore_errors=True)


def sweep(root: Path, max_age: float = MAX_AGE_SECONDS) -> None:
    """Delete review folders older than max_age seconds."""
    if not root.exists():
        return
    cutoff = time.time() - max_age
    for child in root.iterdir():
        try:
            if child.is_dir() and child.stat().st_mtime < cutoff:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue
