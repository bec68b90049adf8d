/** Only what says what went wrong: a rejection from a database driver may carry its client, with the connection string. */
export function errorFields(reason: unknown): Record<string, unknown> {
  if (!reason || typeof reason !== 'object') return { message: String(reason).slice(0, 500) };
  const { name, message, stack, code, errno, syscall } = reason as Partial<Error> & { code?: unknown; errno?: unknown; syscall?: unknown };
  return { type: name, message: String(message ?? reason), stack, code, errno, syscall };
}
