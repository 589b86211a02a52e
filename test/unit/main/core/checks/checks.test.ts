// The parts of the connection checks that need no server: results, fixes,
// masking, the missing-settings answers and doctor's MQTT client id.
import { describe, expect, it } from 'vitest';
import { CodedError, ERROR_CODES } from '../../../../../common/errors';
import { ConnectionTestResultSchema } from '../../../../../common/schemas';
import { DEFAULT_SETTINGS } from '../../../../../common/settings';
import { failed, failedFrom, passed, resultOf } from '../../../../../main/core/checks/check-result';
import { checkEcoflow, doctorClientId } from '../../../../../main/core/checks/ecoflow-checks';
import { createTesters } from '../../../../../main/core/checks/testers';
import { ManualClock } from '../../../../../main/core/clock';
import { silentLogger } from '../../../../../main/core/logger';

const noSecrets = { ecoflowAccessKey: null, ecoflowSecretKey: null, postgresPassword: null, republishPassword: null };

describe('check results', () => {
  it('a failed check always carries a fix in words, a passed one none', () => {
    for (const code of ERROR_CODES) expect(failed('x', code, 'm').fix).toMatch(/\w{3,}.{10,}/);
    expect(failed('x', 'pg-auth', 'm', 'own fix').fix).toBe('own fix');
    expect(passed('x', 'fine')).toEqual({ name: 'x', ok: true, message: 'fine', fix: null, code: null });
  });

  it('keeps a CodedError’s code and words; anything else is internal', () => {
    expect(failedFrom('keys', new CodedError('tls', 'bad cert'))).toMatchObject({ code: 'tls', message: 'bad cert' });
    expect(failedFrom('keys', new Error('boom'))).toMatchObject({ code: 'internal', message: 'Unexpected problem: boom' });
  });

  it('ok only when there are checks and all pass; secrets are masked in messages and fixes', () => {
    expect(resultOf([], []).ok).toBe(false);
    expect(resultOf([passed('a', 'x'), passed('b', 'y')], []).ok).toBe(true);
    const r = resultOf([failed('a', 'pg-auth', 'password hunter2-secret refused', 'not hunter2-secret')], ['hunter2-secret', null, '']);
    expect(r).toEqual({ ok: false, checks: [{ name: 'a', ok: false, code: 'pg-auth', message: 'password *** refused', fix: 'not ***' }] });
    expect(ConnectionTestResultSchema.parse(r)).toEqual(r);
  });
});

describe('without settings, nothing is contacted', () => {
  const clock = new ManualClock();
  it('missing keys: one failed check naming which one', async () => {
    const r = await checkEcoflow({ baseUrl: 'https://192.0.2.1', keys: { accessKey: '  ', secretKey: 'x'.repeat(20) }, clock, logger: silentLogger });
    expect(r).toEqual({ ok: false, checks: [expect.objectContaining({ name: 'keys', code: 'not-configured', message: 'No EcoFlow keys to test: the access key is not set.' })] });
  });

  it('the Test buttons: a custom region without a URL, and no Postgres URL', async () => {
    const testers = createTesters({ clock, logger: silentLogger });
    const eco = await testers.testEcoflow({ ...DEFAULT_SETTINGS, ecoflow: { ...DEFAULT_SETTINGS.ecoflow, region: 'custom', customUrl: null } }, noSecrets);
    expect(eco.checks).toEqual([expect.objectContaining({ name: 'api url', ok: false, code: 'not-configured' })]);
    const pg = await testers.testPostgres(DEFAULT_SETTINGS, noSecrets);
    expect(pg.checks).toEqual([expect.objectContaining({ name: 'postgres', ok: false, code: 'not-configured', fix: expect.stringContaining('postgres://') })]);
  });
});

describe('doctor’s MQTT client id', () => {
  it('is stable per access key (EcoFlow counts distinct ids a day) and never the key itself', () => {
    const id = doctorClientId('AccessKeyOne0123456789');
    expect(id).toBe(doctorClientId(' AccessKeyOne0123456789 '));
    expect(id).toMatch(/^paku-ecoflow-[0-9a-f]{12}-doctor$/);
    expect(doctorClientId('AccessKeyTwo0123456789')).not.toBe(id);
  });
});
