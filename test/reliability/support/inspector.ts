import WebSocket from 'ws';

/** The `ws://` address a process started with `--inspect=127.0.0.1:0` printed to stderr. */
export const inspectorUrl = (output: string): string | undefined =>
  /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];

/**
 * The live JavaScript heap of another process, in MB, after two full garbage collections: what its
 * reachable objects take, without the garbage V8 has not yet bothered to collect.
 */
export const liveHeapMb = async (url: string): Promise<number> => {
  const socket = new WebSocket(url);
  await new Promise<void>((done, fail) => {
    socket.once('open', () => done());
    socket.once('error', fail);
  });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((done) => {
      const mine = ++id;
      const onMessage = (raw: Buffer) => {
        const message = JSON.parse(raw.toString()) as { id?: number; result?: Record<string, unknown> };
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        done(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return (usage['usedSize'] as number) / 1024 / 1024;
  } finally {
    socket.close();
  }
};
