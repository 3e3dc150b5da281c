import { describe, expect, it } from 'vitest';
import { batched } from '../gateway/store/postgres/batch.ts';

/** A statement runner that records each batch and answers when told to. */
function recorder() {
  const batches: string[][] = [];
  const pending: { inputs: string[]; finish(error?: Error): void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const run = (inputs: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(inputs);
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      pending.push({
        inputs,
        finish: (error) => {
          running--;
          if (error) reject(error);
          else resolve(inputs.map((input) => `answer:${input}`));
        },
      });
    });
  return { batches, pending, run, mostAtOnce: () => mostAtOnce };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('batched statements', () => {
  it('runs the calls of one turn as one statement and answers each with its own row', async () => {
    const { batches, pending, run } = recorder();
    const call = batched(run, { max: 100 });
    const answers = Promise.all(['a', 'b', 'c'].map(call));
    await turn();
    expect(batches).toEqual([['a', 'b', 'c']]);
    pending[0]!.finish();
    expect(await answers).toEqual(['answer:a', 'answer:b', 'answer:c']);
  });

  it('also joins calls made by separate callbacks of one turn, as two requests read in one poll are', async () => {
    const { batches, pending, run } = recorder();
    const call = batched(run, { max: 100 });
    const answers = new Promise<string[]>((resolve) => {
      const made: Promise<string>[] = [];
      setImmediate(() => made.push(call('a')));
      setImmediate(() => {
        made.push(call('b'));
        resolve(Promise.all(made));
      });
    });
    await turn();
    await turn();
    expect(batches).toEqual([['a', 'b']]);
    pending[0]!.finish();
    expect(await answers).toEqual(['answer:a', 'answer:b']);
  });

  it('holds the calls that arrive while a statement runs for the next one, one statement at a time', async () => {
    const { batches, pending, run, mostAtOnce } = recorder();
    const call = batched(run, { max: 100 });
    const first = call('a');
    await turn();
    const later = [call('b'), call('c')];
    await turn();
    await turn();
    expect(batches).toEqual([['a']]);
    pending[0]!.finish();
    expect(await first).toBe('answer:a');
    await turn();
    expect(batches).toEqual([['a'], ['b', 'c']]);
    pending[1]!.finish();
    expect(await Promise.all(later)).toEqual(['answer:b', 'answer:c']);
    expect(mostAtOnce()).toBe(1);
  });

  it('never puts two calls with one key into one statement, and keeps to the most per statement', async () => {
    const { batches, pending, run } = recorder();
    const call = batched(run, { max: 2, keyOf: (input) => input.split('#')[0]! });
    const answers = Promise.all(['x#1', 'x#2', 'y', 'z', 'x#3'].map(call));
    for (let i = 0; i < 3; i++) {
      await turn();
      pending[i]!.finish();
      await turn();
    }
    expect(batches).toEqual([['x#1', 'y'], ['x#2', 'z'], ['x#3']]);
    expect(await answers).toEqual(['answer:x#1', 'answer:x#2', 'answer:y', 'answer:z', 'answer:x#3']);
  });

  it('rejects every call of a failed statement, and still runs the calls that waited behind it', async () => {
    const { batches, pending, run } = recorder();
    const call = batched(run, { max: 100 });
    const failing = [call('a'), call('b')].map((p) => p.catch((error: Error) => error.message));
    await turn();
    const waited = call('c');
    pending[0]!.finish(new Error('connection lost'));
    expect(await Promise.all(failing)).toEqual(['connection lost', 'connection lost']);
    await turn();
    expect(batches).toEqual([['a', 'b'], ['c']]);
    pending[1]!.finish();
    expect(await waited).toBe('answer:c');
  });

  it('rejects the calls of a statement that throws before it starts', async () => {
    let calls = 0;
    const call = batched(
      (inputs: string[]) => {
        if (calls++ === 0) throw new Error('bad parameters');
        return Promise.resolve(inputs);
      },
      { max: 100 },
    );
    await expect(call('a')).rejects.toThrow('bad parameters');
    expect(await call('b')).toBe('b');
  });
});
