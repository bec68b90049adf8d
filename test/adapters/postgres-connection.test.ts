import net, { type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { connect } from '../../worker/adapters/postgres/database';
import { isDatabaseUnreachable } from '../../worker/adapters/postgres/errors';

/** One backend message: its type byte, its length (itself included), its body. */
function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

const authenticationOk = message('R', Buffer.alloc(4));
const readyForQuery = message('Z', Buffer.from('I'));
const adminShutdown = message(
  'E',
  Buffer.from(['SFATAL', 'VFATAL', 'C57P01', 'Mterminating connection due to administrator command', ''].join('\0') + '\0'),
);

/**
 * A server that lets every connection in and ends it at once, the way Postgres does when a fast
 * shutdown reaches a backend that has just sent ReadyForQuery: both in one read for the client.
 */
async function shuttingDownServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.once('data', () => socket.end(Buffer.concat([authenticationOk, readyForQuery, adminShutdown])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://kyb:secret@127.0.0.1:${port}/kyb`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a Postgres connection ended as it starts', () => {
  it('when the server sends FATAL 57P01 in the same read as a new connection’s ReadyForQuery, then the query fails as the database being unavailable and nothing is thrown out of the socket', async () => {
    const server = await shuttingDownServer();
    const { sequelize } = connect(server.url, 1);
    try {
      const failure = await sequelize.query('SELECT 1').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).to.be.instanceOf(Error);
      expect(isDatabaseUnreachable(failure)).to.equal(true);
      // An error emitted to no listener would surface on the next turns as an uncaught exception, failing this test.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await sequelize.close();
      await server.close();
    }
  });
});
