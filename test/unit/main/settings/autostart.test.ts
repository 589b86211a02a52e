import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartDir, desktopEntry, linuxAutostartEnabled, setLinuxAutostart } from '../../../../main/settings/autostart';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('linux autostart', () => {
  it('uses XDG_CONFIG_HOME or ~/.config', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe('/cfg/autostart');
    expect(autostartDir({}, '/home/a')).toBe('/home/a/.config/autostart');
  });

  it('writes an entry that starts hidden in the tray, quoting odd paths', () => {
    const entry = desktopEntry(['/home/a/Apps/paku ecoflow.AppImage', '--hidden']);
    expect(entry).toContain('Exec="/home/a/Apps/paku ecoflow.AppImage" --hidden\n');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(desktopEntry(['/opt/paku-ecoflow/paku-ecoflow', '--hidden'])).toContain('Exec=/opt/paku-ecoflow/paku-ecoflow --hidden\n');
  });

  it('creates and removes the file', () => {
    const base = mkdtempSync(join(tmpdir(), 'paku-autostart-'));
    dirs.push(base);
    const dir = join(base, 'autostart');
    expect(linuxAutostartEnabled(dir)).toBe(false);
    setLinuxAutostart(true, dir, ['/usr/bin/paku-ecoflow', '--hidden']);
    expect(linuxAutostartEnabled(dir)).toBe(true);
    expect(readFileSync(join(dir, 'paku-ecoflow.desktop'), 'utf8')).toContain('Exec=/usr/bin/paku-ecoflow --hidden');
    setLinuxAutostart(false, dir, []);
    setLinuxAutostart(false, dir, []);
    expect(linuxAutostartEnabled(dir)).toBe(false);
  });
});
