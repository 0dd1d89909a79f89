"""The named random streams of the scenario engine and the leverage game, in one place.

Every random number of a scenario comes from a NumPy generator seeded with
``[spec.seed, *stream key]`` (:func:`generator`): one stream per purpose, so adding a model, an
actor or a preset to one stream never shifts the draws of another, and the game can redraw exactly
what the engine drew (its trade-channel quantities per engine draw) without repeating the engine's
conventions by hand. The keys, and the numbers they have always been:

=======================  ==============================  ===============================================
stream                   key after the seed              draws
=======================  ==============================  ===============================================
:func:`model_stream`     ``crc32(model name)``           an impact model's parameter presets
:data:`FX_STREAM`        ``1000``                        the seller's FX presets (shared by every model)
:func:`us_bill_stream`   ``2000, crc32(model name)``     the U.S. bill's presets behind a model's draws
:func:`trade_stream`     ``3000 + actor index``          the trade channel of the actor at that index
:data:`GAME_QUANTILE`    ``7919``                        the game's comonotonic quantiles (fallback)
=======================  ==============================  ===============================================

A model's stream is keyed by its *name* (not its position), so a one-model run draws the same
parameters as the same model in an all-models run. NumPy's ``SeedSequence`` pads short entropy
with zeros, so ``[seed, k]`` and ``[seed, k, 0]`` are the same stream: :func:`entropy_words`
gives the padded form in which two streams are compared (tests/scenario/test_streams.py checks
that no two named streams of the registered models collide for up to :data:`MAX_ACTORS` actors).

This module imports NumPy only (the game imports it lazily, like the engine).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np

__all__ = [
    "FX_STREAM",
    "GAME_QUANTILE",
    "MAX_ACTORS",
    "TRADE_STREAM",
    "US_BILL_STREAM",
    "entropy_words",
    "generator",
    "model_stream",
    "named_streams",
    "trade_stream",
    "us_bill_stream",
]

#: The seller's FX presets (``seller.FX_PRESETS``), drawn once per scenario and shared by its models.
FX_STREAM: Final = 1000
#: First key of a model's U.S.-bill preset stream (followed by :func:`model_stream`).
US_BILL_STREAM: Final = 2000
#: Base of the trade channel's streams: the actor at index ``i`` draws from ``TRADE_STREAM + i``.
TRADE_STREAM: Final = 3000
#: The game's quantile draws when exact joint draws are unavailable (``game.payoffs``).
GAME_QUANTILE: Final = 7919
#: Actors per scenario the collision check covers (trade streams ``3000 .. 3000 + MAX_ACTORS - 1``).
MAX_ACTORS: Final = 64


def model_stream(name: str) -> tuple[int]:
    """Key of an impact model's parameter stream: the CRC-32 of its registry name."""
    return (zlib.crc32(name.encode("utf-8")),)


def us_bill_stream(name: str) -> tuple[int, int]:
    """Key of the U.S. bill's preset stream behind the draws of model ``name``."""
    return (US_BILL_STREAM, *model_stream(name))


def trade_stream(actor_index: int) -> tuple[int]:
    """Key of the trade channel's stream of the actor at ``actor_index`` in the spec."""
    if not 0 <= actor_index < MAX_ACTORS:
        raise ValueError(f"actor_index: expected 0..{MAX_ACTORS - 1}, got {actor_index}")
    return (TRADE_STREAM + actor_index,)


def generator(seed: int, key: Sequence[int]) -> np.random.Generator:
    """The generator of stream ``key`` under ``seed``: ``default_rng([seed, *key])``."""
    return np.random.default_rng([int(seed), *(int(k) for k in key)])


def entropy_words(seed: int, key: Sequence[int]) -> tuple[int, ...]:
    """The stream's entropy as NumPy mixes it: 32-bit words, zero-padded to the pool size (4).

    Two keys with equal words are the same stream. Seeds are below 2**32 (``bounds.MAX_SEED``),
    one word each.
    """
    words = [int(seed), *(int(k) for k in key)]
    if any(not 0 <= w < 2**32 for w in words):
        raise ValueError(f"stream words must be 32-bit unsigned integers, got {words}")
    words += [0] * max(0, 4 - len(words))
    while len(words) > 4 and words[-1] == 0:
        words.pop()
    return tuple(words)


def named_streams(models: Iterable[str], n_actors: int = MAX_ACTORS) -> dict[str, tuple[int, ...]]:
    """Every named stream of a scenario with ``models`` and ``n_actors`` actors: label -> key."""
    out: dict[str, tuple[int, ...]] = {"fx": (FX_STREAM,), "game quantiles": (GAME_QUANTILE,)}
    for name in models:
        out[f"model {name}"] = model_stream(name)
        out[f"us bill {name}"] = us_bill_stream(name)
    for i in range(n_actors):
        out[f"trade actor {i}"] = trade_stream(i)
    return out
