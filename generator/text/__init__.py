"""Text utilities: Vietnamese folding, collation, the interface strings of every output."""
