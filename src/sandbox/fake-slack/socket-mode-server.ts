/**
 * Slack's side of Socket Mode (docs/slack-limits.md#socket-mode): `apps.connections.open` hands out a one-use WebSocket
 * URL; on connecting, the app gets `hello`; Slack then sends envelopes (`envelope_id`, `type`, `payload`,
 * `accepts_response_payload`) and the app answers each with `{ envelope_id, payload? }`, its ack. `disconnect`
 * (`refresh_requested`, `warning`, `link_disabled`) asks the app to open a new connection; the app closes the old one.
 *
 * Envelopes sent while no connection is open wait and go out after the next `hello`, as Slack holds them while an app
 * reconnects. Every ack is recorded, so a test can prove each envelope was acked exactly once.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export type SocketModeEnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketModeAck {
  envelopeId: string;
  /** What the app put in its ack (`{}` for a plain ack): a slash command's reply, a modal's `response_action`. */
  payload: Record<string, unknown>;
}

export interface SocketModeDelivery {
  envelopeId: string;
  /** Resolves when the app acks this envelope. */
  acked: Promise<SocketModeAck>;
}

interface Pending {
  message: string;
  envelopeId: string;
}

const LINK_PATH = '/socket-mode/link';

export class SocketModeServer {
  /** Every ack received, in order (a second ack for one envelope shows up twice). */
  readonly acks: SocketModeAck[] = [];
  /** Envelopes sent, in order, each once however many connections it waited through. */
  readonly envelopes: { envelopeId: string; type: SocketModeEnvelopeType }[] = [];
  /** How many WebSocket connections the app has opened so far (a reconnect makes it 2). */
  connectionsOpened = 0;

  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open: WebSocket[] = [];
  /** Connections told to reconnect: nothing new is sent on them (the app is closing them). */
  private readonly retiring = new WeakSet<WebSocket>();
  private readonly waiting: Pending[] = [];
  private readonly ackWaiters = new Map<string, (ack: SocketModeAck) => void>();
  private readonly connectionWaiters: { count: number; resolve: () => void }[] = [];

  constructor(
    private readonly baseUrl: () => string,
    private readonly appId: string,
  ) {}

  /** `apps.connections.open`: a fresh one-use `ws://` URL on the fake's own port. */
  issueUrl(): string {
    const ticket = randomBytes(8).toString('hex');
    this.tickets.add(ticket);
    return `${this.baseUrl().replace(/^http/, 'ws')}${LINK_PATH}?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** An HTTP upgrade on the fake's server; false when it is not ours (the caller then refuses it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname !== LINK_PATH) return false;
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
    return true;
  }

  /**
   * Sends an envelope (now, or after the next `hello` when no connection is open). `acceptsResponsePayload`: Slack
   * sets it for slash commands, view submissions and options requests, whose ack may carry the answer.
   */
  send(type: SocketModeEnvelopeType, payload: Record<string, unknown>, options: { acceptsResponsePayload?: boolean; retryAttempt?: number } = {}): SocketModeDelivery {
    const envelopeId = randomBytes(12).toString('hex');
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type === 'slash_commands',
    };
    if (type === 'events_api') Object.assign(envelope, { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' });
    const acked = new Promise<SocketModeAck>((resolve) => this.ackWaiters.set(envelopeId, resolve));
    this.envelopes.push({ envelopeId, type });
    this.waiting.push({ message: JSON.stringify(envelope), envelopeId });
    this.flush();
    return { envelopeId, acked };
  }

  /** Asks every open connection to reconnect, as Slack does before it recycles a server (`refresh_requested`). */
  requestReconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    for (const ws of this.open) {
      this.retiring.add(ws);
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
    }
  }

  /** Acks received for one envelope: 1 is right, 0 is lost, 2 is a duplicate. */
  ackCount(envelopeId: string): number {
    return this.acks.filter((ack) => ack.envelopeId === envelopeId).length;
  }

  /** Open connections right now (including any told to reconnect that the app has not closed yet). */
  get openConnections(): number {
    return this.open.length;
  }

  /** Resolves once the app has opened `count` connections in all (and one is open). */
  waitForConnections(count: number): Promise<void> {
    if (this.connectionsOpened >= count) return Promise.resolve();
    return new Promise((resolve) => this.connectionWaiters.push({ count, resolve }));
  }

  /** Closes every connection and the WebSocket server. */
  async close(): Promise<void> {
    for (const ws of this.open.splice(0)) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private connected(ws: WebSocket): void {
    this.connectionsOpened += 1;
    this.open.push(ws);
    ws.on('message', (data) => this.received(String(data)));
    ws.on('close', () => {
      const index = this.open.indexOf(ws);
      if (index >= 0) this.open.splice(index, 1);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.length,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.flush();
    for (const waiter of [...this.connectionWaiters]) {
      if (this.connectionsOpened >= waiter.count) {
        this.connectionWaiters.splice(this.connectionWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private received(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return; // Slack ignores what it cannot read
    }
    if (typeof message.envelope_id !== 'string') return;
    const payload = message.payload && typeof message.payload === 'object' ? (message.payload as Record<string, unknown>) : {};
    const ack = { envelopeId: message.envelope_id, payload };
    this.acks.push(ack);
    this.ackWaiters.get(ack.envelopeId)?.(ack);
    this.ackWaiters.delete(ack.envelopeId);
  }

  /** Sends what waits on the newest open connection that was not told to reconnect. */
  private flush(): void {
    const ws = this.open.findLast((candidate) => !this.retiring.has(candidate) && candidate.readyState === candidate.OPEN);
    if (!ws) return;
    for (const pending of this.waiting.splice(0)) ws.send(pending.message);
  }
}
