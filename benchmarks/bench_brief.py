"""``tlev brief japan`` end to end, cold (fresh install) and warm, beside a reference version.

Each run is the real command in a child process (``python -m treasury_leverage.cli.main brief
japan --format json``), timed by wall clock and by the child's CPU seconds (user + system, from
``resource.getrusage``): on this shared machine the wall time depends on the other jobs, the CPU
time much less, and a quiet machine's wall time is close to the CPU time.

* **cold**: an empty ``TLEV_HOME`` (no user cache: no fitted curve panels, no Vega bundle on
  disk), as right after installing;
* **warm**: the same ``TLEV_HOME`` again (its caches filled by the cold run).

The reference is another source tree of the package (``--reference-src``, e.g. the previous
release unpacked with ``git archive <commit> src | tar -x -C /tmp/prev``), run the same way in the
same session, interleaved with ours; its ``brief.json`` must equal ours except the generation time
(checked; a version from before the toolkit ran one BLAS thread everywhere is also run once with
``OPENBLAS_NUM_THREADS=1`` for that check), so the ratio compares the same output. CPU seconds
are the command's and the worker processes it waited for; a forkserver's workers (the brief's game
and chart renderers) are not its children, so their CPU is missing: compare wall times.

Run: ``python benchmarks/bench_brief.py [--runs 3] [--reference-src /tmp/prev/src]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _run(home: Path, out: Path, src: Path | None,
         extra_env: dict[str, str] | None = None) -> dict[str, float]:
    env = {**os.environ, "TLEV_HOME": str(home), "TLEV_OFFLINE": "1", **(extra_env or {})}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "brief", "japan", "--out", str(out),
           "--format", "json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "load_avg_1min": load}


def _brief_json(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
    data["provenance"].pop("generated_utc", None)
    return data


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="cold and warm runs of each version")
    ap.add_argument("--reference-src", type=Path, default=None,
                    help="the src/ folder of a reference version (run with PYTHONPATH)")
    args = ap.parse_args()
    versions: dict[str, Path | None] = {"ours": None}
    if args.reference_src is not None:
        versions["reference"] = args.reference_src.resolve()
    results: dict[str, dict[str, list[dict[str, float]]]] = {v: {"cold": [], "warm": []} for v in versions}
    outputs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            for name, src in versions.items():  # interleaved: load drifts hit both versions alike
                home = Path(tmp) / f"{name}-home-{i}"
                home.mkdir()
                out = Path(tmp) / f"{name}-out-{i}"
                results[name]["cold"].append(_run(home, out, src))
                results[name]["warm"].append(_run(home, out, src))
                outputs[name] = _brief_json(out)
    report: dict[str, Any] = {"benchmark": "tlev brief japan (child process; json format)", "runs": args.runs}
    for name in versions:
        report[name] = {kind: _median(runs) for kind, runs in results[name].items()}
        report[f"{name}_runs"] = results[name]
    if "reference" in versions:
        report["identical_brief_json"] = outputs["ours"] == outputs["reference"]
        if not report["identical_brief_json"]:
            # Versions before the toolkit ran one BLAS thread everywhere (session 4) differ in the
            # last bit of some U.S.-bill bands at OpenBLAS's default threads: compare with the
            # reference run as ours runs (timed above as it ships).
            with tempfile.TemporaryDirectory() as tmp:
                home, out = Path(tmp) / "home", Path(tmp) / "out"
                home.mkdir()
                _run(home, out, versions["reference"], {"OPENBLAS_NUM_THREADS": "1"})
                report["identical_brief_json_one_blas_thread"] = outputs["ours"] == _brief_json(out)
        for kind in ("cold", "warm"):
            for what in ("wall_s", "cpu_s"):
                report[f"ratio_{kind}_{what}_reference_over_ours"] = (report["reference"][kind][what]
                                                                      / report["ours"][kind][what])
    report.update(cpu_count=os.cpu_count(), python=platform.python_version(),
                  openblas_num_threads=os.environ.get("OPENBLAS_NUM_THREADS", "unset"))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
