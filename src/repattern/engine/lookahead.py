"""The end of a window, planned exactly: which challenge gives the best chance of naming right.

An expectimax over the last few tests, on arrays so that one belief and thousands of simulated
ones run the same code. The tree's hypotheses are the leading candidates plus the best of the
rest (or "none of these"); its actions are each leader's challenge and the few regions that
would tell the most.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from repattern.engine.inference import information

# The look-ahead plans the window's last LOOKAHEAD_DEPTH tests over this many leading
# candidates: so close to the end the final naming is almost always among the leaders, and
# 8^3 branches stay well under a millisecond. Planning only the end game is deliberate: a
# rolling three-test horizon early in a 12-test window measured worse (docs/bench/engine.md).
LOOKAHEAD_CANDIDATES = 4
LOOKAHEAD_DEPTH = 3
# Regions the plan may use besides the leaders: the most informative ones. Each doubles the
# tree's branching at every level, so a few keep it fast.
REGION_ACTIONS = 3
# Beliefs per chunk when the benchmark runs the look-ahead for many at once (memory bound).
CHUNK = 512

Array = np.ndarray


@dataclass(frozen=True)
class Regions:
    """Region challenges as arrays: which candidates each covers, and its rates and cost.

    `members` is (..., R, N), 1 where a region covers a candidate; `s`, `f` and `cost`
    broadcast to (..., R). Only the policies that weigh what a challenge tells
    (`information_gain`, and `budget_lookahead`) use them; the other two are rules for
    challenging one candidate at a time.
    """

    members: Array
    s: Array
    f: Array
    cost: Array


def lookahead_values(
    p: Array, none: Array, s: Array, f: Array, depth: int, regions: Regions | None = None
) -> tuple[Array, Array]:
    """The challenges the plan weighs and, for each, the chance of naming right after `depth`.

    Challenges are indices: below N a leading candidate, N + r region r. The value of a branch
    is the expected probability of the hypothesis named at its end, which is the chance that
    naming is right. Hypotheses outside the leaders are summarized by the largest of them (or
    "none of these"): exact for single challenges, which scale all of them alike; for a region,
    that one hypothesis stands for the rest. Stopping at the threshold inside the window is not
    modelled; it can only lower a branch's value slightly.
    """
    p2 = np.atleast_2d(p)
    none2 = np.broadcast_to(none, p2.shape[:1])
    s2, f2 = np.broadcast_to(s, p2.shape), np.broadcast_to(f, p2.shape)
    batch = _batched(regions, p2.shape) if regions is not None else None
    tops, values = [], []
    for i in range(0, p2.shape[0], CHUNK):
        rows = slice(i, i + CHUNK)
        top, rest, weights = _leaders(p2[rows], none2[rows])
        table = _likelihood_table(s2[rows], f2[rows], top)
        actions = top
        if batch is not None and batch.members.shape[-2]:
            part = Regions(batch.members[rows], batch.s[rows], batch.f[rows], batch.cost)
            picked, region_table = _region_table(p2[rows], part, top, rest)
            actions = np.concatenate([top, picked + p2.shape[-1]], axis=-1)
            table = np.concatenate([table, region_table], axis=1)
        tops.append(actions)
        values.append(_expectimax(weights, table, depth))
    shape = (*p.shape[:-1], -1)
    return np.concatenate(tops).reshape(shape), np.concatenate(values).reshape(shape)


def _leaders(p: Array, none: Array) -> tuple[Array, Array, Array]:
    """Indices of the leading candidates, the index standing for the rest (-1 for "none of
    these"), and weights: the leaders, then the best of the rest."""
    n = p.shape[-1]
    k = min(LOOKAHEAD_CANDIDATES, n)
    if n > k:
        part = np.argpartition(-p, k, axis=-1)
        top = part[:, :k]
        runner = part[:, k]
        runner_up = np.take_along_axis(p, part[:, k : k + 1], axis=-1)[:, 0]
    else:
        top = np.broadcast_to(np.arange(n), p.shape)
        runner = np.full(p.shape[0], -1)
        runner_up = np.zeros(p.shape[0])
    rest = np.where(runner_up >= none, runner, -1)
    weights = np.concatenate(
        [np.take_along_axis(p, top, axis=-1), np.maximum(runner_up, none)[:, None]], axis=-1
    )
    return top, rest, weights


def _likelihood_table(s: Array, f: Array, top: Array) -> Array:
    """L[row, action, outcome, hypothesis]: the chance of each result of each leader's test."""
    k = top.shape[-1]
    s_top = np.take_along_axis(s, top, axis=-1)[:, :, None]
    f_top = np.take_along_axis(f, top, axis=-1)[:, :, None]
    held = np.where(np.eye(k, k + 1, dtype=bool), s_top, f_top)
    return np.stack([1.0 - held, held], axis=2)


def _batched(regions: Regions, shape: tuple[int, ...]) -> Regions:
    """Regions as (beliefs, R, N) members and (beliefs, R) rates, for one belief or many."""
    members = np.asarray(regions.members, dtype=float)
    members = np.broadcast_to(members, (shape[0], *members.shape[-2:]))
    rates = members.shape[:-1]
    return Regions(
        members, np.broadcast_to(regions.s, rates), np.broadcast_to(regions.f, rates), regions.cost
    )


def _region_table(p: Array, regions: Regions, top: Array, rest: Array) -> tuple[Array, Array]:
    """The most informative regions of each belief, and their likelihood table."""
    members, s, f = regions.members, regions.s, regions.f
    q = np.einsum("brn,bn->br", members, p)
    m = min(REGION_ACTIONS, members.shape[-2])
    picked = np.argsort(-information(q, s, f), axis=-1, kind="stable")[:, :m]
    chosen = np.take_along_axis(members, picked[:, :, None], axis=1)
    inside = np.take_along_axis(chosen, top[:, None, :], axis=-1) > 0
    rest_in = np.take_along_axis(chosen, np.maximum(rest, 0)[:, None, None], axis=-1)
    rest_in = (rest_in > 0) & (rest >= 0)[:, None, None]
    covered = np.concatenate([inside, rest_in], axis=-1)
    s_r = np.take_along_axis(s, picked, axis=-1)[:, :, None]
    f_r = np.take_along_axis(f, picked, axis=-1)[:, :, None]
    held = np.where(covered, s_r, f_r)
    return picked, np.stack([1.0 - held, held], axis=2)


def _expectimax(weights: Array, likelihood: Array, depth: int) -> Array:
    """Value of each action first, then choosing the best at every later step.

    Unnormalized joint weights are carried down the tree: the chance of a branch's outcomes
    times the posterior of its best hypothesis is just the largest joint weight at its leaf.
    """
    rows, actions, hypotheses = likelihood.shape[0], likelihood.shape[1], likelihood.shape[3]
    level = weights[:, None, :]
    for _ in range(depth):
        level = (level[:, :, None, None, :] * likelihood[:, None]).reshape(rows, -1, hypotheses)
    values = level.max(axis=-1)
    for _ in range(depth - 1):
        values = values.reshape(rows, -1, actions, 2).sum(axis=-1).max(axis=-1)
    return values.reshape(rows, actions, 2).sum(axis=-1)
