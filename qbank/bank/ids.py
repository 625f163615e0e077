"""`check --fix-ids`: an id line, made from its text (qbank.bank.slugs), added to each
question without one, every other character of the file kept."""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qbank.bank import _Loader
from qbank.bank.checks import _scalar_text
from qbank.bank.slugs import unique_id


class Unfixable(ValueError):
    """A bank whose ids cannot be added by editing lines (anchors, explicit keys)."""


def fix_ids(data: bytes) -> tuple[bytes, list[tuple[int, str]]]:
    """The bank file's bytes with an id for each question without one, made from its text:
    a new `id:` line (or entry, in a `{...}` mapping) at the question's first key; every
    other character stays as it was. Also the (line, id) of each id added. Unfixable when
    the bank uses anchors, aliases or explicit `? key`s, which a line added at a question
    could change the meaning of."""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
        root = yaml.compose(text, Loader=_Loader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return data, []  # the check that follows reports why the bank cannot be read
    missing, taken = _without_id(root)
    if not missing:
        return data, []
    _refuse_what_lines_cannot_edit(text)
    lines = text.splitlines(keepends=True)
    new_ids: list[str] = []
    tried: dict[str, int] = {}
    language = _scalar_text(root, "language") or ""
    for node in missing:
        text = _scalar_text(node, "question") or "question"
        new_ids.append(unique_id(text, taken, tried, language))
        taken.add(new_ids[-1])
    for node, new in reversed(list(zip(missing, new_ids, strict=True))):  # from the end,
        first_key = node.value[0][0].start_mark  # so the lines above stay where they are
        line = lines[first_key.line]
        head, tail = line[: first_key.column], line[first_key.column :]
        if node.flow_style:
            lines[first_key.line] = f"{head}id: {new}, {tail}"
        else:
            ending = line[len(line.rstrip("\r\n")) :] or "\n"
            lines[first_key.line] = f"{head}id: {new}{ending}{' ' * first_key.column}{tail}"
    added, inserted = [], 0  # each id's line in the new text
    for node, new in zip(missing, new_ids, strict=True):
        added.append((node.value[0][0].start_mark.line + 1 + inserted, new))
        inserted += 0 if node.flow_style else 1
    data = "".join(lines).encode("utf-8")
    return (b"\xef\xbb\xbf" + data if bom else data), added


def _refuse_what_lines_cannot_edit(text: str) -> None:
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            what = "an anchor (&)" if isinstance(token, yaml.AnchorToken) else "an alias (*)"
        elif isinstance(token, yaml.KeyToken) and text[token.start_mark.index] == "?":
            what = "an explicit key (? key)"
        else:
            continue
        raise Unfixable(
            f"{token.start_mark.line + 1}: the bank uses {what}, and an id added to a "
            "question there might change what it repeats or means; add the ids by hand "
            "(check names each question without one)"
        )


def _without_id(root: Node | None) -> tuple[list[MappingNode], set[str]]:
    """The question mappings that have no `id` key, and the ids the others have."""
    if not isinstance(root, MappingNode):
        return [], set()
    questions = next(
        (v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "questions"), None
    )
    if not isinstance(questions, SequenceNode):
        return [], set()
    missing, taken = [], set()
    for item in questions.value:
        if not isinstance(item, MappingNode) or not item.value:
            continue
        qid = _scalar_text(item, "id")
        if qid is None and not any(k.value == "id" for k, _ in item.value):
            missing.append(item)
        elif qid:
            taken.add(qid)
    return missing, taken
