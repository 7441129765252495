"""Text rules shared by every entry path: the one slug rule for ids offered from names, and the
small Markdown of our docs as HTML (for the help pages)."""

from __future__ import annotations

import re
import unicodedata

from markupsafe import escape

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def plural(count: int, singular: str, many: str | None = None) -> str:
    """The word for `count` things: `singular` for exactly one, else `many` (default: + 's').

    >>> plural(1, "new link"), plural(0, "new link"), plural(2, "community", "communities")
    ('new link', 'new links', 'communities')
    """
    return singular if count == 1 else (many if many is not None else singular + "s")


def slugify(text: str, fallback: str = "item", max_len: int | None = 60) -> str:
    """A lower-case, hyphenated ASCII id offered from a name; `fallback` when nothing is left.

    Accents are folded ('é' -> 'e'), every other run of characters outside a-z and 0-9 becomes
    one '-', and the result is cut to `max_len` characters (None: no cut).

    >>> slugify("Ministry of Justice (MoJ)"), slugify("Café Ünïon"), slugify("日本", "org")
    ('ministry-of-justice-moj', 'cafe-union', 'org')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if max_len is not None:
        slug = slug[:max_len].strip("-")
    return slug or fallback


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula (starting = + - @, tab or CR) gets a leading
    apostrophe; everything else is returned as it is.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("Data Cymru"), spreadsheet_safe(3)
    ("'=1+1", 'Data Cymru', 3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*")


def _inline(text: str) -> str:
    """Escape text, then `code`, **bold** and *emphasis*."""
    out, last = [], 0
    for m in _INLINE.finditer(text):
        out.append(str(escape(text[last:m.start()])))
        code, bold, em = m.groups()
        out.append(f"<code>{escape(code)}</code>" if code is not None else
                   f"<strong>{escape(bold)}</strong>" if bold is not None else
                   f"<em>{escape(em)}</em>")
        last = m.end()
    out.append(str(escape(text[last:])))
    return "".join(out)


def markdown_html(source: str) -> str:
    """The small Markdown our docs use as HTML: headings, paragraphs, lists, fenced code.

    Everything is escaped first, so a document cannot inject markup.

    >>> markdown_html("# Title\\n\\nSome `code` and <b>.\\n\\n- one\\n  more\\n- two")
    '<h1>Title</h1>\\n<p>Some <code>code</code> and &lt;b&gt;.</p>\\n<ul><li>one more</li><li>two</li></ul>'
    """
    blocks: list[str] = []
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            blocks.append(f"<pre><code>{escape(chr(10).join(lines[i + 1:j]))}</code></pre>")
            i = j + 1
        elif line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")), 6)
            blocks.append(f"<h{level}>{_inline(line[level:].strip())}</h{level}>")
            i += 1
        elif line.startswith("- "):
            items: list[str] = []
            while i < len(lines) and (lines[i].startswith(("- ", "  ")) and lines[i].strip()):
                if lines[i].startswith("- "):
                    items.append(lines[i][2:].strip())
                else:
                    items[-1] += " " + lines[i].strip()
                i += 1
            blocks.append("<ul>" + "".join(f"<li>{_inline(t)}</li>" for t in items) + "</ul>")
        elif line.strip():
            para = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(("#", "```", "- ")):
                para.append(lines[i].strip())
                i += 1
            blocks.append(f"<p>{_inline(' '.join(para))}</p>")
        else:
            i += 1
    return "\n".join(blocks)
