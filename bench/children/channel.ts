// Kept free of heavy imports: the bare baseline loads it too, and its start-up is measured.

/** Inside a child: the way back to the parent, and exit when it goes away. */
export function childChannel(onStop: () => Promise<void>): { send(message: object): void } {
  if (!process.send) throw new Error('this script runs as a bench child (with an IPC channel)');
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= onStop().then(
      () => process.exit(0),
      () => process.exit(1),
    ));
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  return { send: (message) => process.send!(message) };
}

/** Reports a start-up failure to the parent instead of dying silently. */
export function failChild(error: unknown): void {
  process.send?.({ type: 'error', error: (error as Error).stack ?? String(error) });
  process.exitCode = 1;
}
