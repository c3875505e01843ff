"""What ``safety.markup`` looks for in a Markdown body: markup that would run in a reader's browser.

The renderer already shows raw HTML as text and sanitises what Markdown
produces (``render/sanitize.py``); this is the early, line-precise warning
that tells the secretary which line to fix. A browser decodes character
references and drops tabs and newlines inside a URL before it reads the
scheme, so ``&#106;avascript:``, ``&#x6A;avascript:`` and ``java&#9;script:``
are all ``javascript:`` and are matched as such.
"""

from __future__ import annotations

import re

# What a browser ignores between the letters of a scheme: tabs and newlines, also written as references.
_GAP = r"(?:[\t\n\r]|&#0*(?:9|10|13);?|&#x0*(?:9|a|d);?|&(?:Tab|NewLine);)*"
_COLON = r"(?::|&#0*58;?|&#x0*3a;?|&colon;)"


def _letter(char: str) -> str:
    codes = {ord(char.lower()), ord(char.upper())}
    refs = [f"&#0*{n};?" for n in sorted(codes)] + [f"&#x0*{n:x};?" for n in sorted(codes)]
    return "(?:" + "|".join([re.escape(char), *refs]) + ")"


def _scheme(word: str) -> str:
    return _GAP.join(_letter(c) for c in word) + _GAP + _COLON


# Where a URL starts in Markdown or HTML: a link or image, a reference definition, an autolink, an attribute.
_URL_START = r"(?:\]\(\s*<?|^\s{0,3}\[[^\]\n]+\]:\s*<?|<|\b(?:href|src|action|formaction)\s*=\s*[\"']?)"

UNSAFE_MARKUP = re.compile(
    r"<\s*(?:script|iframe|object|embed|style|form|meta|link|base|svg|math)\b"  # elements that run or load code
    r"|<[^>]*\s(?:on[a-z]+)\s*="  # an event handler in raw HTML
    r"|\{:?[^}\n]*?(?<![\w-])on[a-z]+\s*="  # an event handler in an attribute list: {: onclick=… }
    rf"|(?<![a-z0-9]){_scheme('javascript')}|(?<![a-z0-9]){_scheme('vbscript')}"  # anywhere, encoded or not
    rf"|{_URL_START}\s*{_scheme('data')}",  # data: as a link target
    re.I | re.M,
)
