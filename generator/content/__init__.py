"""What each page and document shows, as renderer-neutral blocks, and where each lives."""
