"""Files a learning management system imports: Moodle XML, a Canvas QTI package, GIFT and
Blackboard's upload format, one module each.

`qbank lms --format FORMAT` writes one of them; `all` writes one only when `--lms FORMAT`
names it, since most users of the other artifacts never want these.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from qbank import rubric
from qbank.errors import OptionError
from qbank.exporters import Exporter, Job, Option
from qbank.exporters.lms import words

# The formats' modules (and the XML and HTML libraries they use) are loaded by the build
# and the preflight: `all` loads this package for its options and builds it only when asked
# (--lms), and `qbank lms` writes one format of the four.

FORMATS = ("moodle", "qti", "gift", "blackboard")


def build(job: Job, lms: str | None = None, feedback: str | None = None) -> list[Path]:
    lms = chosen(lms)
    from qbank.exporters.lms import blackboard, gift, moodle, qti

    bank = job.bank
    scale = rubric.scale(bank, job.templates)  # the build's look: --templates' rubric
    headings = words.load_words(job.templates)  # the headings graders read, in the look's words
    _say_moodle_changes(job, lms)
    if lms == "moodle":
        name = job.filename("xml", kind="moodle")
        xml = moodle.moodle_xml(bank, feedback, scale, headings)
        job.write(name).write_text(xml, encoding="utf-8")
        written = [name]
    elif lms == "qti":
        name = job.filename("zip", kind="qti")
        _say_left_out(job, "Canvas's QTI", feedback)
        qti.write_package(bank, job.write(name), job.timestamp, feedback, scale, headings)
        written = [name]
    elif lms == "gift":
        name = job.filename("txt", kind="gift")
        text = gift.gift_text(bank, feedback, job.warn, headings)
        job.write(name).write_text(text, encoding="utf-8")
        written = [name]
    else:
        for said in blackboard.pictures_left_out(bank):
            job.warn(said)
        parts = blackboard.parts(bank, scale, headings)
        written = []
        for number, rows in enumerate(parts, start=1):
            part = str(number) if len(parts) > 1 else ""
            name = job.filename("txt", kind="blackboard", part=part)
            # Blackboard reads UTF-8; each row ends in a line break, none is blank
            job.write(name).write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
            written.append(name)
    job.advance(len(bank.questions))
    return [job.out_dir / name for name in written]


def preflight(job: Job, lms: str | None = None, feedback: str | None = None) -> None:
    """What `build` would refuse or warn about, without making the file: no format chosen,
    and the pictures GIFT and Blackboard cannot carry (GIFT's text, made and dropped, names
    them)."""
    _say_moodle_changes(job, chosen(lms))
    from qbank.exporters.lms import blackboard, gift

    if lms == "gift":
        gift.gift_text(job.bank, feedback, job.warn)
    elif lms == "qti":
        _say_left_out(job, "Canvas's QTI", feedback)
    elif lms == "blackboard":
        for said in blackboard.pictures_left_out(job.bank):
            job.warn(said)


def _say_moodle_changes(job: Job, lms: str) -> None:
    """What Moodle reads otherwise than the bank says, in the formats it imports: a
    section's name that nests, two sections' names that are one when cut to its length, a
    tag it keeps otherwise."""
    if lms in ("moodle", "gift"):
        from qbank.exporters.lms import category, texts

        said = category.nested_by_its_name(job.bank) + category.merged_by_cutting(job.bank)
        for line in said + texts.tags_changed(job.bank):
            job.warn(line)


def _say_left_out(job: Job, fmt: str, feedback: str | None) -> None:
    from qbank.exporters.lms import grading

    said = grading.left_out_for_graders(
        job.bank, fmt, grading.learners_see_hint(job.bank, feedback)
    )
    if said is not None:
        job.warn(said)


def chosen(lms: str | None) -> str:
    if lms is None:
        said = "qbank lms: choose a format: --format moodle, qti, gift or blackboard"
        raise OptionError(f'{said} (from Python, the option "lms": {{"lms": "moodle"}})', said)
    return lms


def in_all(options: Mapping[str, object]) -> bool:
    return options.get("lms") is not None


EXPORTER = Exporter(
    name="lms",
    look=("lms/words.toml", "packet/rubric.toml"),  # the headings; the scale's labels
    summary="LMS questions: Moodle XML, Canvas QTI, GIFT or Blackboard.",
    build=build,
    preflight=preflight,
    options=(
        Option(
            "lms",
            choices=FORMATS,
            own_flag="--format",
            metavar="FORMAT",
            aliases=(("canvas", "qti"),),  # Canvas imports QTI
            help="The LMS file to write: moodle (Moodle XML), qti (a QTI 1.2 .zip for "
            "Canvas; canvas says the same), gift (Moodle's GIFT text) or blackboard "
            "(Blackboard's tab-delimited upload). `all` writes it only when this is given.",
        ),
        Option(
            "feedback",
            choices=("hint", "none"),
            help="Whether learners see the hint after answering (QTI, GIFT, Moodle's general "
            "feedback). Default: none for an interview bank (one with a role or a rubric), "
            "else hint. Graders see it in Moodle XML and Blackboard; Canvas's QTI and GIFT have "
            "no place for it.",
        ),
    ),
    in_all=in_all,
)
