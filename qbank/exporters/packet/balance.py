"""After the picks: swaps that bring an interview's sections closer to their shares.

The picker fills the slot section by section, the seed's next question of the section
furthest behind; a long question can eat the time another section's share needed (a trial's
SRE bank of 4, 4 and 3 questions got 2, 4 and 2 in 54 minutes, where 3, 3 and 2 fit the
same minutes). `rebalance` then swaps one picked question for an unpicked one, or for two,
while that brings the counts closer to the shares; where no one swap does, two swaps
together, the first within a section (seed 4 of that bank: 2, 3 and 2 in 48 minutes, and
no one swap helped; two 10-minute questions given up for 8-minute ones of their sections
leave the time for a third question of the first: 3, 3 and 2 in 54). It takes no move that
makes anything else worse: no fewer questions, none beyond the count, no more minutes than
the slot, no room left for another question where there was none, no section or
competency (or weight) given up, no group asked twice that was not, no included question
dropped, no question taken that was asked of more earlier candidates than the one it
replaces. Pure and deterministic: among equals the fullest slot, then the seed's order."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations_with_replacement

from qbank.model import Bank, Question

Move = tuple[tuple[Question, ...], tuple[Question, ...]]  # the questions given up, and taken
KIND_WIDTH = 2  # of each kind of question in a section, the ones kept: two of one section
# may then be taken together


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
class _Step:
    """What one step of the pass weighs: the hand as it is, the panel's free questions,
    and the best move found so far."""

    hand: list[Question]
    free: list[Question]  # in the seed's order
    had_room: bool  # another question could have been added to the hand
    now: int  # the hand's distance from its shares
    kinds: dict[str, list[Question]]  # the free questions of each section, a few of a kind
    best: tuple[tuple, Move] | None = None
    ways: dict[tuple[int, ...], list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)


@dataclass
class _Interview:
    """One interview's hand, improved in place by the best move while one helps: one swap,
    or two together where no one swap helps."""

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
        self.names = sorted(self.size)
        self.place = {name: i for i, name in enumerate(self.names)}
        self.spreads: dict[tuple[int, ...], int] = {}
        hand = self.hands[self.index]
        self.groups = Counter(q.group for q in hand if q.group is not None)

    def improve(self) -> None:
        for _ in range(4 * self.limit + 4):  # each move is strictly closer: a guard only
            move = self.best_move()
            if move is None:
                return
            removed, added = move
            hand = [q for q in self.hands[self.index] if q not in removed] + list(added)
            self.hands[self.index][:] = hand

    def free(self) -> list[Question]:
        """The questions no interview of the panel asks, in the seed's order."""
        taken = {id(q) for hand in self.hands for q in hand}
        return sorted(
            (q for q in self.bank.questions if id(q) not in taken), key=lambda q: self.rank[q.id]
        )

    def counts(self, hand: Sequence[Question]) -> tuple[int, ...]:
        """How many questions of each section the hand asks, in `names`' order."""
        taken = Counter(q.section for q in hand)
        return tuple(taken[name] for name in self.names)

    def distance(self, counts: tuple[int, ...]) -> int:
        """How far a hand of these section counts is from the sections' shares of the bank,
        in questions times the bank's size (whole numbers compare quickly)."""
        if counts not in self.spreads:
            n = sum(counts)
            self.spreads[counts] = sum(
                abs(taken * self.total - n * self.size[name])
                for taken, name in zip(counts, self.names, strict=True)
            )
        return self.spreads[counts]

    def moved(self, counts: tuple[int, ...], gone: str, came: Sequence[str]) -> tuple[int, ...]:
        """`counts` with a question of section `gone` given up for questions of `came`."""
        changed = list(counts)
        changed[self.place[gone]] -= 1
        for name in came:
            changed[self.place[name]] += 1
        return tuple(changed)

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
            chosen = {id(q) for q in new}
            left = [q for q in (*free, *hand) if id(q) not in chosen]
            if self.room(new, left):
                return False
        return True

    def best_move(self) -> Move | None:
        """The move that brings the hand closest to its shares, if any brings it closer:
        one swap, else two together (a shorter question of one section freeing the time
        another section's question needs). Among equals the one that uses the most minutes,
        then the first in the seed's order. How close depends only on the sections: each
        way of changing them is weighed once, and questions tried only for the ways that
        can beat the best found (5,000 questions stay quick)."""
        hand = self.hands[self.index]
        free = self.free()
        by_section: dict[str, list[Question]] = {}
        for q in free:
            by_section.setdefault(q.section, []).append(q)
        step = _Step(
            hand,
            free,
            self.room(hand, free),
            self.distance(self.counts(hand)),
            self.kinds(by_section, hand),
        )
        self.swaps(step, hand)
        if step.best is None:
            self.doubles(step)
        return None if step.best is None else step.best[1]

    def removable(self, hand: Sequence[Question]) -> list[Question]:
        """The hand's questions a swap may give up (not an --include), in the seed's order."""
        return sorted((q for q in hand if q.id not in self.pinned), key=lambda q: self.rank[q.id])

    def ways(self, step: _Step, counts: tuple[int, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """The swaps, by section, that bring a hand of `counts` closer than the step's hand:
        the section given up, and those taken (one other, or two while the count allows)."""
        if counts not in step.ways:
            shapes = [(n,) for n in self.names]
            if sum(counts) < self.limit:
                shapes += list(combinations_with_replacement(self.names, 2))
            step.ways[counts] = [
                (gone, came)
                for gone, n in zip(self.names, counts, strict=True)
                if n
                for came in shapes
                if came != (gone,) and self.distance(self.moved(counts, gone, came)) < step.now
            ]
        return step.ways[counts]

    def swaps(self, step: _Step, hand: list[Question], first: Move = ((), ())) -> None:
        """Record in `step` each swap of one of `hand`'s questions for one or two free ones
        that beats its best move; with `first`, the swap made before it (two together)."""
        counts = self.counts(hand)
        ways = self.ways(step, counts)
        if not ways:
            return
        spent = self.spent(hand)
        least = self.spent(step.hand)  # no less of the slot used than before the step
        taken = {id(q) for q in first[1]}
        for removed in self.removable(hand):
            shapes = [came for gone, came in ways if gone == removed.section]
            if not shapes or id(removed) in taken:
                continue
            rest = [q for q in hand if q is not removed]
            kept = spent - removed.planned_minutes
            low = None if self.minutes is None else least - kept
            high = None if self.minutes is None else self.minutes - kept
            most = self.asked.get(removed.id, 0)

            def usable(questions: list[Question]) -> list[Question]:
                return [
                    q
                    for q in questions
                    if self.asked.get(q.id, 0) <= most  # noqa: B023 (used at once, inside the loop)
                    and (high is None or q.planned_minutes <= high)  # noqa: B023
                    and id(q) not in taken  # noqa: B023
                ]

            for shape in shapes:
                distance = self.distance(self.moved(counts, removed.section, shape))
                if step.best is not None and distance > step.best[0][0]:
                    continue
                for added in self.fillings(step, shape, usable, low, high):
                    gone, came = (*first[0], removed), (*first[1], *added)
                    key = (
                        distance,
                        -(kept + sum(q.planned_minutes for q in added)),
                        [self.rank[q.id] for q in came],
                        [self.rank[q.id] for q in gone],
                    )
                    if step.best is not None and key >= step.best[0]:
                        continue
                    if self.acceptable(step.hand, rest + list(added), step.free, step.had_room):
                        step.best = (key, (gone, came))

    def doubles(self, step: _Step) -> None:
        """Record in `step` the best two swaps together: the first gives a question up for
        another of its section, of another kind (a shorter one frees the time another
        section's question needs; a longer one takes up the time a shorter swap gives
        back), within the slot; the second is any swap `swaps` weighs after it. Each
        question taken is asked no more often than the one it replaces. The first swap
        leaves the sections' counts as they were: where no swap could bring them closer,
        there is nothing to weigh."""
        hand = step.hand
        if not self.ways(step, self.counts(hand)):
            return
        left = None if self.minutes is None else self.minutes - self.spent(hand)
        for removed in self.removable(hand):
            budget = None if left is None else left + removed.planned_minutes
            most = self.asked.get(removed.id, 0)
            rest = [q for q in hand if q is not removed]
            tried = {self.kind(removed)}
            for question in step.kinds.get(removed.section, ()):
                kind = self.kind(question)
                if (
                    kind in tried
                    or self.asked.get(question.id, 0) > most
                    or (budget is not None and question.planned_minutes > budget)
                ):
                    continue
                tried.add(kind)
                self.swaps(step, [*rest, question], ((removed,), (question,)))

    def kind(self, question: Question) -> tuple:
        """What the rules tell apart in a question, but for its group."""
        asked = self.asked.get(question.id, 0)
        return (question.section, question.planned_minutes, question.competency, asked)

    def kinds(
        self, by_section: Mapping[str, list[Question]], hand: Sequence[Question]
    ) -> dict[str, list[Question]]:
        """Each section's free questions thinned to the first few of each kind, in the
        seed's order; a group the hand asks makes a kind of its own, and two of one kind
        share no group. The swaps choose among these: a short question late in the seed's
        order is still tried (pairs were of a section's first six), and 5,000 questions
        stay quick."""
        asks = {q.group for q in hand if q.group is not None}
        thinned: dict[str, list[Question]] = {}
        for name, questions in by_section.items():
            kept: dict[tuple, list[Question]] = {}
            for q in questions:
                same = kept.setdefault((self.kind(q), q.group if q.group in asks else None), [])
                if len(same) < KIND_WIDTH and all(
                    q.group is None or q.group != other.group for other in same
                ):
                    same.append(q)
            thinned[name] = sorted(
                (q for same in kept.values() for q in same), key=lambda q: self.rank[q.id]
            )
        return thinned

    def fillings(
        self, step: _Step, shape: tuple[str, ...], usable, low: int | None, high: int | None
    ) -> list[tuple[Question, ...]]:
        """The questions of the kinds of each section of `shape` that may fill it, taking
        from `low` to `high` minutes together: one, the longest first (then the seed's
        order); or two."""
        if len(shape) == 1:
            questions = usable(step.kinds.get(shape[0], []))
            return [
                (q,)
                for q in sorted(questions, key=lambda q: -q.planned_minutes)
                if low is None or q.planned_minutes >= low
            ]
        first, second = shape
        a, b = usable(step.kinds.get(first, [])), usable(step.kinds.get(second, []))
        return [
            (x, y)
            for x in a
            for y in b
            if (first != second or self.rank[x.id] < self.rank[y.id])
            and (low is None or low <= x.planned_minutes + y.planned_minutes)
            and (high is None or x.planned_minutes + y.planned_minutes <= high)
        ]
