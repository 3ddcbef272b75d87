"""The website: the Sphinx extension, its nodes, search, theme, page stubs, the build, open data."""
