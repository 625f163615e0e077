"""Which questions an interviewer packet holds: pure functions of a bank, no I/O.

`choose` picks questions spread over the sections in proportion to their size, at least one
from each section while the count allows, and optionally within a slot of minutes. The seed
alone decides which questions, through its own `random.Random`, so the same command gives
the same packet. `split_panel` deals a selection out to several interviewers, and
`time_plan` lays a selection out on a clock.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from qbank.exporters.packet.balance import covers, rebalance
from qbank.model import Bank, Question
from qbank.text import agrees, counted

DEFAULT_SEED = 1


def in_bank_order(bank: Bank, questions: Iterable[Question]) -> tuple[Question, ...]:
    """Section by section in the bank's order, and by number within a section."""
    rank = {s.name: i for i, s in enumerate(bank.sections)}
    return tuple(sorted(questions, key=lambda q: (rank.get(q.section, len(rank)), q.number)))


@dataclass(frozen=True)
class Choice:
    """What `choose` found: the questions in bank order, and the groups it had to ask
    twice because the request could not be met otherwise."""

    questions: tuple[Question, ...]
    doubled: tuple[str, ...] = ()


class Unfillable(ValueError):
    """--count N and --minutes M together ask for more than the bank can give."""


def choose(
    bank: Bank,
    *,
    count: int | None = None,
    minutes: int | None = None,
    seed: int = DEFAULT_SEED,
) -> Choice:
    """Up to `count` questions that together take at most `minutes`: one interview.

    Without either limit, every question. Otherwise in two steps. First one question of
    every section: with `minutes`, the shortest of each, when they fit together (else the
    sections whose shortest questions are shortest, as many as fit); with only `count`,
    the largest sections when there are fewer picks than sections. Then the picks go to the
    section furthest behind its share of the bank, and, with `minutes`, the last pick is
    the question that uses the time left most fully. Last, swaps bring the sections closer
    to their shares where a long question took another section's time (`rebalance`, which
    gives up nothing else). The seed alone decides among equals.

    No two questions share a `group`, unless `count` cannot be reached otherwise; those
    groups are returned in `doubled`. With both limits, the `count` shortest questions must
    fit the `minutes`, else `Unfillable`.
    """
    if count is None and minutes is None:
        return Choice(in_bank_order(bank, bank.questions))
    return deal(bank, 1, count=count, minutes=minutes, seed=seed)[0]


def deal(
    bank: Bank,
    panel: int,
    *,
    count: int | None = None,
    minutes: int | None = None,
    seed: int = DEFAULT_SEED,
    pins: Sequence[Sequence[Question]] = (),
    exposure: Mapping[str, int] | None = None,
) -> tuple[Choice, ...]:
    """`panel` interviews as `choose` makes one, no question in two of them. The
    interviewers pick in turn, one question each, so a small bank is shared fairly.

    With competencies, the first picks cover each competency once across the panel (so a
    single interview covers them all where its time allows), the weightiest first, then
    the one with the fewest questions; where taking the fewest questions first covers
    more weight (a panel short of time whose heavy competencies filled the interviews
    that a light one alone fitted: a review), that order is kept. `pins[i]` are questions
    interview i asks whatever else is chosen (--include); the caller has checked that they
    fit. With `exposure` (how many earlier candidates each question id was asked of:
    --fresh-against), among the questions each step may take the least asked come first."""
    wanted = len(bank.questions) if count is None else count
    limit = min(wanted, len(bank.questions))
    if count is not None and minutes is not None:
        shortest = sorted(q.planned_minutes for q in bank.questions)[:limit]
        if sum(shortest) > minutes:
            fewer = (
                f"the bank has {counted(limit, 'question')}, and "
                + agrees(limit, "it takes", "all of them take")
                if limit < wanted and limit == len(bank.questions)
                else agrees(
                    limit, "the shortest question takes", f"the {limit} shortest questions take"
                )
            )
            raise Unfillable(
                f"{fewer} {counted(sum(shortest), 'minute')}, more than the {minutes} left for "
                "questions"
            )

    def run(strict: bool) -> list[list[Question]]:
        hands = run_in(strict, weightiest_first=True)
        if not bank.competencies:
            return hands
        other = run_in(strict, weightiest_first=False)
        return other if covers(bank, other) > covers(bank, hands) else hands

    def run_in(strict: bool, weightiest_first: bool) -> list[list[Question]]:
        covered: Counter[str] = Counter()  # the panel's questions per competency
        pickers = [
            _Picker(
                bank,
                limit,
                count is not None,
                minutes,
                seed,
                covered,
                exposure,
                panel == 1,
                weightiest_first,
            )
            for _ in range(panel)
        ]
        for picker, pinned in zip(pickers, pins, strict=False):
            for question in pinned:
                picker.take(question)
                for other in pickers:
                    other.drop(question)
        moving = True
        while moving:
            moving = False
            for picker in pickers:
                question = picker.step(strict)
                if question is not None:
                    moving = True
                    for other in pickers:
                        other.drop(question)
        return [picker.picked for picker in pickers]

    hands = run(strict=True)
    if count is not None and any(len(hand) < limit for hand in hands):
        relaxed = run(strict=False)  # the groups stand in the way: ask one twice
        if sum(map(len, relaxed)) > sum(map(len, hands)):
            hands = relaxed
    # the seed's next question of the section furthest behind can eat the time the other
    # sections' shares needed: swaps that bring each interview closer to its shares
    hands = rebalance(
        bank, hands, limit=limit, minutes=minutes, seed=seed, pins=pins, exposure=exposure
    )
    choices = []
    for hand in hands:
        seen = Counter(q.group for q in hand if q.group is not None)
        doubled = tuple(sorted(g for g, n in seen.items() if n > 1))
        choices.append(Choice(in_bank_order(bank, hand), doubled))
    return tuple(choices)


class _Picker:
    """One run of the picker over `available`; `pick` may be called once."""

    def __init__(
        self,
        bank: Bank,
        limit: int,
        counted: bool,
        budget: int | None,
        seed: int,
        covered: Counter[str] | None = None,
        exposure: Mapping[str, int] | None = None,
        alone: bool = True,
        weightiest_first: bool = True,
    ) -> None:
        rng = random.Random(seed)
        self.exposure = exposure or {}
        self.names = [s.name for s in bank.sections]
        # the seed orders each section's questions, and breaks ties between sections
        self.pools: dict[str, list[Question]] = {}
        for name in self.names:
            pool = bank.questions_in(name)
            # the least asked of earlier candidates first (a stable sort: else the seed's)
            self.pools[name] = sorted(rng.sample(pool, len(pool)), key=self.asked)
        self.tiebreak = {name: rng.random() for name in self.names}
        self.size = {name: len(bank.questions_in(name)) for name in self.names}
        self.total = sum(self.size.values())
        self.taken = dict.fromkeys(self.names, 0)
        self.limit = limit
        self.counted = counted  # the limit is a --count to reach, not just the bank's size
        self.budget = budget
        self.picked: list[Question] = []
        self.groups: set[str] = set()
        self.covering = True  # still giving each section its first question
        # the competencies to cover, the weightiest first (`weightiest_first`), then fewest
        # questions first (the hardest to place): a panel's interviewers cover them in this
        # order, so that a panel too short for all leaves out the lightest (three 12-minute
        # interviews of a trial's SRE bank left out a weight 2 competency and covered a
        # weight 1 one); deal keeps the order that covers the more
        measured = Counter(q.competency for q in bank.questions if q.competency is not None)
        order = {c.name: i for i, c in enumerate(bank.competencies)}
        self.weights = {c.name: c.weight for c in bank.competencies}
        self.competencies = sorted(
            measured,
            key=lambda c: (
                -self.weights.get(c, 1) if weightiest_first else 0,
                measured[c],
                order.get(c, 0),
            ),
        )
        self.measured = measured  # how many questions each competency has
        self.covered = Counter() if covered is None else covered  # shared by the panel
        self.alone = alone  # one interview: its own time covers what it can

    def asked(self, question: Question) -> int:
        """How many earlier candidates were asked `question` (0 without --fresh-against)."""
        return self.exposure.get(question.id, 0)

    def open(self, question: Question, strict: bool) -> bool:
        """Still free to pick: fits the time left and, when `strict`, its group is not
        asked yet."""
        if self.budget is not None and question.planned_minutes > self.budget:
            return False
        return not (strict and self.repeats(question))

    def candidates(self, name: str, strict: bool) -> list[Question]:
        """The open questions of a section in the seed's order; when groups may be asked
        twice, those that would not repeat one still come first."""
        pool = [q for q in self.pools[name] if self.open(q, strict)]
        return pool if strict else sorted(pool, key=self.repeats)

    def repeats(self, question: Question) -> bool:
        return question.group is not None and question.group in self.groups

    def drop(self, question: Question) -> None:
        """Another interviewer asks `question`."""
        pool = self.pools[question.section]
        if question in pool:
            pool.remove(question)

    def take(self, question: Question) -> Question:
        self.pools[question.section].remove(question)
        self.picked.append(question)
        self.taken[question.section] += 1
        if question.competency is not None:
            self.covered[question.competency] += 1
        if question.group is not None:
            self.groups.add(question.group)
        if self.budget is not None:
            self.budget -= question.planned_minutes
        return question

    def leaves_room(self, question: Question, strict: bool, reserve: int = 0) -> bool:
        """With a count to reach in the time: after `question`, the picks still to make
        fit the time left even as the shortest questions (plus `reserve` minutes)."""
        if self.budget is None or not self.counted:
            return True
        still = self.limit - len(self.picked) - 1
        others = sorted(
            q.planned_minutes
            for pool in self.pools.values()
            for q in pool
            if q is not question and self.open(q, strict)
        )
        return question.planned_minutes + reserve + sum(others[:still]) <= self.budget

    def step(self, strict: bool) -> Question | None:
        """Make one pick: a section's first question while sections are left to cover,
        then the fill. None when nothing more can be picked."""
        if len(self.picked) >= self.limit:
            return None
        if self.competencies:
            question = self.cover_competency(strict)
            if question is not None:
                return self.take(question)
            self.competencies = []
        if self.covering:
            question = self.cover(strict)
            if question is not None:
                return self.take(question)
            self.covering = False
        question = self.fill(strict)
        return None if question is None else self.take(question)

    def cover_competency(self, strict: bool) -> Question | None:
        """A question of the first competency no interviewer of the panel asks yet: of a
        section not asked yet if there is one, with a time budget the shortest that leaves
        room (so a short slot covers as many competencies as it can). In one interview with
        a budget, a question is passed over when taking it would leave fewer competencies
        coverable than the slot and the picks left can hold (a 12-minute question of a new
        section where a 6-minute one would do: 5 of 8 in 40 minutes, where 7 fit). Not in
        a panel, whose interviewers cover the competencies together: one passing over a
        question only leaves it to another, with less time for the rest."""
        pools: dict[str, list[Question]] = {}
        for name in self.competencies:
            if self.covered[name]:
                continue
            pools[name] = [
                q
                for section in self.names
                for q in self.candidates(section, strict)
                if q.competency == name
                and (self.budget is None or q.planned_minutes <= self.budget)
            ]
        budget = self.budget if self.alone else None
        left = self.limit - len(self.picked)  # the picks still to make
        if budget is not None:
            shortest = {n: min(q.planned_minutes for q in p) for n, p in pools.items() if p}
            most = min(_coverable(shortest, budget), left)
        viable: list[Question] = []
        # the sections some other competency still to cover has all its questions in: a
        # question there is a competency's last choice (beta's question in X took the one
        # section alpha could be asked in, and Y went unasked: a review)
        sections_of = {name: {q.section for q in pool} for name, pool in pools.items()}
        for name, pool in pools.items():
            sole = {s for n, got in sections_of.items() if n != name and len(got) == 1 for s in got}
            # the best first; `leaves_room` sorts every open question, so it is asked of
            # the best only until one fits (--count 10 --minutes 90 on 5,000 questions
            # with 8 competencies: 38 s down to 4 s)
            pool.sort(
                key=lambda q: (
                    self.asked(q),
                    self.taken[q.section] > 0,
                    q.section in sole,
                    q.planned_minutes,
                )
            )
            for q in pool:
                if budget is not None:
                    rest = _coverable(shortest, budget - q.planned_minutes, without=name)
                    if min(1 + rest, left) < most:
                        continue
                if self.leaves_room(q, strict):
                    if budget is None:  # the hardest competency to place first
                        return q
                    viable.append(q)
                    break
        # One interview's slot, each of these keeping as many competencies coverable as
        # fit: one of a section not asked yet first (in a 30-minute slot a second question
        # of one section took the time a third section's would have used, for no more
        # competencies: a trial's SRE bank); then the weightiest competency's (a trial's
        # slot kept a weight 1 competency and dropped a weight 2 one); then the hardest to
        # place, fewest questions first, as in a panel; then the listed order.
        rank = {name: n for n, name in enumerate(self.competencies)}
        return min(
            viable,
            key=lambda q: (
                self.taken[q.section] > 0,
                -self.weights.get(q.competency or "", 1),
                self.measured[q.competency],
                rank[q.competency],
            ),
            default=None,
        )

    def cover(self, strict: bool) -> Question | None:
        """The first question of a section not asked yet."""
        if self.budget is None:
            # furthest behind a proportional share first: the largest sections
            order = sorted(self.names, key=lambda n: (-self.size[n], self.tiebreak[n]))
            for name in order:
                pool = self.candidates(name, strict)
                if not self.taken[name] and pool:
                    return pool[0]
            return None
        # the shortest question of each section; the sections whose shortest is shortest
        # come first, so a slot too short for all of them covers as many as it can
        shortest: dict[str, Question] = {}
        for name in self.names:
            pool = self.candidates(name, strict)
            if not self.taken[name] and pool:
                # the first of equals; the least asked first with --fresh-against
                shortest[name] = min(pool, key=lambda q: (self.asked(q), q.planned_minutes))
        if not shortest:
            return None
        name = min(
            shortest,
            key=lambda n: (self.asked(shortest[n]), shortest[n].planned_minutes, self.tiebreak[n]),
        )
        question = shortest[name]
        return question if self.leaves_room(question, strict) else None

    def fill(self, strict: bool) -> Question | None:
        """The section furthest behind its share of the bank; with a time budget, the
        pick that ends the plan is the one that wastes least of it."""
        best: tuple[tuple[int, float], str] | None = None
        for name in self.names:
            if not any(self.leaves_room(q, strict) for q in self.candidates(name, strict)):
                continue
            behind = (len(self.picked) + 1) * self.size[name] - self.taken[name] * self.total
            key = (-behind, self.tiebreak[name])
            if best is None or key < best[0]:
                best = (key, name)
        if best is None:
            return None
        pool = [q for q in self.candidates(best[1], strict) if self.leaves_room(q, strict)]
        question = pool[0]
        if self.budget is not None and self.is_last(question, strict):
            question = self.fullest(strict) or question
        return question

    def is_last(self, question: Question, strict: bool) -> bool:
        """Nothing else would fit after `question`."""
        if len(self.picked) + 1 >= self.limit:
            return True
        left = self.budget - question.planned_minutes
        return not any(
            q is not question
            and self.open(q, strict)
            and q.planned_minutes <= left
            and not (strict and q.group is not None and q.group == question.group)
            for pool in self.pools.values()
            for q in pool
        )

    def fullest(self, strict: bool) -> Question | None:
        """The open question that uses the time left most fully; among equals, the one of
        the section furthest behind its share, then the first in the seed's order."""
        best: tuple[tuple[bool, int, int, int, float, int], Question] | None = None
        for name in self.names:
            behind = (len(self.picked) + 1) * self.size[name] - self.taken[name] * self.total
            for index, q in enumerate(self.candidates(name, strict)):
                key = (
                    self.repeats(q),
                    self.asked(q),
                    -q.planned_minutes,
                    -behind,
                    self.tiebreak[name],
                    index,
                )
                if best is None or key < best[0]:
                    best = (key, q)
        return None if best is None else best[1]


def _coverable(shortest: Mapping[str, int], budget: int, without: str | None = None) -> int:
    """How many of the competencies whose shortest questions take `shortest` minutes (all
    but `without`) fit in `budget` minutes together: the cheapest first, which covers the
    most."""
    covered = 0
    for minutes in sorted(m for name, m in shortest.items() if name != without):
        if minutes > budget:
            break
        budget -= minutes
        covered += 1
    return covered


def split_panel(
    bank: Bank,
    questions: Sequence[Question],
    panel: int,
    pins: Sequence[Sequence[Question]] = (),
) -> tuple[tuple[Question, ...], ...]:
    """Deal `questions` to `panel` interviewers: disjoint, each section and each group
    spread evenly; `pins[i]` go to interviewer i first.

    Within each section every question goes to the interviewer with the fewest questions
    of its group, then the fewest from that section, then the fewest in all, then the
    fewest minutes.
    """
    if not 1 <= panel <= len(questions):
        raise ValueError(f"cannot deal {len(questions)} questions to {panel} interviewers")
    hands: list[list[Question]] = [[] for _ in range(panel)]
    minutes = [0] * panel
    section_count: dict[str, list[int]] = {}
    group_count: dict[str, list[int]] = {}
    pinned = {q.id: who for who, hand in enumerate(pins) for q in hand}
    ordered = in_bank_order(bank, questions)
    for question in sorted(ordered, key=lambda q: q.id not in pinned):
        in_section = section_count.setdefault(question.section, [0] * panel)
        in_group = group_count.setdefault(question.group or "", [0] * panel)
        grouped = question.group is not None
        who = pinned.get(question.id)
        if who is None:
            who = min(
                range(panel),
                key=lambda i: (  # noqa: B023 (used at once, inside the loop)
                    in_group[i] if grouped else 0,  # noqa: B023
                    in_section[i],  # noqa: B023
                    len(hands[i]),
                    minutes[i],
                    i,
                ),
            )
        hands[who].append(question)
        in_section[who] += 1
        in_group[who] += 1
        minutes[who] += question.planned_minutes
    return tuple(tuple(in_bank_order(bank, hand)) for hand in hands)


@dataclass(frozen=True, slots=True)
class PlanRow:
    question: Question
    start: int  # minutes from the start of the interview
    minutes: int
    defaulted: bool  # the bank gives no time; `minutes` is the default

    @property
    def end(self) -> int:
        return self.start + self.minutes


def time_plan(questions: Sequence[Question], start: int = 0) -> tuple[PlanRow, ...]:
    """The questions one after another from minute `start`, each for its minutes."""
    rows = []
    clock = start
    for question in questions:
        minutes = question.planned_minutes
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
