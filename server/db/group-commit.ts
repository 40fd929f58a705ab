// Group commit: requests that must pass one at a time through a hot row lock
// (a tenant's quote counter) are gathered and written by one transaction.
// Idle, a request starts its own batch at once; busy, it joins the next one,
// so batching adds no wait when there is no queue. `concurrency` lets a few
// batches of a group run at once (one's round trips overlapping another's wait).

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions<Item, Value> {
  /** Most items in one batch. */
  maxBatch: number;
  /** Most batches of one group running at once. */
  concurrency: number;
  /** Writes one batch of one group; answers one outcome per item, in order. */
  run: (items: Item[]) => Promise<Array<Outcome<Value>>>;
  /** Items with the same conflict key are never written at once (the later one waits for the next batch). */
  conflictKey: (item: Item) => string;
}

export interface GroupCommit<Item, Value> {
  /** Queues `item` in `group`; resolves or rejects with the item's own outcome. */
  submit(group: string, item: Item): Promise<Value>;
}

interface Pending<Item, Value> {
  item: Item;
  resolve: (value: Value) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<Item, Value>(options: GroupCommitOptions<Item, Value>): GroupCommit<Item, Value> {
  const groups = new Map<string, Group<Item, Value>>();

  const takeBatch = ({ queue, writing }: Group<Item, Value>): Array<Pending<Item, Value>> => {
    const batch: Array<Pending<Item, Value>> = [];
    for (let i = 0; i < queue.length && batch.length < options.maxBatch; ) {
      const key = options.conflictKey(queue[i]!.item);
      if (writing.has(key)) {
        i += 1;
        continue;
      }
      writing.add(key);
      batch.push(...queue.splice(i, 1));
    }
    return batch;
  };

  const settle = (pending: Pending<Item, Value>, outcome: Outcome<Value> | undefined) => {
    if (outcome === undefined) pending.reject(new Error('group commit: no outcome for an item'));
    else if (outcome.ok) pending.resolve(outcome.value);
    else pending.reject(outcome.error);
  };

  const runAlone = async (pending: Pending<Item, Value>) => {
    try {
      settle(pending, (await options.run([pending.item]))[0]);
    } catch (error) {
      pending.reject(error);
    }
  };

  const drain = async (name: string, group: Group<Item, Value>) => {
    group.running += 1;
    for (let batch = takeBatch(group); batch.length > 0; batch = takeBatch(group)) {
      try {
        const outcomes = await options.run(batch.map((p) => p.item));
        batch.forEach((pending, i) => settle(pending, outcomes[i]));
      } catch (error) {
        // One item can fail a whole batch (a constraint, a twin on another replica):
        // each is then written alone, so it fails no one but itself.
        if (batch.length === 1) batch[0]!.reject(error);
        else for (const pending of batch) await runAlone(pending);
      }
      for (const pending of batch) group.writing.delete(options.conflictKey(pending.item));
    }
    group.running -= 1;
    if (group.running === 0 && group.queue.length === 0) groups.delete(name);
  };

  return {
    submit(name, item) {
      return new Promise<Value>((resolve, reject) => {
        let group = groups.get(name);
        if (!group) {
          group = { queue: [], writing: new Set(), running: 0 };
          groups.set(name, group);
        }
        group.queue.push({ item, resolve, reject });
        if (group.running < options.concurrency) void drain(name, group);
      });
    },
  };
}

interface Group<Item, Value> {
  queue: Array<Pending<Item, Value>>;
  /** Conflict keys of the items in running batches. */
  writing: Set<string>;
  running: number;
}
