// The normalized reading: one sample of one device's state at one instant.
// Every numeric field lives in READING_FIELDS, and everything that handles a
// reading (decoders, SQLite columns, CSV export, paku mapping, charts) derives
// its field list from that table, so adding a field is a one-line change.
// Units are SI-ish (W, V, A, Ah, °C, %, min, Wh); null means "not known".

export type FieldUnit = '%' | 'W' | 'V' | 'A' | 'Ah' | '°C' | 'min' | 'Wh' | 'Hz' | 'dBm' | 'count' | 'flag' | 'state';

export interface FieldSpec {
  readonly unit: FieldUnit;
  readonly label: string;
}

export const READING_FIELDS = {
  socPercent: { unit: '%', label: 'State of charge (all packs)' },
  socMainPercent: { unit: '%', label: 'Main pack state of charge' },
  socExtra1Percent: { unit: '%', label: 'Extra battery 1 state of charge' },
  socExtra2Percent: { unit: '%', label: 'Extra battery 2 state of charge' },
  /** 1 charging, -1 discharging, 0 idle. */
  chargeState: { unit: 'state', label: 'Charge state' },
  minutesToFull: { unit: 'min', label: 'Minutes to full' },
  minutesToEmpty: { unit: 'min', label: 'Minutes to empty' },
  wattsIn: { unit: 'W', label: 'Total input' },
  wattsOut: { unit: 'W', label: 'Total output' },
  acInWatts: { unit: 'W', label: 'AC input' },
  acOutWatts: { unit: 'W', label: 'AC output' },
  solarWatts: { unit: 'W', label: 'Solar input (all)' },
  solar1Watts: { unit: 'W', label: 'Solar input 1' },
  solar2Watts: { unit: 'W', label: 'Solar input 2' },
  carInWatts: { unit: 'W', label: 'Car / DC input' },
  carOutWatts: { unit: 'W', label: '12 V car output' },
  dc12vOutWatts: { unit: 'W', label: '12 V Anderson / DC output' },
  usb1Watts: { unit: 'W', label: 'USB-A 1' },
  usb2Watts: { unit: 'W', label: 'USB-A 2' },
  qcUsb1Watts: { unit: 'W', label: 'USB-A fast 1' },
  qcUsb2Watts: { unit: 'W', label: 'USB-A fast 2' },
  typec1Watts: { unit: 'W', label: 'USB-C 1' },
  typec2Watts: { unit: 'W', label: 'USB-C 2' },
  batteryVolts: { unit: 'V', label: 'Battery voltage' },
  batteryAmps: { unit: 'A', label: 'Battery current (+ charging)' },
  batteryTempC: { unit: '°C', label: 'Battery temperature' },
  cellMinVolts: { unit: 'V', label: 'Lowest cell voltage' },
  cellMaxVolts: { unit: 'V', label: 'Highest cell voltage' },
  cellMinTempC: { unit: '°C', label: 'Lowest cell temperature' },
  cellMaxTempC: { unit: '°C', label: 'Highest cell temperature' },
  cycles: { unit: 'count', label: 'Charge cycles' },
  sohPercent: { unit: '%', label: 'State of health' },
  designCapacityAh: { unit: 'Ah', label: 'Design capacity' },
  fullCapacityAh: { unit: 'Ah', label: 'Full capacity' },
  remainCapacityAh: { unit: 'Ah', label: 'Remaining capacity' },
  inverterTempC: { unit: '°C', label: 'Inverter temperature' },
  mpptTempC: { unit: '°C', label: 'Solar charger temperature' },
  acInVolts: { unit: 'V', label: 'AC input voltage' },
  acInAmps: { unit: 'A', label: 'AC input current' },
  acOutVolts: { unit: 'V', label: 'AC output voltage' },
  acOutAmps: { unit: 'A', label: 'AC output current' },
  acOutHz: { unit: 'Hz', label: 'AC output frequency' },
  acOutEnabled: { unit: 'flag', label: 'AC output on' },
  xboostEnabled: { unit: 'flag', label: 'X-Boost on' },
  dcOutEnabled: { unit: 'flag', label: 'DC / USB output on' },
  carOutEnabled: { unit: 'flag', label: '12 V car output on' },
  chargeLimitPercent: { unit: '%', label: 'Charge limit' },
  dischargeLimitPercent: { unit: '%', label: 'Discharge limit' },
  acChargeLimitWatts: { unit: 'W', label: 'AC charging power limit' },
  wifiRssi: { unit: 'dBm', label: 'Wi-Fi signal' },
  energySolarInWh: { unit: 'Wh', label: 'Solar energy in (device counter)' },
  energyAcInWh: { unit: 'Wh', label: 'AC energy in (device counter)' },
  energyDcInWh: { unit: 'Wh', label: 'DC/car energy in (device counter)' },
  energyAcOutWh: { unit: 'Wh', label: 'AC energy out (device counter)' },
  energyDcOutWh: { unit: 'Wh', label: 'DC energy out (device counter)' },
} as const satisfies Record<string, FieldSpec>;

export type ReadingField = keyof typeof READING_FIELDS;

export const READING_FIELD_NAMES = Object.keys(READING_FIELDS) as ReadingField[];

export type ReadingValues = { [K in ReadingField]: number | null };

export interface Reading extends ReadingValues {
  /** Device serial number. */
  sn: string;
  /** Time of the reading, epoch milliseconds UTC. */
  ts: number;
}

/** A reading with every field unknown; decoders fill in what they know. */
export function emptyReading(sn: string, ts: number): Reading {
  const values = Object.fromEntries(READING_FIELD_NAMES.map((f) => [f, null])) as ReadingValues;
  return { sn, ts, ...values };
}
