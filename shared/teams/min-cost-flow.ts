/**
 * Minimum-cost flow by successive shortest paths (Dijkstra on reduced costs with node
 * potentials). The team planner's placement is a transportation problem: every rep one unit of
 * flow, every team a capacity; this solves it exactly, where a greedy pass would not (a greedy
 * pass gives the first rep the best leader even when that leaves a later rep with nothing).
 *
 * Costs must be non-negative when the graph is built (the planner shifts them), so the first
 * Dijkstra needs no Bellman-Ford pass. Edges are stored in pairs: edge e's reverse is e ^ 1.
 */
export class FlowGraph {
  readonly nodes: number;
  private head: Int32Array;
  next: Int32Array;
  to: Int32Array;
  cap: Int32Array;
  cost: Float64Array;
  edges = 0;

  constructor(nodes: number, expectedEdges = 16) {
    this.nodes = nodes;
    this.head = new Int32Array(nodes).fill(-1);
    const n = Math.max(16, expectedEdges * 2);
    this.next = new Int32Array(n);
    this.to = new Int32Array(n);
    this.cap = new Int32Array(n);
    this.cost = new Float64Array(n);
  }

  private grow(): void {
    const n = this.next.length * 2;
    const copy = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.next = copy(this.next, (k) => new Int32Array(k));
    this.to = copy(this.to, (k) => new Int32Array(k));
    this.cap = copy(this.cap, (k) => new Int32Array(k));
    this.cost = copy(this.cost, (k) => new Float64Array(k));
  }

  /** Adds u -> v with a capacity and a non-negative cost; returns the edge's index. */
  addEdge(u: number, v: number, cap: number, cost: number): number {
    if (!(cost >= 0)) throw new Error(`negative or NaN cost ${cost}`);
    if (this.edges + 2 > this.next.length) this.grow();
    const e = this.edges;
    this.to[e] = v;
    this.cap[e] = cap;
    this.cost[e] = cost;
    this.next[e] = this.head[u] as number;
    this.head[u] = e;
    this.to[e + 1] = u;
    this.cap[e + 1] = 0;
    this.cost[e + 1] = -cost;
    this.next[e + 1] = this.head[v] as number;
    this.head[v] = e + 1;
    this.edges += 2;
    return e;
  }

  /** Units of flow through edge e (its reverse's residual capacity). */
  flowOn(e: number): number {
    return this.cap[e ^ 1] as number;
  }

  firstEdge(u: number): number {
    return this.head[u] as number;
  }
}

/** A binary min-heap of (key, node) with lazy deletion: stale entries are skipped when popped. */
class Heap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.vals = new Int32Array(Math.max(16, capacity));
  }
  clear(): void {
    this.size = 0;
  }
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.vals = v;
    }
    let i = this.size++;
    const keys = this.keys;
    const vals = this.vals;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p] as number;
      if (pk <= key) break;
      keys[i] = pk;
      vals[i] = vals[p] as number;
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }
  /** Pops the smallest; its key is left in `topKey`. */
  topKey = 0;
  pop(): number {
    const keys = this.keys;
    const vals = this.vals;
    const top = vals[0] as number;
    this.topKey = keys[0] as number;
    const last = --this.size;
    if (last > 0) {
      const key = keys[last] as number;
      const val = vals[last] as number;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        if (c + 1 < last && (keys[c + 1] as number) < (keys[c] as number)) c++;
        if ((keys[c] as number) >= key) break;
        keys[i] = keys[c] as number;
        vals[i] = vals[c] as number;
        i = c;
      }
      keys[i] = key;
      vals[i] = val;
    }
    return top;
  }
}

/**
 * Sends up to `want` units from s to t at minimum total cost. Returns the flow sent and its cost.
 * Deterministic: the same graph built in the same order gives the same flow.
 */
export function minCostFlow(
  g: FlowGraph,
  s: number,
  t: number,
  want: number,
): { flow: number; cost: number } {
  const n = g.nodes;
  const potential = new Float64Array(n);
  const dist = new Float64Array(n);
  const done = new Uint8Array(n);
  const via = new Int32Array(n);
  const heap = new Heap(n * 4);
  let flow = 0;
  let cost = 0;
  const { to, cap } = g;
  while (flow < want) {
    dist.fill(Number.POSITIVE_INFINITY);
    done.fill(0);
    via.fill(-1);
    dist[s] = 0;
    heap.clear();
    heap.push(0, s);
    const gcost = g.cost;
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u]) continue;
      done[u] = 1;
      if (u === t) break;
      const du = dist[u] as number;
      const pu = potential[u] as number;
      for (let e = g.firstEdge(u); e !== -1; e = g.next[e] as number) {
        if ((cap[e] as number) <= 0) continue;
        const v = to[e] as number;
        if (done[v]) continue;
        // Reduced costs are >= 0 up to rounding; clamp so Dijkstra's order holds.
        let rc = (gcost[e] as number) + pu - (potential[v] as number);
        if (rc < 0) rc = 0;
        const nd = du + rc;
        if (nd < (dist[v] as number)) {
          dist[v] = nd;
          via[v] = e;
          heap.push(nd, v);
        }
      }
    }
    if (!done[t]) break;
    const dt = dist[t] as number;
    // Nodes not settled before t keep reduced costs >= 0 with dist capped at dist[t].
    for (let v = 0; v < n; v++) potential[v] = (potential[v] as number) + Math.min(dist[v] as number, dt);
    // Every augmenting path here carries one unit: the planner's sources are single reps.
    let push = want - flow;
    for (let v = t; v !== s; v = to[(via[v] as number) ^ 1] as number) {
      push = Math.min(push, cap[via[v] as number] as number);
    }
    for (let v = t; v !== s; v = to[(via[v] as number) ^ 1] as number) {
      const e = via[v] as number;
      cap[e] = (cap[e] as number) - push;
      cap[e ^ 1] = (cap[e ^ 1] as number) + push;
      cost += push * (gcost[e] as number);
    }
    flow += push;
  }
  return { flow, cost };
}
