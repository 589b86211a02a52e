// The simulated EcoFlow MQTT broker: aedes behind node:tls. Login with the
// certification account and its current password (else CONNACK 5, not
// authorized); subscriptions only to /open/{account}/{sn}/… of this account's
// devices; clients may publish only to …/set and …/get. It can be restarted on
// the same port and can drop every connection (credential rotation).
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';

export interface BrokerAuth {
  account(): string;
  password(): string;
  hasDevice(sn: string): boolean;
  /** Refuse a client id (e.g. the per-account daily id limit); null allows it. */
  refuseClientId?(clientId: string): boolean;
  /** A client published to /open/{account}/{sn}/set. */
  onSet(sn: string, payload: Buffer): void;
}

export interface BrokerOptions {
  host: string;
  port?: number;
  keyPem: string;
  certPem: string;
  auth: BrokerAuth;
}

const CLIENT_TOPICS = new Set(['set', 'get']);

/** [sn, leaf] of /open/{account}/{sn}/{leaf...} for this account, else null. */
function splitTopic(topic: string, account: string): [string, string] | null {
  const parts = topic.split('/');
  if (parts.length < 5 || parts[0] !== '' || parts[1] !== 'open' || parts[2] !== account) return null;
  return [parts[3] ?? '', parts.slice(4).join('/')];
}

function notAuthorized(): AuthenticateError {
  return Object.assign(new Error('not authorized'), { returnCode: 5 }) as AuthenticateError;
}

export class SimBroker {
  readonly #opts: BrokerOptions;
  #aedes: Aedes | null = null;
  #server: Server | null = null;
  #sockets = new Set<TLSSocket>();
  #port = 0;
  #clientIds = new Set<string>();
  #connections = 0;
  #refused = 0;

  private constructor(opts: BrokerOptions) {
    this.#opts = opts;
  }

  static async start(opts: BrokerOptions): Promise<SimBroker> {
    const b = new SimBroker(opts);
    await b.#open(opts.port ?? 0);
    return b;
  }

  get port(): number {
    return this.#port;
  }

  /** Distinct client ids that logged in successfully. */
  clientIdsSeen(): string[] {
    return [...this.#clientIds];
  }

  /** Successful logins since start (reconnects count again). */
  connectionCount(): number {
    return this.#connections;
  }

  /** Logins refused (bad credentials or refused client id). */
  refusedCount(): number {
    return this.#refused;
  }

  connectedClients(): number {
    return this.#aedes?.connectedClients ?? 0;
  }

  publish(topic: string, payload: string | Buffer): Promise<void> {
    const aedes = this.#aedes;
    if (!aedes || aedes.closed) return Promise.resolve();
    const buf = typeof payload === 'string' ? Buffer.from(payload) : payload;
    return new Promise((resolve) =>
      aedes.publish({ cmd: 'publish', topic, payload: buf, qos: 1, retain: false, dup: false }, () => resolve()),
    );
  }

  /** Cuts every connection; clients must reconnect (and re-login). */
  dropAllClients(): void {
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
  }

  /** Closes the broker and opens a fresh one on the same port (sessions are lost, as on a real restart). */
  async restart(): Promise<void> {
    await this.#closeAll();
    await this.#open(this.#port);
  }

  async close(): Promise<void> {
    await this.#closeAll();
  }

  async #open(port: number): Promise<void> {
    const auth = this.#opts.auth;
    const aedes = await Aedes.createBroker({
      authenticate: (client: Client, username, password, done) => {
        const good = username === auth.account() && password !== undefined && password.toString('utf8') === auth.password();
        if (!good || auth.refuseClientId?.(client.id)) {
          this.#refused++;
          return done(notAuthorized(), null);
        }
        this.#clientIds.add(client.id);
        this.#connections++;
        done(null, true);
      },
      authorizeSubscribe: (_client, sub, done) => {
        const parts = splitTopic(sub.topic, auth.account());
        const ok = parts !== null && auth.hasDevice(parts[0]) && !/[+#]/.test(parts[0]);
        done(null, ok ? sub : null); // null → SUBACK failure (0x80) for this topic only
      },
      authorizePublish: (_client, packet, done) => {
        const parts = splitTopic(packet.topic, auth.account());
        const ok = parts !== null && auth.hasDevice(parts[0]) && CLIENT_TOPICS.has(parts[1]);
        done(ok ? null : new Error('not authorized to publish to ' + packet.topic));
      },
    });
    aedes.on('publish', (packet, client) => {
      if (!client) return;
      const parts = splitTopic(packet.topic, auth.account());
      if (parts && parts[1] === 'set') auth.onSet(parts[0], packet.payload as Buffer);
    });
    const server = createServer({ key: this.#opts.keyPem, cert: this.#opts.certPem }, (socket) => {
      socket.setNoDelay(true);
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      aedes.handle(socket);
    });
    server.on('tlsClientError', () => {}); // a client that distrusts our CA is its problem, not a crash
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.#opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#aedes = aedes;
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
  }

  async #closeAll(): Promise<void> {
    const server = this.#server;
    const aedes = this.#aedes;
    this.#server = null;
    this.#aedes = null;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    this.dropAllClients();
    await closed;
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
  }
}
