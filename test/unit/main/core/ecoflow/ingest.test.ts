import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../../../common/reading';
import { createLogger } from '../../../../../main/core/logger';
import { DeviceState } from '../../../../../main/core/ecoflow/device-state';
import { Ingest } from '../../../../../main/core/ecoflow/ingest';
import { fixtureBytes, restQuota } from './fixtures/load';

const NOW = 1767225600000;
const ACCT = 'open-57c134518b5';

function setup() {
  const readings: Reading[] = [];
  const events: string[] = [];
  const errors: string[] = [];
  const logger = createLogger({ sink: (line, level) => level === 'error' && errors.push(line), level: 'debug' });
  const ingest = new Ingest(logger, {
    reading: (_d, r) => readings.push(r),
    streamData: (sn) => events.push(`data ${sn}`),
    status: (sn, online) => events.push(`status ${sn} ${online}`),
    setReply: (sn, id, ok) => events.push(`reply ${sn} ${id} ${ok}`),
  });
  ingest.add(new DeviceState('DCABZ0123456789', 'delta-pro'));
  ingest.add(new DeviceState('R331ZEB4ZEAL0528', 'delta-2'));
  return { ingest, readings, events, errors };
}

describe('Ingest', () => {
  it('snapshot then partial update → two readings, the second merged over the first', () => {
    const { ingest, readings, events } = setup();
    ingest.applySnapshot('DCABZ0123456789', restQuota('delta-pro-quota-all.json'), NOW);
    ingest.handle(`/open/${ACCT}/DCABZ0123456789/quota`, fixtureBytes('delta-pro-mqtt-discharging.json'), NOW + 1000);
    expect(readings).toHaveLength(2);
    expect(readings[1]).toMatchObject({ sn: 'DCABZ0123456789', socPercent: 54, chargeState: -1, acOutWatts: 155 });
    // the payload's own timestamp (within 5 min of receipt) is the reading time
    expect(readings[1]?.ts).toBe(1767225600000);
    expect(events).toEqual(['data DCABZ0123456789']);
    expect(ingest.counters).toEqual({ messages: 1, malformed: 0, implausible: 0, snapshots: 1 });
  });

  it('a device timestamp far from the receive time is replaced by the receive time', () => {
    const { ingest, readings } = setup();
    ingest.handle(`/open/${ACCT}/DCABZ0123456789/quota`, Buffer.from('{"timestamp":99999999999,"params":{"pd.soc":5}}'), NOW);
    expect(readings[0]?.ts).toBe(NOW);
  });

  it('status and set_reply go to their hooks', () => {
    const { ingest, events, readings } = setup();
    ingest.handle(`/open/${ACCT}/R331ZEB4ZEAL0528/status`, Buffer.from('{"params":{"status":0}}'), NOW);
    ingest.handle(`/open/${ACCT}/R331ZEB4ZEAL0528/set_reply`, Buffer.from('{"id":2150912106874021449,"code":"0","data":{"ack":0}}'), NOW);
    expect(events).toEqual(['status R331ZEB4ZEAL0528 false', 'reply R331ZEB4ZEAL0528 2150912106874021449 true']);
    expect(readings).toHaveLength(0);
  });

  it('counts and skips malformed payloads, unknown devices and topics; implausible values counted', () => {
    const { ingest, readings, errors } = setup();
    const q = `/open/${ACCT}/DCABZ0123456789/quota`;
    ingest.handle(q, Buffer.from('not json'), NOW);
    ingest.handle(q, Buffer.from('{"params":{"__proto__":{"x":1}}}'), NOW);
    ingest.handle(`/open/${ACCT}/UNKNOWN/quota`, Buffer.from('{"params":{}}'), NOW);
    ingest.handle(`/open/${ACCT}/DCABZ0123456789/get_reply`, Buffer.from('{}'), NOW);
    ingest.handle('nonsense', Buffer.from('{}'), NOW);
    expect(readings).toHaveLength(0);
    ingest.handle(q, Buffer.from('{"params":{"ems.lcdShowSoc":250,"pd.wattsInSum":99999}}'), NOW);
    expect(readings[0]).toMatchObject({ socPercent: null, wattsIn: null });
    expect(ingest.counters).toMatchObject({ messages: 6, malformed: 5, implausible: 2 });
    expect(errors).toEqual([]);
  });

  it('a throwing hook is logged, not thrown', () => {
    const errors: string[] = [];
    const ingest = new Ingest(createLogger({ sink: (l, level) => level === 'error' && errors.push(l) }), {
      reading: () => { throw new Error('boom'); },
      streamData: () => {},
      status: () => {},
      setReply: () => {},
    });
    ingest.add(new DeviceState('S', 'delta-pro'));
    expect(() => ingest.handle('/open/a/S/quota', Buffer.from('{"params":{"pd.soc":1}}'), NOW)).not.toThrow();
    expect(errors[0]).toContain('boom');
  });
});
