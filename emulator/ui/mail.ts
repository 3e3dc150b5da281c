import { formatJst } from '../../gateway/time.ts';
import type { Key } from '../../handset/runtime.ts';
import { element, FocusRing, ListView, type Shell, type View } from './view.ts';

interface Mail {
  to: string;
  subject: string;
  body: string;
  sentAt: string;
}

/** The inbox of the device's address (dev mailbox); 404 or an empty list is an empty inbox. */
export async function openInbox(shell: Shell): Promise<View> {
  let mails: Mail[] = [];
  const response = await fetch(`/emulator/api/mailbox/${encodeURIComponent(shell.mail)}`);
  if (response.ok) mails = ((await response.json()) as Mail[]).slice().reverse();
  else if (response.status !== 404) throw new Error('メールを受信できませんでした。');
  const intro = [shell.mail, mails.length ? `受信メール ${mails.length}件` : '受信メールはありません。'];
  return new ListView(
    '受信BOX',
    mails.map((mail) => ({ label: mail.subject || '（件名なし）', action: () => shell.show(new MailView(shell, mail)) })),
    () => shell.home(),
    intro,
  );
}

const LINK = /https?:\/\/[^\s<>"'）」]+/g;

/** One mail; its URLs are focusable and open in the browser. Its time is Japan time, like the body's. */
class MailView implements View {
  readonly title: string;
  readonly softkeys: [string, string] = ['戻る', ''];
  readonly content = element('div');
  private readonly ring = new FocusRing(this.content);

  constructor(private readonly shell: Shell, mail: Mail) {
    this.title = mail.subject;
    this.content.append(element('p', `件名: ${mail.subject}`), element('p', `日時: ${formatJst(Date.parse(mail.sentAt))}`), element('hr'));
    for (const line of mail.body.split('\n')) {
      const paragraph = element('p');
      let last = 0;
      for (const match of line.matchAll(LINK)) {
        paragraph.append(line.slice(last, match.index));
        const link = element('a', match[0]);
        link.dataset.focusable = '';
        link.dataset.href = match[0];
        link.addEventListener('click', () => shell.browse(match[0]));
        paragraph.append(link);
        last = match.index + match[0].length;
      }
      paragraph.append(line.slice(last));
      this.content.append(paragraph);
    }
    this.ring.paint();
  }

  key(key: Key): void {
    if (key === 'up' || key === 'down') return this.ring.move(key === 'up' ? -1 : 1);
    const link = this.ring.current()?.dataset.href;
    if (key === 'select' && link) return this.shell.browse(link);
    if (key === 'soft1' || key === 'clear') void openInbox(this.shell).then((view) => this.shell.show(view));
  }

  type(): void {}

  focusedText(): string | null {
    return this.ring.current()?.textContent ?? null;
  }
}
