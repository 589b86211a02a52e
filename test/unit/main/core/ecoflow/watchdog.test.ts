import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../main/core/clock';
import { Watchdog } from '../../../../../main/core/ecoflow/watchdog';

function setup() {
  const clock = new ManualClock();
  const log: string[] = [];
  const wd = new Watchdog(clock, {
    requestSnapshot: (sn) => log.push(`snapshot ${sn}`),
    confirmOffline: (sn) => log.push(`confirm ${sn}`),
    requestReconnect: () => log.push('reconnect'),
    changed: (sn, state, reason) => log.push(`${sn} ${state}: ${reason}`),
  });
  return { clock, log, wd, at: (s: number) => clock.advance(s * 1000 - (clock.now() - Date.UTC(2026, 0, 1))) };
}

describe('Watchdog', () => {
  it('live → snapshot → assumed-offline → offline on an injected clock', () => {
    const { wd, log, at } = setup();
    wd.start();
    wd.setLink('up');
    wd.addDevice('A', true);
    expect(wd.state('A')).toEqual({ state: 'connecting', reason: 'waiting for the first data' });
    wd.streamData('A');
    expect(wd.state('A')?.state).toBe('live');
    log.length = 0;
    at(60);
    expect(log).toEqual([]);
    at(65);
    expect(log).toEqual(['snapshot A', 'A stalled: cloud stream stalled']);
    wd.snapshotData('A');
    expect(wd.state('A')).toEqual({ state: 'snapshot', reason: 'cloud stream stalled' });
    // at most once per 30 s
    at(90);
    expect(log.filter((l) => l === 'snapshot A')).toHaveLength(1);
    at(95);
    expect(log.filter((l) => l === 'snapshot A')).toHaveLength(2);
    at(300);
    expect(wd.state('A')?.state).toBe('snapshot');
    at(305);
    expect(wd.state('A')).toEqual({ state: 'assumed-offline', reason: 'no data for 5 min' });
    at(900);
    expect(log).not.toContain('confirm A');
    at(905);
    expect(log).toContain('confirm A');
    expect(wd.state('A')?.state).toBe('offline');
    // device list confirms offline
    wd.setOnline('A', false);
    expect(wd.state('A')).toEqual({ state: 'offline', reason: 'device offline (the cloud reports it offline)' });
    // data again → live
    at(1000);
    wd.streamData('A');
    expect(wd.state('A')).toEqual({ state: 'live', reason: 'receiving live data' });
    wd.stop();
  });

  it('device list says online while silent → stalled, not offline', () => {
    const { wd, at } = setup();
    wd.start();
    wd.setLink('up');
    wd.addDevice('A', true);
    wd.streamData('A');
    at(905);
    expect(wd.state('A')?.state).toBe('offline');
    wd.setOnline('A', true);
    expect(wd.state('A')?.state).toBe('stalled');
    expect(wd.state('A')?.reason).toMatch(/lists the device online/);
  });

  it('the reason names the network or auth when the link is down', () => {
    const { wd, at } = setup();
    wd.start();
    wd.addDevice('A', true);
    wd.setLink('down');
    expect(wd.state('A')?.reason).toBe('network down');
    wd.setLink('auth-failed');
    at(70);
    expect(wd.state('A')).toEqual({ state: 'stalled', reason: 'auth rejected' });
  });

  it('asks for one reconnect when every online device went silent, then at most every 10 min', () => {
    const { wd, log, at } = setup();
    wd.start();
    wd.setLink('up');
    wd.addDevice('A', true);
    wd.addDevice('B', true);
    wd.addDevice('C', false); // offline devices do not count
    wd.streamData('A');
    wd.streamData('B');
    at(100);
    wd.streamData('B');
    at(185);
    expect(log).not.toContain('reconnect');
    at(285);
    expect(log.filter((l) => l === 'reconnect')).toHaveLength(1);
    at(800);
    expect(log.filter((l) => l === 'reconnect')).toHaveLength(1);
    at(890);
    expect(log.filter((l) => l === 'reconnect')).toHaveLength(2);
  });

  it('stop() cancels its timer', () => {
    const { wd, clock } = setup();
    wd.start();
    expect(clock.pendingTimers()).toBe(1);
    wd.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
