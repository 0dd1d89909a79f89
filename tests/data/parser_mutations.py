"""Shared scaffolding of the parsers' property tests: mutated real files.

Every parser must either return a valid tidy frame or raise
:class:`~treasury_leverage.errors.DataFormatError` naming the file; nothing else, whatever the
bytes. :func:`assert_survives_mutations` checks that on a real file mutated the ways files get
damaged (lines deleted, duplicated or swapped, the file cut short, bytes replaced or inserted,
including non-UTF-8 bytes).

The test modules beside this one import it by its bare name (the tests have no
``__init__.py``; pytest's default "prepend" import mode puts this folder on ``sys.path``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treasury_leverage.data.sources._common import TIDY_COLUMNS
from treasury_leverage.errors import DataFormatError

#: Bytes a mutation inserts or writes over another: bad UTF-8, NUL, quoting, separators, line
#: endings and the characters numbers and dates are made of.
JUNK: Final = (
    b"\xff", b"\xc3\x28", b"\xe9", b"\x00", b'"', b",", b"\r", b"\n", b"-", b".", b"9", b" "
)
MUTATIONS: Final = ("delete", "duplicate", "swap", "truncate", "flip", "inject")


def assert_tidy(frame: pd.DataFrame) -> None:
    """Assert the tidy contract of :mod:`treasury_leverage.data.sources._common`, non-empty."""
    assert tuple(frame.columns) == TIDY_COLUMNS
    assert frame["date"].dtype == np.dtype("datetime64[ns]")
    assert frame["value"].dtype == np.float64
    assert np.isfinite(frame["value"].to_numpy()).all()
    assert not frame.duplicated(["date", "series_id"]).any()
    assert len(frame) > 0


def head_lines(path: Path, n: int = 200) -> bytes:
    """The first ``n`` lines of a file (a sample small enough for many examples)."""
    return b"\n".join(path.read_bytes().split(b"\n")[:n])


@st.composite
def mutations(draw: st.DrawFn, data: bytes, noise: Sequence[bytes] = JUNK) -> bytes:
    """Delete, duplicate, swap lines; truncate; flip or inject bytes drawn from ``noise``.

    One to three mutations, each one of :data:`MUTATIONS`: ``flip`` writes a ``noise`` string
    over the byte at a position of a line, ``inject`` inserts it there.
    """
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        op = draw(st.sampled_from(MUTATIONS))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate":
            blob = b"\n".join(lines)
            lines = blob[: draw(st.integers(0, len(blob)))].split(b"\n")
        else:
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            new = draw(st.sampled_from(noise))
            lines[i] = line[:k] + new + line[k + (op == "flip") :]
    return b"\n".join(lines)


def assert_survives_mutations(
    parse: Callable[..., pd.DataFrame],
    sample: bytes,
    *,
    max_examples: int,
    source: str = "mutated.csv",
    noise: Sequence[bytes] = JUNK,
    check: Callable[[pd.DataFrame], None] = assert_tidy,
) -> None:
    """Assert that ``parse`` reads ``sample``, and reads or rejects every mutation of it.

    Parameters
    ----------
    parse
        The parser, called as ``parse(raw, source=source)`` (bind other arguments with a lambda).
    sample
        A real file, or its first lines (:func:`head_lines`).
    max_examples
        Number of mutated files hypothesis tries.
    source
        The file name passed to the parser; a ``DataFormatError`` must start with it.
    noise
        Byte strings the ``flip`` and ``inject`` mutations write.
    check
        Assertions on a frame the parser returns (the sample's and any mutation's).
    """
    check(parse(sample, source=source))

    @settings(
        max_examples=max_examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(mutations(sample, noise))
    def run(raw: bytes) -> None:
        try:
            out = parse(raw, source=source)
        except DataFormatError as exc:
            assert str(exc).startswith(source)
            return
        check(out)

    run()
