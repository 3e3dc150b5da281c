import type { Handset } from '../carrier/handset.ts';
import { CHANGE_NOTICE } from '../../handset/wording.ts';
import type { Block, Page } from '../markup/page.ts';
import { descriptorUrl } from '../app/paths.ts';
import { qrSvg } from './qr.ts';
import type { TicketState } from './ticket.ts';

export const HELP_PATH = '/m/help';
export const WEB_TOKEN_PATH = '/m/app/web';
const HELP_LINK: Block = { kind: 'link', href: HELP_PATH, label: 'アプリの使い方', key: 9 };

/**
 * The mail's link: what this handset needs to install the token app, or why it cannot. `appFits`
 * false: the tenant's package is too big for this Java handset (a DoJa-1.0 handset holds 10 KB).
 */
export function downloadPage(options: { handset: Handset; ticket: string; state: TicketState; pageUrl: string; appFits?: boolean }): Page {
  const { handset, ticket, state, pageUrl } = options;
  if (state.status !== 'valid') return ticketProblemPage(state.status);
  if (options.appFits === false) return unsupportedPage(handset);
  const intro: Block[] = [
    { kind: 'heading', text: state.bankName },
    { kind: 'text', text: 'ワンタイムパスワードアプリのダウンロード' },
    { kind: 'rule' },
  ];
  const setup: Block = {
    kind: 'text',
    text: 'アプリを起動し、パソコンの画面（トークン発行完了画面）に表示されたサービスID・ユーザIDと、パソコンで設定した利用開始パスワードを入力してください。',
  };
  const expiry: Block = { kind: 'text', text: `このURLの有効期限：${japanTime(state.expiresAt)}` };
  const title = `${state.bankName} アプリダウンロード`;
  if (handset.carrier === 'unknown') {
    // Could be a handset we do not know: keep within the smallest budget, no QR code.
    return {
      title,
      blocks: [
        ...intro,
        { kind: 'text', text: 'お使いの端末を判別できませんでした。iアプリ・EZアプリ・S!アプリ対応の携帯電話、またはスマートフォンでこのURLを開いてください。' },
        { kind: 'text', text: pageUrl },
        expiry,
      ],
    };
  }
  if (handset.carrier === 'pc') {
    return {
      title,
      blocks: [
        ...intro,
        { kind: 'text', text: 'このページは携帯電話で開いてください。', emphasis: true },
        { kind: 'text', text: 'メールを携帯電話で受信してリンクを開くか、携帯電話のバーコードリーダーで次のQRコードを読み取ってください。' },
        { kind: 'svg', markup: qrSvg(pageUrl) },
        { kind: 'text', text: pageUrl },
        expiry,
      ],
    };
  }
  switch (handset.app) {
    case 'doja':
      return {
        title,
        blocks: [
          ...intro,
          { kind: 'text', text: '次のリンクからiアプリをダウンロードしてください。' },
          { kind: 'iappli', jam: descriptorUrl(ticket, 'docomo'), label: 'ダウンロード', key: 1, fallback: HELP_PATH },
          setup,
          expiry,
          HELP_LINK,
        ],
      };
    case 'midp': {
      const carrier = handset.carrier === 'au' ? 'au' : 'softbank';
      const appKind = carrier === 'au' ? 'EZアプリ' : 'S!アプリ';
      return {
        title,
        blocks: [
          ...intro,
          { kind: 'text', text: `次のリンクから${appKind}をダウンロードしてください。` },
          { kind: 'link', href: descriptorUrl(ticket, carrier), label: 'ダウンロード', key: 1 },
          setup,
          expiry,
          HELP_LINK,
        ],
      };
    }
    case 'web':
      return {
        title,
        blocks: [
          ...intro,
          { kind: 'text', text: 'この端末ではアプリの代わりにブラウザ版トークンを使います。次のリンクを開き、ブックマークに登録してください。' },
          // The ticket rides in the fragment (never sent to a server nor logged): it binds the web token's 初期設定 to this link.
          { kind: 'link', href: `${WEB_TOKEN_PATH}#${ticket}`, label: 'ブラウザ版トークンを開く', key: 1 },
          setup,
          { kind: 'text', text: 'ブラウザのデータ（履歴・Cookie）を消去するとトークンも消えます。' },
          expiry,
          HELP_LINK,
        ],
      };
    case 'none':
      return unsupportedPage(handset);
  }
}

export function unsupportedPage(handset: Handset): Page {
  const model = handset.name ?? handset.model;
  return {
    title: '未対応機種',
    blocks: [
      { kind: 'heading', text: '未対応機種' },
      { kind: 'text', text: `お使いの機種${model ? `（${model}）` : ''}はワンタイムパスワードアプリに対応していません。`, emphasis: true },
      { kind: 'text', text: 'iアプリ・EZアプリ・S!アプリ対応の携帯電話（アプリの容量に対応した機種）、またはスマートフォンでメールのリンクを開いてください。' },
    ],
  };
}


function ticketProblemPage(status: 'expired' | 'used' | 'unknown'): Page {
  const message = {
    expired: 'このURLの有効期限が切れています。お手数ですが、パソコンからもう一度トークン発行を行ってください。',
    used: 'このURLは既に使用されたか、無効になっています。アプリを設定し直す場合は、パソコンからもう一度トークン発行を行ってください。',
    unknown: 'URLが正しくありません。メールに記載のURLを確認してください。',
  }[status];
  return {
    title: 'ダウンロードできません',
    blocks: [{ kind: 'heading', text: 'ダウンロードできません' }, { kind: 'text', text: message, emphasis: true }],
  };
}

/** `/m/`: where a handset's browser lands without a mailed link (the emulator's ブラウザ starts here). */
export function topPage(): Page {
  return {
    title: 'ワンタイムパスワード',
    blocks: [
      { kind: 'heading', text: 'ワンタイムパスワード' },
      { kind: 'text', text: 'ワンタイムパスワードアプリは、パソコンのインターネットバンキングで「トークン発行」を行うと届くメールの専用URLからダウンロードします。' },
      { kind: 'rule' },
      { kind: 'link', href: HELP_PATH, label: 'アプリの使い方', key: 1 },
      { kind: 'link', href: WEB_TOKEN_PATH, label: 'ブラウザ版トークン（スマートフォン・4Gケータイ）', key: 2 },
      { kind: 'text', text: `■機種変更のとき ${CHANGE_NOTICE}` },
    ],
  };
}

/** How the token app is used: the second handset page, linked from every download page. */
export function helpPage(): Page {
  return {
    title: 'アプリの使い方',
    blocks: [
      { kind: 'heading', text: 'ワンタイムパスワードアプリの使い方' },
      { kind: 'text', text: '■初期設定' },
      { kind: 'text', text: 'アプリを起動し、パソコンの画面に表示されたサービスID（8桁）・ユーザID（12桁）と、利用開始パスワード（4～8桁）を入力し、「上記内容に同意する」にチェックして「送信」を押します。' },
      { kind: 'text', text: '■ワンタイムパスワードの表示' },
      { kind: 'text', text: 'アプリを起動するとワンタイムパスワードが表示されます。一定時間ごとに新しいパスワードに変わります。同じパスワードは続けて使えません。' },
      { kind: 'text', text: '■機種変更・トークンの削除' },
      { kind: 'text', text: CHANGE_NOTICE, emphasis: true },
      { kind: 'text', text: '利用解除が済んでから、アプリの「設定」→「トークン削除」でトークンを削除してください。利用解除の前に削除すると、ワンタイムパスワードを入力できずログインできなくなります。' },
      { kind: 'text', text: '■携帯電話を紛失したとき・故障したとき' },
      { kind: 'text', text: 'お取引の金融機関へご連絡ください。金融機関でワンタイムパスワードの利用を解除します。' },
      { kind: 'text', text: '■うまくダウンロードできないとき' },
      { kind: 'text', text: 'iアプリ・EZアプリ・S!アプリに対応した機種か確認し、電波の良い場所でもう一度メールのリンクを開いてください。' },
    ],
  };
}

/** `2026/11/22 21:30` in Japan time, the zone the customer reads the mail in. */
export function japanTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '-';
  const japan = new Date(date.getTime() + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${japan.getUTCFullYear()}/${pad(japan.getUTCMonth() + 1)}/${pad(japan.getUTCDate())} ${pad(japan.getUTCHours())}:${pad(japan.getUTCMinutes())}`;
}
