"""After the picks: swaps that bring an interview's sections closer to their shares.

The picker fills the slot section by section, the seed's next question of the section
furthest behind; a long question can eat the time another section's share needed (a trial's
SRE bank of 4, 4 and 3 questions got 2, 4 and 2 in 54 minutes, where 3, 3 and 2 fit the
same minutes). `rebalance` then swaps one picked question for an unpicked one, or for two,
while that brings the counts closer to the shares, and takes no swap that makes anything
else worse: no fewer questions, none beyond the count, no more minutes than the slot, no
room left for another question where there was none, no section or competency (or weight)
given up, no group asked twice that was not, no included question dropped, no question
taken that was asked of more earlier candidates than the one it replaces. Pure and
deterministic: among equals the fullest slot, then the seed's order.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations_with_replacement

from qbank.model import Bank, Question

PAIR_CANDIDATES = 6  # per section, the questions tried as one of two for one


def covers(bank: Bank, hands: Sequence[Sequence[Question]]) -> tuple[int, int]:
    """The weight of the competencies `hands` cover together, and how many they are."""
    weights = {c.name: c.weight for c in bank.competencies}
    covered = {q.competency for hand in hands for q in hand if q.competency is not None}
    return sum(weights.get(c, 1) for c in covered), len(covered)


def rebalance(
    bank: Bank,
    hands: list[list[Question]],
    *,
    limit: int,
    minutes: int | None,
    seed: int,
    pins: Sequence[Sequence[Question]] = (),
    exposure: Mapping[str, int] | None = None,
) -> list[list[Question]]:
    """`hands` with each interview's sections brought closer to their shares of the bank;
    a question of one interview never moves to another, so a panel stays disjoint."""
    rank = {
        q.id: i
        for i, q in enumerate(random.Random(seed).sample(bank.questions, len(bank.questions)))
    }
    asked = exposure or {}
    hands = [list(hand) for hand in hands]
    for index in range(len(hands)):
        pinned = {q.id for q in pins[index]} if index < len(pins) else set()
        others = [hand for i, hand in enumerate(hands) if i != index]
        _Interview(bank, hands, index, others, limit, minutes, rank, asked, pinned).improve()
    return hands


@dataclass
class _Interview:
    """One interview's hand, improved in place by the best swap while one helps."""

    bank: Bank
    hands: list[list[Question]]
    index: int  # the interview's hand in `hands`
    others: list[list[Question]]  # the panel's other interviews
    limit: int
    minutes: int | None
    rank: Mapping[str, int]  # the seed's order
    asked: Mapping[str, int]  # how many earlier candidates were asked each question
    pinned: set[str]  # the ids of its --include questions

    def __post_init__(self) -> None:
        self.size = {s.name: len(self.bank.questions_in(s.name)) for s in self.bank.sections}
        self.total = sum(self.size.values())
        hand = self.hands[self.index]
        self.groups = Counter(q.group for q in hand if q.group is not None)

    def improve(self) -> None:
        for _ in range(4 * self.limit + 4):  # each swap is strictly closer: a guard only
            move = self.best_move()
            if move is None:
                return
            removed, added = move
            hand = [q for q in self.hands[self.index] if q is not removed] + list(added)
            self.hands[self.index][:] = hand

    def free(self) -> list[Question]:
        """The questions no interview of the panel asks, in the seed's order."""
        taken = {id(q) for hand in self.hands for q in hand}
        return sorted(
            (q for q in self.bank.questions if id(q) not in taken), key=lambda q: self.rank[q.id]
        )

    def distance(self, hand: Sequence[Question]) -> Fraction:
        """How far the hand's sections are from their shares of the bank, in questions."""
        taken = Counter(q.section for q in hand)
        n = len(hand)
        return sum(
            (
                abs(Fraction(taken[name]) - Fraction(n * size, self.total))
                for name, size in self.size.items()
            ),
            Fraction(0),
        )

    def spent(self, hand: Sequence[Question]) -> int:
        return sum(q.planned_minutes for q in hand)

    def room(self, hand: Sequence[Question], free: Sequence[Question]) -> bool:
        """Another free question could still be added: the count allows it, it fits the
        time left and asks no group the hand asks."""
        if len(hand) >= self.limit:
            return False
        left = None if self.minutes is None else self.minutes - self.spent(hand)
        groups = {q.group for q in hand if q.group is not None}
        return any(
            (left is None or q.planned_minutes <= left)
            and (q.group is None or q.group not in groups)
            for q in free
        )

    def acceptable(
        self, hand: list[Question], new: list[Question], free: list[Question], had_room: bool
    ) -> bool:
        """`new` is no worse than `hand` in anything but the sections' shares."""
        if len(new) < len(hand) or len(new) > self.limit:
            return False
        if self.minutes is not None and not self.spent(hand) <= self.spent(new) <= self.minutes:
            return False  # no less of the slot used (the last pick was its fullest), no more
        if not {q.section for q in hand} <= {q.section for q in new}:
            return False
        groups = Counter(q.group for q in new if q.group is not None)
        if any(n > max(1, self.groups[g]) for g, n in groups.items()):
            return False
        before, after = covers(self.bank, [hand]), covers(self.bank, [new])
        if after[0] < before[0] or after[1] < before[1]:
            return False
        if self.others:
            before = covers(self.bank, [*self.others, hand])
            after = covers(self.bank, [*self.others, new])
            if after[0] < before[0] or after[1] < before[1]:
                return False
        if not had_room:
            left = [q for q in free if q not in new] + [q for q in hand if q not in new]
            if self.room(new, left):
                return False
        return True

    def best_move(self) -> tuple[Question, tuple[Question, ...]] | None:
        """The swap that brings the hand closest to its shares, if any brings it closer;
        among equals the one that uses the most minutes, then the first in the seed's order.
        How close depends only on the sections: each is weighed once, and its questions
        tried only while it can beat the best found (5,000 questions stay quick)."""
        hand = self.hands[self.index]
        free = self.free()
        had_room = self.room(hand, free)
        now = self.distance(hand)
        best: tuple[tuple, tuple[Question, tuple[Question, ...]]] | None = None
        left = None if self.minutes is None else self.minutes - self.spent(hand)
        by_section: dict[str, list[Question]] = {}
        for q in free:
            by_section.setdefault(q.section, []).append(q)
        names = sorted(by_section)
        removable = sorted(
            (q for q in hand if q.id not in self.pinned), key=lambda q: self.rank[q.id]
        )
        for removed in removable:
            rest = [q for q in hand if q is not removed]
            budget = None if left is None else left + removed.planned_minutes
            limit = self.asked.get(removed.id, 0)

            def usable(name: str) -> list[Question]:
                return [
                    q
                    for q in by_section[name]  # noqa: B023 (used at once, inside the loop)
                    if self.asked.get(q.id, 0) <= limit  # noqa: B023
                    and (budget is None or q.planned_minutes <= budget)  # noqa: B023
                ]

            shapes: list[tuple[str, ...]] = [(n,) for n in names if n != removed.section]
            if len(hand) < self.limit:
                shapes += list(combinations_with_replacement(names, 2))
            for shape in shapes:
                distance = self.distance(rest + [self.stand_in(n) for n in shape])
                if distance >= now or (best is not None and distance > best[0][0]):
                    continue
                for added in self.fillings(shape, usable):
                    new = rest + list(added)
                    key = (
                        distance,
                        -self.spent(new),
                        [self.rank[q.id] for q in added],
                        self.rank[removed.id],
                    )
                    if best is not None and key >= best[0]:
                        continue
                    if self.acceptable(hand, new, free, had_room):
                        best = (key, (removed, added))
        return None if best is None else best[1]

    def stand_in(self, section: str) -> Question:
        """Any question of `section`: how close a hand is depends only on its sections."""
        return self.bank.questions_in(section)[0]

    def fillings(self, shape: tuple[str, ...], usable) -> list[tuple[Question, ...]]:
        """The questions that may fill the sections of `shape`: one of a section, the
        longest first (then the seed's order); two, of the first few of each."""
        if len(shape) == 1:
            return [(q,) for q in sorted(usable(shape[0]), key=lambda q: -q.planned_minutes)]
        first, second = shape
        a, b = usable(first)[:PAIR_CANDIDATES], usable(second)[:PAIR_CANDIDATES]
        return [
            (x, y) for x in a for y in b if first != second or self.rank[x.id] < self.rank[y.id]
        ]
