import devices from './devices.json' with { type: 'json' };

export type DeviceKind = 'imode' | 'ezweb' | 'softbank' | 'featurephone' | 'smartphone';

/** One emulated handset: what it sends (UA, carrier headers) and what it can take (screen, page budget, cookies, Java). */
export interface Device {
  id: string;
  carrier: 'docomo' | 'au' | 'softbank' | 'smartphone';
  kind: DeviceKind;
  name: string;
  userAgent: string;
  /** Carrier headers with lower-case names; `x-dcmguid` is only sent when the URL asks with `guid=ON`. */
  headers: Record<string, string>;
  screen: { width: number; height: number };
  cacheBytes: number;
  cookies: boolean;
  java: { profile: string; maxAppBytes: number };
  mailDomain: string;
}

export const DEVICES = devices as Device[];

export function findDevice(id: string): Device | undefined {
  return DEVICES.find((device) => device.id === id);
}

/** The `GET /emulator/api/devices` shape (docs/contracts.md). */
export function publicDevice(device: Device) {
  const { id, carrier, name, userAgent, screen, mailDomain } = device;
  return { id, carrier, name, userAgent, screen, mailDomain };
}
