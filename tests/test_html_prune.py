"""Pruning the search index's copy of a page (generator/site/html_prune.py)."""

from __future__ import annotations

import pytest

from generator.site.html_prune import parse_selector, prune


def selectors(*texts: str):
    return tuple(parse_selector(text) for text in texts)


@pytest.mark.parametrize(
    "selector, html, expected",
    [
        ("table.plan-table", '<p>a</p><table class="plan-table table"><tr><td>x</td></tr></table><p>b</p>', "<p>a</p><p>b</p>"),
        ("table.plan-table", '<table class="table"><tr><td>x</td></tr></table>', '<table class="table"><tr><td>x</td></tr></table>'),
        ("#status", '<section id="status"><h2>S</h2><p>No evidence</p></section><section id="task"><p>t</p></section>', '<section id="task"><p>t</p></section>'),
        (".as-printed", '<div><span class="as-printed small">Sở Tư pháp</span> <b>x</b></div>', "<div> <b>x</b></div>"),
        ("#context > h2", '<section id="context"><h2>Label</h2><p><h2>kept</h2></p></section>', '<section id="context"><p><h2>kept</h2></p></section>'),
        ("dl.plan-fields > dt", '<dl class="plan-fields"><dt>Tên</dt><dd>Sở</dd></dl>', '<dl class="plan-fields"><dd>Sở</dd></dl>'),
        # nested elements of the dropped one's own name; void elements inside and outside
        ("ul.duty-nav", '<ul class="duty-nav"><li><ul><li>a<br></li></ul></li></ul><img src="x.png"><ul><li>b</li></ul>', '<img src="x.png"><ul><li>b</li></ul>'),
        # text that looks like markup is escaped by the site; comments and entities are kept
        ("p.as-of", '<p>&lt;p class="as-of"&gt; &amp; <!-- c --></p><p class="as-of">x</p>', '<p>&lt;p class="as-of"&gt; &amp; <!-- c --></p>'),
        # a dropped element left open ends with the element around it, which is kept
        ("ul.duty-nav", '<div><ul class="duty-nav"><li>x</div><p>y</p>', "<div></div><p>y</p>"),
        # an attribute value holding ">" or the class name elsewhere
        ("p.as-of", '<p title="a > b" data-x="as-of">kept</p>', '<p title="a > b" data-x="as-of">kept</p>'),
    ],
)
def test_prune_drops_the_matching_elements_and_keeps_the_rest_byte_for_byte(selector, html, expected):
    assert prune(html, selectors(selector)) == expected


@pytest.mark.parametrize("text", ["", "div p", "a + b", "[data-x]", "p:first-child", "> p", "ul.x >"])
def test_a_selector_it_does_not_understand_is_refused(text):
    with pytest.raises(ValueError, match="not understood"):
        parse_selector(text)


def test_every_selector_the_search_index_excludes_is_understood():
    from generator.site.search_index import EXCLUDE

    assert len(selectors(*EXCLUDE)) == len(EXCLUDE)
