import { describe, expect, it } from 'vitest';
import { DEVICES, deviceGroups } from '../emulator/catalog.ts';

describe('device picker groups', () => {
  it('groups every catalogue device by carrier and generation, in catalogue order', () => {
    const groups = deviceGroups();
    expect(groups.flatMap((group) => group.devices).length).toBe(DEVICES.length);
    const of = (id: string) => groups.find((group) => group.devices.some((device) => device.id === id))!.label;
    expect(of('docomo-p503i')).toBe('docomo · mova');
    expect(of('docomo-sh905i')).toBe('docomo · FOMA 90x');
    expect(of('au-c5001t')).toBe('au · au 1X (ezplus)');
    expect(of('au-w31ca')).toBe('au · au WIN (BREW)');
    expect(of('softbank-jsh51')).toBe('SoftBank · J-PHONE P4');
    expect(of('softbank-910t')).toBe('SoftBank · SoftBank 3G');
    expect(of('featurephone-sh01j')).toBe('docomo · 4G ケータイ');
    expect(of('willcom-wx310k')).toBe('WILLCOM');
    expect(of('smartphone-iphone')).toBe('スマートフォン');
    expect(groups[0]!.label).toBe('docomo · mova');
  });
});
