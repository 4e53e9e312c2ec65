import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LEAK, createToken } from './support/http.js';
import { record } from './support/prng.js';
import { launchServer, sleep, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * Subscriptions under the same limits as queries (issue 15, High 4), over the real server: with the
 * `graphql-ws` client where a client would use it, and with raw `ws` sockets where the attack is the
 * protocol itself (no connection_init, a bad token, malformed messages, many sockets).
 */

const PROTOCOL = 'graphql-transport-ws';
const SUBSCRIPTION = 'subscription { auditEvents { position type } }';

interface RawSocket {
  readonly socket: WebSocket;
  readonly messages: Array<{ type: string; id?: string; payload?: unknown }>;
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: Record<string, unknown> | string): void;
  /** The first message of `type` (for `id`), waiting up to `timeoutMs`. */
  next(
    type: string,
    id?: string,
    timeoutMs?: number,
  ): Promise<{ type: string; id?: string; payload?: unknown }>;
}

describe('hostile subscriptions', () => {
  const dir = tempDataDir('hostile-subscriptions');
  let server: ServerProcess;
  let token: string;
  let wsUrl: string;
  const sockets: WebSocket[] = [];
  const clients: WsClient[] = [];
  const tried: Record<string, number> = {};
  const count = (attack: string, times = 1) => (tried[attack] = (tried[attack] ?? 0) + times);

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path });
    token = server.bootstrapToken!;
    wsUrl = server.graphqlUrl.replace(/^http/, 'ws');
  }, 60_000);
  afterAll(async () => {
    for (const [attack, times] of Object.entries(tried))
      record(`hostile subscriptions: ${attack}: ${times} tried`);
    await Promise.all(clients.map((client) => client.dispose()));
    for (const socket of sockets) socket.terminate();
    await server?.stop();
    dir.remove();
  });

  const open = (headers: Record<string, string> = {}): Promise<RawSocket> =>
    new Promise((done, fail) => {
      const socket = new WebSocket(wsUrl, PROTOCOL, { headers });
      sockets.push(socket);
      const messages: RawSocket['messages'] = [];
      const waiting = new Set<() => void>();
      socket.on('message', (raw: Buffer) => {
        messages.push(JSON.parse(raw.toString()) as RawSocket['messages'][number]);
        for (const wake of waiting) wake();
      });
      const closed = new Promise<{ code: number; reason: string }>((resolveClose) =>
        socket.once('close', (code: number, reason: Buffer) => {
          resolveClose({ code, reason: reason.toString() });
          for (const wake of waiting) wake();
        }),
      );
      const next: RawSocket['next'] = async (type, id, timeoutMs = 5000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const found = messages.find(
            (message) => message.type === type && (id === undefined || message.id === id),
          );
          if (found) return found;
          if (Date.now() > deadline || socket.readyState === WebSocket.CLOSED)
            throw new Error(`no ${type} message; got ${JSON.stringify(messages).slice(0, 500)}`);
          await new Promise<void>((wake) => {
            const timer = setTimeout(wake, 100);
            waiting.add(() => {
              clearTimeout(timer);
              wake();
            });
          });
          waiting.clear();
        }
      };
      socket.once('open', () =>
        done({
          socket,
          messages,
          closed,
          next,
          send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
        }),
      );
      socket.once('unexpected-response', (_request, response) =>
        fail(new Error(`upgrade refused: ${response.statusCode}`)),
      );
      socket.once('error', fail);
    });

  const initialised = async (authorization = `Bearer ${token}`): Promise<RawSocket> => {
    const raw = await open();
    raw.send({ type: 'connection_init', payload: { authorization } });
    await raw.next('connection_ack');
    return raw;
  };

  describe('documents', () => {
    /** Sends one subscribe and returns the error payload the server answers it with. */
    const refusal = async (query: string) => {
      const raw = await initialised();
      raw.send({ id: 'one', type: 'subscribe', payload: { query } });
      const error = await raw.next('error', 'one');
      raw.socket.close();
      return error.payload as Array<{ message: string; extensions?: Record<string, unknown> }>;
    };

    it('31 aliases are refused, like a query', async () => {
      count('a subscription with 31 aliases');
      const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: type`).join(' ');
      const errors = await refusal(`subscription { auditEvents { ${aliases} } }`);
      expect(errors[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(errors[0]?.message).toMatch(/aliases/);
    });

    it('an invalid document is refused (unknown field, two root fields)', async () => {
      count('an invalid subscription document', 2);
      for (const query of [
        'subscription { auditEvents { nope } }',
        'subscription { a: auditEvents { type } b: auditEvents { position } }',
      ]) {
        const errors = await refusal(query);
        expect(errors[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      }
    });

    it('a fragment bomb is priced like a query, at once, and refused as too costly', async () => {
      count('a 40-level fragment bomb over a subscription');
      const fragments = Array.from(
        { length: 40 },
        (_, index) =>
          `fragment F${index} on AuditEntry { type ${index < 39 ? `...F${index + 1} ...F${index + 1}` : ''} }`,
      ).join(' ');
      const errors = await refusal(`subscription { auditEvents { ...F0 } } ${fragments}`);
      expect(errors[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(errors[0]?.message).toMatch(/too costly/);
    });

    it('every error the socket sends has extensions.code, and no stack', async () => {
      const raw = await initialised();
      const cases: Array<[string, Record<string, unknown> | string]> = [
        ['syntax error', { id: 's1', type: 'subscribe', payload: { query: 'subscription {' } }],
        ['a query over the socket', { id: 's2', type: 'subscribe', payload: { query: '{ viewer { id } }' } }],
        ['an unknown message type', { id: 's3', type: 'nonsense' }],
        ['a message that is not JSON', 'not json at all'],
      ];
      count('malformed subscription messages', cases.length);
      for (const [, message] of cases) raw.send(message);
      await raw.next('error', 's3');
      await sleep(300);
      const errors = raw.messages.filter((message) => message.type === 'error');
      expect(errors.length).toBe(cases.length);
      for (const error of errors) {
        const payload = error.payload as Array<{ extensions?: Record<string, unknown> }>;
        expect(payload.length).toBeGreaterThan(0);
        for (const item of payload) expect(item.extensions?.['code']).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(error)).not.toMatch(LEAK);
      }
      raw.socket.close();
    });
  });

  describe('the connection', () => {
    it('a socket that never sends connection_init is closed with 4408', async () => {
      count('sockets without connection_init', 5);
      const raws = await Promise.all(Array.from({ length: 5 }, () => open()));
      const closes = await Promise.race([
        Promise.all(raws.map((raw) => raw.closed)),
        sleep(12_000).then(() => 'still open' as const),
      ]);
      expect(closes).not.toBe('still open');
      for (const close of closes as Array<{ code: number }>) expect(close.code).toBe(4408);
    }, 20_000);

    it('a bad token is closed with 4403, not answered with a connection_error message', async () => {
      count('bad tokens at connection_init', 3);
      for (const authorization of [
        `Bearer ct_${'A'.repeat(43)}`,
        'Bearer not-a-token',
        'Basic YWxpY2U6c2VjcmV0',
      ]) {
        const raw = await open();
        raw.send({ type: 'connection_init', payload: { authorization } });
        expect((await raw.closed).code).toBe(4403);
        expect(raw.messages.map((message) => message.type)).toEqual([]);
      }
    });

    it('the graphql-ws client sees a bad token as a 4403 close', async () => {
      count('a bad token through the graphql-ws client');
      let closeCode: number | undefined;
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ct_${'B'.repeat(43)}` },
        retryAttempts: 0,
        on: { closed: (event) => (closeCode = (event as { code: number }).code) },
      });
      clients.push(client);
      const failed = new Promise<unknown>((done) =>
        client.subscribe(
          { query: SUBSCRIPTION },
          { next: () => undefined, error: done, complete: () => done(undefined) },
        ),
      );
      await failed;
      expect(closeCode).toBe(4403);
    });

    it('a socket holds at most 20 subscriptions; the 21st is refused with a code', async () => {
      count('subscriptions on one socket', 21);
      const raw = await initialised();
      for (let index = 0; index < 21; index++)
        raw.send({ id: `sub${index}`, type: 'subscribe', payload: { query: SUBSCRIPTION } });
      const error = await raw.next('error', 'sub20');
      const payload = error.payload as Array<{ message: string; extensions?: Record<string, unknown> }>;
      expect(payload[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'subscriptions' });
      await sleep(300);
      expect(raw.messages.filter((message) => message.type === 'error')).toHaveLength(1);
      // Once one ends, another may start.
      raw.send({ id: 'sub0', type: 'complete' });
      await sleep(200);
      raw.send({ id: 'again', type: 'subscribe', payload: { query: SUBSCRIPTION } });
      await sleep(500);
      expect(raw.messages.some((message) => message.type === 'error' && message.id === 'again')).toBe(false);
      raw.socket.close();
    });

    it('a token holds at most 10 sockets; the 11th is closed with 4429', async () => {
      count('sockets for one token', 11);
      const viewer = await createToken(dir.path, () => server.graphqlUrl, 'vic', 'VIEWER');
      const held = await Promise.all(Array.from({ length: 10 }, () => initialised(`Bearer ${viewer}`)));
      const eleventh = await open();
      eleventh.send({ type: 'connection_init', payload: { authorization: `Bearer ${viewer}` } });
      expect((await eleventh.closed).code).toBe(4429);
      // Closing one frees its place.
      held[0]!.socket.close();
      await held[0]!.closed;
      await sleep(200);
      await initialised(`Bearer ${viewer}`);
      for (const raw of held) raw.socket.close();
    }, 60_000);

    it('the server holds at most 500 sockets; an upgrade past them is refused with 503', async () => {
      const held: RawSocket[] = [];
      let refusal: unknown;
      // The sockets earlier cases left open count too: open until refused, in batches within the 5 s init window.
      while (refusal === undefined && held.length < 600) {
        const batch = await Promise.allSettled(Array.from({ length: 50 }, () => open()));
        for (const result of batch) {
          if (result.status === 'fulfilled') held.push(result.value);
          else refusal ??= result.reason;
        }
      }
      count('sockets held open at once', held.length + 1);
      expect(String(refusal)).toMatch(/503/);
      expect(held.length).toBeLessThanOrEqual(500);
      expect(held.length).toBeGreaterThan(480);
      for (const raw of held) raw.socket.terminate();
      await Promise.all(held.map((raw) => raw.closed));
      await sleep(300);
      (await initialised()).socket.close();
    }, 60_000);
  });
});
