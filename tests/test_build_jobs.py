"""`hrleaflet build --jobs`: leaflets made in several processes are the same files, reported in
the same order, as one process makes them; a failure stops the build as it does there (and
what other workers had begun is finished and reported)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from hrleaflet import workers
from hrleaflet.errors import ContentError, Problem, TranslationError
from hrleaflet.pipeline import BuildRequest, BuiltLeaflet, build

from .conftest import (
    YAML_EXAMPLE,
    hrleaflet_process,
    hrleaflet_started,
    interrupt_when,
    one_huge_service,
    variable_bolds,
)


def test_several_processes_write_the_same_leaflets_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []
    real_pool = workers.new_pool

    def counted_pool(count: int):  # type: ignore[no-untyped-def]
        pools.append(count)
        return real_pool(count)

    monkeypatch.setattr(workers, "new_pool", counted_pool)
    made: dict[int, tuple[list[tuple[str, str, str, str, int]], dict[str, bytes]]] = {}
    for count in (1, 2):
        out = tmp_path / str(count)
        reported: list[BuiltLeaflet] = []
        request = BuildRequest(
            sets=("general", "opioids"),
            services=YAML_EXAMPLE,
            out=out,
            languages=("en", "ar"),
            modes=("bw",),
            formats=("a4", "card", "text"),
        )
        built = build(request, on_built=reported.append, workers=count)
        assert built == reported
        order = [(item.path.name, item.set_id, item.locale, item.format, item.pages) for item in built]
        made[count] = order, {path.name: path.read_bytes() for path in sorted(out.iterdir())}
    assert pools == [2], "only the build asked for two processes starts any"
    assert made[1] == made[2]
    order, files = made[2]
    assert len(order) == len(files) == 2 * 2 * 3
    assert order[0][0] == "general-en-a4-bw.pdf" and order[-1][0] == "opioids-ar.txt"


def test_a_failure_in_a_worker_reads_as_in_one_process(tmp_path: Path) -> None:
    """The card is written and reported; the A5, where no service fits, is the one-paragraph
    error a single process gives, with its exit code, no traceback and no temporary file."""
    services = one_huge_service(tmp_path)
    arguments = ["build", "drug-supply", "-s", str(services), "-m", "bw", "-f", "card", "-f", "a5"]
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        done = hrleaflet_process([*arguments, "-o", str(out), "--jobs", jobs], tmp_path)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "Error: drug-supply (en): on a5 its one service does not fit" in done.stderr
        assert "drug-supply-en-card-bw.pdf" in done.stdout
        assert sorted(path.name for path in out.iterdir()) == ["drug-supply-en-card-bw.pdf"]
        outputs[jobs] = done.stdout.replace(str(out), "OUT"), done.stderr
    assert outputs["1"] == outputs["2"]


def test_leaflets_other_workers_finish_after_a_failure_are_reported(tmp_path: Path) -> None:
    """The A5 fails first in order; the card after it, made by the other worker meanwhile, is
    on disk: it is waited for and reported, so every file written is a file named (one
    process would have stopped before making it)."""
    services = one_huge_service(tmp_path)
    out = tmp_path / "out"
    arguments = ["build", "drug-supply", "-s", str(services), "-m", "bw", "-f", "a5", "-f", "card"]
    done = hrleaflet_process([*arguments, "-o", str(out), "--jobs", "2"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Error: drug-supply (en): on a5 its one service does not fit" in done.stderr
    written = sorted(path.name for path in out.iterdir())
    assert written == ["drug-supply-en-card-bw.pdf"]
    assert all(name in done.stdout for name in written)


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    done = hrleaflet_process(["build", "general", "-s", str(YAML_EXAMPLE), "--jobs", "0"], tmp_path)
    assert done.returncode == 2
    assert "--jobs" in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.parametrize(
    "error",
    [
        ContentError([Problem(Path("services.yaml"), 4, "phone", "expected text", "put it in quotes")]),
        TranslationError("2 string(s) have no usable translation", [Problem(Path("fr.po"), 9, "x", "empty")]),
    ],
    ids=["content", "translation"],
)
def test_errors_cross_from_a_worker_whole(error: Exception) -> None:
    """A worker's error reaches the parent as raised: its message and its problems, file and line."""
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.problems == error.problems  # type: ignore[attr-defined]


def test_a_first_run_makes_each_font_once_for_every_worker(tmp_path: Path) -> None:
    """Hindi's bold is an instance of a variable font, made on first use and kept: the build
    makes it before its workers start, so two workers do not both make it (and say so twice)."""
    arguments = ["build", "general", "-s", str(YAML_EXAMPLE), "-l", "hi", "-m", "bw", "-f", "a4"]
    arguments += ["-f", "card", "-o", str(tmp_path / "out"), "--jobs", "2"]
    done = hrleaflet_process(arguments, tmp_path, tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Making a bold NotoSansDevanagari font") == 1, done.stderr
    assert done.stdout.count("wrote ") == 2


def test_a_first_runs_font_files_are_made_side_by_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two font files to make (here two variable fonts' bolds; a CJK face's TrueType copy and
    its bold's take most of a minute each) are made by two worker processes at once, and are
    the files one process makes."""
    from hrleaflet.render.text import instances

    fonts = variable_bolds()
    one_process = {font.name: font.make().read_bytes() for font in fonts}  # the session's cache
    makers = tmp_path / "makers"
    makers.mkdir()
    monkeypatch.setattr(
        instances, "announce", lambda message: (makers / str(os.getpid())).write_text(message)
    )
    monkeypatch.setenv("HRLEAFLET_CACHE_DIR", str(tmp_path / "cache"))
    assert not any(font.is_made() for font in fonts)
    instances.make_fonts(fonts, workers=2)
    assert all(font.is_made() for font in fonts)
    assert {
        font.name: (tmp_path / "cache" / "fonts" / font.name).read_bytes() for font in fonts
    } == one_process
    assert len(list(makers.iterdir())) == 2 and not (makers / str(os.getpid())).exists()  # a worker each


@pytest.mark.skipif(
    not hasattr(os, "killpg") or not Path("/proc").is_dir(), reason="needs POSIX signals and /proc"
)
def test_ctrl_c_stops_a_build_at_once_and_leaves_no_worker_or_half_file(tmp_path: Path) -> None:
    """A long build (languages whose fonts need no making: `-l all` on a first run spends its
    first minutes making the CJK TrueType copy, and on a busy CI machine wrote nothing within
    the two minutes `interrupt_when` waits)."""
    out = tmp_path / "out"
    languages = "en,fr,es,de,it,pt,ru,uk,pl,ro"
    arguments = ["build", "all", "-s", str(YAML_EXAMPLE), "-l", languages, "-m", "both", "-o", str(out)]
    process = hrleaflet_started([*arguments, "--jobs", "2"], tmp_path)
    interrupt_when(process, lambda: out.is_dir() and bool(list(out.glob("*.pdf"))), "build")
    assert not list(out.glob(".*.part"))
    assert len(list(out.glob("*.pdf"))) < 6 * 10 * 2, "stopped before the end"


def test_workers_collect_as_the_console_script_does() -> None:
    """The console script collects cyclic garbage less often (`collect_less_often`); so must its
    workers, forked or not (here the parent has Python's defaults when the worker starts)."""
    import gc

    kept = gc.get_threshold()  # the test session collects as the console script does (conftest)
    gc.set_threshold(700, 10, 10)
    pool = workers.new_pool(1)
    try:
        assert pool.submit(gc.get_threshold).result(timeout=60) == workers.COLLECTOR_THRESHOLDS
    finally:
        pool.shutdown()
        gc.set_threshold(*kept)
