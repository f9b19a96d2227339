// The engine's REST handler over HTTP, the way `kubectl proxy` serves a cluster: every request is made as one
// kubeconfig user (impersonation headers still apply), and the virtual clock follows wall time.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../src/sim/Engine.ts';
import type { ApiRequest } from '../src/sim/apiserver/ApiServer.ts';
import { decodeKubernetesProtobuf } from './protobuf/decodeKubernetesProtobuf.ts';

export interface AdapterOptions {
  engine: Engine;
  /** The kubeconfig user every request is authenticated as. */
  user: string;
  /** Virtual seconds per wall second. */
  speed?: number;
  /** How often the clock catches up with wall time, ms. */
  tickMs?: number;
}

export interface Adapter {
  server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createAdapter(opts: AdapterOptions): Adapter {
  const { engine } = opts;
  const speed = opts.speed ?? 1;
  const wallStart = performance.now();
  const virtualStart = engine.clock.now();
  let reported = engine.taskErrors.length;
  const catchUp = (): void => {
    // Virtual time moves in whole milliseconds.
    const target = Math.floor(virtualStart + (performance.now() - wallStart) * speed);
    engine.clock.advanceTo(target);
    while (reported < engine.taskErrors.length) {
      const e = engine.taskErrors[reported++];
      if (e) console.error(`engine: task "${e.label}" failed at t=${e.time}ms: ${e.error}`);
    }
  };
  const ticker = setInterval(catchUp, opts.tickMs ?? 10);
  ticker.unref();
  const credentials = engine.credentialsFor(opts.user);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (e) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `adapter: ${String(e)}`, reason: 'InternalError', code: 500 }));
      }
    });
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): void {
    catchUp();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string | string[] | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (k === 'authorization') continue; // like kubectl proxy: the adapter's own user, not the caller's
      headers[k] = v;
    }
    Object.assign(headers, credentials.headers ?? {});
    let body: string | undefined;
    const contentType = String(req.headers['content-type'] ?? '');
    if (raw.length > 0) {
      if (contentType.startsWith('application/vnd.kubernetes.protobuf')) {
        try {
          const decoded = decodeKubernetesProtobuf(new Uint8Array(raw));
          body = JSON.stringify({ apiVersion: decoded.apiVersion, kind: decoded.kind, ...decoded.object });
          headers['content-type'] = 'application/json';
        } catch (e) {
          sendJson(res, 400, {}, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `the body of the request could not be decoded: ${e instanceof Error ? e.message : String(e)}`, reason: 'BadRequest', code: 400 });
          return;
        }
      } else {
        body = raw.toString('utf8');
      }
    }
    const apiReq: ApiRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.search, headers, from: 'kubectl' };
    if (body !== undefined) apiReq.body = body;
    if (credentials.clientCert) apiReq.clientCert = credentials.clientCert;
    const out = engine.request(apiReq);
    // Work the request caused (watch deliveries) runs now rather than at the next tick.
    catchUp();

    if (out.watch) {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...warningHeaders(out.headers) });
      res.flushHeaders();
      const stream = out.watch;
      stream.onEvent((e) => res.write(`${JSON.stringify(e)}\n`));
      stream.onClose(() => res.end());
      res.on('close', () => stream.close());
      return;
    }
    if (typeof out.body === 'string') {
      res.writeHead(out.code, { 'content-type': out.contentType, ...warningHeaders(out.headers) });
      res.end(req.method === 'HEAD' ? undefined : out.body);
      return;
    }
    sendJson(res, out.code, out.headers, out.body, req.method === 'HEAD');
  }

  return {
    server,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      clearInterval(ticker);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function warningHeaders(h: Record<string, string[]>): Record<string, string[]> {
  return h['warning'] ? { warning: h['warning'] } : {};
}

function sendJson(res: http.ServerResponse, code: number, headers: Record<string, string[]>, body: unknown, head = false): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', ...warningHeaders(headers) });
  res.end(head ? undefined : text);
}
