import { describe, expect, test } from 'vitest';
import { describePgError, resolvePgTarget } from '../../../../../main/core/sync/pg-connect';

const target = { user: 'paku', host: 'db.example', port: 5432, sslmode: 'disable' as const };

describe('resolvePgTarget', () => {
  test('URL parts, separate password wins, sslmode from the URL or the setting', () => {
    const t = resolvePgTarget({ url: 'postgres://paku:inurl@db.example:6543/grafana?sslmode=require', password: 'sep' });
    expect(t.config).toMatchObject({ host: 'db.example', port: 6543, user: 'paku', database: 'grafana', password: 'sep', ssl: { rejectUnauthorized: false } });
    expect(t.label).toBe('paku@db.example:6543/grafana');
    expect(t.label).not.toContain('sep');
    expect(resolvePgTarget({ url: 'postgresql://paku@h/paku', sslmode: 'verify-full' }).config.ssl).toMatchObject({ rejectUnauthorized: true, servername: 'h' });
    expect(resolvePgTarget({ url: 'postgres://paku:pw@h/paku' }).config).toMatchObject({ password: 'pw', ssl: false, port: 5432 });
  });

  test('bad URLs and sslmodes are errors in words', () => {
    expect(() => resolvePgTarget({ url: 'not a url' })).toThrow(/not a valid URL/);
    expect(() => resolvePgTarget({ url: 'mysql://h/db' })).toThrow(/must start with postgres/);
    expect(() => resolvePgTarget({ url: 'postgres://h/db?sslmode=prefer' })).toThrow(/sslmode=prefer is not supported/);
    expect(() => resolvePgTarget({ url: 'postgres://h/db', sslmode: 'verify-full', caFile: '/nonexistent/ca.pem' })).toThrow(/Cannot read the CA file/);
  });
});

describe('describePgError', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ code: '28P01', message: 'password authentication failed for user "paku"' }, 'pg-auth', /^password authentication failed for user paku/],
    [{ code: '28000', message: 'no pg_hba.conf entry for host "1.2.3.4", user "paku", database "paku", no encryption' }, 'pg-tls', /TLS required by the server at db.example:5432: set sslmode=require/],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'pg-unreachable', /^server unreachable: connection refused at db.example:5432$/],
    [new Error('Connection terminated due to connection timeout'), 'pg-unreachable', /^server unreachable: connection timed out at db.example:5432$/],
    [{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' }, 'pg-unreachable', /host name db.example not found/],
    [new Error('The server does not support SSL connections'), 'pg-tls', /does not offer TLS/],
    [{ code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' }, 'pg-tls', /not trusted/],
    [new Error('Connection terminated unexpectedly'), 'pg-unreachable', /connection to db.example:5432 lost/],
    [{ code: '3D000', message: 'database "x" does not exist' }, 'pg-error', /check the database name/],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'pg-unreachable', /shutting down/],
  ];
  test.each(cases)('%o', (e, code, message) => {
    const d = describePgError(e, target);
    expect(d.code).toBe(code);
    expect(d.message).toMatch(message);
  });
});
