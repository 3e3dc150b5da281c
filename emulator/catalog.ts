import devices from './devices.json' with { type: 'json' };

export type DeviceKind = 'imode' | 'ezweb' | 'softbank' | 'willcom' | 'emobile' | 'featurephone' | 'smartphone';

/** One emulated handset: what it sends (UA, carrier headers) and what it can take (screen, page budget, cookies, Java). */
export interface Device {
  id: string;
  carrier: 'docomo' | 'au' | 'softbank' | 'willcom' | 'emobile' | 'smartphone';
  kind: DeviceKind;
  /** The handset generation the gateway tells apart (mova, FOMA 90x, au WIN (BREW), SoftBank 3G, 4G ケータイ, …). */
  generation: string;
  name: string;
  userAgent: string;
  /** Carrier headers with lower-case names; `x-dcmguid` is only sent to `http:` URLs that ask with `guid=ON`. */
  headers: Record<string, string>;
  screen: { width: number; height: number };
  cacheBytes: number;
  cookies: boolean;
  /** `doja-<ver>` / `midp-<ver>` runtimes, `web` for the browser token, `none` for handsets without one. */
  java: { profile: string; maxAppBytes: number };
  mailDomain: string;
  /** Where the user agent, headers and figures come from (peers' tables, carrier pages); `unverified` where none. */
  source: string;
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

export const CARRIER_LABELS: Record<Device['carrier'], string> = { docomo: 'docomo', au: 'au', softbank: 'SoftBank', willcom: 'WILLCOM', emobile: 'EMOBILE', smartphone: 'スマートフォン' };

/** The picker's groups, "docomo · FOMA", in catalogue order. */
export function deviceGroups(devices: readonly Device[] = DEVICES): Array<{ label: string; devices: Device[] }> {
  const groups = new Map<string, Device[]>();
  for (const device of devices) {
    const carrier = CARRIER_LABELS[device.carrier];
    const { generation } = device;
    const label = generation === carrier || generation === device.carrier ? carrier : `${carrier} · ${generation}`;
    groups.set(label, [...(groups.get(label) ?? []), device]);
  }
  return [...groups].map(([label, members]) => ({ label, devices: members }));
}

