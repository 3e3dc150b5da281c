import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { japanDate } from '../handset/app.ts';
import { buildJavaPackages, missingJavaTools } from '../handset/java/build.ts';
import { DIST, JAR_FILES, JAVA_ROOT } from '../handset/java/dist.ts';
import { DOJA_CLASS, MIDLET_CLASS } from '../handset/java/package.ts';
import { classEntry, readZipDirectory } from '../emulator/zip.ts';

const missing = missingJavaTools();
if (missing) console.warn(`java-token tests skipped: ${missing}`);
const work = mkdtempSync(join(tmpdir(), 'ketai-java-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Each javac, java and ProGuard run here is a JVM living a second or two: the client compiler alone
 * and the serial collector take about a third less CPU than the defaults, for the same output.
 */
const SHORT_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
const harness = (input: string) => execFileSync('java', [...SHORT_JVM, '-cp', join(work, 'check'), 'ketai.Check'], { input, encoding: 'utf8', timeout: 20_000 });

/** Runs the desktop harness (handset/java/test/ketai/Check.java) over the shared core, compiled once. */
let compiled = false;
function check(commands: string[]): string[] {
  if (!compiled) {
    const sources = execFileSync('find', [join(JAVA_ROOT, 'src/core'), join(JAVA_ROOT, 'test'), '-name', '*.java'], { encoding: 'utf8' }).trim().split('\n');
    execFileSync('javac', [...SHORT_JVM.map((option) => `-J${option}`), '--release', '8', '-encoding', 'UTF-8', '-d', join(work, 'check'), ...sources]);
    compiled = true;
  }
  const output = harness(commands.join('\n') + '\n');
  return output.split('\n').slice(0, commands.length);
}

const ascii = (text: string) => Secret.fromLatin1(text).base32;

/** An entry's bytes, walking the JAR's local headers (the emulator's reader only lists the directory). */
function entryBytes(jar: Buffer, name: string): Buffer {
  for (let at = 0; jar.readUInt32LE(at) === 0x04034b50; ) {
    const size = jar.readUInt32LE(at + 18);
    const nameLength = jar.readUInt16LE(at + 26);
    const start = at + 30 + nameLength + jar.readUInt16LE(at + 28);
    if (jar.toString('utf8', at + 30, at + 30 + nameLength) === name) {
      const data = jar.subarray(start, start + size);
      return jar.readUInt16LE(at + 8) === 8 ? inflateRawSync(data) : data;
    }
    at = start + size;
  }
  throw new Error(`${name} not in the JAR`);
}

describe.skipIf(missing)('Java TOTP core on the desktop JVM', () => {
  it('RFC 4226 Appendix D (HOTP counters 0–9 as 1-second TOTP steps)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    const seed = ascii('12345678901234567890');
    expect(check(expected.map((_, counter) => `totp SHA1 ${seed} ${counter * 1000} 1 6`))).toEqual(expected);
  });

  it('RFC 6238 Appendix B (SHA1 and SHA256, 8 digits)', () => {
    const table: Array<[number, string, string]> = [
      [59, '94287082', '46119246'],
      [1111111109, '07081804', '68084774'],
      [1111111111, '14050471', '67062674'],
      [1234567890, '89005924', '91819424'],
      [2000000000, '69279037', '90698825'],
      [20000000000, '65353130', '77737706'],
    ];
    const sha1 = ascii('12345678901234567890');
    const sha256 = ascii('12345678901234567890123456789012');
    const commands = table.flatMap(([seconds]) => [`totp SHA1 ${sha1} ${seconds * 1000} 30 8`, `totp SHA256 ${sha256} ${seconds * 1000} 30 8`]);
    expect(check(commands)).toEqual(table.flatMap(([, a, b]) => [a, b]));
  });

  it('agrees with otpauth for random secrets, lengths, digits and times', () => {
    const cases = Array.from({ length: 60 }, (_, i) => {
      const secret = new Secret({ size: 10 + (i % 60) }).base32;
      const algorithm = i % 2 ? 'SHA256' : 'SHA1';
      const digits = 6 + (i % 5);
      const period = [30, 60, 15][i % 3]!;
      const at = Math.floor(Math.random() * 4_000_000_000_000);
      return { secret, algorithm, digits, period, at };
    });
    const expected = cases.map(({ secret, algorithm, digits, period, at }) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm, digits, period, timestamp: at }));
    expect(check(cases.map(({ secret, algorithm, digits, period, at }) => `totp ${algorithm} ${secret.toLowerCase()} ${at} ${period} ${digits}`))).toEqual(expected);
  });

  it('reads a provisioning response and survives its own storage format', () => {
    const secret = new Secret({ size: 20 }).base32;
    const body = `serial=KT0000000123|secret=${secret}|algorithm=SHA1|digits=6|period=30|issuer=デモ銀行|issuedAt=2026-12-01T03:04:05.000Z|expiresAt=2027-11-30T15:00:00.000Z`;
    const code = TOTP.generate({ secret: Secret.fromBase32(secret), digits: 6, period: 30, timestamp: Date.parse('2026-12-01T03:04:05.000Z') });
    expect(check([`token 200 ${body}`, `token 200 ${body.replace('SHA1', 'SHA512')}`, 'token 401 error=wrong_password|message=利用開始パスワードが違います。', 'token 500 oops'])).toEqual([
      `${code} 30 2027/12/01`,
      '通信エラーが発生しました。しばらくしてから再度お試しください。',
      '利用開始パスワードが違います。',
      '通信エラーが発生しました。しばらくしてから再度お試しください。',
    ]);
  });

  it('shows dates in Japan time like the TypeScript app', () => {
    const instants = ['2026-12-01T14:59:59.000Z', '2026-12-01T15:00:00.000Z', '2024-02-28T15:00:00Z', '2000-02-29T12:00:00+09:00', '2099-12-31T15:00:00.000Z'];
    expect(check(instants.map((iso) => `date ${iso}`))).toEqual(instants.map(japanDate));
    expect(check(['date nonsense', 'date 2026-13-01T00:00:00Z'])).toEqual(['-', '-']);
  });

  it('walks the shared screen flow like the TypeScript app: checks, provisioning, menu, トークン削除', () => {
    const secret = new Secret({ size: 20 }).base32;
    const body = `serial=KT1|secret=${secret}|algorithm=SHA1|digits=6|period=30|issuer=デモ銀行|issuedAt=2026-12-01T00:00:00Z|expiresAt=2099-12-01T00:00:00Z`;
    const run = (status: number, reply: string) => {
      const output = harness(`flow ${status} ${reply}\n`);
      return output.slice(0, output.indexOf('end\n')).trim().split('\n');
    };
    check([]); // compiles the harness
    const checks = [
      'setup - [||]',
      'setup サービスID・ユーザID・利用開始パスワードを入力してください。 [S1|U1|]',
      'setup 利用開始パスワードは4～8桁の数字で入力してください。 [S1|U1|12a4]',
      'setup 「上記内容に同意する」を選択してください。 [S1|U1|1234]',
      'screen 初期設定 lines=通信中です。しばらくお待ちください。 buttons= soft=/',
    ];
    const posted = 'posted http://gw.test:8787/m/app/provision serviceId=S1&userId=U1&startPassword=1234&binding=TICKET';
    const menu = 'screen メニュー lines= buttons=設定/トップ画面/ワンタイムパスワード/ヘルプ/終了 soft=戻る/';
    const code = 'screen デモ銀行 lines=ワンタイムパスワード buttons= soft=メニュー/更新';
    const confirm = 'screen トークン削除 lines=トークンを削除します。削除すると元に戻せません。よろしいですか？ buttons=はい/いいえ soft=戻る/';
    const settings = 'screen 設定 lines= buttons=トークン削除 soft=戻る/';
    expect(run(200, body)).toEqual([
      ...checks, 'save token', code, posted,
      menu, 'screen OTPトークン lines=デモ銀行 buttons=ワンタイムパスワード/メニュー soft=戻る/', code,
      menu, expect.stringMatching(/^screen ヘルプ lines=ワンタイムパスワードは一定時間ごとに変わります。/), menu,
      settings, confirm, settings, confirm, 'save null', 'setup - [||]',
    ]);
    // A refused start password: the server's message, the IDs kept and the password cleared.
    expect(run(401, 'error=wrong_password|message=利用開始パスワードが違います')).toEqual([...checks, 'setup 利用開始パスワードが違います [S1|U1|]', posted]);
  });

  it('sends the provisioning form urlencoded, with the binding when the descriptor had one', () => {
    expect(check(['form S-01 user@1 1234 tk_Ab-9', 'form abc ユーザ 0000 -'])).toEqual([
      new URLSearchParams({ serviceId: 'S-01', userId: 'user@1', startPassword: '1234', binding: 'tk_Ab-9' }).toString(),
      new URLSearchParams({ serviceId: 'abc', userId: 'ユーザ', startPassword: '0000' }).toString(),
    ]);
  });
});

describe('committed JARs', () => {
  const jars = { doja: readFileSync(join(DIST, JAR_FILES.doja)), midp: readFileSync(join(DIST, JAR_FILES.midp)) };

  it('are ZIPs holding the entry class, lowered to Java 1.3 class files', () => {
    const doja = readZipDirectory(jars.doja)!.map((entry) => entry.name);
    const midp = readZipDirectory(jars.midp)!.map((entry) => entry.name);
    expect(doja).toContain(classEntry(DOJA_CLASS));
    expect(midp[0]).toBe('META-INF/MANIFEST.MF');
    expect(midp).toContain(classEntry(MIDLET_CLASS));
    expect(midp).not.toContain(classEntry(DOJA_CLASS));
    // Class file version 47 (Java 1.3), what CLDC's verifier takes.
    expect(entryBytes(jars.doja, classEntry(DOJA_CLASS)).readUInt16BE(6)).toBe(47);
    expect(entryBytes(jars.midp, classEntry(MIDLET_CLASS)).readUInt16BE(6)).toBe(47);
  });

  it('fit DoJa-2.0 and later (30 KB) and SoftBank / au MIDP handsets (30 KB on the oldest)', () => {
    expect(jars.doja.length).toBeLessThanOrEqual(30 * 1024);
    expect(jars.midp.length).toBeLessThanOrEqual(30 * 1024);
  });

  it.skipIf(missing)('are rebuilt byte for byte from handset/java/src (npm run build:java)', () => {
    // handset/java/build.ts runs its JVMs with this process's environment (each says "Picked up …" on stderr).
    const options = process.env.JAVA_TOOL_OPTIONS;
    process.env.JAVA_TOOL_OPTIONS = [options, ...SHORT_JVM].filter(Boolean).join(' ');
    let rebuilt: ReturnType<typeof buildJavaPackages>;
    try {
      rebuilt = buildJavaPackages(join(work, 'dist'));
    } finally {
      if (options === undefined) delete process.env.JAVA_TOOL_OPTIONS;
      else process.env.JAVA_TOOL_OPTIONS = options;
    }
    expect(readFileSync(rebuilt.doja).equals(jars.doja), 'DoJa JAR differs: run npm run build:java (JDK 17, ProGuard 6.2.2) and commit dist/').toBe(true);
    expect(readFileSync(rebuilt.midp).equals(jars.midp), 'MIDP JAR differs: run npm run build:java (JDK 17, ProGuard 6.2.2) and commit dist/').toBe(true);
  }, 120_000);
});
