"""The markup the site's pages are made of: what the theme's CSS is pruned against.

A fixed list, not read from the built pages, so that the shipped CSS depends on
the templates and the page builder only, never on the data: one edited duty must
not change the stylesheet (and so rewrite every page that links it with its digest).

``tests/test_weight.py`` builds the real site and a ×10 one and checks that every
element name, class and attribute on their pages, and every id the theme's CSS
selects, is listed here; when a template, the page builder or a hand-written page
brings something new, that test names it and says to add it below.
"""

from __future__ import annotations

from .theme_prune import Vocabulary

#: Elements: what the templates, docutils/Sphinx and MyST write for our pages,
#: with the common prose elements a hand-written page may use.
TAGS = frozenset(
    """
    html head body title meta link script style noscript
    div span p a ul ol li dl dt dd section article aside nav main header footer
    h1 h2 h3 h4 h5 h6 strong em b i code pre kbd samp small sub sup abbr br hr blockquote
    table caption colgroup col thead tbody tfoot tr th td figure figcaption img
    details summary dialog form input label button svg path circle rect text
    time mark q cite del ins s u var wbr picture source
    """.split()
)

#: Classes of the page layout: the book/pydata theme's templates and ours
#: (generator/templates/sphinx/).
LAYOUT_CLASSES = frozenset(
    """
    bd-container bd-container__inner bd-page-width bd-main bd-content bd-article bd-article-container
    bd-header bd-header-article bd-footer bd-footer-content bd-footer-content__inner
    bd-sidebar bd-sidebar-primary bd-sidebar-secondary bd-toc bd-toc-item bd-links bd-docs-nav bd-sidenav
    bd-search bd-search-container
    header-article-items header-article-items__start header-article-items__end header-article-item header-article__inner
    article-header-buttons
    sidebar-header-items sidebar-primary__section sidebar-primary-items__start sidebar-primary-items__end
    sidebar-primary-item sidebar-secondary-items sidebar-secondary__inner sidebar-secondary-item
    sidebar-toggle primary-toggle secondary-toggle
    navbar-brand logo logo__title title navbar-nav nav nav-item nav-link container
    page-toc tocsection onthispage section-nav toc-entry toc-h2 toc-h3 toc-h4 pst-show_toc_level
    toctree-l1 toctree-l2 toctree-l3 toctree-toggle toctree-chevron has-children current plan-more
    prev-next-area prev-next-footer prev-next-info prev-next-subtitle prev-next-title left-prev right-next
    skip-link pst-js-only pst-navbar-icon pst-async-banner-revealer sbt-scroll-pixel-helper
    search-button search-button-field search-button__button search-button__default-text
    theme-switch-container theme-switch-button theme-switch theme-change-button
    dropdown dropdown-toggle dropdown-menu dropdown-menu-end dropdown-item
    btn btn-sm rounded-pill form-control
    d-flex d-none d-print-none align-items-center flex-column me-2 visually-hidden
    plan-icon plan-lang-switch plan-lang-switch__name plan-search-icon plan-search-submit plan-noscript
    """.split()
)

#: Classes of the content: docutils and Sphinx (for MyST) and the plan's page
#: builder (generator/sphinx_nodes.py).
CONTENT_CLASSES = frozenset(
    """
    reference internal external doc std std-doc docutils simple compound toctree-wrapper
    admonition admonition-title note tip warning important
    table pst-scrollable-table-container row-even row-odd head
    literal notranslate highlight pre download-link downloads
    breadcrumbs duty-nav duty-number group-heading section-heading task label
    agency-note topic-description plan-fields plan-table as-printed source-note untranslated-mark
    readings key-facts page-summary external-source plan-print-only plan-print-address
    as-of headline status plan-chart chart-bar chart-count chart-label
    status-completed status-substantial status-limited status-not-started status-activity-not-assessed
    status-no-evidence deadline-overdue deadline-due deadline-not-yet-due deadline-passed deadline-ongoing
    plan-search plan-search-form plan-search-label plan-search-more plan-search-results plan-search-status
    """.split()
)

#: Syntax highlighting (Pygments token classes) of the YAML shown on the maintainers' page.
CODE_CLASSES = frozenset(
    """
    highlight-yaml highlight-default highlight-text highlight-sh highlight-console highlight-none
    p p-Indicator l l-Scalar l-Scalar-Plain nt nv s w c c1 go gp
    """.split()
)

#: Classes that scripts put on the page, with what sets them.
JS_CLASSES = frozenset(
    {
        "show",  # plan.js: an open dropdown menu (the colour mode menu)
        "dropdown-menu-dark",  # plan.js: that menu in dark mode, as pydata-sphinx-theme.js did
        "active",  # plan.js: the chosen colour mode; the page-contents entry being read
        "pst-sidebar-hidden",  # plan.js: the navigation folded away on a wide screen (book theme's toggle)
        "scrolled",  # plan.js (on <body>): the page is scrolled, the article header shows its shadow
        "noprint",  # plan.js: header and sidebars left out of print, as the book theme does
    }
)

CLASSES = LAYOUT_CLASSES | CONTENT_CLASSES | CODE_CLASSES | JS_CLASSES

#: Ids of the layout that the theme's CSS selects (data anchors such as "#task"
#: are not listed: the theme's CSS has no rule for them; the test checks that).
IDS = frozenset(
    """
    main-content pst-skip-link pst-back-to-top pst-header pst-scroll-pixel-helper pst-search-dialog
    pst-primary-sidebar pst-primary-sidebar-modal pst-secondary-sidebar pst-secondary-sidebar-modal
    pst-page-toc-nav bd-header-version-warning searchbox search-results
    """.split()
)

#: Attribute names in the markup, and those scripts set.
ATTRIBUTES = frozenset(
    """
    class id href src rel type name content charset lang hreflang title role
    action method placeholder autocomplete autocorrect autocapitalize spellcheck value
    aria-label aria-labelledby aria-hidden aria-expanded aria-current aria-controls aria-pressed
    open defer data-cfasync data-content_root data-default-mode data-mode
    viewbox width height fill stroke stroke-width stroke-linecap stroke-linejoin focusable d cx cy r
    colspan rowspan
    property sizes media as crossorigin integrity async alt srcset loading decoding datetime
    download target start reversed scope headers dir translate
    x y for hidden aria-live aria-atomic data-pagefind-body data-pagefind
    data-busy data-failed data-found data-found-one data-none
    """.split()
) | frozenset(
    {
        "data-theme",  # the colour-mode script in layout.html and plan.js, on <html>
        "tabindex",  # plan.js: a table wider than the screen can be scrolled with the keyboard
        "style",  # plan.js: the back-to-top button shown or hidden
        "data-print-href",  # layout.html, before printing: a link's full address, written after it
    }
)

VOCABULARY = Vocabulary(tags=TAGS, classes=CLASSES, ids=IDS, attributes=ATTRIBUTES)
