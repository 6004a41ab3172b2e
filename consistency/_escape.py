"""Every escaping rule for text that came from a document or a file name, one function per sink.

Document text, ids, sources, attributions and file names are untrusted: a corpus may hold ``::add-mask::``,
a file may be named ``a\\n::error title=PWNED::x.txt``, a source may be ``<img src=x>``, a sentence may start
with ``=HYPERLINK(...)``. Each output format passes such values through the function for its sink, here and
nowhere else:

==========================  ==========================================================================
sink                        function
==========================  ==========================================================================
terminal, CI log, stderr    :func:`log_line` (one line, no control characters, never starts with ``::``)
GitHub workflow command     :func:`workflow_data`, :func:`workflow_property` (@actions/core's rules)
Markdown table cell         :func:`markdown_cell`; :func:`markdown_code` for a short identifier
Markdown running text       :func:`markdown_text`
HTML                        :func:`html`
CSV text column             :func:`csv_cell` (formula-leading cells neutralised, OWASP)
==========================  ==========================================================================

JSON and SARIF need nothing more than :func:`json.dumps`, which escapes every control character.
"""

from __future__ import annotations

import html as _html
import re

__all__ = [
    "FORMULA_STARTS",
    "csv_cell",
    "html",
    "log_line",
    "markdown_cell",
    "markdown_code",
    "markdown_text",
    "workflow_data",
    "workflow_property",
]

# --- terminal and CI logs ------------------------------------------------------------------------------------

#: Characters some terminal, log viewer or ``str.splitlines`` treats as a line break: shown as escapes.
_BREAKS = {
    "\n": "\\n",
    "\r": "\\r",
    "\v": "\\v",
    "\f": "\\f",
    "\x1c": "\\x1c",
    "\x1d": "\\x1d",
    "\x1e": "\\x1e",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
#: Other C0/C1 controls (ESC starts terminal escape sequences) and the bidirectional overrides that can make a
#: terminal show text in another order than it is: dropped. Tab stays (it is harmless whitespace).
_DROPPED = "".join(chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, *range(0x7F, 0xA0)) if c != 0x85)
_DROPPED += "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LOG_TABLE = str.maketrans({**_BREAKS, **{c: None for c in _DROPPED}})
#: GitHub's runner reads a line as a workflow command when, after leading whitespace, it starts with "::"
#: (actions/runner ActionCommand.TryParseV2 trims the line first).
_COMMAND_START = re.compile(r"^(\s*)::")


def log_line(text: object) -> str:
    """``text`` made safe for one line of a terminal or CI log.

    Line breaks are shown as escapes (``\\n``, ``\\r``, ...), other control characters and bidirectional
    overrides are dropped, and a leading ``::`` (after any whitespace) gets a backslash, so GitHub never reads
    it as a workflow command. Backslashes are kept as they are (Windows paths), so ``\\n`` may also be a
    literal backslash and n: this is for reading, not for parsing back.

    >>> log_line("a\\n::error title=PWNED::x.txt")
    'a\\\\n::error title=PWNED::x.txt'
    >>> log_line("::add-mask::secret"), log_line("  ::stop-commands::tok")
    ('\\\\::add-mask::secret', '  \\\\::stop-commands::tok')
    >>> log_line("red \\x1b[31mtext\\x1b[0m\\r\\n"), log_line("C:\\\\news\\\\a.txt")
    ('red [31mtext[0m\\\\r\\\\n', 'C:\\\\news\\\\a.txt')
    """
    return _COMMAND_START.sub(r"\1\\::", str(text).translate(_LOG_TABLE))


# --- GitHub workflow commands --------------------------------------------------------------------------------
# GitHub reads workflow commands (``::error file=…,line=…::message``) from a step's output. The escaping is the
# one of GitHub's own toolkit, actions/toolkit packages/core/src/command.ts: escapeData() replaces % with %25,
# CR with %0D and LF with %0A; escapeProperty() does the same and also : with %3A and , with %2C (the
# separators of the ``key=value,key=value::`` property list). % goes first so the escapes are not re-escaped.

_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def workflow_data(text: str) -> str:
    """Escape a workflow command's message like @actions/core's ``escapeData``.

    >>> workflow_data("50% of troops:\\nmore, or fewer")
    '50%25 of troops:%0Amore, or fewer'
    """
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def workflow_property(text: str) -> str:
    """Escape a workflow command's property value like @actions/core's ``escapeProperty``.

    >>> workflow_property("drafts/troops, v2: 100%.md")
    'drafts/troops%2C v2%3A 100%25.md'
    """
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text


# --- Markdown and HTML ---------------------------------------------------------------------------------------

# Backslash first, so the backslashes the other rules add are not doubled. A backslash before every pipe
# (and every literal backslash doubled) keeps a pipe out of the table's column split in every renderer,
# whether it counts backslashes (markdown-it) or not (cmark-gfm). "<", ">" and "&" become entities, so
# "<!--", "<img>" and "<script>" are text; a backtick is escaped so it cannot open a code span (inside
# which entities would show raw); "](" is broken so no link or image ("![badge](url)") can be made.
_MARKDOWN_ESCAPES = (
    ("\\", "\\\\"),
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ("|", "\\|"),
    ("`", "\\`"),
    ("](", "\\]("),
)
#: What makes a line a heading, quote, list item, thematic break, setext underline, code fence or link definition.
_BLOCK_START = re.compile(r"^(?:[#>+*=_~\-\[]|\d{1,9}[.)])")
#: An identifier shown as code only when it holds nothing a code span or a table could misread.
_PLAIN_CODE = re.compile(r"[\w./:@#+,=~-]+")


def _one_line(text: object) -> str:
    """Every run of whitespace (line breaks included) as one space: a cell or list item stays one line."""
    return " ".join(str(text).split())


def _markdown_inline(text: object) -> str:
    out = _one_line(text).translate(_LOG_TABLE)
    for raw, escaped in _MARKDOWN_ESCAPES:
        out = out.replace(raw, escaped)
    return out


def markdown_cell(text: object) -> str:
    """``text`` as one cell of a GitHub pipe table: one line, nothing that splits the row or becomes markup.

    >>> markdown_cell("Reuters | AP\\n<!-- hidden --> <img src=x> `x` a\\\\|b")
    'Reuters \\\\| AP &lt;!-- hidden --&gt; &lt;img src=x&gt; \\\\`x\\\\` a\\\\\\\\\\\\|b'
    >>> markdown_cell("![ok](https://example.com/badge.svg) [75000, 100000]")
    '![ok\\\\](https://example.com/badge.svg) [75000, 100000]'
    """
    return _markdown_inline(text)


def markdown_text(text: object) -> str:
    """``text`` as one line of running Markdown (a list item, a paragraph): as a cell, and no block markup.

    >>> markdown_text("# big\\n<script>alert(1)</script>")
    '\\\\# big &lt;script&gt;alert(1)&lt;/script&gt;'
    >>> markdown_text("1. first"), markdown_text("~~~ fence"), markdown_text("plain")
    ('1\\\\. first', '\\\\~~~ fence', 'plain')
    """
    out = _markdown_inline(text)
    match = _BLOCK_START.match(out)
    if match:
        end = match.end()
        out = out[: end - 1] + "\\" + out[end - 1 :]
    return out


def markdown_code(text: object) -> str:
    """A short identifier (a document id with its line) as inline code when it is plain, else as a cell.

    >>> markdown_code("002_4f8a57ab780d97d1:14"), markdown_code("a`b|c:3")
    ('`002_4f8a57ab780d97d1:14`', 'a\\\\`b\\\\|c:3')
    """
    value = _one_line(text)
    return f"`{value}`" if _PLAIN_CODE.fullmatch(value) else markdown_cell(value)


def html(text: object) -> str:
    """``text`` as HTML element content or a quoted attribute value.

    >>> html('<script>alert("x")</script> & more')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'
    """
    return _html.escape(str(text), quote=True)


# --- CSV -----------------------------------------------------------------------------------------------------

#: A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets (OWASP, CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(text: str, escape_formulas: bool = True) -> str:
    """A text cell for a CSV a spreadsheet may open: a leading ``'`` when it would start a formula.

    This is OWASP's advice for CSV injection: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return gets a single quote in front, which spreadsheets take as "this is text" (and hide). A cell
    that is nothing but a number (``-3``, ``+2.5``) is left alone: a spreadsheet reads it as that number, never
    as a formula. Apply it to text columns only, never to numeric ones.

    Programs that are not spreadsheets (pandas, a database loader) see the quote as part of the value: turn it
    off with ``escape_formulas=False`` (``--no-escape-formulas`` on the command line).

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("@SUM(A1)"), csv_cell("-3"), csv_cell("-3+cmd|' /C calc'!A0")
    ('\\'=HYPERLINK("http://x")', "'@SUM(A1)", '-3', "'-3+cmd|' /C calc'!A0")
    >>> csv_cell("=1+1", escape_formulas=False), csv_cell("more than 40 people"), csv_cell("")
    ('=1+1', 'more than 40 people', '')
    """
    if escape_formulas and text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
