import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../../../main/core/ecoflow/signing';
import { verifySignedRequest, type SignedRequest } from '../../../../../main/core/simulator/rest-auth';

// The official vector's keys, nonce and timestamp (spec §2.5).
const keys = { accessKey: 'Fp4SvIprYSDPXtYJidEtUAd1o', secretKey: 'WIbFEKre0s6sLnh4ei7SPUeYnptHG6V' };
const TS = 1671171709428;
const opts = { ...keys, nowMs: TS, maxSkewMs: 60_000 };
const headers = (sign: string, extra: Record<string, string> = {}) => ({ accesskey: keys.accessKey, nonce: '345164', timestamp: String(TS), sign, ...extra });

describe('server-side signature check', () => {
  it('accepts the derived vector D2 (GET quota/all signs the query) and the official V1 body', () => {
    const get: SignedRequest = { headers: headers('2296b02874dc12a165e0691e8f0c76c4424c582b335b48cd9c95518bebefbef5'), query: new URLSearchParams('sn=123456789'), body: undefined };
    expect(verifySignedRequest(get, opts)).toBeNull();
    const put: SignedRequest = {
      headers: headers('07c13b65e037faf3b153d51613638fa80003c4c38d2407379a7f52851af1473e', { 'content-type': 'application/json;charset=UTF-8' }),
      query: new URLSearchParams(),
      body: { sn: '123456789', params: { cmdSet: 11, id: 24, eps: 0 } },
    };
    expect(verifySignedRequest(put, opts)).toBeNull();
  });

  it('with a JSON Content-Type a GET is checked against the empty body (D1), not the query', () => {
    const json = { 'content-type': 'application/json' };
    const q = new URLSearchParams('sn=123456789');
    expect(verifySignedRequest({ headers: headers('2296b02874dc12a165e0691e8f0c76c4424c582b335b48cd9c95518bebefbef5', json), query: q, body: undefined }, opts)?.code).toBe('8521');
    expect(verifySignedRequest({ headers: headers('4409ae9efeaf0be9b8b48f02ebef8e804387e745e513588c136955606ca496f5', json), query: q, body: undefined }, opts)).toBeNull();
  });

  it('8513 for another key or a region that rejects every key; 8521 for a bad sign, skew or replay', () => {
    const h = signRequest({ sn: 'A' }, keys, TS, '111111');
    const req = (over: Record<string, string> = {}): SignedRequest => ({ headers: { ...h, accesskey: h.accessKey, ...over }, query: new URLSearchParams('sn=A'), body: undefined });
    expect(verifySignedRequest(req({ accesskey: 'other' }), opts)).toEqual({ code: '8513', message: 'accessKey is invalid' });
    expect(verifySignedRequest(req(), { ...opts, rejectAccessKey: true })?.code).toBe('8513');
    expect(verifySignedRequest(req({ sign: '0'.repeat(64) }), opts)).toEqual({ code: '8521', message: 'signature is wrong' });
    expect(verifySignedRequest(req({ sign: 'zz' }), opts)?.code).toBe('8521');
    expect(verifySignedRequest(req(), { ...opts, nowMs: TS + 60_001 })?.code).toBe('8521');
    expect(verifySignedRequest(req(), { ...opts, nowMs: TS - 59_000 })).toBeNull();
    const seen = new Map<string, number>();
    expect(verifySignedRequest(req(), { ...opts, seen })).toBeNull();
    expect(verifySignedRequest(req(), { ...opts, seen })?.code).toBe('8521');
  });
});
