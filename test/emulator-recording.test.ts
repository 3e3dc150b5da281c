import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { emulatorRoutes } from '../gateway/emulator/routes.ts';
import { parseRecording, RecordingError, scenarioSource, type Recording } from '../emulator/recording.ts';
import type { Scenario } from '../emulator/driver/scenario.ts';
import { tempDir } from './helpers/temp-dir.ts';

const SCENARIO_API = fileURLToPath(new URL('../emulator/driver/scenario.ts', import.meta.url));

const recording: Recording = {
  name: 'setup-and-read',
  device: 'au-w31ca',
  mail: 'taro@ezweb.ne.jp',
  steps: [
    { kind: 'wait', text: 'メニュー' },
    { kind: 'press', key: '2' },
    { kind: 'press', key: '1' },
    { kind: 'wait', text: 'ひまわり台信用組合' },
    { kind: 'otp' },
    { kind: 'clock', offsetMs: 60_000 },
    { kind: 'press', key: '1' },
    { kind: 'otp' },
    { kind: 'open', url: '/m/help' },
    { kind: 'type', text: '10100001' },
    { kind: 'home' },
  ],
};

describe('a recording as a scenario file', () => {
  it('one step per screen waited on, keys merged, codes read and checked', () => {
    const source = scenarioSource(recording);
    expect(source).toContain(`import { check, defineScenario } from "../emulator/driver/scenario.ts";`);
    expect(source).toContain(`const phone = await ctx.handset("au-w31ca", "taro@ezweb.ne.jp");`);
    expect(source).toContain(`await ctx.step("1. メニュー", async () => {\n      await phone.waitFor("メニュー");\n      await phone.press("2", "1");\n    });`);
    expect(source).toContain('const code2 = await phone.readOtp();');
    expect(source).toContain('await phone.setClock(60000);');
    expect(source).toContain(`await phone.open("/m/help");\n      await phone.type("10100001");\n      await phone.home();`);
    expect(scenarioSource({ ...recording, steps: [{ kind: 'press', key: '1' }] })).toContain('import { defineScenario }');
  });

  it('recorded text stays data: quotes, backticks and ${…} cannot become code', async () => {
    const hostile = "a\"); throw new Error('ran'); (\"`${(() => { throw new Error('ran'); })()}`";
    const dir = await tempDir();
    const file = join(dir, 'hostile.ts');
    await writeFile(file, scenarioSource({ ...recording, steps: [{ kind: 'wait', text: hostile }, { kind: 'open', url: hostile }] }, SCENARIO_API));
    const scenario = ((await import(pathToFileURL(file).href)) as { default: Scenario }).default;
    const calls: unknown[][] = [];
    const phone = new Proxy({}, { get: (_target, method) => method === 'then' ? undefined : async (...args: unknown[]) => void calls.push([method, ...args]) });
    const ctx = { handset: async () => phone, step: async (_name: string, run: () => Promise<void>) => run(), log: () => undefined };
    await scenario.run(ctx as never);
    expect(calls).toEqual([['waitFor', hostile], ['open', hostile]]);
  });

  it('refuses recordings that are not what the emulator sends', () => {
    const bad: unknown[] = [
      null,
      { ...recording, name: '../evil' },
      { ...recording, name: 'Upper' },
      { ...recording, device: 'nokia-3310' },
      { ...recording, steps: [] },
      { ...recording, steps: [{ kind: 'press', key: 'power' }] },
      { ...recording, steps: [{ kind: 'eval', code: 'x' }] },
      { ...recording, steps: [{ kind: 'clock', offsetMs: 'soon' }] },
      { ...recording, mail: 'a\nb' },
    ];
    for (const input of bad) expect(() => parseRecording(input), JSON.stringify(input)).toThrow(RecordingError);
    expect(parseRecording(JSON.parse(JSON.stringify(recording)))).toEqual(recording);
  });
});

describe('POST /emulator/api/scenarios', () => {
  const post = (app: Hono, body: unknown) => app.request('/emulator/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('writes the file into SCENARIOS_DIR, importing the scenario API from where it lands, never over another', async () => {
    const dir = await tempDir();
    const app = emulatorRoutes({ dispatch: () => new Response(), scenariosDir: dir });
    const created = await post(app, recording);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'setup-and-read', run: 'npm run scenario -- setup-and-read' });
    const source = await readFile(join(dir, 'setup-and-read.ts'), 'utf8');
    expect(source).toMatch(/from "(\.\.\/)+.*emulator\/driver\/scenario\.ts"/);
    const again = await post(app, recording);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toContain('既にあります');
    expect((await post(app, { ...recording, name: 'x/../../y' })).status).toBe(400);
    expect((await app.request('/emulator/api/scenarios', { method: 'POST', body: '{' })).status).toBe(400);
  });

  it('is off without SCENARIOS_DIR', async () => {
    expect((await post(emulatorRoutes({ dispatch: () => new Response() }), recording)).status).toBe(404);
  });
});
