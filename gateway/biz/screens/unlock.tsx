import type { FC } from 'hono/jsx';
import { Csrf, Message } from '../../portal/frame.tsx';
import { InputRow } from '../../portal/screens/parts.tsx';
import type { Customer } from '../../store/schema.ts';
import { BizFrame, formatLoginTime, type BizChrome } from '../frame.tsx';

/** BIL001: IDロック解除 — the company's users locked by wrong passwords. */
export const UnlockScreen: FC<{ chrome: BizChrome; users: Customer[]; error?: string | undefined; notice?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BIL001" title="IDロック解除" section="admin">
    <Message error={props.error} notice={props.notice} />
    {props.users.length === 0 ? (
      <p>ロックされている利用者はいません。</p>
    ) : (
      <form method="post" action="/biz/admin/unlock" class="panel" novalidate>
        <Csrf token={props.chrome.csrf} />
        <table class="list-table">
          <tr><th>選択</th><th>お客様ID</th><th>利用者名</th><th>ロック</th></tr>
          {props.users.map((user, i) => (
            <tr data-user={user.id}>
              <td><input type="radio" name="customerId" value={user.id} checked={i === 0} aria-label={user.id} /></td>
              <td>{user.id}</td>
              <td>{user.name}</td>
              <td>
                {user.loginLockedUntil && `ログイン（${formatLoginTime(Date.parse(user.loginLockedUntil))}まで）`}
                {user.confirmLockedUntil && ` 承認用パスワード（${formatLoginTime(Date.parse(user.confirmLockedUntil))}まで）`}
              </td>
            </tr>
          ))}
        </table>
        <table class="form-table">
          <InputRow label="承認用パスワード" name="approvalPassword" type="password" autocomplete="off" maxlength={64} error={props.fieldError} />
        </table>
        <div class="buttons"><button type="submit" class="primary">ロック解除</button></div>
      </form>
    )}
    <p class="back"><a href="/biz/admin" class="button">&lt; 戻る</a></p>
  </BizFrame>
);
