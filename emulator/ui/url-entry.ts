import type { Key } from '../../handset/runtime.ts';
import { element, type Shell, type View } from './view.ts';

/**
 * URL入力: the tester types an address on the gateway (e.g. `/m/biz/20200001`, the business bank's
 * download page, which no mail links to) and opens it in the phone's browser.
 */
export class UrlEntryView implements View {
  title = 'URL入力';
  softkeys: [string, string] = ['戻る', '接続'];
  readonly content = element('div');
  private address = 'http://';
  private readonly field = element('p', '', 'focused');

  constructor(private readonly shell: Shell) {
    this.content.append(element('p', 'URLを入力してください。'), this.field);
    this.paint();
  }

  key(key: Key): void {
    if (key === 'soft1') return this.shell.home();
    if (key === 'clear') {
      this.address = this.address.slice(0, -1);
      return this.paint();
    }
    if (key === 'select' || key === 'soft2') return this.open();
  }

  type(text: string): void {
    this.address = text.trim();
    this.paint();
  }

  focusedText(): string | null {
    return this.address;
  }

  private open(): void {
    // A path is on the gateway the emulator runs on.
    if (URL.canParse(this.address, location.href)) this.shell.browse(new URL(this.address, location.href).href);
  }

  private paint(): void {
    this.field.textContent = this.address;
  }
}
