import { describe, expect, it } from 'vitest';
import { batched } from '../src/batcher';

describe('batched', () => {
  it('groups the calls made together, and the next ones while a batch is out', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const double = batched(async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((n) => n * 2);
    });
    const first = [1, 2, 3].map((n) => double(n));
    await new Promise((r) => setImmediate(r));
    // The first batch is out: these wait for it and leave together.
    const second = [4, 5].map((n) => double(n));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1, 2, 3]]);
    release();
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('fails every call of a failed batch, and keeps serving the next ones', async () => {
    let calls = 0;
    const flaky = batched(async (items: string[]) => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
      return items.map((s) => s.toUpperCase());
    });
    const failed = await Promise.allSettled([flaky('a'), flaky('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await flaky('c')).toBe('C');
  });

  it('refuses a batch that answers for fewer items than it was given', async () => {
    const short = batched(async (items: number[]) => items.slice(1));
    await expect(Promise.all([short(1), short(2)])).rejects.toThrow('batch of 2 returned 1 results');
  });

  it('caps the size of a batch', async () => {
    const sizes: number[] = [];
    const echo = batched(
      async (items: number[]) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 2 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => echo(n)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });
});
