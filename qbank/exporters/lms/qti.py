"""A QTI 1.2 package as Canvas imports it (Settings > Import course content > QTI .zip).

The zip holds `imsmanifest.xml`, the assessment (`<id>/<id>.xml`, a `questestinterop`) and
Canvas's `assessment_meta.xml` beside it. Each question is an `essay_question` item in the
shape Canvas's own exporter and text2qti write: a `response_str` with an empty `render_fib`,
`points_possible` the rubric's top score, and with `--feedback hint` the hint as the item's
general feedback. Identifiers come from the bank's identity and the question ids, so a second
bank with the same ids never takes the first one's place.

The bank's language is the assessment's `xml:lang`, and a section's own that of each text of
its questions (`mattext`; the DTD takes it on `item` too, but the QTI migration tool Canvas
runs first, instructure/QTIMigrationTool's lib/imsqtiv1.py, failed on an item's in its early
versions): the tool carries the assessment's to the QTI 2.1 test it makes, and passes over a
`mattext`'s of HTML; Canvas's importer reads neither, so the quiz shows as it did.

A Markdown bank's texts are HTML (texts.py); each picture is a file of the zip under
`web_resources/<bank>/`, the folder Canvas makes course files of, referred to as
`$IMS-CC-FILEBASE$/<bank>/path` as Canvas's own exports refer to course files, and listed
in the manifest as a `webcontent` resource the assessment depends on.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from qbank.exporters.lms.grading import Scale, learners_see_hint, shows_hint, top_score
from qbank.exporters.lms.moodle import question_name
from qbank.exporters.lms.texts import Attachments, file_address
from qbank.exporters.lms.words import Words, load_words
from qbank.model import Bank, Question
from qbank.reproducible import pinned_entry
from qbank.text import ELLIPSIS, shorten

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST = "imsmanifest.xml"
META = "assessment_meta.xml"
FILEBASE = "$IMS-CC-FILEBASE$/"  # Canvas's address of the package's web_resources/
WEB_RESOURCES = "web_resources/"
# Canvas typesets with MathJax 2 a page whose text holds $$ or \( (public/javascripts/
# mathml.js: isMathInElement reads textContent), then \( \[ and $$ anywhere on the page but
# in an element of class mathjax_ignore (its tex2jax ignoreClass), a class its sanitizer
# keeps. It reads the text, not the HTML: a character reference, as texts.mathjax_literal
# writes for Moodle, would not hide them. Its MathJax (config TeX-MML-AM_HTMLorMML) reads
# AsciiMath too: asciimath2jax sets what stands between two backticks ('`x`' in a Markdown
# bank's text) anywhere but in <code>, <pre> or an element of class asciimath2jax_ignore,
# its own ignoreClass, which Canvas leaves as it is (mathjax_ignore did not stop it). And
# tex2jax sets a LaTeX environment or reference with no delimiter ('\begin{align}',
# '\ref{x}': its processEnvironments and processRefs, on by default)
CANVAS_FORMULA = re.compile(r"\\[(\[]|\$\$|`|\\begin\{|\\(?:eq)?ref\{")
AS_TYPED = '<div class="mathjax_ignore asciimath2jax_ignore">'


def as_typed(html_text: str) -> str:
    """A text's HTML that Canvas shows as typed: in an element MathJax's TeX and AsciiMath
    pass over where it holds what Canvas would set as a formula (CANVAS_FORMULA), else as
    it is."""
    if CANVAS_FORMULA.search(html_text) is None:
        return html_text
    return f"{AS_TYPED}{html_text}</div>"


# what closes each formula CANVAS_FORMULA finds, by its opener: a LaTeX environment
# closes with its own \end{name}
_CLOSERS = {"\\(": "\\)", "\\[": "\\]", "$$": "$$", "`": "`"}
_BRACED = re.compile(r"([^{}]*)\}")  # the rest of a reference, or an environment's name


def _formula_span(text: str, opener: re.Match[str]) -> tuple[int, int, int] | None:
    """Where the formula that `opener` (CANVAS_FORMULA's) opens in `text` has its own text
    (start and end, without its delimiters) and where it ends; None when nothing closes it."""
    closer, at = _CLOSERS.get(opener[0]), opener.end()
    if closer is None:
        braced = _BRACED.match(text, at)
        if braced is None:
            return None
        if opener[0].endswith("ref{"):
            return at, braced.end() - 1, braced.end()
        closer, at = f"\\end{{{braced[1]}}}", braced.end()
    found = text.find(closer, at)
    return None if found < 0 else (at, found, found + len(closer))


def canvas_title(name: str, lead: int = 0) -> str:
    """A title as Canvas shows it, as text, where no element can keep MathJax off it
    ('Q1 Why is \\(v = f\\lambda\\)?' showed a formula there): cut at a word before the
    first thing Canvas would set as a formula (CANVAS_FORMULA), 'Q1 Why is…'. Where no word
    after the first `lead` characters (a question's number) comes before it, the formulas
    it opens with are an ellipsis and its words follow, 'Q2 … holds why?'; the whole text
    stands below the title as typed."""
    found = CANVAS_FORMULA.search(name, lead)
    if found is None:
        return name
    if name[lead : found.start()].strip():
        return shorten(name, found.start() + len(ELLIPSIS), at_word=True)
    at = found.start()
    while (formula := CANVAS_FORMULA.match(name, at)) and (span := _formula_span(name, formula)):
        at = len(name) - len(name[span[2] :].lstrip())
    if at == found.start() or at == len(name):  # one left open, or nothing after them
        return shorten(name, found.start() + len(ELLIPSIS), at_word=True)
    head = f"{name[: found.start()]}{ELLIPSIS} "
    return canvas_title(head + name[at:], len(head))


def quiz_title(bank: Bank) -> str:
    """The quiz's title as Canvas shows it (canvas_title). A title that is all formula
    ('\\(x\\)'), which canvas_title makes '…', is its formulas' own text without their
    delimiters ('x'), where MathJax then finds nothing to set (CANVAS_FORMULA), else the
    bank file's name ('physics'): a quiz named '…' among a course's told a teacher nothing."""
    title = canvas_title(bank.title)
    if title.strip(ELLIPSIS + " "):
        return title
    return _without_delimiters(bank.title) or bank.name


def _without_delimiters(text: str) -> str:
    """`text` with each formula's own text in its place ('\\(x\\) and \\(y\\)': 'x and y'),
    one line; '' where one is left open, or what is left would still be set by MathJax."""
    kept, at = [], 0
    while found := CANVAS_FORMULA.search(text, at):
        span = _formula_span(text, found)
        if span is None:
            return ""
        kept += [text[at : found.start()], text[span[0] : span[1]]]
        at = span[2]
    bare = " ".join("".join([*kept, text[at:]]).split())
    return "" if CANVAS_FORMULA.search(bare) else bare


def item_title(bank: Bank, question: Question) -> str:
    """The item's title: the question's name (number and words, as Moodle's), as Canvas
    shows it (canvas_title)."""
    return canvas_title(question_name(question, bank), len(question.label) + 1)


def identifier(*names: str) -> str:
    """A QTI identifier from fixed names: the same in every build, unique to the bank."""
    digest = hashlib.sha256("\x1f".join(names).encode("utf-8", "surrogateescape")).hexdigest()
    return f"g{digest[:32]}"


def assessment_id(bank: Bank) -> str:
    return identifier("qbank assessment", bank.identity)


def item_id(bank: Bank, question: Question) -> str:
    return identifier("qbank item", bank.identity, question.id)


def files_folder(bank: Bank) -> str:
    """The folder of the bank's pictures among the course's files: one per bank, so two
    banks' pictures of one name never meet."""
    return bank.identity.replace("/", "_") or "qbank"


def package_files(
    bank: Bank,
    feedback: str | None = None,
    date: str = "",
    scale: Scale = (),
    words: Words | None = None,
) -> dict[str, str | bytes]:
    """Every file of the zip by its path inside, the manifest first, the pictures last; a
    table's box named in `words` (the look's lms/words.toml; the built-in look's by
    default)."""
    ident = assessment_id(bank)
    folder = files_folder(bank)
    words = words or load_words()
    texts = Attachments(bank, lambda path: file_address(f"{FILEBASE}{folder}/", path), words)
    questions = assessment(bank, feedback, texts, scale)
    pictures = {
        f"{WEB_RESOURCES}{folder}/{path}": picture.data for path, picture in texts.files.items()
    }
    return {
        MANIFEST: manifest(bank, date, list(pictures)),
        f"{ident}/{ident}.xml": questions,
        f"{ident}/{META}": assessment_meta(bank, scale, words),
        **pictures,
    }


def write_package(
    bank: Bank,
    target: Path,
    timestamp: int,
    feedback: str | None,
    scale: Scale = (),
    words: Words | None = None,
) -> None:
    date = datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date().isoformat()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in package_files(bank, feedback, date, scale, words).items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            archive.writestr(pinned_entry(name, timestamp), data)


def manifest(bank: Bank, date: str = "", pictures: list[str] | None = None) -> str:
    """The package's manifest: the assessment, its settings and each picture (a path of
    the zip), the assessment depending on both."""
    ident = assessment_id(bank)
    meta = identifier("qbank assessment meta", bank.identity)
    files = [(identifier("qbank file", bank.identity, path), path) for path in pictures or ()]
    title = escape(quiz_title(bank))
    depends = "".join(f'\n      <dependency identifierref="{ref}"/>' for ref, _ in files)
    resources = "".join(
        f'\n    <resource identifier="{ref}" type="webcontent" href={quoteattr(path)}>'
        f"\n      <file href={quoteattr(path)}/>\n    </resource>"
        for ref, path in files
    )
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier("qbank manifest", bank.identity)}" \
xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" \
xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.3</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title><imsmd:string>{title}</imsmd:string></imsmd:title>
      </imsmd:general>
      <imsmd:lifeCycle>
        <imsmd:contribute>
          <imsmd:date><imsmd:dateTime>{date}</imsmd:dateTime></imsmd:date>
        </imsmd:contribute>
      </imsmd:lifeCycle>
    </imsmd:lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="{ident}" type="imsqti_xmlv1p2">
      <file href="{ident}/{ident}.xml"/>
      <dependency identifierref="{meta}"/>{depends}
    </resource>
    <resource identifier="{meta}" \
type="associatedcontent/imscc_xmlv1p1/learning-application-resource" href="{ident}/{META}">
      <file href="{ident}/{META}"/>
    </resource>{resources}
  </resources>
</manifest>
"""


def assessment(
    bank: Bank,
    feedback: str | None = None,
    texts: Attachments | None = None,
    scale: Scale = (),
) -> str:
    """The questions; their pictures go to `texts` (by default nowhere: alt text)."""
    show_hint = learners_see_hint(bank, feedback)
    points = top_score(bank, scale)
    texts = texts or Attachments(bank, None)
    items = "".join(_item(bank, q, points, show_hint, texts) for q in bank.questions)
    title = quoteattr(quiz_title(bank))
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="{QTI_NAMESPACE}">
  <assessment ident="{assessment_id(bank)}" title={title}{_lang(bank.language)}>
    <qtimetadata>
      <qtimetadatafield>
        <fieldlabel>cc_maxattempts</fieldlabel>
        <fieldentry>1</fieldentry>
      </qtimetadatafield>
    </qtimetadata>
    <section ident="root_section">
{items}    </section>
  </assessment>
</questestinterop>
"""


def _lang(language: str) -> str:
    """The `xml:lang` attribute of an element in `language`; '' for none."""
    return f" xml:lang={quoteattr(language)}" if language else ""


def _field(label: str, entry: str) -> str:
    return (
        "            <qtimetadatafield>\n"
        f"              <fieldlabel>{label}</fieldlabel>\n"
        f"              <fieldentry>{entry}</fieldentry>\n"
        "            </qtimetadatafield>\n"
    )


def _item(bank: Bank, question: Question, points: int, show_hint: bool, texts: Attachments) -> str:
    ident = item_id(bank, question)
    metadata = (
        _field("question_type", "essay_question")
        + _field("points_possible", str(points))
        + _field("original_answer_ids", "")
        + _field("assessment_question_identifierref", f"{ident}_ref")
    )
    feedback_condition = feedback = ""
    language = bank.language_of(question.section)
    own = _lang(language if language != bank.language else "")  # the assessment's else
    asked = escape(as_typed(texts.inline(question.question, language)))
    if shows_hint(question, show_hint):
        hint = escape(as_typed(texts.inline(question.hint, language)))
        feedback_condition = """\
          <respcondition continue="Yes">
            <conditionvar>
              <other/>
            </conditionvar>
            <displayfeedback feedbacktype="Response" linkrefid="general_fb"/>
          </respcondition>
"""
        feedback = f"""\
        <itemfeedback ident="general_fb">
          <flow_mat>
            <material>
              <mattext texttype="text/html"{own}>{hint}</mattext>
            </material>
          </flow_mat>
        </itemfeedback>
"""
    return f"""\
      <item ident="{ident}" title={quoteattr(item_title(bank, question))}>
        <itemmetadata>
          <qtimetadata>
{metadata}          </qtimetadata>
        </itemmetadata>
        <presentation>
          <material>
            <mattext texttype="text/html"{own}>{asked}</mattext>
          </material>
          <response_str ident="response1" rcardinality="Single">
            <render_fib>
              <response_label ident="answer1" rshuffle="No"/>
            </render_fib>
          </response_str>
        </presentation>
        <resprocessing>
          <outcomes>
            <decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/>
          </outcomes>
          <respcondition continue="No">
            <conditionvar>
              <other/>
            </conditionvar>
          </respcondition>
{feedback_condition}        </resprocessing>
{feedback}      </item>
"""


def assessment_meta(bank: Bank, scale: Scale = (), words: Words | None = None) -> str:
    """Canvas's quiz settings: an unpublished graded quiz worth every question's points."""
    ident = assessment_id(bank)
    total = top_score(bank, scale) * len(bank.questions)
    title = escape(quiz_title(bank))
    about = Attachments(bank, None, words).inline(bank.description, bank.language)
    described = escape(as_typed(about))
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<quiz identifier="{ident}" xmlns="http://canvas.instructure.com/xsd/cccv1p0">
  <title>{title}</title>
  <description>{described}</description>
  <shuffle_answers>false</shuffle_answers>
  <scoring_policy>keep_highest</scoring_policy>
  <hide_results></hide_results>
  <quiz_type>assignment</quiz_type>
  <points_possible>{total:.1f}</points_possible>
  <show_correct_answers>false</show_correct_answers>
  <anonymous_submissions>false</anonymous_submissions>
  <allowed_attempts>1</allowed_attempts>
  <one_question_at_a_time>false</one_question_at_a_time>
  <cant_go_back>false</cant_go_back>
  <available>false</available>
  <assignment identifier="{identifier("qbank assignment", bank.identity)}">
    <title>{title}</title>
    <workflow_state>unpublished</workflow_state>
    <quiz_identifierref>{ident}</quiz_identifierref>
    <points_possible>{total:.1f}</points_possible>
    <grading_type>points</grading_type>
    <submission_types>online_quiz</submission_types>
  </assignment>
</quiz>
"""
