"""The study page: one self-contained HTML file to browse, search, practise and keep score.

It needs nothing but a browser: its style, script and the bank's data are inline, and its
Content-Security-Policy forbids every request, so it works from a USB stick or an email
attachment. Ratings live in the browser's localStorage under the bank's file name and each
question's id, so they survive a rebuild with a corrected bank. The look and the behaviour
are templates/html/ (page.html, style.css, app.js); this package fills them in.
"""

from __future__ import annotations

from pathlib import Path

from qbank import stylesheet
from qbank.exporters import Exporter, Job
from qbank.exporters.html.page import (
    organisation_left_out,
    render_page,
    template_problems,
    write_page,
)
from qbank.exporters.html.scheme import STYLE, contrast_warnings


def build(job: Job) -> list[Path]:
    name = job.filename("html")
    _warn_of_the_look(job)
    write_page(job.bank, job.write(name), job.templates)
    job.advance(len(job.bank.questions))
    return [job.out_dir / name]


def preflight(job: Job) -> None:
    """What `build` would refuse (a template that cannot be read or would break the page),
    found without writing: the page is made and thrown away."""
    render_page(job.bank, job.templates)
    _warn_of_the_look(job)


def _warn_of_the_look(job: Job) -> None:
    """The look's colours too pale to read, a brace of its style left open, and what an
    older page.html leaves out."""
    for said in [
        *stylesheet.brace_warnings(job.templates, STYLE),
        *contrast_warnings(job.templates),
        *organisation_left_out(job.bank, job.templates),
    ]:
        job.warn(said)


EXPORTER = Exporter(
    name="html",
    summary="A study page (.html): one offline file to search, practise and keep score.",
    look=("html/words.toml", "packet/rubric.toml"),  # its words; the anchors' scale labels
    build=build,
    preflight=preflight,
    template_problems=template_problems,
)
