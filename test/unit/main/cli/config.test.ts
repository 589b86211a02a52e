// The headless configuration: flags over environment over the 0600 secrets
// file over defaults; every value a person can get wrong is refused in words.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCodedError } from '../../../../common/errors';
import { settingsFromConfig } from '../../../../main/cli/cli-runtime';
import { DEFAULT_API_URL, loadCliConfig, readSecretsFile, requireKeys } from '../../../../main/cli/config';

const dir = mkdtempSync(join(tmpdir(), 'paku-cli-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function secretsFile(name: string, text: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

function failure(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isCodedError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('did not throw');
}

describe('loadCliConfig', () => {
  it('defaults: Europe, every device, 10 s samples, no sync; the store in the data folder', () => {
    const c = loadCliConfig({}, { PAKU_DATA_DIR: '/data/paku' });
    expect(c).toMatchObject({ apiUrl: DEFAULT_API_URL, devices: null, sampleSeconds: 10, pgUrl: null, pgSslMode: null, republishUrl: null, accessKey: null, secretKey: null });
    expect(c.storePath).toBe(join('/data/paku', 'readings.sqlite'));
    expect(c.demoStorePath).toBe(join('/data/paku', 'demo.sqlite'));
  });

  it('flags win over the environment; values are trimmed; devices split on commas', () => {
    const env = { ECOFLOW_API_URL: 'https://api-a.ecoflow.com', ECOFLOW_DEVICES: ' DCABC1 , ,DCABC2 ', PAKU_SAMPLE_SECONDS: '30', ECOFLOW_ACCESS_KEY: ' ak ' };
    const c = loadCliConfig({ 'sample-seconds': '5', 'api-url': 'https://api-e.ecoflow.com/' }, env);
    expect(c).toMatchObject({ apiUrl: 'https://api-e.ecoflow.com', devices: ['DCABC1', 'DCABC2'], sampleSeconds: 5, accessKey: 'ak' });
  });

  it('the secrets file fills what the environment leaves out (comments, quotes, export, CRLF)', () => {
    const file = secretsFile('keys.env', "# keys\r\nECOFLOW_ACCESS_KEY = fileAccess\r\nECOFLOW_SECRET_KEY=\"file secret\"\r\nexport PAKU_PG_PASSWORD='pw=with=equals'\r\n");
    const c = loadCliConfig({ 'secrets-file': file }, { ECOFLOW_ACCESS_KEY: 'envAccess' });
    expect(c).toMatchObject({ accessKey: 'envAccess', secretKey: 'file secret', pgPassword: 'pw=with=equals' });
  });

  it.each([
    [{ 'sample-seconds': '0' }, 'PAKU_SAMPLE_SECONDS must be a whole number of seconds between 1 and 3600 (got "0").'],
    [{ 'sample-seconds': '2.5' }, 'PAKU_SAMPLE_SECONDS must be a whole number of seconds between 1 and 3600 (got "2.5").'],
    [{ 'api-url': 'api-e.ecoflow.com' }, 'ECOFLOW_API_URL must be a base URL such as https://api-e.ecoflow.com (got "api-e.ecoflow.com").'],
    [{ 'api-url': 'https://api-e.ecoflow.com/iot-open' }, 'ECOFLOW_API_URL must be a base URL such as https://api-e.ecoflow.com (got "https://api-e.ecoflow.com/iot-open").'],
    [{ 'pg-sslmode': 'prefer' }, 'PAKU_PG_SSLMODE must be disable, require or verify-full (got "prefer").'],
  ])('refuses %j in words (a usage error)', (flags, message) => {
    expect(failure(() => loadCliConfig(flags, {}))).toEqual({ code: 'bad-request', message });
  });
});

describe('readSecretsFile', () => {
  it('refuses a file others can read, with the chmod that fixes it', () => {
    const file = secretsFile('open.env', 'ECOFLOW_SECRET_KEY=s3cret-value\n', 0o640);
    const f = failure(() => readSecretsFile(file));
    expect(f).toEqual({ code: 'bad-request', message: `Secrets file ${file} is readable by others: run "chmod 600 ${file}".` });
    expect(f.message).not.toContain('s3cret-value');
  });

  it('says when the file is not there', () => {
    expect(failure(() => readSecretsFile(join(dir, 'missing.env'))).message).toBe(`Secrets file ${join(dir, 'missing.env')} does not exist.`);
  });
});

describe('requireKeys', () => {
  it('names exactly the missing variables and the way out', () => {
    const base = loadCliConfig({}, {});
    expect(failure(() => requireKeys(base))).toMatchObject({ code: 'not-configured', message: expect.stringMatching(/^Set ECOFLOW_ACCESS_KEY and ECOFLOW_SECRET_KEY \(.*paku-ecoflow demo/) });
    expect(failure(() => requireKeys({ ...base, accessKey: 'a' })).message).toMatch(/^Set ECOFLOW_SECRET_KEY \(/);
    expect(requireKeys({ ...base, accessKey: 'a', secretKey: 's' })).toEqual({ accessKey: 'a', secretKey: 's' });
  });
});

describe('settingsFromConfig', () => {
  it("Postgres TLS: the flag or variable, else the URL's own sslmode, else disable", () => {
    const mode = (flags: Record<string, string>, env: Record<string, string> = {}) => settingsFromConfig(loadCliConfig(flags, env)).postgres.sslmode;
    expect(mode({ 'pg-url': 'postgres://paku@db/paku?sslmode=verify-full' })).toBe('verify-full');
    expect(mode({ 'pg-url': 'postgres://paku@db/paku?sslmode=require', 'pg-sslmode': 'disable' })).toBe('disable');
    expect(mode({}, { PAKU_PG_URL: 'postgres://paku@db/paku?sslmode=require', PAKU_PG_SSLMODE: 'verify-full' })).toBe('verify-full');
    expect(mode({ 'pg-url': 'postgres://paku@db/paku' })).toBe('disable');
    expect(failure(() => loadCliConfig({ 'pg-url': 'postgres://paku@db/paku?sslmode=prefer' }, {}))).toEqual({
      code: 'bad-request',
      message: 'sslmode=prefer in PAKU_PG_URL is not supported: use disable, require or verify-full.',
    });
  });

  it('the region from the API URL; Postgres and republish from their variables', () => {
    const eu = settingsFromConfig(loadCliConfig({}, {}));
    expect(eu.ecoflow).toEqual({ region: 'eu', customUrl: null, devices: [] });
    expect(eu.postgres).toEqual({ url: null, sslmode: 'disable', caFile: null });
    expect(eu.republish.enabled).toBe(false);
    expect(settingsFromConfig(loadCliConfig({ 'api-url': 'https://api-a.ecoflow.com' }, {})).ecoflow.region).toBe('us');
    const custom = settingsFromConfig(
      loadCliConfig(
        { 'api-url': 'https://127.0.0.1:8443', devices: 'DC1', 'pg-url': 'postgres://paku@db/paku', 'pg-sslmode': 'verify-full', 'republish-url': 'mqtt://broker' },
        { PAKU_REPUBLISH_USERNAME: 'van' },
      ),
    );
    expect(custom).toMatchObject({
      ecoflow: { region: 'custom', customUrl: 'https://127.0.0.1:8443', devices: ['DC1'] },
      postgres: { url: 'postgres://paku@db/paku', sslmode: 'verify-full' },
      republish: { enabled: true, url: 'mqtt://broker', username: 'van' },
    });
  });
});
