import { Client, types, type ClientConfig } from 'pg';

/**
 * pg's Client with an 'error' listener from birth. Sequelize adds its own only once `connect()` has
 * returned, a turn later, so an error the server sends in the same read as the new connection's
 * ReadyForQuery (a server shutting down as the connection starts: FATAL 57P01) went to no listener,
 * which throws it out of the socket's handler as an uncaught exception. Marked as Sequelize marks a
 * broken connection (`_invalid`), so its pool never hands it out.
 */
class ListenedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => {
      (this as unknown as { _invalid: boolean })._invalid = true;
    });
  }
}

/** What Sequelize's Postgres dialect takes from `pg` (its `dialectModule`): the client it connects with, and the type parsers. */
export const pgDialect = { Client: ListenedClient, types };
