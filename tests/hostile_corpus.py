"""Strings a hand-edited, public data set must survive: each must show as exactly itself.

Each case is (name, text). They are placed in every kind of field of a duty
and an agency by tests/test_hostile.py and built into the real site.
"""

from __future__ import annotations

import unicodedata

MEGABYTE_TEXT = ("tra tấn " * 131_072).strip()

CASES: list[tuple[str, str]] = [
    ("script", "<script>alert(1)</script>"),
    ("raw-fence", "```{raw} html\n<script>alert(1)</script>\n```"),
    ("eval-rst", "{eval-rst}"),
    ("eval-rst-raw-file", "```{eval-rst}\n.. raw:: html\n   :file: /etc/hostname\n```"),
    ("math", "$$x$$"),
    ("js-link", "[a](javascript:alert(1))"),
    ("jinja-expression", "{{ 7*7 }}"),
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("anchor-onclick", '<a href="javascript:alert(1)" onclick="alert(1)">x</a>'),
    ("close-p-script", "</p><script>alert(1)</script>"),
    ("include", "```{include} /etc/hostname\n```"),
    ("download-role", "{download}`x <../../.env>`"),
    ("rst-js-link", "`x <JaVaScRiPt:alert(1)>`_"),
    ("jinja-raw", "{% raw %}"),
    ("jinja-raw-block", "{% raw %}{{ 7*7 }}{% endraw %}"),
    ("front-matter", "Tiêu đề\n---\nmyst:\n  substitutions:\n    x: y\n---"),
    ("ordered-list", "1. x"),
    ("indented", "   indented"),
    ("trailing-backslash", "trailing backslash\\"),
    ("heading-underline", "Heading\n======="),
    ("megabyte", MEGABYTE_TEXT),
    ("nfd", unicodedata.normalize("NFD", "tra tấn và đối xử tàn bạo")),
    ("hash-heading", "# not a heading"),
    ("blockquote", "> not a quote"),
    ("bullet", "* not a list"),
    ("table", "| a | b |\n|---|---|"),
    ("html-comment", "<!-- comment -->"),
    ("colon-fence", ":::{note}\nx\n:::"),
    ("ref-role", "{ref}`x`"),
    ("wiki-link", "[[wiki]]"),
    ("entities", "&lt;escaped&gt; &amp; &#60;"),
    ("escaped-star", "\\* backslash star"),
    ("code", "`code`"),
    ("emphasis", "**bold** _em_"),
    ("style", "<style>body{display:none}</style>"),
    ("iframe", "<iframe src=https://example.com></iframe>"),
    ("autolink", "http://example.com <http://example.com>"),
    ("data-uri", "data:text/html;base64,PHNjcmlwdD4="),
    ("jinja-globals", "{{ self.__init__.__globals__ }}"),
    ("template-literal", "${7*7}"),
    ("myst-comment", "% myst comment\n%% another"),
    ("svg-onload", "<svg onload=alert(1)>"),
    ("reference-definition", "[x]: javascript:alert(1)\n[y][x]"),
    ("nbsp", "\u00a0leading no-break space"),
    ("substitution", "{{x}} |x|"),
    ("directive-plan-page", "```{plan-page}\n```"),
]

#: Texts that must be refused with a message, never rendered: (name, text, message part).
REFUSED_TEXT = [
    ("bidi-override", "Sở Tư\u202epháp", "invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("zero-width-space", "Sở\u200bTư pháp", "invisible character U+200B (ZERO WIDTH SPACE)"),
]

#: Ids that must be refused before they become file names: (id, message part).
REFUSED_IDS = [
    ("../../conf", "which is not an id"),
    ("/etc/passwd", "which is not an id"),
    ("CON", "which is not an id"),
    ("con", "a reserved file name on Windows"),
    ("Sở Tư pháp", "did you mean 'so-tu-phap'?"),
]
