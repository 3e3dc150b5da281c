import type { FC } from 'hono/jsx';
import type { AuditEvent } from '../../store/schema.ts';
import { Message } from '../../portal/frame.tsx';
import { BizFrame, formatLoginTime, type BizChrome } from '../frame.tsx';
import type { HistoryQuery } from '../history.ts';

const ACTION_LABEL: Record<string, string> = {
  login: 'ログイン',
  'otp.verify': 'ワンタイムパスワード認証',
  'confirm-password': '承認用パスワード',
  'biz.token.prove-current': '現在のトークンの確認',
  'biz.token.register': 'トークン登録',
  'biz.token.exchange': 'トークン交換',
  'biz.token.unregister': 'トークン登録解除',
  'biz.usage.change': '利用形態設定',
  'biz.id.unlock': 'IDロック解除',
};

/** BRK001: 利用履歴照会. */
export const HistoryScreen: FC<{ chrome: BizChrome; events: AuditEvent[]; next?: string | undefined; query: HistoryQuery; error?: string | undefined }> = ({ chrome, events, next, query, error }) => (
  <BizFrame chrome={chrome} screenId="BRK001" title="利用履歴照会" section="admin">
    <Message error={error} />
    <form method="get" action="/biz/admin/history" class="panel">
      <table class="form-table">
        <tr><th><label for="h-id">お客様ID</label></th><td><input id="h-id" name="customerId" value={query.customerId ?? ''} maxlength={32} /></td></tr>
        <tr><th><label for="h-date">日付</label><small>(YYYY-MM-DD)</small></th><td><input id="h-date" name="date" value={query.date ?? ''} maxlength={10} /></td></tr>
      </table>
      <div class="buttons"><button type="submit">照会</button></div>
    </form>
    <table class="list-table">
      <tr><th>日時</th><th>お客様ID</th><th>操作</th><th>結果</th><th>操作者</th></tr>
      {events.map((event) => (
        <tr data-event={event.action}>
          <td>{formatLoginTime(Date.parse(event.at))}</td>
          <td>{event.customerId}</td>
          <td>{ACTION_LABEL[event.action] ?? event.action}</td>
          <td>{event.result === 'ok' ? '正常' : event.result}</td>
          <td>{event.actor.replace(/^customer:/, '')}</td>
        </tr>
      ))}
    </table>
    {events.length === 0 && <p>該当する履歴はありません。</p>}
    {next && (
      <p class="pager">
        <a href={`/biz/admin/history?${new URLSearchParams({ ...(query.customerId ? { customerId: query.customerId } : {}), ...(query.date ? { date: query.date } : {}), before: next }).toString()}`}>次へ&gt;</a>
      </p>
    )}
    <p class="back"><a href="/biz/admin" class="button">&lt; 戻る</a></p>
  </BizFrame>
);
