// "Start at login". macOS and Windows keep it through app.setLoginItemSettings
// (done by the caller); Linux desktops read an XDG autostart entry, written
// here. Started at login, the app stays in the tray (--hidden).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUTOSTART_FILE = 'paku-ecoflow.desktop';

/** The XDG autostart folder ($XDG_CONFIG_HOME/autostart, default ~/.config/autostart). */
export function autostartDir(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart');
}

/** Quotes an Exec argument per the Desktop Entry spec. */
function execArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=paku-ecoflow',
    'Comment=Battery gauge and collector for EcoFlow power stations',
    `Exec=${command.map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Writes or removes the Linux autostart entry; the command is the AppImage or the binary, plus --hidden. */
export function setLinuxAutostart(on: boolean, dir: string, command: readonly string[]): void {
  const file = join(dir, AUTOSTART_FILE);
  if (!on) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, desktopEntry(command), { mode: 0o644 });
}

export function linuxAutostartEnabled(dir: string): boolean {
  return existsSync(join(dir, AUTOSTART_FILE));
}
