const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id the system hands out is a UUID; anything else names nothing, and must not reach the database. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
