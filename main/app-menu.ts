// The application menu. macOS needs one for the copy/paste shortcuts in the
// settings fields; Windows and Linux get none (the window has no menu bar).
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(platform: NodeJS.Platform, actions: Readonly<{ openSettings: () => void; quit: () => void }>): void {
  if (platform !== 'darwin') {
    Menu.setApplicationMenu(null);
    return;
  }
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'paku-ecoflow',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'Command+,', click: () => actions.openSettings() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { type: 'separator' },
        { label: 'Quit paku-ecoflow', accelerator: 'Command+Q', click: () => actions.quit() },
      ],
    },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
