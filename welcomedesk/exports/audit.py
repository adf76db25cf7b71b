"""The audit of disclosure control: every hidden small count must be able to be another number.

An *alternative* is a change to hidden keys only that keeps every equation, keeps the totals a margin
group shares equal, and keeps each hidden key within what a reader knows from its mark (``Grid.bounds``).
When one exists for a hidden count, nothing published can pin that count, however it is reasoned
about: its true value and the changed one fit everything published alike. Each alternative found is
checked on its own terms (``_consistent``) before it is believed.

Alternatives are looked for as cycles. A table's grid is a complete bipartite graph, a node per grid row
and per grid column and an edge per key; going round a cycle and adding one and taking one in turn
(times the key's sign) keeps every equation. A cycle that passes through the margin row changes two
shared totals, so every other table of the margin must go round a cycle through the same two.
When there is none, ``repair`` hides the cheapest keys that make one.
"""

from __future__ import annotations

import heapq
from collections import deque
from itertools import count, pairwise

from welcomedesk.exports.grid import Grid, Key
from welcomedesk.exports.summary import Mark

# (0, i): grid row i; (1, j): grid column j.
Node = tuple[int, int]
# What hiding a path's exact keys costs: shared totals, then other totals, then the counts hidden.
Cost = tuple[int, int, int]


def alternative(grid: Grid, target: Key) -> dict[Key, int] | None:
    """A change to hidden keys that moves ``target`` and that nothing published can tell from the truth;
    None when none is found."""
    t = target[0]
    n, m = grid.shapes[t]
    top: Node = (0, n)
    row, column = (0, target[1]), (1, target[2])
    turns = [(tail, head) for tail, head in ((row, column), (column, row))
             if _open(grid, target, _step(grid, tail, head, target))]
    if not grid.is_margin(target):
        for tail, head in turns:
            path = _path(grid, t, head, tail, banned=target)
            if path is not None:
                change: dict[Key, int] = {}
                _go_round(grid, t, [tail, *path], change)
                if _consistent(grid, change, target):
                    return change
    for a in range(m + 1):
        for b in range(m + 1):
            into, out_of = (t, n, a), (t, n, b)
            if a == b or not (_open(grid, into, _step(grid, (1, a), top, into))
                              and _open(grid, out_of, _step(grid, top, (1, b), out_of))):
                continue
            if grid.is_margin(target):
                if target not in (into, out_of):
                    continue
                tries: list[tuple[Node, Node] | None] = [None]
            else:
                tries = list(turns)
            for turn in tries:
                change = {}
                if _through_margin(grid, t, a, b, turn, target, change) and _consistent(grid, change, target):
                    return change
    return None


def repair(grid: Grid, target: Key) -> bool:
    """Hide the cheapest exact keys that give ``target`` an alternative: a cycle inside its table if there
    is one, else one through two shared totals followed in every table of the margin; as a last resort
    every non-zero count of the margin's tables, and when even that is not enough, the margin's tables
    whole (``Grid.withhold``). Whether anything was hidden."""
    t = target[0]
    n = grid.shapes[t][0]
    top: Node = (0, n)
    if not grid.is_margin(target):
        cycle = _cheapest_cycle(grid, target, through_margin=False)
        if cycle is not None and _hide_along(grid, t, cycle):
            return True
    cycle = _cheapest_cycle(grid, target, through_margin=True)
    if cycle is not None and top in cycle:
        changed = _hide_along(grid, t, cycle)
        ring = cycle[:-1]
        at = ring.index(top)
        a, b = ring[at - 1][1], ring[(at + 1) % len(ring)][1]
        followed = True
        for p in grid.partners[t]:
            if p == t:
                continue
            p_top: Node = (0, grid.shapes[p][0])
            path = _cheapest(grid, p, (1, b), (1, a), banned=None, through_margin=False)
            if path is None:
                followed = False
                break
            changed |= _hide_along(grid, p, [p_top, *path, p_top])
        if followed and changed:
            return True
    changed = False
    for p in grid.partners[t]:
        for key in grid.keys(p):
            if grid.values[key] > 0:
                changed |= grid.hide(key)
    return changed or grid.withhold(t)


def _through_margin(grid: Grid, t: int, a: int, b: int, turn: tuple[Node, Node] | None, target: Key,
                    change: dict[Key, int]) -> bool:
    """Add to ``change`` a cycle in every table of ``t``'s margin entering the margin row from column ``a``
    and leaving it to column ``b``; in table ``t`` through ``target`` taken along ``turn`` (None: the
    target is one of the two shared totals). Whether every table has one."""
    for p in grid.partners[t]:
        p_top: Node = (0, grid.shapes[p][0])
        if p == t and turn is not None:
            tail, head = turn
            path = _path(grid, t, head, tail, banned=target, margin=(a, b))
            if path is None:
                return False
            _go_round(grid, t, [tail, *path], change)
        else:
            path = _path(grid, p, (1, b), (1, a), banned=None)
            if path is None:
                return False
            _go_round(grid, p, [p_top, *path, p_top], change)
    return True


def _consistent(grid: Grid, change: dict[Key, int], target: Key) -> bool:
    """Whether ``change`` moves ``target``, touches hidden keys only, keeps them within what their marks
    tell, keeps every equation and keeps the shared totals equal."""
    if not change.get(target):
        return False
    for key, step in change.items():
        if step and (key not in grid.marks or not _fits(grid, key, step, grid.marks[key])):
            return False
    tables = sorted({key[0] for key, step in change.items() if step})
    for t in tables:
        for equation in grid.equations(t):
            if sum(change.get(key, 0) for key in equation.terms) != change.get(equation.total, 0):
                return False
        n, m = grid.shapes[t]
        for p in grid.partners[t]:
            p_n = grid.shapes[p][0]
            if any(change.get((t, n, j), 0) != change.get((p, p_n, j), 0) for j in range(m + 1)):
                return False
    return True


def _edge(t: int, u: Node, v: Node) -> Key:
    return (t, u[1], v[1]) if u[0] == 0 else (t, v[1], u[1])


def _step(grid: Grid, u: Node, v: Node, key: Key) -> int:
    """The change to ``key`` when a cycle goes along it from ``u`` to ``v``: one added going from a grid
    row to a grid column, one taken going back, times the key's sign."""
    return grid.sign(key) * (1 if u[0] == 0 else -1)


def _fits(grid: Grid, key: Key, step: int, mark: Mark) -> bool:
    low, high = grid.bounds(key, mark)
    value = grid.values[key] + step
    return value >= low and (high is None or value <= high)


def _open(grid: Grid, key: Key, step: int) -> bool:
    """Whether hidden ``key`` can take ``step`` without a reader ruling the result out."""
    mark = grid.marks.get(key)
    return mark is not None and _fits(grid, key, step, mark)


def _neighbours(node: Node, n: int, m: int) -> list[Node]:
    return [(1, j) for j in range(m + 1)] if node[0] == 0 else [(0, i) for i in range(n + 1)]


def _go_round(grid: Grid, t: int, cycle: list[Node], change: dict[Key, int]) -> None:
    for u, v in pairwise(cycle):
        key = _edge(t, u, v)
        change[key] = change.get(key, 0) + _step(grid, u, v, key)


def _path(grid: Grid, t: int, start: Node, goal: Node, banned: Key | None,
          margin: tuple[int, int] | None = None) -> list[Node] | None:
    """A shortest path of hidden keys, each able to take its step, from ``start`` to ``goal`` in table
    ``t``; the margin row is kept out, or with ``margin=(a, b)`` entered only from column a and left
    only to column b."""
    n, m = grid.shapes[t]
    top: Node = (0, n)
    before: dict[Node, Node] = {start: start}
    queue = deque([start])
    while queue and goal not in before:
        u = queue.popleft()
        for v in _neighbours(u, n, m):
            key = _edge(t, u, v)
            if v in before or key == banned or not _margin_allows(u, v, top, margin):
                continue
            if _open(grid, key, _step(grid, u, v, key)):
                before[v] = u
                queue.append(v)
    return _walk_back(before, start, goal)


def _margin_allows(u: Node, v: Node, top: Node, margin: tuple[int, int] | None) -> bool:
    if v == top:
        return margin is not None and u == (1, margin[0])
    if u == top:
        return margin is not None and v == (1, margin[1])
    return True


def _walk_back(before: dict[Node, Node], start: Node, goal: Node) -> list[Node] | None:
    if goal not in before:
        return None
    path = [goal]
    while path[-1] != start:
        path.append(before[path[-1]])
    return path[::-1]


def _cheapest_cycle(grid: Grid, target: Key, through_margin: bool) -> list[Node] | None:
    """The cheapest cycle through ``target`` (in either turn) counting only the exact keys it would
    hide; closed: its last node is its first."""
    t = target[0]
    row, column = (0, target[1]), (1, target[2])
    best: tuple[Cost, list[Node]] | None = None
    for tail, head in ((row, column), (column, row)):
        if not _open(grid, target, _step(grid, tail, head, target)):
            continue
        found = _cheapest(grid, t, head, tail, banned=target, through_margin=through_margin)
        if found is not None:
            cycle = [tail, *found]
            cost = _cost(grid, t, cycle)
            if best is None or cost < best[0]:
                best = (cost, cycle)
    return None if best is None else best[1]


def _arc_cost(grid: Grid, key: Key, step: int) -> Cost | None:
    """What going along ``key`` with ``step`` costs: nothing if hidden and able to, the key's count if
    exact and non-zero (zero is never hidden), None if it cannot be gone along."""
    if key in grid.marks:
        return (0, 0, 0) if _fits(grid, key, step, grid.marks[key]) else None
    if grid.values[key] == 0 or not _fits(grid, key, step, Mark.SUPPRESSED):
        return None
    return (int(grid.is_margin(key)), int(grid.is_total(key)), grid.values[key])


def _cost(grid: Grid, t: int, cycle: list[Node]) -> Cost:
    total = (0, 0, 0)
    for u, v in pairwise(cycle):
        key = _edge(t, u, v)
        arc = _arc_cost(grid, key, _step(grid, u, v, key))
        assert arc is not None
        total = _plus(total, arc)
    return total


def _plus(a: Cost, b: Cost) -> Cost:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _cheapest(grid: Grid, t: int, start: Node, goal: Node, banned: Key | None,
              through_margin: bool) -> list[Node] | None:
    """The cheapest path from ``start`` to ``goal`` in table ``t`` (Dijkstra; ties go to the path found
    first, so the same grid always gives the same path)."""
    n, m = grid.shapes[t]
    top: Node = (0, n)
    order = count()
    best: dict[Node, Cost] = {start: (0, 0, 0)}
    before: dict[Node, Node] = {start: start}
    heap: list[tuple[Cost, int, Node]] = [((0, 0, 0), next(order), start)]
    done: set[Node] = set()
    while heap:
        cost, _, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        if u == goal:
            break
        for v in _neighbours(u, n, m):
            key = _edge(t, u, v)
            if v in done or key == banned or (not through_margin and top in (u, v)):
                continue
            arc = _arc_cost(grid, key, _step(grid, u, v, key))
            if arc is None:
                continue
            reach = _plus(cost, arc)
            if v not in best or reach < best[v]:
                best[v] = reach
                before[v] = u
                heapq.heappush(heap, (reach, next(order), v))
    return _walk_back(before, start, goal) if goal in done else None


def _hide_along(grid: Grid, t: int, cycle: list[Node]) -> bool:
    changed = False
    for u, v in pairwise(cycle):
        changed |= grid.hide(_edge(t, u, v))
    return changed
