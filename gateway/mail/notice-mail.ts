import { formatJst } from '../time.ts';
import type { Mail } from './mailer.ts';

export type NoticeKind = 'issued' | 'activated' | 'released';

const WHAT: Record<NoticeKind, string> = {
  issued: 'ワンタイムパスワードのトークン発行（新しいメールアドレスへのお申込み）',
  activated: 'ワンタイムパスワードの利用開始',
  released: 'ワンタイムパスワードの利用解除',
};

/**
 * Tells the registered phone address of a change to its token, so that a change made with the
 * 確認用パスワード alone (e.g. 利用解除) does not go unnoticed. Holds no link, ID or code.
 */
export function noticeMail(kind: NoticeKind, options: { to: string; bankName: string; at: number }): Mail {
  return {
    to: options.to,
    subject: `【${options.bankName}】${WHAT[kind]}のお知らせ`,
    body: [
      `${options.bankName}です。`,
      `${formatJst(options.at)}に、インターネットバンキングで${WHAT[kind]}の手続きが行われました。`,
      '',
      'お心当たりのない場合は、至急お取引店またはお問い合わせ窓口までご連絡下さい。',
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}
