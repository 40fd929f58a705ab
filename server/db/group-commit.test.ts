import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createGroupCommit, type Outcome } from './group-commit.ts';

interface Item {
  key: string;
  value: number;
}

/** A group commit whose batches wait until released, recording what each batch held. */
function recorder(options: { maxBatch?: number; concurrency?: number; fail?: (items: Item[]) => boolean } = {}) {
  const batches: string[][] = [];
  const waiting: Array<() => void> = [];
  const group = createGroupCommit<Item, number>({
    maxBatch: options.maxBatch ?? 10,
    concurrency: options.concurrency ?? 1,
    conflictKey: (item) => item.key,
    run: async (items) => {
      batches.push(items.map((item) => `${item.key}=${item.value}`));
      await new Promise<void>((release) => waiting.push(release));
      if (options.fail?.(items)) throw new Error(`batch of ${items.length} failed`);
      return items.map((item): Outcome<number> => (item.value < 0 ? { ok: false, error: new Error(`negative ${item.value}`) } : { ok: true, value: item.value * 10 }));
    },
  });
  /** Lets every batch run to its end, including the ones they start. */
  const releaseAll = async () => {
    for (let round = 0; round < 20; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      while (waiting.length > 0) waiting.shift()!();
    }
  };
  return { group, batches, releaseAll };
}

const groupCommit = suite('createGroupCommit');

groupCommit('an item arriving at an idle group is written at once, alone', async () => {
  const { group, batches, releaseAll } = recorder();
  const answer = group.submit('t1', { key: 'a', value: 1 });
  assert.equal(batches, [['a=1']]);
  await releaseAll();
  assert.is(await answer, 10);
});

groupCommit('items arriving while a batch runs are written together by the next one', async () => {
  const { group, batches, releaseAll } = recorder();
  const answers = [1, 2, 3, 4].map((value) => group.submit('t1', { key: `k${value}`, value }));
  await releaseAll();
  assert.equal(await Promise.all(answers), [10, 20, 30, 40]);
  assert.equal(batches, [['k1=1'], ['k2=2', 'k3=3', 'k4=4']]);
});

groupCommit('groups do not wait for each other', async () => {
  const { group, batches, releaseAll } = recorder();
  const answers = [group.submit('t1', { key: 'a', value: 1 }), group.submit('t2', { key: 'a', value: 2 })];
  assert.equal(batches, [['a=1'], ['a=2']]);
  await releaseAll();
  assert.equal(await Promise.all(answers), [10, 20]);
});

groupCommit('a batch holds at most maxBatch items and never two with one conflict key', async () => {
  const { group, batches, releaseAll } = recorder({ maxBatch: 2 });
  const answers = [
    group.submit('t1', { key: 'first', value: 0 }),
    group.submit('t1', { key: 'a', value: 1 }),
    group.submit('t1', { key: 'a', value: 2 }),
    group.submit('t1', { key: 'b', value: 3 }),
    group.submit('t1', { key: 'c', value: 4 }),
  ];
  await releaseAll();
  assert.equal(await Promise.all(answers), [0, 10, 20, 30, 40]);
  assert.equal(batches, [['first=0'], ['a=1', 'b=3'], ['a=2', 'c=4']]);
});

groupCommit('with concurrency 2, a second batch starts while the first runs, never with its conflict keys', async () => {
  const { group, batches, releaseAll } = recorder({ concurrency: 2 });
  const answers = [
    group.submit('t1', { key: 'a', value: 1 }),
    group.submit('t1', { key: 'a', value: 2 }),
    group.submit('t1', { key: 'b', value: 3 }),
    group.submit('t1', { key: 'c', value: 4 }),
  ];
  assert.equal(batches, [['a=1'], ['b=3']]);
  await releaseAll();
  assert.equal(await Promise.all(answers), [10, 20, 30, 40]);
  assert.equal(batches, [['a=1'], ['b=3'], ['a=2', 'c=4']]);
});

groupCommit('each item gets its own outcome', async () => {
  const { group, releaseAll } = recorder();
  void group.submit('t1', { key: 'first', value: 0 });
  const good = group.submit('t1', { key: 'a', value: 1 });
  const bad = group.submit('t1', { key: 'b', value: -1 }).then(
    () => 'resolved',
    (error: Error) => error.message,
  );
  await releaseAll();
  assert.is(await good, 10);
  assert.is(await bad, 'negative -1');
});

groupCommit('a failed batch is written again item by item, so only the culprit fails', async () => {
  const { group, batches, releaseAll } = recorder({ fail: (items) => items.some((item) => item.value === 13) });
  void group.submit('t1', { key: 'first', value: 0 });
  const answers = [1, 13, 3].map((value) => group.submit('t1', { key: `k${value}`, value }).catch((error: Error) => error.message));
  await releaseAll();
  assert.equal(await Promise.all(answers), [10, 'batch of 1 failed', 30]);
  assert.equal(batches, [['first=0'], ['k1=1', 'k13=13', 'k3=3'], ['k1=1'], ['k13=13'], ['k3=3']]);
});

groupCommit('a batch that answers too few outcomes rejects the items left without one', async () => {
  const group = createGroupCommit<Item, number>({ maxBatch: 10, concurrency: 1, conflictKey: (item) => item.key, run: async () => [] });
  try {
    await group.submit('t1', { key: 'a', value: 1 });
    assert.unreachable('no outcome rejects');
  } catch (error) {
    assert.match((error as Error).message, /no outcome/);
  }
});

groupCommit.run();
