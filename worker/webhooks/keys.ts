/** The key every delivery of one task's end carries, so a receiver can drop repeats. */
export function webhookIdempotencyKey(taskId: string, state: 'completed' | 'failed'): string {
  return `${taskId}:task.${state}`;
}
