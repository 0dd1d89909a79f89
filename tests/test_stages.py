"""The stage recorder: nesting, counts, and stages recorded in another process merged back."""

from __future__ import annotations

import pickle

from treasury_leverage._stages import active_recorder, call_recorded, recording, stage


def _work(n: int) -> int:
    total = 0
    for i in range(n):
        with stage("step"):
            total += i
    return total


def test_nested_stages_are_paths_with_counts() -> None:
    assert active_recorder() is None
    with recording() as rec:
        assert active_recorder() is rec
        with stage("outer"):
            _work(3)
    assert active_recorder() is None
    assert list(rec.records) == ["outer > step", "outer"]
    assert rec.records["outer > step"].count == 3 and rec.records["outer"].count == 1
    assert rec.records["outer"].wall_s >= rec.records["outer > step"].wall_s
    assert rec.wall_s >= rec.records["outer"].wall_s


def test_call_recorded_returns_its_stages_under_the_label_and_they_merge() -> None:
    result, records = call_recorded("elsewhere", _work, 4)
    assert result == 6
    records = pickle.loads(pickle.dumps(records))  # as if from a worker process
    assert {r.path: r.count for r in records} == {"elsewhere > step": 4, "elsewhere": 1}
    with recording() as rec:
        with stage("elsewhere"):
            _work(1)
        rec.merge(records)
    assert rec.records["elsewhere > step"].count == 5 and rec.records["elsewhere"].count == 2
    # stages never leak out of a recording: outside one, stage() records nothing
    _work(2)
    assert rec.records["elsewhere > step"].count == 5
