"""One module per publisher: where its files live and pure parsers of their formats."""

__all__: list[str] = []
