/**
 * DataLoader scheduling that keeps at most `limit` batches out at once: a batch that finds a free
 * slot goes on the next turn; otherwise it stays open to newcomers until a batch out settles, so
 * under load a batch gathers every request of one round trip rather than of one event-loop turn.
 * The batch function calls `settled()` once its batch has finished either way.
 */
export function boundedBatches(limit: number): { batchScheduleFn: (dispatch: () => void) => void; settled: () => void } {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    batchScheduleFn: (dispatch) => {
      if (active < limit) {
        active += 1;
        setImmediate(dispatch);
      } else {
        waiting.push(dispatch);
      }
    },
    settled: () => {
      const next = waiting.shift();
      if (next) setImmediate(next);
      else active -= 1;
    },
  };
}
