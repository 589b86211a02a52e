// A simulated EcoFlow cloud for tests, benchmarks and the CLI demo mode.
//
//   const sim = await startCloudSim({ clock, seed, devices: ['delta-pro', 'delta-2'] });
//   sim.restUrl            https://127.0.0.1:<port> (REST base URL; sign with sim.accessKey/secretKey)
//   sim.caPem              the simulator's CA: pass as `ca` to node:https / mqtt.js (keep rejectUnauthorized)
//   sim.mqttHost/mqttPort  the TLS MQTT broker (also what certification returns)
//   sim.certificateAccount / sim.certificatePassword   MQTT login (password changes on rotateCredentials)
//   sim.devices            [{ sn, family, productName, deviceName, online, allowed }]
//   sim.device(sn)         the SimDevice (physics in .station, settings, quota())
//   sim.trueEnergy(sn)     the energy that truly flowed since start (Wh ledger)
//   sim.tick(ms?)          advance the physics by ms of sim time and push changes now
//   sim.rotateCredentials()  new password; every MQTT connection is dropped
//   sim.restartBroker()    close and reopen the broker on the same port
//   sim.setOnline(sn, b)   status message; pushes stop/start (quota/all keeps the last values)
//   sim.stallStream(b, sn?)  device online but no quota pushes ("cloud stream stalled")
//   sim.setAllowed(sn, b)  false → REST answers 1006 for it
//   sim.setRejectAccessKey(b)  8513 for every call (keys of the other region)
//   sim.publishRaw(sn, payload)  any bytes on /open/{account}/{sn}/quota (fuzzing)
//   sim.clientIdsSeen() / connectionCount() / refusedLogins() / restCalls()
//   sim.stop()             closes servers and timers
//
// Time: the publish loop runs on the injected Clock (ManualClock.advance() drives it in tests);
// each loop steps the physics by elapsed × timeScale. Message timestamps and the REST Date header
// use clock.now(). tick() moves only the physics (solar time runs ahead of the clock).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { createSimCerts } from './certs';
import { bigMessageId, quotaMessages, setReplyMessage, statusMessage } from './messages';
import { SimBroker } from './mqtt-broker';
import type { EnergyLedger } from './physics/power-station';
import type { SimFamily } from './physics/profiles';
import type { QuotaMap } from './physics/quota-common';
import { createRestHandler, type RestCall } from './rest-server';
import { applySetCommand } from './set-commands';
import { SimDevice, type SimDeviceSpec } from './sim-device';

/** Fixed demo keys (the CLI demo mode uses them; they open nothing real). */
export const DEMO_ACCESS_KEY = 'demoAccessKeyPakuEcoflowSim01';
export const DEMO_SECRET_KEY = 'demoSecretKeyPakuEcoflowSimulator01';

export interface CloudSimOptions {
  accessKey?: string;
  secretKey?: string;
  clock?: Clock;
  seed?: number;
  devices?: (SimFamily | SimDeviceSpec)[];
  /** Sim time between quota pushes (default 1000). */
  publishIntervalMs?: number;
  /** Physics time per clock time (default 1; 60 makes an hour pass in a minute). */
  timeScale?: number;
  /** Largest tolerated |request timestamp − sim clock| before 8521 (default 60 s). */
  maxSkewMs?: number;
  host?: '127.0.0.1' | 'localhost';
  /** Answer 8513 to every call (this sim plays the wrong region). */
  rejectAccessKey?: boolean;
  /** Refuse logins with more distinct client ids than this (EcoFlow allows about 10 a day). */
  maxClientIds?: number;
  /** Start the publish loop (default true). */
  autoPublish?: boolean;
  logger?: Logger;
}

export interface SimDeviceInfo {
  readonly sn: string;
  readonly family: SimFamily;
  readonly productName: string;
  readonly deviceName: string;
  readonly online: boolean;
  readonly allowed: boolean;
}

export interface CloudSim {
  readonly restUrl: string;
  readonly caPem: string;
  readonly mqttHost: string;
  readonly mqttPort: number;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly certificateAccount: string;
  readonly certificatePassword: string;
  readonly devices: readonly SimDeviceInfo[];
  device(sn: string): SimDevice;
  trueEnergy(sn: string): EnergyLedger;
  /** The device's present quota map (fresh, not the cloud's snapshot). */
  quota(sn: string): QuotaMap;
  tick(ms?: number): Promise<void>;
  rotateCredentials(): void;
  restartBroker(): Promise<void>;
  setOnline(sn: string, online: boolean): Promise<void>;
  stallStream(stalled: boolean, sn?: string): void;
  setAllowed(sn: string, allowed: boolean): void;
  setRejectAccessKey(reject: boolean): void;
  publishRaw(sn: string, payload: Buffer | string): Promise<void>;
  clientIdsSeen(): string[];
  connectionCount(): number;
  refusedLogins(): number;
  connectedClients(): number;
  restCalls(): readonly RestCall[];
  stop(): Promise<void>;
}

const MAX_REST_LOG = 10_000;

export async function startCloudSim(opts: CloudSimOptions = {}): Promise<CloudSim> {
  const clock = opts.clock ?? systemClock;
  const log = (opts.logger ?? silentLogger).child('cloud-sim');
  const seed = (opts.seed ?? 1) >>> 0;
  const host = opts.host ?? '127.0.0.1';
  const accessKey = opts.accessKey ?? DEMO_ACCESS_KEY;
  const secretKey = opts.secretKey ?? DEMO_SECRET_KEY;
  const interval = opts.publishIntervalMs ?? 1000;
  const timeScale = opts.timeScale ?? 1;
  const account = 'open-' + createHash('sha256').update(accessKey).digest('hex').slice(0, 24);
  let password = randomBytes(16).toString('hex');
  let rejectAccessKey = opts.rejectAccessKey ?? false;
  let messageCounter = 0;
  const nextId = (): string => bigMessageId(seed, ++messageCounter);
  const restLog: RestCall[] = [];

  const specs = (opts.devices ?? ['delta-pro', 'delta-2']).map((d) => (typeof d === 'string' ? { family: d } : d));
  const devices = specs.map((s, i) => new SimDevice(s, seed, i, clock.now()));
  const bySn = new Map(devices.map((d) => [d.sn, d]));
  const get = (sn: string): SimDevice => {
    const d = bySn.get(sn);
    if (!d) throw new Error(`The simulator has no device ${sn}.`);
    return d;
  };
  const topic = (sn: string, leaf: string): string => `/open/${account}/${sn}/${leaf}`;

  const certs = await createSimCerts();
  const broker = await SimBroker.start({
    host,
    keyPem: certs.keyPem,
    certPem: certs.certPem,
    auth: {
      account: () => account,
      password: () => password,
      hasDevice: (sn) => bySn.has(sn),
      refuseClientId: (id) =>
        opts.maxClientIds !== undefined && !broker.clientIdsSeen().includes(id) && broker.clientIdsSeen().length >= opts.maxClientIds,
      onSet: (sn, payload) => void handleMqttSet(sn, payload),
    },
  });

  async function pushDevice(d: SimDevice): Promise<void> {
    if (!d.online) return;
    d.syncCloud();
    if (d.stalled) return;
    const changed = d.takeChanges();
    const texts = quotaMessages(d.family, changed, clock.now(), nextId);
    await Promise.all(texts.map((t) => broker.publish(topic(d.sn, 'quota'), t)));
  }

  function applyAndReply(d: SimDevice, body: unknown, id: string): Promise<void> {
    if (!d.online) return broker.publish(topic(d.sn, 'set_reply'), setReplyMessage(id, '-2', { ack: 1 }, 'device offline'));
    const outcome = applySetCommand(d.family, body, d.station.settings);
    d.station.refresh();
    log.debug('set command', { sn: d.sn, ok: outcome.ok });
    return Promise.all([
      broker.publish(topic(d.sn, 'set_reply'), setReplyMessage(id, '0', outcome.data)),
      pushDevice(d),
    ]).then(() => undefined);
  }

  async function handleMqttSet(sn: string, payload: Buffer): Promise<void> {
    const d = bySn.get(sn);
    if (!d) return;
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    const rawId = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['id'] : undefined;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(clock.now());
    await applyAndReply(d, body, id);
  }

  const server: Server = createServer(
    { key: certs.keyPem, cert: certs.certPem },
    createRestHandler({
      now: () => clock.now(),
      keys: () => ({ accessKey, secretKey }),
      maxSkewMs: opts.maxSkewMs ?? 60_000,
      rejectAccessKey: () => rejectAccessKey,
      certification: () => ({
        certificateAccount: account,
        certificatePassword: password,
        url: host,
        port: String(broker.port),
        protocol: 'mqtts',
      }),
      devices: () => devices,
      setCommand: (d, body) => {
        const id = typeof body['id'] === 'number' || typeof body['id'] === 'string' ? String(body['id']) : String(clock.now());
        void applyAndReply(d, body, id);
      },
      record: (call) => {
        restLog.push(call);
        if (restLog.length > MAX_REST_LOG) restLog.splice(0, restLog.length - MAX_REST_LOG);
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const restPort = (server.address() as AddressInfo).port;

  let stopped = false;
  let timer: TimerHandle | null = null;
  let lastLoopAt = clock.now();
  const loop = (): void => {
    if (stopped) return;
    const now = clock.now();
    const dt = (now - lastLoopAt) * timeScale;
    lastLoopAt = now;
    for (const d of devices) d.station.step(dt);
    void Promise.all(devices.map(pushDevice));
    timer = clock.setTimeout(loop, interval);
  };
  if (opts.autoPublish ?? true) timer = clock.setTimeout(loop, interval);
  log.info('simulator started', { rest: restPort, mqtt: broker.port, devices: devices.length });

  const infos: SimDeviceInfo[] = devices.map((d) => ({
    sn: d.sn,
    family: d.family,
    productName: d.productName,
    deviceName: d.deviceName,
    get online() {
      return d.online;
    },
    get allowed() {
      return d.allowed;
    },
  }));

  return {
    restUrl: `https://${host}:${restPort}`,
    caPem: certs.caPem,
    mqttHost: host,
    get mqttPort() {
      return broker.port;
    },
    accessKey,
    secretKey,
    certificateAccount: account,
    get certificatePassword() {
      return password;
    },
    devices: infos,
    device: get,
    trueEnergy: (sn) => get(sn).station.ledger(),
    quota: (sn) => get(sn).quota(),
    async tick(ms = interval) {
      for (const d of devices) d.station.step(ms);
      await Promise.all(devices.map(pushDevice));
    },
    rotateCredentials() {
      password = randomBytes(16).toString('hex');
      broker.dropAllClients();
    },
    async restartBroker() {
      await broker.restart();
      for (const d of devices) d.resetPushBaseline();
    },
    async setOnline(sn, online) {
      const d = get(sn);
      if (d.online === online) return;
      d.online = online;
      if (online) d.resetPushBaseline();
      await broker.publish(topic(sn, 'status'), statusMessage(online, clock.now(), String(clock.now() % 1e9)));
      if (online) await pushDevice(d);
    },
    stallStream(stalled, sn) {
      for (const d of sn ? [get(sn)] : devices) d.stalled = stalled;
    },
    setAllowed(sn, allowed) {
      get(sn).allowed = allowed;
    },
    setRejectAccessKey(reject) {
      rejectAccessKey = reject;
    },
    publishRaw: (sn, payload) => broker.publish(topic(sn, 'quota'), payload),
    clientIdsSeen: () => broker.clientIdsSeen(),
    connectionCount: () => broker.connectionCount(),
    refusedLogins: () => broker.refusedCount(),
    connectedClients: () => broker.connectedClients(),
    restCalls: () => restLog,
    async stop() {
      if (stopped) return;
      stopped = true;
      timer?.cancel();
      server.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), broker.close()]);
    },
  };
}
