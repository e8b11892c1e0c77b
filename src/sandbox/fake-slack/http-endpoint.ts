/**
 * The fake's HTTP face: its own listening server, or mounted under a path of a host server (the sandbox), and
 * the routing of `/api/<method>` and `/response_url/<id>` to their handlers.
 */
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type FakeFile, mimetypeOf } from './file-store.js';
import { readBody, sendText } from './http-io.js';

export interface FakeSlackRoutes {
  api(method: string, req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void>;
  responseUrl(id: string, req: IncomingMessage, res: ServerResponse, raw: string): Promise<void>;
  /** A WebSocket upgrade (Socket Mode); false when the path is not one the fake serves. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** A file's bytes POSTed to its upload URL; resolves with the HTTP status. */
  upload(id: string, contentType: string | undefined, raw: string): Promise<number>;
  /** A shared file, for its download link. */
  download(id: string): FakeFile | undefined;
}

export class HttpEndpoint {
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private basePath = '';

  constructor(
    private readonly routes: FakeSlackRoutes,
    baseUrl: string | undefined,
  ) {
    if (baseUrl !== undefined) this.setBaseUrl(baseUrl);
  }

  /** `http://127.0.0.1:<port>` (or the configured `baseUrl`, without a trailing slash). */
  get url(): string {
    if (this.baseUrl === undefined) throw new Error('FakeSlack is not listening and has no baseUrl');
    return this.baseUrl;
  }

  /** Starts a standalone HTTP server. */
  async listen(port: number, host: string): Promise<void> {
    if (this.server) throw new Error('FakeSlack is already listening');
    const server = http.createServer((req, res) => {
      void this.handleRequest(req, res).then((handled) => {
        if (!handled) sendText(res, 404, 'not_found');
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!this.routes.upgrade?.(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const printable = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.setBaseUrl(`http://${printable}:${address.port}`);
  }

  /** Stops the server and drops keep-alive connections (fetch keeps them open). */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /**
   * Serves one request. Returns false without touching `res` when the path is not the fake's (so a host server
   * can fall through to its own routes); otherwise answers and returns true.
   */
  async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    let path = url.pathname;
    if (this.basePath) {
      if (path !== this.basePath && !path.startsWith(`${this.basePath}/`)) return false;
      path = path.slice(this.basePath.length) || '/';
    }
    const api = /^\/api\/([A-Za-z0-9._-]+)$/.exec(path);
    const hook = /^\/response_url\/([A-Za-z0-9_-]+)$/.exec(path);
    const upload = /^\/upload\/([A-Za-z0-9]+)$/.exec(path);
    const file = /^\/files\/([A-Za-z0-9]+)\/[^/]+$/.exec(path);
    if (file?.[1] && req.method === 'GET') {
      const found = this.routes.download(file[1]);
      if (!found || found.content === undefined || found.channel === undefined) sendText(res, 404, 'file_not_found');
      else {
        res.writeHead(200, { 'content-type': `${mimetypeOf(found.name)}; charset=utf-8`, 'content-disposition': `attachment; filename="${found.name.replace(/["\\]/g, '_')}"` });
        res.end(found.content);
      }
      return true;
    }
    if (!api && !hook && !upload && path !== '/') return false;
    try {
      if (path === '/') {
        sendText(res, 200, 'fake slack');
        return true;
      }
      if (req.method !== 'POST' && !(api && req.method === 'GET')) {
        sendText(res, 405, 'method_not_allowed');
        return true;
      }
      const raw = await readBody(req);
      if (raw === undefined) {
        sendText(res, 413, 'request_too_large');
        return true;
      }
      if (upload?.[1]) sendText(res, await this.routes.upload(upload[1], req.headers['content-type'], raw), 'OK');
      else if (api?.[1]) await this.routes.api(api[1], req, res, url, raw);
      else if (hook?.[1]) await this.routes.responseUrl(hook[1], req, res, raw);
    } catch (error) {
      if (!res.headersSent) sendText(res, 500, `fake_slack_error: ${(error as Error).message}`);
      else res.destroy();
    }
    return true;
  }

  private setBaseUrl(baseUrl: string): void {
    const trimmed = baseUrl.replace(/\/+$/, '');
    this.baseUrl = trimmed;
    this.basePath = new URL(trimmed).pathname.replace(/\/+$/, '');
  }
}
