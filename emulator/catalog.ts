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
  /** Network generation shown in the picker (mova, FOMA, WIN, …); derived from the UA when absent. */
  generation?: string;
}

export const DEVICES = devices as Device[];

export function findDevice(id: string): Device | undefined {
  return DEVICES.find((device) => device.id === id);
}

/** The `GET /emulator/api/devices` shape (DESIGN.md). */
export function publicDevice(device: Device) {
  const { id, carrier, name, userAgent, screen, mailDomain } = device;
  return { id, carrier, name, userAgent, screen, mailDomain };
}

export const CARRIER_LABELS: Record<Device['carrier'], string> = { docomo: 'docomo', au: 'au', softbank: 'SoftBank', smartphone: 'スマートフォン' };

/** The device's generation: its own field, else what its user agent says (the catalogue before it had one). */
export function generationOf(device: Device): string {
  if (device.generation) return device.generation;
  const ua = device.userAgent;
  if (device.kind === 'featurephone') return '4Gケータイ';
  if (device.kind === 'smartphone') return 'スマートフォン';
  if (device.kind === 'imode') return /^DoCoMo\/1\./.test(ua) ? 'mova' : 'FOMA';
  if (device.kind === 'ezweb') return /MMP\/2\./.test(ua) ? 'WIN' : /UP\.Browser\/[6-9]/.test(ua) ? 'au 1X' : 'cdmaOne';
  if (/^J-PHONE/.test(ua)) return 'J-PHONE';
  if (/^Vodafone/.test(ua)) return 'Vodafone 3G';
  return 'SoftBank 3G';
}

/** The picker's groups, "docomo · FOMA", in catalogue order. */
export function deviceGroups(devices: readonly Device[] = DEVICES): Array<{ label: string; devices: Device[] }> {
  const groups = new Map<string, Device[]>();
  for (const device of devices) {
    const carrier = CARRIER_LABELS[device.carrier] ?? device.carrier;
    const generation = generationOf(device);
    const label = generation === carrier ? carrier : `${carrier} · ${generation}`;
    groups.set(label, [...(groups.get(label) ?? []), device]);
  }
  return [...groups].map(([label, members]) => ({ label, devices: members }));
}

