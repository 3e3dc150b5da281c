import { describe, expect, it } from 'vitest';
import { DEVICES, deviceGroups, findDevice, generationOf } from '../emulator/catalog.ts';

describe('device picker groups', () => {
  it('groups every catalogue device by carrier and generation, derived from the UA when the catalogue has no generation', () => {
    const groups = deviceGroups(DEVICES.map(({ generation: _, ...device }) => device));
    expect(groups.flatMap((group) => group.devices).length).toBe(DEVICES.length);
    const of = (id: string) => groups.find((group) => group.devices.some((device) => device.id === id))!.label;
    expect(of('docomo-p503i')).toBe('docomo · mova');
    expect(of('docomo-sh905i')).toBe('docomo · FOMA');
    expect(of('au-c5001t')).toBe('au · au 1X');
    expect(of('au-w31ca')).toBe('au · WIN');
    expect(of('softbank-jsh51')).toBe('SoftBank · J-PHONE');
    expect(of('softbank-v903t')).toBe('SoftBank · Vodafone 3G');
    expect(of('softbank-910t')).toBe('SoftBank · SoftBank 3G');
    expect(of('featurephone-sh01j')).toBe('docomo · 4Gケータイ');
    expect(of('smartphone-iphone')).toBe('スマートフォン');
  });

  it('a generation in the catalogue wins', () => {
    expect(generationOf({ ...findDevice('docomo-sh905i')!, generation: 'FOMA 905i' })).toBe('FOMA 905i');
  });
});
