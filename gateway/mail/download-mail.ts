import { formatJst } from '../time.ts';
import type { Mail } from './mailer.ts';

/**
 * The mail to the phone: only the one-time link, never サービスID or ユーザID (those stay on the
 * PC screen, so a stolen mail alone cannot set up a token).
 */
export function downloadMail(options: { to: string; bankName: string; link: string; expiresAt: number }): Mail {
  return {
    to: options.to,
    subject: `【${options.bankName}】ワンタイムパスワードアプリのダウンロード`,
    body: [
      `${options.bankName}です。`,
      'ワンタイムパスワードのトークン（アプリ）を下記URLからダウンロードして下さい。',
      '',
      options.link,
      '',
      `URLの有効期限：${formatJst(options.expiresAt)}`,
      '',
      'アプリを起動し、パソコンの画面に表示されたサービスID・ユーザIDと、',
      'お決めいただいた利用開始パスワードを入力して下さい。',
      '',
      '※お心当たりのない場合は、このメールを破棄して下さい。',
    ].join('\n'),
  };
}
