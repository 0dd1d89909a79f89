"""One module per publisher: where its files live and pure parsers of their formats."""
