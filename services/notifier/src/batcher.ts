/**
 * Groups the calls that concurrent jobs make at about the same time into one call of `run`
 * (one SQL statement for many emails). A batch leaves as soon as the previous one is back (at most
 * `maxInFlight` at once): under light load every call goes alone and waits for nobody, under heavy
 * load batches grow by themselves while the database is busy with the previous one.
 */
export function batched<I, O>(
  run: (items: I[]) => Promise<O[]>,
  options: { maxBatch?: number; maxInFlight?: number } = {},
): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 200;
  const maxInFlight = options.maxInFlight ?? 1;
  let queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  let inFlight = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      run(batch.map((entry) => entry.item))
        .then((results) => {
          if (results.length !== batch.length) {
            throw new Error(`batch of ${batch.length} returned ${results.length} results`);
          }
          for (const [i, result] of results.entries()) batch[i]?.resolve(result);
        })
        .catch((error: unknown) => {
          for (const entry of batch) entry.reject(error);
        })
        .finally(() => {
          inFlight -= 1;
          flush();
        });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // After the current I/O callbacks: the calls made by every job woken in this turn go together.
        setImmediate(flush);
      }
    });
}
