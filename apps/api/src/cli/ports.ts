import net from 'node:net';

// Listening ports for tests and benchmarks. Linux hands out local ports for outgoing connections
// from 32768 up (ip_local_port_range), and tests and benchmarks open many (pg pools, fetch): a
// listening port chosen in that range can be taken by a client socket between the check and the
// bind. Ports below it are used only by listeners.
const LOW = 20_000;
const HIGH = 32_000;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that nothing listens on, outside the range used for outgoing connections. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found between ${LOW} and ${HIGH} in 100 tries`);
}
