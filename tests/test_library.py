"""qbank.build, the library's entry point: what the command line does, from Python."""

from __future__ import annotations

import datetime
import fractions
import numbers
import re
import shutil
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli
from pypdf import PdfReader

import qbank
from qbank.errors import OptionError, QbankError
from qbank.paper import PAPERS

BANK = FIXTURES / "booklet-fidelity.yaml"


def test_build_writes_the_targets_and_returns_their_paths(tmp_path):
    written = qbank.build(BANK, tmp_path, ["booklet", "anki"], {"edition": "STUDY"})
    assert [p.name for p in written] == ["booklet-fidelity-booklet.pdf", "booklet-fidelity.apkg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_build_takes_options_in_any_case(tmp_path):
    (path,) = qbank.build(BANK, tmp_path, ["cards"], {"paper": "Letter"})
    box = PdfReader(path).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAPERS["letter"].size)


def test_an_option_given_as_none_is_left_out(tmp_path):
    """`{"paper": None}` stopped the build with "'NoneType' object has no attribute 'size'",
    `{"interviewer": None}` with "'NoneType' object is not iterable" (a library trial): a
    form's empty field, passed on as None, is the option left out, as for `count`."""
    (cards,) = qbank.build(BANK, tmp_path, ["cards"], {"paper": None, "card": None})
    box = PdfReader(cards).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAPERS["a4"].size)
    written = qbank.build(BANK, tmp_path, ["packet"], {"interviewer": None, "count": None})
    assert [p.name for p in written] == ["booklet-fidelity-packet.docx"]
    # a list's empty entry too: "'NoneType' object is not iterable" (the same trial)
    written = qbank.build(BANK, tmp_path, ["packet"], {"interviewer": ["Al Kim", None]})
    assert [p.name for p in written] == ["booklet-fidelity-packet-al-kim.docx"]


class _Int64:
    """A whole number of another library, as numpy's int64: no int, but an Integral."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __int__(self) -> int:
        return self.value

    __index__ = __int__

    def __lt__(self, other: object) -> bool:
        return self.value < other

    def __gt__(self, other: object) -> bool:
        return self.value > other

    def __repr__(self) -> str:
        return f"int64({self.value})"


numbers.Integral.register(_Int64)


def test_a_number_of_another_library_is_a_number(tmp_path):
    """A count read from a data frame (numpy's int64) was refused, '--count 2: give a
    number' (a library trial)."""
    written = qbank.build(BANK, tmp_path, ["packet"], {"count": _Int64(2)})
    assert [p.name for p in written] == ["booklet-fidelity-packet-2q.docx"]
    qbank.check(BANK, tmp_path, ["cards"], {"offset_x": fractions.Fraction(3, 2)})
    with pytest.raises(OptionError, match=re.escape("--count Fraction(5, 2): give a whole")):
        qbank.check(BANK, tmp_path, ["packet"], {"count": fractions.Fraction(5, 2)})


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"offset_x": float("nan")}, "--offset-x nan: give a finite number"),
        ({"offset_y": float("inf")}, "--offset-y inf: give a finite number"),
        ({"offset_x": 50.0}, "--offset-x 50.0: the most is 20"),
        ({"card": "postcard"}, "--card 'postcard': choose one of index, business, a7"),
        ({"cut_lines": "yes"}, "--cut-lines 'yes': give true or false"),
        ({"count": 3}, "no option 'count' for cards; options are"),
        ({"no-overflow": True}, "no option 'no-overflow' for cards; did you mean 'no_overflow'"),
        ({"--offset-y": 1}, "no option '--offset-y' for cards; did you mean 'offset_y'"),
    ],
)
def test_build_refuses_what_the_command_line_refuses(tmp_path, options, message):
    with pytest.raises(OptionError, match=message.replace("(", r"\(")):
        qbank.build(BANK, tmp_path, ["cards"], options)
    assert not list(tmp_path.iterdir())


def test_an_unknown_target_is_an_option_error_with_the_name_meant(tmp_path):
    """A target misspelt was a plain QbankError, 'no exporter named 'bookelt'', where the
    docs say an unknown option is an OptionError (a library trial)."""
    with pytest.raises(OptionError, match=re.escape("'bookelt'; did you mean 'booklet'? valid")):
        qbank.build(BANK, tmp_path, ["bookelt", "anki"])
    assert not list(tmp_path.iterdir())


def test_an_option_of_an_exporter_that_all_leaves_out_is_refused(tmp_path):
    """`all` with the LMS files' `feedback` and no `lms` wrote no LMS file and said nothing
    (a library trial). It is said as the library names options too (it was said as flags
    alone, '--feedback ... give --lms too', to a caller who gave {'feedback': 'hint'}); on
    the command line in flags alone (it was said the Python form there too, a review)."""
    flags = (
        "--feedback: only lms takes it, and all builds lms only with --lms FORMAT; give --lms "
        "too, or leave --feedback out"
    )
    message = f'{flags} (from Python, the options "lms" and "feedback": {{"lms": "moodle", '
    message += '"feedback": "hint"})'
    with pytest.raises(OptionError, match=f"^{re.escape(message)}$"):
        qbank.check(BANK, tmp_path, ("all",), {"feedback": "hint"})
    said = run_cli("all", "--bank", BANK, "--out", tmp_path / "out", "--feedback", "hint")
    assert (said.exit_code, said.stderr) == (2, f"{flags}\n"), said.stderr
    # check names itself: it was told 'all builds lms ...' (a review)
    said = run_cli("check", "--bank", BANK, "--feedback", "hint")
    checks = flags.replace("all builds", "check looks at")
    assert (said.exit_code, said.stderr) == (2, f"{checks}\n"), said.stderr
    qbank.check(BANK, tmp_path, ("all",), {"feedback": "hint", "lms": "gift"})


def test_lms_without_a_format_is_told_in_the_callers_words(tmp_path):
    """The command line was told the Python form too (a review)."""
    flags = "qbank lms: choose a format: --format moodle, qti, gift or blackboard"
    with pytest.raises(OptionError) as caught:
        qbank.check(BANK, tmp_path, ("lms",))
    assert str(caught.value) == f'{flags} (from Python, the option "lms": {{"lms": "moodle"}})'
    said = run_cli("lms", "--bank", BANK, "--out", tmp_path / "out")
    assert (said.exit_code, said.stderr) == (2, f"{flags}\n"), said.stderr


def test_all_is_every_exporter_in_the_registry_order(tmp_path):
    written = qbank.build(BANK, tmp_path, "all")
    assert [p.suffix for p in written] == [".pdf", ".pdf", ".apkg", ".docx", ".pdf", ".html"]


def test_all_starts_its_longest_builds_first():
    """Workers start the cards, then the booklet, then the rest in the registry's order:
    the cards of 5,000 questions started after the deck and the packet, and ended alone."""
    from qbank.exporters import exporters
    from qbank.workers import starting_order

    steps = [(exporter, {}) for exporter in exporters()]
    started = [steps[index][0].name for index, _ in starting_order(steps)]
    assert started == ["cards", "booklet", "anki", "packet", "html"]


def test_one_name_where_a_list_is_taken_counts_once(tmp_path):
    """`{"interviewer": "Al"}` made packets for interviewers 'a' and 'l', `sections="S"` a
    section 'S'... (a library trial): a value alone is one value."""
    bank = FIXTURES / "minimal.yaml"
    written = qbank.build(bank, tmp_path, ["packet"], {"interviewer": "Al Kim"})
    assert [p.name for p in written] == ["minimal-packet-al-kim.docx"]
    section = qbank.check(bank, tmp_path, "anki").sections[0].name
    assert qbank.build(bank, tmp_path / "s", "anki", sections=section)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"options": ["paper"]}, "options: give a mapping"),
        ({"options": {1: "a4"}}, "options: name each option by its name as text"),
        ({"targets": None}, "targets: give a name or a list of names"),
        ({"targets": []}, "targets: name at least one artifact"),
        ({"sections": [1]}, "sections: give a name or a list of names"),
        ({"organisation": 123}, "organisation: give text"),
        ({"workers": 0}, "workers: give a whole number of 1 or more"),
        ({"warn": 3}, "warn: give a function"),
        ({"progress": "x"}, "progress: give a function"),
        ({"logo": 3}, "logo: give a path"),
        ({"bank_path": None}, "bank_path: give a path, not None"),
        ({"bank_path": b"bank.yaml"}, "bank_path: give a path, not b'bank.yaml'"),
        ({"out_dir": None}, "out_dir: give a path, not None"),
        ({"timestamp": "2026"}, "timestamp: give whole seconds since 1970 or a datetime"),
        (
            {"timestamp": datetime.datetime(2026, 1, 1)},  # no zone: the mistake tried
            "timestamp: give a datetime with its time zone",
        ),
        (
            {"bank_path": "title: T\nquestions:\n  - {id: a, section: S}\n"},
            "bank_path: give the path of a file, not text of several lines ('title: T",
        ),
    ],
)
def test_a_wrong_kind_of_argument_is_a_type_error_that_names_it(tmp_path, given, message):
    """An AttributeError from deep inside ('list' object has no attribute 'items') was all a
    caller got (a library trial); a bank or a folder of None, 'expected str, bytes or
    os.PathLike object, not NoneType' (another); a bank's YAML text, that text and ': cannot
    read the bank: No such file or directory' (a third)."""
    arguments = {"bank_path": BANK, "out_dir": tmp_path, "targets": ["anki"], "options": None}
    arguments |= given
    with pytest.raises(TypeError, match=re.escape(message)):
        qbank.build(**arguments)
    if not {"progress", "workers", "timestamp"} & given.keys():  # build's alone
        with pytest.raises(TypeError, match=re.escape(message)):
            qbank.check(**arguments)
    assert not list(tmp_path.iterdir())


def test_a_timestamp_dates_this_build_alone(tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH, one variable of the process, was the only way to give a build its
    time, shared by builds in threads (a library trial): `timestamp=` gives this build the
    time the variable would, as seconds or as a datetime with its zone."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    moment = 1_767_225_600  # 2026-01-01 00:00 UTC
    aware = datetime.datetime.fromtimestamp(moment, datetime.UTC)
    targets = ["anki", "packet"]
    seconds = qbank.build(BANK, tmp_path / "s", targets, timestamp=moment, workers=1)
    dated = qbank.build(BANK, tmp_path / "d", targets, timestamp=aware, workers=1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(moment))
    pinned = qbank.build(BANK, tmp_path / "p", targets, workers=1)
    for one, two, three in zip(seconds, dated, pinned, strict=True):
        assert one.read_bytes() == two.read_bytes() == three.read_bytes(), one.name
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the argument wins over the variable
    again = qbank.build(BANK, tmp_path / "a", targets, timestamp=moment, workers=1)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in pinned]
    with pytest.raises(QbankError, match=r"timestamp: -1 is not from 1970 to the end of 2107"):
        qbank.build(BANK, tmp_path / "n", targets, timestamp=-1)
    assert not (tmp_path / "n").exists()


def test_an_error_in_a_worker_is_raised_as_its_own_kind(tmp_path):
    """An option refused or a card that does not fit in a worker process came back as a
    plain QbankError, as the same build in one process raised an OptionError or a
    BuildError (a library trial): a service's handling hung on how many cores it had."""
    from qbank.errors import BuildError

    overflow = FIXTURES / "cards-overflow.yaml"
    for workers in (1, 2):
        with pytest.raises(BuildError):
            qbank.build(
                overflow, tmp_path, ["cards", "html"], {"no_overflow": True}, workers=workers
            )
        with pytest.raises(OptionError, match="given twice"):
            given = {"interviewer": ["Bob", "bob"]}
            qbank.build(BANK, tmp_path, ["packet", "html"], given, workers=workers)


def test_a_build_leaves_the_hosts_frozen_objects_frozen(tmp_path):
    """A build in workers undid a host program's gc.freeze() (a server's before it forks)."""
    import gc

    kept = [object()]  # a container the collector tracks, frozen with the rest
    gc.freeze()
    try:
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())  # frozen ones are not listed
        qbank.build(BANK, tmp_path, ["anki", "html"], workers=2)
        # still frozen; the count alone fell by one under load, a frozen object freed
        assert not any(o is kept for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_the_library_is_typed_and_lists_what_it_offers():
    assert {"build", "check"} <= set(dir(qbank))
    assert qbank.check.__annotations__["sections"] == "Sequence[str]"


def test_check_refuses_a_folder_the_build_could_not_write(tmp_path, monkeypatch):
    """`check` passed where the build then found --out read-only (a library trial, as a
    user other than root: root may write anywhere, so the test says which folder is
    read-only). A folder still to be made is asked of the one it would be made in."""
    import os

    from qbank import lifecycle
    from qbank.errors import QbankError

    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    monkeypatch.setattr(lifecycle.os, "access", lambda p, mode: p != locked and real(p, mode))
    with pytest.raises(QbankError, match="the folder cannot be written"):
        qbank.check(BANK, locked, ["anki"])
    with pytest.raises(QbankError, match=f"cannot create the folder: {locked} cannot be"):
        qbank.check(BANK, locked / "new" / "out", ["anki"])
    assert qbank.check(BANK, tmp_path / "free", ["anki"]).questions


def test_a_build_leaves_the_hosts_start_method_unset(tmp_path):
    """A build with workers fixed the process's start method ('fork'), so that the host's
    later multiprocessing.set_start_method('spawn') raised 'context has already been set'
    (a hostile trial). Checked in a fresh interpreter, whose method is still unset."""
    import subprocess
    import sys

    script = (
        "import multiprocessing, qbank, sys\n"
        "qbank.build(sys.argv[1], sys.argv[2], ['anki', 'html'], workers=2)\n"
        "print(multiprocessing.get_start_method(allow_none=True))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(BANK), str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None"


def test_a_build_in_a_pools_worker_builds_in_that_process(tmp_path):
    """In a multiprocessing Pool's (daemonic) worker a build raised 'daemonic processes are
    not allowed to have children' (a hostile trial): it builds there, one exporter after
    another."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        written = pool.apply(qbank.build, (BANK, tmp_path, ["anki", "html"]), {"workers": 2})
    assert [p.suffix for p in written] == [".apkg", ".html"]


@pytest.mark.parametrize(
    "call",
    [
        lambda bank, out, warn: qbank.check(bank, out, ["booklet", "cards"], warn=warn),
        lambda bank, out, warn: qbank.build(bank, out, ["booklet", "cards"], warn=warn),
        lambda bank, out, warn: qbank.build(bank, out, ["booklet", "cards"], warn=warn, workers=2),
    ],
    ids=["check", "build", "build in workers"],
)
def test_warn_is_called_once_with_each_warning(tmp_path, call):
    """Each PDF exporter found the bank's Hindi text missing from its fonts, and a host
    program's warn= got the same line once from each (a library trial), where the command
    line printed it once."""
    warnings: list[str] = []
    call(FIXTURES / "hostile-scripts.yaml", tmp_path, warnings.append)
    assert any("no glyph for" in message for message in warnings)
    assert len(warnings) == len(set(warnings))


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_script_that_builds_at_its_top_level_is_told_why_it_stopped(tmp_path, method):
    """Under spawn or a fork server each worker imports the script again, builds at its
    top level and fails (Python's 'bootstrapping phase' error in the worker's own
    traceback); the host was told 'anki: the build stopped (exit 1)' alone, and under a
    fork server of the spawn start method (a library trial)."""
    import subprocess
    import sys

    script = tmp_path / "host.py"
    script.write_text(
        "import multiprocessing, sys, qbank\n"
        f"multiprocessing.set_start_method('{method}', force=True)\n"
        "try:\n"
        "    qbank.build(sys.argv[1], sys.argv[2], ['anki', 'html'], workers=2)\n"
        "except qbank.errors.QbankError as error:\n"
        "    print(error.format_message())\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script), str(BANK), str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert f"Under the {method} start method" in done.stdout
    assert 'qbank.build under `if __name__ == "__main__":`, or give workers=1' in done.stdout
    assert not list((tmp_path / "out").iterdir())


def test_a_build_begun_as_a_worker_starts_writes_nothing(tmp_path, monkeypatch):
    """What a worker of spawn or a fork server does as it imports a script that builds at
    its top level, before multiprocessing's own check stops it: the parent may stop it
    while that build's staging folder stands, which stayed in the output folder (a full
    run of the suite on a busy machine, the test above). It stops before writing."""
    import multiprocessing

    import qbank

    monkeypatch.setattr(multiprocessing.current_process(), "_inheriting", True, raising=False)
    with pytest.raises(RuntimeError, match="__main__"):
        qbank.build(BANK, tmp_path / "out", ["anki"])
    assert not (tmp_path / "out").exists()


def test_the_docs_show_progress_and_warnings_that_work(tmp_path, monkeypatch, capsys):
    """docs/library.md named `progress=` and nothing of its shape (a function of the
    questions and exporters that gives a context manager, which gives the function to call
    with each count): a host program had to read the source (a library trial)."""
    text = (FIXTURES.parent.parent / "docs" / "library.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    (example,) = [block for block in blocks if "progress=" in block]
    (tmp_path / "bank").mkdir()
    (tmp_path / "bank" / "platform.yaml").write_text(
        "title: T\nquestions:\n"
        "  - {id: a, section: S, question: 'What is नमस्ते?', hint: h, minutes: 3}\n"
        "  - {id: b, section: S, question: 'And then?', hint: h}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    done: dict = {}
    exec(example, done)
    assert capsys.readouterr().out.splitlines()[-1] == "10 of 10"  # 2 questions, 5 exporters
    assert len(done["written"]) == 6
    warnings = done["warnings"]
    assert len(warnings) == len(set(warnings)) == 2, warnings
    assert "no glyph for" in warnings[0] and "no 'minutes'" in warnings[-1]


@pytest.mark.parametrize("function", ["build", "check"])
@pytest.mark.parametrize("argument", ["templates", "logo"])
def test_a_path_argument_may_be_text_as_its_type_says(function, argument):
    """`templates=` and `logo=` took a path as text, while their annotation said Path
    alone: a type checker refused `templates="look"` (a library trial)."""
    assert getattr(qbank, function).__annotations__[argument] == "Path | str | None"


def test_a_build_in_workers_started_by_a_fork_server_builds(tmp_path):
    """Under the forkserver start method (a host's choice; Python 3.14's default on Linux)
    each worker found its parent was not the build's process, took it for dead and stopped:
    'anki: the build stopped (exit 1)' (a library trial)."""
    import subprocess
    import sys

    script = (
        "import multiprocessing, sys, qbank\n"
        "if __name__ == '__main__':\n"
        "    multiprocessing.set_start_method('forkserver')\n"
        "    written = qbank.build(sys.argv[1], sys.argv[2], ['anki', 'html'], workers=2)\n"
        "    print(*(path.name for path in written))\n"
    )
    host = tmp_path / "host.py"
    host.write_text(script, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(host), str(BANK), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout == "booklet-fidelity.apkg booklet-fidelity.html\n", done.stderr


def test_a_build_in_workers_while_another_thread_imports_finishes(tmp_path):
    """A web server's threads, one checking a bank as another built: a worker forked while
    the first was importing a module of the DOCX packet waited for ever for the module's
    import lock, held by a thread the worker does not have, and the build with it (a
    library trial; a lock of python-docx's XML parser did the same). The importing thread
    here stays in the module's import until a worker has forked, or for two seconds."""
    import subprocess
    import sys

    script = (
        "import importlib, importlib.abc, importlib.util, os, sys, threading, qbank\n"
        "SLOW = 'qbank.exporters.packet.richtext'\n"
        "started, forked = threading.Event(), threading.Event()\n"
        "class Finder(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name != SLOW:\n"
        "            return None\n"
        "        sys.meta_path.remove(self)\n"
        "        spec = importlib.util.find_spec(name)\n"
        "        real = spec.loader\n"
        "        class Loader(importlib.abc.Loader):\n"
        "            def exec_module(self, module):\n"
        "                started.set()\n"
        "                forked.wait(2)\n"
        "                real.exec_module(module)\n"
        "        spec.loader = Loader()\n"
        "        return spec\n"
        "sys.meta_path.insert(0, Finder())\n"
        "threading.Thread(target=importlib.import_module, args=(SLOW,)).start()\n"
        "started.wait()\n"
        "os.register_at_fork(after_in_parent=forked.set)\n"
        "written = qbank.build(sys.argv[1], sys.argv[2], ['packet', 'html'], workers=2)\n"
        "print(*(path.name for path in written))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(BANK), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout == "booklet-fidelity-packet.docx booklet-fidelity.html\n", done.stderr


def test_the_debrief_takes_paths_as_text_and_one_packet_alone(tmp_path):
    """`qbank.debrief.debrief` took no path as text ("'str' object has no attribute
    'exists'"), read the letters of one packet's path as packets ('/: is a folder, not a
    packet file'), and one Path was 'not iterable' (a library trial): its arguments are
    build's."""
    from qbank.debrief import debrief

    bank = FIXTURES / "minimal.yaml"
    filled = _filled_packet(bank, tmp_path)
    written = debrief(str(filled), str(bank), str(tmp_path / "debrief"))
    assert [p.name for p in written] == ["minimal-debrief-jo-ng.docx", "minimal-debrief-jo-ng.csv"]
    # dated by its own timestamp, as SOURCE_DATE_EPOCH dates it
    dated = debrief(filled, bank, tmp_path / "dated", timestamp=1_767_225_600)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        pinned = debrief(filled, bank, tmp_path / "pinned")
    assert [p.read_bytes() for p in dated] == [p.read_bytes() for p in pinned]
    assert dated[0].read_bytes() != written[0].read_bytes()


def _filled_packet(bank, folder):
    """A packet of `bank` for Jo Ng, built and filled in (every question rated 3) in
    `folder`/filled."""
    from filling import Filled, fill, question_ids

    (packet,) = qbank.build(bank, folder / "packets", ["packet"], {"candidate": "Jo Ng"})
    (folder / "filled").mkdir()
    ratings = {question: [3] for question in question_ids(packet)}
    return fill(packet, folder / "filled" / packet.name, Filled({}, ratings))


def test_the_docs_show_a_debrief_that_works(tmp_path, monkeypatch, capsys):
    """docs/library.md named no debrief: a nightly job that reads filled packets had to
    find qbank.debrief.debrief in the source (a library trial); nor how to read a
    refusal's problems apart."""
    text = (FIXTURES.parent.parent / "docs" / "library.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    (example,) = [b for b in blocks if "debrief(" in b and "except" not in b]
    (tmp_path / "bank").mkdir()
    bank = tmp_path / "bank" / "platform.yaml"
    bank.write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    _filled_packet(bank, tmp_path)
    monkeypatch.chdir(tmp_path)
    done: dict = {}
    exec(example, done)
    assert [p.name for p in done["written"]] == [
        "platform-debrief-jo-ng.docx",
        "platform-debrief-jo-ng.csv",
    ]
    assert "platform-packet-jo-ng.docx: no overall recommendation ticked" in done["gaps"][-1]
    # and one that reads a refusal's problems apart: the packets', then the bank's
    (refusal,) = [b for b in blocks if "except PacketError" in b]
    exec(refusal, {})
    said = capsys.readouterr().out.splitlines()
    assert said[-1] == "filled/platform-packet-jo-ng.docx: no overall recommendation ticked"
    bank.write_text(bank.read_text(encoding="utf-8") + "  - {id: third}\n", encoding="utf-8")
    exec(refusal, {})
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "bank/platform.yaml, line 17: question 'third': missing 'section'", said
    assert not (tmp_path / "out").exists()


def test_a_debrief_refused_holds_each_packet_and_its_problem(tmp_path):
    """A debrief's refusal was one QbankError of 'PACKET: message' lines, with nothing to
    read them by (a library trial): a PacketError holds each problem with the packet as
    given, its text what the command prints."""
    from qbank.debrief import debrief
    from qbank.errors import PacketError, PacketProblem

    bank = tmp_path / "bank.yaml"
    bank.write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    filled = _filled_packet(bank, tmp_path)
    again = shutil.copy(filled, tmp_path / "filled" / "again.docx")
    (tmp_path / "empty.docx").touch()
    (tmp_path / "notes.docx").write_text("notes")
    # every packet's problem at once, whichever step finds it: the debrief stopped at the
    # first it could not read, and said that one alone (a coordinator's trial)
    four = [filled, tmp_path / "empty.docx", again, tmp_path / "notes.docx"]
    with pytest.raises(PacketError) as unreadable:
        debrief(four, bank, tmp_path / "out")
    assert [(p.packet, p.message[:15]) for p in unreadable.value.problems] == [
        (tmp_path / "empty.docx", "the file is emp"),
        (again, "interviewer 1 o"),
        (tmp_path / "notes.docx", "the file is dam"),
    ]
    said = run_cli("debrief", *four, "--bank", bank, "--out", tmp_path / "out")
    assert (said.exit_code, said.stderr) == (1, str(unreadable.value) + "\n")
    with pytest.raises(PacketError) as strict:
        debrief(filled, bank, tmp_path / "out", strict=True)
    assert strict.value.problems[-1] == PacketProblem(filled, "no overall recommendation ticked")
    assert strict.value.summary == "--strict: 3 problems found"
    assert str(strict.value).splitlines() == [
        *map(str, strict.value.problems),
        "--strict: 3 problems found",
    ]
    with pytest.raises(PacketError) as twice:
        debrief([filled, again], bank, tmp_path / "out")
    assert [p.packet for p in twice.value.problems] == [again]
    assert twice.value.problems[0].message.startswith(
        "interviewer 1 of 1 (no name typed) also rated"
    )
    bank.write_text(bank.read_text().replace("question: And", "question: But"))
    with pytest.raises(PacketError) as changed:
        debrief([tmp_path / "empty.docx", filled, str(again)], bank, tmp_path / "out")
    assert [(p.packet, p.message[:40]) for p in changed.value.problems] == [
        (tmp_path / "empty.docx", "the file is empty; the packet was not sa"),
        (filled, "Q2: the question text of second changed "),
        (Path(again), "Q2: the question text of second changed "),
    ]
    assert str(changed.value) == "\n".join(
        f"{p.packet}: {p.message}" for p in changed.value.problems
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows allows no ':' in a file's name")
def test_a_packet_named_as_another_packets_problem_begins_is_not_given_it(tmp_path):
    """Each problem is its packet's as made: the text taken apart at a packet's name gave
    packet 'ana''s 'Q1: no rating ticked' to a packet named as that text begins, 'ana: Q1'
    (a review). The ': ' a problem's text puts after its packet is the case itself, so it
    cannot be had with a name Windows allows; nor can the mix-up there."""
    from filling import Filled, fill, question_ids

    from qbank.debrief import debrief
    from qbank.debrief.validate import NOT_FILLED_IN
    from qbank.errors import PacketError, PacketProblem

    bank = tmp_path / "bank.yaml"
    bank.write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    (packet,) = qbank.build(bank, tmp_path / "packets", ["packet"])
    ana = fill(packet, tmp_path / "ana", Filled({}, {question_ids(packet)[1]: [3]}))
    shutil.copy(packet, tmp_path / "ana: Q1")
    with pytest.raises(PacketError) as named:
        debrief([ana, tmp_path / "ana: Q1"], bank, tmp_path / "out", strict=True)
    said = "Q1: no rating ticked; ask the interviewer for the score, then tick it at Q1"
    assert PacketProblem(ana, said) in named.value.problems
    said = [p.message for p in named.value.problems if p.packet == tmp_path / "ana: Q1"]
    assert said == [f"{NOT_FILLED_IN}; it is left out of the debrief"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"packet_paths": 3}, "packet_paths: give a path or a list of paths, not 3"),
        ({"packet_paths": [None]}, "packet_paths: give a path, not None"),
        ({"bank_path": b"bank.yaml"}, "bank_path: give a path, not b'bank.yaml'"),
        ({"out_dir": None}, "out_dir: give a path, not None"),
        ({"warn": 3}, "warn: give a function, not 3"),
        ({"templates": 3}, "templates: give a path, not 3"),
    ],
)
def test_a_wrong_kind_of_argument_to_the_debrief_is_a_type_error_that_names_it(
    tmp_path, given, message
):
    """A debrief into no folder raised "'NoneType' object has no attribute 'exists'", a
    warn that is no function "'int' object is not callable" (a library trial)."""
    from qbank.debrief import debrief

    arguments = {"packet_paths": [tmp_path / "p.docx"], "bank_path": BANK, "out_dir": tmp_path}
    with pytest.raises(TypeError, match=re.escape(message)):
        debrief(**(arguments | given))
    assert not list(tmp_path.iterdir())
