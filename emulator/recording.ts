import { isKey, type Key } from '../handset/runtime.ts';
import { findDevice } from './catalog.ts';
import { SCENARIO_NAME } from './driver/scenario.ts';

/** One thing the tester did or saw while recording. */
export type RecordedStep =
  | { kind: 'press'; key: Key }
  | { kind: 'type'; text: string }
  | { kind: 'home' }
  | { kind: 'open'; url: string }
  | { kind: 'wait'; text: string }
  | { kind: 'otp' }
  | { kind: 'clock'; offsetMs: number };

export interface Recording {
  name: string;
  device: string;
  mail: string;
  steps: RecordedStep[];
}

const MAX_STEPS = 1000;
const MAX_TEXT = 2048;

/** A recording refused: `status` is what the gateway answers, `message` the Japanese reason. */
export class RecordingError extends Error {
  override name = 'RecordingError';
  constructor(message: string, readonly status: 400 | 404 | 409 = 400) {
    super(message);
  }
}

/** Checks a recording from the network before it becomes code: every value has a known shape. */
export function parseRecording(input: unknown): Recording {
  const fail = (why: string): never => {
    throw new RecordingError(why);
  };
  if (typeof input !== 'object' || input === null) fail('記録の形式が正しくありません。');
  const { name, device, mail, steps } = input as Record<string, unknown>;
  if (typeof name !== 'string' || !SCENARIO_NAME.test(name) || name.length > 64) fail('シナリオ名は半角英小文字・数字・ハイフンで付けてください。');
  if (typeof device !== 'string' || !findDevice(device)) fail('端末が見つかりません。');
  if (typeof mail !== 'string' || mail.length > 254 || /[\u0000-\u001f]/.test(mail)) fail('メールアドレスが正しくありません。');
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > MAX_STEPS) fail(`記録は1〜${MAX_STEPS}件の操作にしてください。`);
  const checked = (steps as unknown[]).map((step): RecordedStep => {
    const { kind, key, url, text, offsetMs } = (step ?? {}) as Record<string, unknown>;
    if (kind === 'press' && isKey(key)) return { kind, key };
    if (kind === 'home' || kind === 'otp') return { kind };
    if (kind === 'open' && typeof url === 'string' && url.length <= MAX_TEXT) return { kind, url };
    if (kind === 'type' && typeof text === 'string' && text.length <= MAX_TEXT) return { kind, text };
    if (kind === 'wait' && typeof text === 'string' && text.length <= MAX_TEXT) return { kind, text };
    if (kind === 'clock' && typeof offsetMs === 'number' && Number.isFinite(offsetMs)) return { kind, offsetMs: Math.round(offsetMs) };
    return fail('記録に不明な操作があります。');
  });
  return { name: name as string, device: device as string, mail: mail as string, steps: checked };
}

/**
 * The recording as a scenario file (README, "Writing your own scenario"): one `ctx.step` per screen the
 * tester waited on. Every recorded value enters the code as a JSON literal, never as code.
 */
export function scenarioSource(recording: Recording, importFrom = '../emulator/driver/scenario.ts'): string {
  const q = (value: string) => JSON.stringify(value);
  const blocks: Array<{ title: string; lines: string[] }> = [{ title: '開始', lines: [] }];
  let codes = 0;
  for (const step of recording.steps) {
    const lines = blocks.at(-1)!.lines;
    if (step.kind === 'wait') blocks.push({ title: step.text, lines: [`await phone.waitFor(${q(step.text)});`] });
    else if (step.kind === 'press') {
      const last = lines.at(-1);
      if (last?.startsWith('await phone.press(')) lines[lines.length - 1] = `${last.slice(0, -2)}, ${q(step.key)});`;
      else lines.push(`await phone.press(${q(step.key)});`);
    } else if (step.kind === 'home') lines.push('await phone.home();');
    else if (step.kind === 'open') lines.push(`await phone.open(${q(step.url)});`);
    else if (step.kind === 'type') lines.push(`await phone.type(${q(step.text)});`);
    else if (step.kind === 'clock') lines.push(`await phone.setClock(${step.offsetMs});`);
    else {
      const code = `code${++codes}`;
      lines.push(`const ${code} = await phone.readOtp();`, `check(/^\\d{6,8}$/.test(${code}), \`the token app shows a code, got "\${${code}}"\`);`, `ctx.log(\`code read: \${${code}}\`);`);
    }
  }
  const steps = blocks
    .filter((block) => block.lines.length)
    .map((block, at) => [`    await ctx.step(${q(`${at + 1}. ${block.title}`)}, async () => {`, ...block.lines.map((line) => `      ${line}`), '    });'].join('\n'));
  const presses = recording.steps.filter((step) => step.kind === 'press').length;
  return `import { ${codes ? 'check, ' : ''}defineScenario } from ${q(importFrom)};

/** Recorded in the emulator (README, "Testing with the emulator"); edit it like any scenario. */
export default defineScenario({
  name: ${q(recording.name)},
  description: ${q(`recorded on ${recording.device}: ${presses} keys, ${codes} codes read`)},
  async run(ctx) {
    const phone = await ctx.handset(${q(recording.device)}, ${q(recording.mail)});
${steps.join('\n')}
  },
});
`;
}
