"""Which questions an interviewer packet holds: pure functions of a bank, no I/O.

`choose` picks questions spread over the sections in proportion to their size, at least one
from each section while the count allows, and optionally within a slot of minutes. The seed
alone decides which questions, through its own `random.Random`, so the same command gives
the same packet. `split_panel` deals a selection out to several interviewers, and
`time_plan` lays a selection out on a clock.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qbank.model import Bank, Question

DEFAULT_SEED = 1


def in_bank_order(bank: Bank, questions: Iterable[Question]) -> tuple[Question, ...]:
    """Section by section in the bank's order, and by number within a section."""
    rank = {s.name: i for i, s in enumerate(bank.sections)}
    return tuple(sorted(questions, key=lambda q: (rank.get(q.section, len(rank)), q.number)))


def cost(question: Question, default_minutes: int) -> int:
    """Minutes a question takes in a plan; the default when the bank gives none."""
    return question.minutes or default_minutes


def choose(
    bank: Bank,
    *,
    count: int | None = None,
    minutes: int | None = None,
    seed: int = DEFAULT_SEED,
    default_minutes: int = 5,
) -> tuple[Question, ...]:
    """Up to `count` questions that together take at most `minutes`, in bank order.

    Without either limit, every question. Each pick goes first to a section not yet
    represented, then to the section furthest behind its proportional share; the questions
    within a section come in an order shuffled by `seed`. A question that no longer fits the
    minutes left is passed over for a shorter one. While sections are still unrepresented,
    a pick also leaves time for the shortest question of each of them, so that a short slot
    covers as many sections as it can.
    """
    if count is None and minutes is None:
        return in_bank_order(bank, bank.questions)
    rng = random.Random(seed)
    names = [s.name for s in bank.sections]
    pools: dict[str, deque[Question]] = {}
    for name in names:
        questions = bank.questions_in(name)
        pools[name] = deque(rng.sample(questions, len(questions)))
    size = {name: len(pools[name]) for name in names}
    tiebreak = {name: rng.random() for name in names}
    total = sum(size.values())
    taken = dict.fromkeys(names, 0)
    limit = total if count is None else min(count, total)
    budget = minutes
    picked: list[Question] = []
    while len(picked) < limit:
        best: str | None = None
        best_key: tuple[bool, int, float] | None = None
        for name in names:
            pool = pools[name]
            if budget is not None:  # the budget only shrinks: what does not fit now never will
                while pool and cost(pool[0], default_minutes) > budget:
                    pool.popleft()
            if not pool:
                continue
            # how far the section is behind its share after one more pick, in whole units
            behind = (len(picked) + 1) * size[name] - taken[name] * total
            key = (taken[name] > 0, -behind, tiebreak[name])
            if best_key is None or key < best_key:
                best, best_key = name, key
        if best is None:
            break
        question = pools[best][0]
        if budget is not None and taken[best] == 0:
            question = _leaving_room(pools, best, taken, budget, default_minutes) or question
        pools[best].remove(question)
        picked.append(question)
        taken[best] += 1
        if budget is not None:
            budget -= cost(question, default_minutes)
    return in_bank_order(bank, picked)


def _leaving_room(
    pools: dict[str, deque[Question]],
    section: str,
    taken: dict[str, int],
    budget: int,
    default_minutes: int,
) -> Question | None:
    """The first question of `section`'s pool that leaves time for the shortest question
    of every other section still unrepresented; None when none does."""
    reserve = sum(
        min(cost(q, default_minutes) for q in pool)
        for name, pool in pools.items()
        if name != section and taken[name] == 0 and pool
    )
    for question in pools[section]:
        if cost(question, default_minutes) <= budget - reserve:
            return question
    return None


def split_panel(
    bank: Bank, questions: Sequence[Question], panel: int, default_minutes: int = 5
) -> tuple[tuple[Question, ...], ...]:
    """Deal `questions` to `panel` interviewers: disjoint, each section spread evenly.

    Within each section every question goes to the interviewer with the fewest questions
    from that section, then the fewest in all, then the fewest minutes.
    """
    if not 1 <= panel <= len(questions):
        raise ValueError(f"cannot deal {len(questions)} questions to {panel} interviewers")
    hands: list[list[Question]] = [[] for _ in range(panel)]
    minutes = [0] * panel
    ordered = in_bank_order(bank, questions)
    section_count: dict[str, list[int]] = {}
    for question in ordered:
        in_section = section_count.setdefault(question.section, [0] * panel)
        who = min(range(panel), key=lambda i: (in_section[i], len(hands[i]), minutes[i], i))
        hands[who].append(question)
        in_section[who] += 1
        minutes[who] += cost(question, default_minutes)
    return tuple(tuple(hand) for hand in hands)


@dataclass(frozen=True, slots=True)
class PlanRow:
    question: Question
    start: int  # minutes from the start of the interview
    minutes: int
    defaulted: bool  # the bank gives no time; `minutes` is the default

    @property
    def end(self) -> int:
        return self.start + self.minutes


def time_plan(
    questions: Sequence[Question], default_minutes: int, start: int = 0
) -> tuple[PlanRow, ...]:
    """The questions one after another from minute `start`, each for its minutes."""
    rows = []
    clock = start
    for question in questions:
        minutes = cost(question, default_minutes)
        rows.append(PlanRow(question, clock, minutes, question.minutes is None))
        clock += minutes
    return tuple(rows)


def by_section(questions: Sequence[Question]) -> list[tuple[str, list[Question]]]:
    """Runs of questions that share a section, in the order given."""
    groups: list[tuple[str, list[Question]]] = []
    for q in questions:
        if not groups or groups[-1][0] != q.section:
            groups.append((q.section, []))
        groups[-1][1].append(q)
    return groups
