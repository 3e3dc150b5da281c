/** One call of a batched statement, waiting for its answer. */
interface Waiting<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: unknown): void;
}

export interface BatchOptions<In> {
  /** Calls with one key never share a statement (two tries of one token's step): the later waits for the next. */
  keyOf?: (input: In) => string;
  /** The most calls in one statement. */
  max: number;
}

/**
 * Runs the calls of one kind as one statement, as a group commit does (docs/storage.md, "The OTP hot
 * path"): the calls made in one turn of the event loop go together, and while a statement is in flight
 * the calls that arrive wait and go together in the next one. Nothing waits on a timer: a lone call
 * goes at the end of its turn, and under load the batches grow by themselves.
 * `run` answers every input in order; if it throws, every call of that statement rejects with it.
 */
export function batched<In, Out>(run: (inputs: In[]) => Promise<Out[]>, { keyOf, max }: BatchOptions<In>): (input: In) => Promise<Out> {
  let waiting: Waiting<In, Out>[] = [];
  let inFlight = false;
  let scheduled = false;

  function next(): void {
    const batch: Waiting<In, Out>[] = [];
    const later: Waiting<In, Out>[] = [];
    const keys = new Set<string>();
    for (const call of waiting) {
      const key = keyOf?.(call.input);
      if (batch.length >= max || (key !== undefined && keys.has(key))) {
        later.push(call);
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(call);
    }
    waiting = later;
    inFlight = true;
    let outputs: Promise<Out[]>;
    try {
      outputs = run(batch.map((call) => call.input));
    } catch (error) {
      outputs = Promise.reject(error);
    }
    outputs
      .then(
        (answers) => batch.forEach((call, i) => call.resolve(answers[i]!)),
        (error: unknown) => batch.forEach((call) => call.reject(error)),
      )
      .finally(() => {
        inFlight = false;
        if (waiting.length > 0) next();
      });
  }

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (inFlight || scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (!inFlight) next();
      });
    });
}
