import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../../common/errors';
import { AppService, CSV_MAX_ROWS } from '../../../../main/core/app-service';
import { MemorySecretBox } from '../../../../main/core/settings/secret-box';
import { FakeCollector, FakeSync, fakeDeps, fakeStore, readingsOf } from './app-service.fakes';

const T0 = Date.UTC(2026, 0, 1);
const KEY = 'A'.repeat(32);

describe('AppService', () => {
  it('answers status:get with collector, sync and app info', async () => {
    const { deps } = fakeDeps();
    const s = new AppService(deps);
    const r = await s.handle('status:get', undefined);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ app: { name: 'paku-ecoflow', face: 'http', demo: false, startedTs: Date.UTC(2026, 0, 2) }, collector: { connection: 'connected' }, sync: { paused: false } });
  });

  it('works when its methods are called unbound, as the faces do', async () => {
    const { deps, collector } = fakeDeps();
    const s = new AppService(deps);
    const { 'settings:get': get, onAny, handle } = s;
    expect(await get()).toMatchObject({ ok: true });
    expect(await handle('status:get', null)).toMatchObject({ ok: true });
    const seen: string[] = [];
    onAny((name) => seen.push(name));
    collector.push({ connection: 'reconnecting' });
    expect(seen).toEqual(['status:changed']);
  });

  it('refuses bad requests with bad-request and a message naming the field', async () => {
    const s = new AppService(fakeDeps().deps);
    const r = await s.handle('series:query', { sn: 'SN1', from: 5, to: 1, fields: ['socPercent'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!r.ok) expect(r.error.message).toMatch(/to: "from" must be before "to"/);
    expect(await s.handle('nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await s.handle('sync:setPaused', 'yes')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('queries series and energy through the store, with the default point cap', async () => {
    const seen: number[] = [];
    const { deps } = fakeDeps();
    const store = fakeStore(readingsOf('SN1', T0, 10));
    deps.store = { ...store, series: (q) => (seen.push(q.maxPoints), store.series(q)) };
    const s = new AppService(deps);
    const series = await s.handle('series:query', { sn: 'SN1', from: T0, to: T0 + 5000, fields: ['socPercent'] });
    expect(series.ok && (series.value as { points: unknown[] }).points).toHaveLength(5);
    expect(seen).toEqual([2000]);
    const energy = await s.handle('energy:query', { sn: 'SN1', from: T0, to: T0 + 86_400_000, bucket: 'day', tz: 'Europe/Helsinki' });
    expect(energy).toMatchObject({ ok: true, value: [{ whIn: 100, coveredMs: 3_600_000 }] });
  });

  it('exports CSV with a header and one line per reading, and refuses ranges over the cap', async () => {
    const { deps } = fakeDeps();
    const s = new AppService(deps);
    const r = await s.handle('export:csv', { sn: 'SN1', from: T0, to: T0 + 3000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { csv: string; rows: number; filename: string };
    expect(v.rows).toBe(3);
    expect(v.filename).toBe('paku-ecoflow-SN1-2026-01-01-2026-01-01.csv');
    const lines = v.csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^time,sn,socPercent,/);
    expect(lines[1]).toMatch(/^2026-01-01T00:00:00.000Z,SN1,50,/);
    const one = readingsOf('SN1', T0, 1)[0]!;
    deps.store = { ...fakeStore(), range: () => Array.from({ length: CSV_MAX_ROWS + 1 }, () => one) };
    const big = await new AppService(deps).handle('export:csv', { sn: 'SN1', from: T0, to: T0 + 1e9 });
    expect(big).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!big.ok) expect(big.error.message).toContain('paku-ecoflow export --device SN1');
  });

  it('shows secrets only as isSet and never returns their values', async () => {
    const { deps } = fakeDeps();
    const s = new AppService(deps);
    const updated = await s.handle('settings:update', { ecoflow: { region: 'us' }, secrets: { ecoflowAccessKey: KEY, ecoflowSecretKey: 'B'.repeat(32) } });
    expect(updated.ok).toBe(true);
    expect(JSON.stringify(updated)).not.toContain(KEY);
    const view = await s.handle('settings:get', undefined);
    expect(view).toMatchObject({ ok: true, value: { ecoflow: { region: 'us' }, secrets: { ecoflowAccessKey: { isSet: true }, postgresPassword: { isSet: false } } } });
    expect(deps.secrets.get('ecoflowAccessKey')).toBe(KEY);
    await s.handle('settings:update', { secrets: { ecoflowAccessKey: null } });
    expect(deps.secrets.get('ecoflowAccessKey')).toBeNull();
    expect(deps.secrets.get('ecoflowSecretKey')).toBe('B'.repeat(32));
  });

  it('emits settings:changed with the view after an update', async () => {
    const s = new AppService(fakeDeps().deps);
    const seen: unknown[] = [];
    s.on('settings:changed', (v) => seen.push(v.theme));
    await s.handle('settings:update', { theme: 'dark' });
    expect(seen).toEqual(['dark']);
  });

  it('refuses invalid settings with the field messages and saves nothing', async () => {
    const { deps } = fakeDeps();
    const s = new AppService(deps);
    const r = await s.handle('settings:update', { theme: 'dark', postgres: { url: 'mysql://x' }, secrets: { ecoflowAccessKey: 'short' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!r.ok) {
      expect(r.error.message).toContain('Postgres URL must start with postgres:// or postgresql://');
      expect(r.error.message).toContain('Access key looks too short');
    }
    expect(deps.settings.get().theme).toBe('system');
    expect(deps.secrets.get('ecoflowAccessKey')).toBeNull();
  });

  it('refuses to store secrets where the box cannot, with its reason, and saves nothing', async () => {
    const reason = 'No keyring: install gnome-keyring or kwallet, or keep secrets for this session only.';
    const { deps } = fakeDeps({ secrets: new MemorySecretBox({ availability: { ok: false, reason } }) });
    const s = new AppService(deps);
    const r = await s.handle('settings:update', { theme: 'dark', secrets: { postgresPassword: 'hunter2-long' } });
    expect(r).toEqual({ ok: false, error: { code: 'secret-storage-unavailable', message: reason } });
    expect(deps.settings.get().theme).toBe('system');
  });

  it('registers typed secrets with the redactor so no log line can carry them', async () => {
    const { deps, lines } = fakeDeps();
    const s = new AppService(deps);
    await s.handle('settings:update', { secrets: { postgresPassword: 'correct-horse-battery' } });
    deps.logger.info('connecting with correct-horse-battery');
    expect(lines.join('\n')).not.toContain('correct-horse-battery');
  });

  it('tests connections with an unsaved patch over the saved settings, and redacts secrets from the answer', async () => {
    const { deps, calls } = fakeDeps();
    const s = new AppService(deps);
    await s.handle('settings:update', { secrets: { ecoflowSecretKey: 'S'.repeat(32) } });
    const bad = await s.handle('settings:testEcoflow', { ecoflow: { region: 'us' }, secrets: { ecoflowAccessKey: 'wrong-but-long-enough-key' } });
    expect(calls[0]?.settings.ecoflow.region).toBe('us');
    expect(calls[0]?.secrets).toMatchObject({ ecoflowAccessKey: 'wrong-but-long-enough-key', ecoflowSecretKey: 'S'.repeat(32) });
    expect(bad).toMatchObject({ ok: true, value: { ok: false, checks: [{ name: 'Keys', ok: false, code: 'ecoflow-bad-key', message: 'rejected key ***' }] } });
    expect(deps.settings.get().ecoflow.region).toBe('eu');
    expect(deps.secrets.get('ecoflowAccessKey')).toBeNull();
    const good = await s.handle('settings:testEcoflow', { secrets: { ecoflowAccessKey: KEY } });
    expect(good).toMatchObject({ ok: true, value: { ok: true } });
    expect(await s.handle('settings:testPostgres', undefined)).toMatchObject({ ok: true, value: { ok: true } });
    expect(calls.map((c) => c.which)).toEqual(['ecoflow', 'ecoflow', 'postgres']);
  });

  it('pauses sync and says what to do when there is no sync', async () => {
    const { deps, sync } = fakeDeps();
    const s = new AppService(deps);
    const events: boolean[] = [];
    s.on('sync:changed', (p) => events.push(p.paused));
    expect(await s.handle('sync:setPaused', true)).toMatchObject({ ok: true, value: { paused: true } });
    expect(sync.current.paused).toBe(true);
    expect(events).toEqual([true]);
    const none = await new AppService({ ...deps, sync: null }).handle('sync:setPaused', true);
    expect(none).toMatchObject({ ok: false, error: { code: 'not-configured' } });
  });

  it('forwards output commands and turns their failures into results', async () => {
    const { deps, collector } = fakeDeps();
    const s = new AppService(deps);
    expect(await s.handle('output:set', { sn: 'SN1', output: 'ac', on: true })).toEqual({ ok: true, value: { sn: 'SN1', output: 'ac', on: true, acceptedTs: Date.UTC(2026, 0, 2) } });
    expect(collector.outputs).toEqual([{ sn: 'SN1', output: 'ac', on: true }]);
    collector.failOutput = new CodedError('command-failed', 'The device did not accept the AC switch: try again.');
    expect(await s.handle('output:set', { sn: 'SN1', output: 'ac', on: false })).toEqual({
      ok: false,
      error: { code: 'command-failed', message: 'The device did not accept the AC switch: try again.' },
    });
  });

  it('never throws: unknown errors become internal with a safe message', async () => {
    const { deps, lines } = fakeDeps();
    deps.store = { ...fakeStore(), series: () => { throw new Error('SQLITE_CORRUPT at secret-path'); } };
    const r = await new AppService(deps).handle('series:query', { sn: 'SN1', from: 1, to: 2, fields: ['wattsIn'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!r.ok) expect(r.error.message).not.toContain('SQLITE');
    expect(lines.some((l) => l.includes('SQLITE_CORRUPT'))).toBe(true);
  });

  it('refuses an answer that does not fit the contract', async () => {
    const { deps } = fakeDeps();
    deps.store = { ...fakeStore(), energy: () => [{ ts: 1 } as never] };
    const r = await new AppService(deps).handle('energy:query', { sn: 'SN1', from: 1, to: 2, bucket: 'day', tz: 'UTC' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('forwards collector status as status:changed events', () => {
    const { deps, collector } = fakeDeps();
    const s = new AppService(deps);
    const seen: string[] = [];
    s.onAny((name, payload) => seen.push(`${name}:${(payload as { connection?: string }).connection}`));
    collector.push({ connection: 'reconnecting' });
    s.dispose();
    collector.push({ connection: 'connected' });
    expect(seen).toEqual(['status:changed:reconnecting']);
  });

  it('gives diagnostics without secrets', async () => {
    const { deps } = fakeDeps({ diagnostics: { paths: { data: '/tmp/paku' }, versions: { electron: '45.6.1' } } });
    const s = new AppService(deps);
    await s.handle('settings:update', { secrets: { ecoflowSecretKey: 'Z'.repeat(32) } });
    const r = await s.handle('diagnostics:get', undefined);
    expect(r).toMatchObject({ ok: true, value: { paths: { data: '/tmp/paku' }, versions: { electron: '45.6.1', app: '0.1.0' }, collector: { devices: 0 } } });
    expect(JSON.stringify(r)).not.toContain('Z'.repeat(32));
  });

  it('switches to the demo sources once and follows their events', async () => {
    const demoCollector = new FakeCollector();
    demoCollector.current = { ...demoCollector.current, connection: 'connected', devices: [] };
    let starts = 0;
    const { deps, collector } = fakeDeps({
      startDemo: async () => (starts++, { collector: demoCollector, store: fakeStore(), sync: new FakeSync() }),
    });
    const s = new AppService(deps);
    const seen: string[] = [];
    s.on('status:changed', (p) => seen.push(p.connection));
    expect(await s.handle('app:startDemo', undefined)).toMatchObject({ ok: true, value: { demo: true } });
    expect(await s.handle('app:startDemo', undefined)).toMatchObject({ ok: true, value: { demo: true } });
    expect(starts).toBe(1);
    collector.push({ connection: 'auth-failed' });
    demoCollector.push({ connection: 'reconnecting' });
    expect(seen).toEqual(['connected', 'reconnecting']);
    const none = await new AppService(fakeDeps().deps).handle('app:startDemo', undefined);
    expect(none).toMatchObject({ ok: false, error: { code: 'not-configured' } });
  });
});
