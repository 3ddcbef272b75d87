"""An Giang's plan to implement the Convention against Torture, as a site and handbooks.

The core (load, validate, index, pages, render, write) is plain Python and never
imports Sphinx; :mod:`generator.site.extension` adapts it to Sphinx.
"""
