// Shows the rules' notices as desktop notifications; a click opens the window.
import { Notification } from 'electron';
import type { Logger } from './core/logger';
import type { Notice } from './notify/notify-rules';

export function createNotificationSink(opts: Readonly<{ onClick: () => void; logger: Logger }>): (n: Notice) => void {
  // Referenced until closed: a collected Notification loses its click handler
  // (https://github.com/electron/electron/issues/12690).
  const live = new Set<Notification>();
  return (n) => {
    if (!Notification.isSupported()) {
      opts.logger.info('notification not shown: not supported here', { event: n.event });
      return;
    }
    const note = new Notification({ title: n.title, body: n.body });
    live.add(note);
    note.on('click', () => opts.onClick());
    note.on('close', () => live.delete(note));
    note.show();
    opts.logger.info('notification', { event: n.event, sn: n.sn ?? undefined });
  };
}
