/**
 * The small DoJa-like interface the token app is written against: one screen of items, two soft keys,
 * key events, a ScratchPad, HTTP to the download host only, and a clock. The emulator and the web
 * token each implement it; the app never touches the DOM or `fetch` itself.
 */
export type Key = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'up' | 'down' | 'left' | 'right' | 'select' | 'soft1' | 'soft2' | 'clear';

export type Item =
  | { kind: 'text'; text: string; large?: boolean }
  | { kind: 'otp'; code: string }
  | { kind: 'field'; name: string; label: string; value: string; secret?: boolean; max: number; digitsOnly?: boolean }
  | { kind: 'check'; label: string; checked: boolean }
  /** `nav`: one of the bottom bar's entries (設定 · トップ画面 · ワンタイムパスワード), drawn in a row. */
  | { kind: 'button'; label: string; nav?: boolean };

export interface Screen {
  title: string;
  items: Item[];
  /** Index into `items` of the focused item, or -1. */
  focus: number;
  softkeys: [string, string];
}

export interface HttpResponse {
  status: number;
  body: string;
}

export interface Runtime {
  render(screen: Screen): void;
  /** ScratchPad: one string per app, kept across launches; null when empty. */
  readScratchPad(): string | null;
  writeScratchPad(value: string | null): void;
  /** POST a form to a path on the app's download host (the only host an i-appli may reach). */
  post(path: string, form: Record<string, string>): Promise<HttpResponse>;
  now(): number;
  /** Copies text to the handset's clipboard; resolves false when there is none or it refused. */
  copy(text: string): Promise<boolean>;
  /** The issuance binding the descriptor carried (`AppParam` / `Ketai-Binding`), sent with 初期設定. */
  binding?: string | null;
  /**
   * A start-up parameter from the app's descriptor (i-appli `AppParam`, MIDlet `getAppProperty`):
   * `serviceId` is set for the business bank's app (docs/business.md). Absent or null: none.
   */
  param?(name: 'serviceId'): string | null;
  /** Ends the app (back to the phone's menu); absent where the app is the whole page (web token). */
  exit?(): void;
}

export const KEYS: readonly Key[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'up', 'down', 'left', 'right', 'select', 'soft1', 'soft2', 'clear'];

export function isKey(value: unknown): value is Key {
  return typeof value === 'string' && (KEYS as readonly string[]).includes(value);
}
