// Pure: folds the core's events (collector status, sync status, settings) and
// the tray's own bookkeeping (commands in flight, failures, a process error)
// into the one TrayState the controller renders.
import type { CollectorStatus, SyncStatus } from '../../common/schemas';
import type { SettingsView } from '../../common/settings';
import type { TrayState } from './tray-controller';
import type { OutputFailure, OutputRequest } from './tray-menu';
import type { TraySyncInfo } from './tray-model';

export function traySyncInfo(sync: SyncStatus | null): TraySyncInfo {
  if (!sync || !sync.configured) return { state: 'off', lastSyncedTs: null };
  if (sync.paused) return { state: 'paused', lastSyncedTs: sync.lastSyncTs };
  return { state: sync.lastError ? 'failing' : 'ok', lastSyncedTs: sync.lastSyncTs };
}

const sameOutput = (a: OutputRequest, b: OutputRequest) => a.sn === b.sn && a.output === b.output;

export class TrayStateHolder {
  #collector: CollectorStatus | null = null;
  #sync: SyncStatus | null = null;
  #settings: Pick<SettingsView, 'trayDevice' | 'startAtLogin' | 'notifications'> | null = null;
  #inFlight: OutputRequest[] = [];
  #failures: OutputFailure[] = [];
  #appError: string | null = null;

  setCollector(status: CollectorStatus): void {
    this.#collector = status;
  }

  setSync(status: SyncStatus | null): void {
    this.#sync = status;
  }

  setSettings(view: Pick<SettingsView, 'trayDevice' | 'startAtLogin' | 'notifications'>): void {
    this.#settings = view;
  }

  setAppError(message: string | null): void {
    this.#appError = message;
  }

  /** A command was confirmed and sent: pending until the cloud answers. */
  outputSent(req: OutputRequest): void {
    this.#inFlight = [...this.#inFlight.filter((r) => !sameOutput(r, req)), req];
    this.#failures = this.#failures.filter((f) => !sameOutput(f, req));
  }

  /** The cloud answered: accepted (the device status now shows it pending) or failed with a reason. */
  outputAnswered(req: OutputRequest, failure: string | null): void {
    this.#inFlight = this.#inFlight.filter((r) => !sameOutput(r, req));
    if (failure) this.#failures = [...this.#failures.filter((f) => !sameOutput(f, req)), { ...req, message: failure }];
  }

  get sync(): SyncStatus | null {
    return this.#sync;
  }

  state(now: number): TrayState {
    const c = this.#collector;
    return {
      devices: c?.devices ?? [],
      chosenSn: this.#settings?.trayDevice ?? null,
      lowPercent: this.#settings?.notifications.lowSoc ?? 20,
      connection: c?.connection ?? 'connecting',
      cloudError: c?.lastError ?? null,
      sync: traySyncInfo(this.#sync),
      appError: this.#appError,
      now,
      startAtLogin: this.#settings?.startAtLogin ?? false,
      inFlight: this.#inFlight,
      failures: this.#failures,
    };
  }
}
