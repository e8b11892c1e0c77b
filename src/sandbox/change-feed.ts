import type { ServerResponse } from 'node:http';

/**
 * Tells open pages that something changed (a message posted, a view opened, time moved), as Server-Sent Events.
 * Only a version number travels; the page then fetches the state it shows. Bursts (a command posts, then updates,
 * then publishes Home) are coalesced into one event so the page does not refetch ten times.
 */
export class ChangeFeed {
  private version = 0;
  private readonly clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;

  /** `onChange` hears every change at once (the sandbox saves its conversation shortly after). */
  constructor(
    private readonly coalesceMs = 25,
    private readonly onChange?: () => void,
  ) {
    // Proxies and browsers drop idle streams; a comment line every 20 s keeps them open.
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), 20_000);
    this.heartbeat.unref();
  }

  get current(): number {
    return this.version;
  }

  changed(): void {
    this.version += 1;
    this.onChange?.();
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write(`data: ${JSON.stringify({ version: this.version })}\n\n`);
    }, this.coalesceMs);
  }

  subscribe(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: 1000\ndata: ${JSON.stringify({ version: this.version })}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  close(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }
}
