"""Shared text handling: literal characters, code spans, escaping per format."""

from qbank.text import Run, plain, runs, to_html, to_reportlab


def test_code_spans_split_from_plain_text():
    assert list(runs("Use `evaluate` and `lm-eval-harness`.")) == [
        Run("Use "),
        Run("evaluate", code=True),
        Run(" and "),
        Run("lm-eval-harness", code=True),
        Run("."),
    ]


def test_unpaired_backtick_is_a_character():
    assert list(runs("it`s one tick")) == [Run("it`s one tick")]
    assert plain("a `b` c") == "a b c"


def test_double_backticks_can_hold_a_backtick():
    assert list(runs("``a`b``")) == [Run("a`b", code=True)]
    assert list(runs("`` `x` ``")) == [Run("`x`", code=True)]


def test_html_escapes_everything_and_keeps_breaks():
    text = "<script>alert(1)</script> & {{c1::x}} \"q\" 'a'\nnext `<b>`"
    assert to_html(text) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{c1::x}} \"q\" 'a'"
        "<br>next <code>&lt;b&gt;</code>"
    )


def test_reportlab_markup_is_literal():
    markup = to_reportlab("<b> &amp; </para> `x<y`\nz  w", "Mono")
    assert markup == (
        '&lt;b&gt; &amp;amp; &lt;/para&gt; <font face="Mono">x&lt;y</font><br/>z \u00a0w'
    )


def test_line_and_paragraph_separators_break_the_line():
    assert to_html("a\u2028b\u2029c\nd") == "a<br>b<br>c<br>d"
    assert to_reportlab("a\u2028b", "Mono") == "a<br/>b"
