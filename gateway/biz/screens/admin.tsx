import type { FC } from 'hono/jsx';
import { Csrf, Message } from '../../portal/frame.tsx';
import { InputRow, OtpInputTable } from '../../portal/screens/parts.tsx';
import type { UserFilter, UserRow } from '../admin.ts';
import { BizFrame, type BizChrome } from '../frame.tsx';
import type { Usage } from '../usage.ts';
import { UsageSummary } from './usage.tsx';

/** How BOA001 and BOA002 show a serial: never the serial itself. */
export const MASKED_SERIAL = '●●●●●●●●';
const ROLE_LABEL = { admin: '管理者', general: '一般者' } as const;

/** BKN001: 管理機能 menu. */
export const AdminMenuScreen: FC<{ chrome: BizChrome }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BKN001" title="管理機能" section="admin">
    <ul class="menu">
      <li>
        <a href="/biz/admin/otp">ワンタイムパスワード認証情報管理</a>
        <p class="hint">ワンタイムパスワードの利用開始、トークンの登録と登録解除ができます。</p>
      </li>
      <li>
        <a href="/biz/admin/unlock">IDロック解除</a>
        <p class="hint">パスワードを誤ってロックされた利用者のロックを解除します。</p>
      </li>
      <li>
        <a href="/biz/admin/history">利用履歴照会</a>
        <p class="hint">貴社の利用者の操作履歴を新しい順に照会できます。</p>
      </li>
    </ul>
  </BizFrame>
);

export interface UserPage {
  rows: UserRow[];
  page: number;
  pages: number;
  total: number;
  first: number;
  filter: UserFilter;
  usage: Usage;
}

const pageLink = (page: number, filter: UserFilter) => `/biz/admin/otp?${new URLSearchParams({ ...filter, page: String(page) } as Record<string, string>).toString()}`;

/** BOA001: the company's users, 10 a page. */
export const UserListScreen: FC<{ chrome: BizChrome; list: UserPage; error?: string | undefined }> = ({ chrome, list, error }) => (
  <BizFrame chrome={chrome} screenId="BOA001" title="ワンタイムパスワード認証情報 — 選択" section="admin" steps={1}>
    <h2 class="section-title">トークンの登録・交換・登録解除</h2>
    <Message error={error} />
    <form method="get" action="/biz/admin/otp" class="panel" data-form="filter">
      <details open={Boolean(list.filter.id || list.filter.name || list.filter.status)}>
        <summary>+ 絞り検索</summary>
        <table class="form-table">
          <tr><th><label for="f-id">お客様ID</label></th><td><input id="f-id" name="id" value={list.filter.id ?? ''} maxlength={32} /></td></tr>
          <tr><th><label for="f-name">利用者名</label></th><td><input id="f-name" name="name" value={list.filter.name ?? ''} maxlength={64} /></td></tr>
          <tr>
            <th><label for="f-status">登録状況</label></th>
            <td>
              <select id="f-status" name="status">
                <option value="">すべて</option>
                <option value="registered" selected={list.filter.status === 'registered'}>登録完了</option>
                <option value="unregistered" selected={list.filter.status === 'unregistered'}>未登録</option>
              </select>
            </td>
          </tr>
        </table>
        <div class="buttons"><button type="submit">絞り込む</button></div>
      </details>
    </form>
    <form method="get" action="/biz/admin/otp/user">
      <p class="pager" data-field="count">{list.total === 0 ? '0件' : `${list.first}から${list.first + list.rows.length - 1}件/${list.total}件`}</p>
      <table class="list-table">
        <tr><th>選択</th><th>お客様ID</th><th>利用者名</th><th>シリアル番号</th><th>利用権限</th></tr>
        {list.rows.map((row, i) => (
          <tr data-user={row.id}>
            <td><input type="radio" name="customerId" value={row.id} checked={i === 0} aria-label={row.id} /></td>
            <td>{row.id}</td>
            <td>{row.name}</td>
            <td data-field="serial"><Serial user={row} /></td>
            <td>{ROLE_LABEL[row.role]}</td>
          </tr>
        ))}
      </table>
      <nav class="pager" aria-label="ページ">
        {Array.from({ length: list.pages }, (_, i) => i + 1).map((page) => (page === list.page ? <span class="current">{page}</span> : <a href={pageLink(page, list.filter)}>{page}</a>))}
        {list.page < list.pages && <a href={pageLink(list.page + 1, list.filter)}>次へ&gt;</a>}
        {list.page < list.pages && <a href={pageLink(list.pages, list.filter)}>最後へ&gt;&gt;</a>}
      </nav>
      <div class="buttons">
        {list.rows.length > 0 && <button type="submit" class="primary">登録・登録解除 &gt;</button>}
      </div>
      <p class="hint">選択した利用者へトークンの新規登録・交換・登録解除をします。</p>
    </form>
    <h2 class="section-title">ワンタイムパスワードの利用形態の設定</h2>
    <UsageSummary usage={list.usage} />
    <p class="hint">ワンタイムパスワード認証の利用形態の設定を行います。</p>
    <div class="buttons"><a href="/biz/admin/otp/usage" class="button primary-link">利用形態設定 &gt;</a></div>
    <p class="back"><a href="/biz/admin" class="button">&lt; 戻る</a></p>
  </BizFrame>
);

export type UserView = UserRow;

/** Masked, and in shared mode a 一般者's row says whose token it is. */
const Serial: FC<{ user: UserView }> = ({ user }) => (
  <>
    {user.registered ? MASKED_SERIAL : '-'}
    {user.sharing === 'user' && <small class="shared-note">（管理者と共用）</small>}
  </>
);

const statusLabel = (user: UserView) => (user.registered ? (user.sharing === 'user' ? '登録完了（管理者のトークンを共用）' : '登録完了') : '未登録');

const UserInfo: FC<{ user: UserView }> = ({ user }) => (
  <>
    <h2 class="section-title">お客様情報</h2>
    <table class="info-table">
      <tr><th>お客様ID</th><td data-field="customerId">{user.id}</td></tr>
      <tr><th>利用者名</th><td data-field="name">{user.name}</td></tr>
      <tr><th>利用権限</th><td data-field="role">{ROLE_LABEL[user.role]}</td></tr>
    </table>
    <h2 class="section-title">トークン情報</h2>
    <table class="info-table">
      <tr><th>シリアル番号</th><td data-field="serial"><Serial user={user} /></td></tr>
      <tr><th>登録状況</th><td data-field="status">{statusLabel(user)}</td></tr>
    </table>
  </>
);

/** BOA002: 情報変更. In shared mode a 一般者 has nothing to change, and the shared token is only exchanged. */
export const UserScreen: FC<{ chrome: BizChrome; user: UserView; error?: string | undefined }> = ({ chrome, user, error }) => (
  <BizFrame chrome={chrome} screenId="BOA002" title="ワンタイムパスワード 情報変更" section="admin" steps={1}>
    <UserInfo user={user} />
    <Message error={error} />
    {user.sharing === 'user' ? (
      <p class="hint" data-field="sharing">全利用者で1つのトークンを共用しています。トークンの登録・交換は管理者の行から行ってください。</p>
    ) : (
      <>
        <div class="buttons">
          {user.registered && user.sharing !== 'holder' && (
            <a href={`/biz/admin/otp/release?customerId=${encodeURIComponent(user.id)}`} class="button">登録解除 ▶</a>
          )}
          <a href={`/biz/admin/otp/register?customerId=${encodeURIComponent(user.id)}`} class="button primary-link">登録 ▶</a>
        </div>
        <p class="hint">トークンの登録解除は「登録解除」、トークンの新規登録・交換は「登録」を押してください。</p>
        {user.sharing === 'holder' && <p class="hint" data-field="sharing">このトークンは全利用者で共用しています。登録解除は、利用形態を「利用者ごとにトークンを利用」に変更してから行ってください。</p>}
      </>
    )}
    <p class="back"><a href="/biz/admin/otp" class="button">◀ 戻る</a></p>
  </BizFrame>
);

const REPLAY_NOTE =
  '※同じパスワードは連続して使用できませんので、新たなパスワードを使用してください。新たなパスワードはしばらくしてから「1」ボタンを押すことで表示されます。(新たなパスワードの表示には、15秒～30秒ほどかかります)';

/** BOA003: the current token's code (an exchange starts here). */
export const CurrentCodeScreen: FC<{ chrome: BizChrome; user: UserView; digits: number; error?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BOA003" title="ワンタイムパスワード入力" section="admin" steps={2}>
    <UserInfo user={props.user} />
    <Message error={props.error} />
    <p class="lead">以上の内容を確認のうえ、トークンに表示されている半角数字を入力してください。</p>
    <ul class="notes">
      <li>現在ご利用中のトークンをご使用ください。</li>
      <li>「1」ボタンを押して、トークンに表示された6桁の数字をパスワード入力欄に入力してください</li>
      <li>{REPLAY_NOTE}</li>
    </ul>
    <form method="post" action="/biz/admin/otp/current" class="panel" novalidate>
      <Csrf token={props.chrome.csrf} />
      <input type="hidden" name="customerId" value={props.user.id} />
      <OtpInputTable digits={props.digits} fieldError={props.fieldError} />
      <div class="buttons"><button type="submit" class="primary">次へ &gt;</button></div>
    </form>
    <p class="back"><a href={`/biz/admin/otp/user?customerId=${encodeURIComponent(props.user.id)}`} class="button">◀ 戻る</a></p>
  </BizFrame>
);

export type FieldErrors = Partial<Record<'serial' | 'otp' | 'approvalPassword', string>>;

/** BOA004: the new token's serial and code, and the administrator's 承認用パスワード. */
export const NewTokenScreen: FC<{ chrome: BizChrome; user: UserView; digits: number; error?: string | undefined; errors?: FieldErrors }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BOA004" title="ワンタイムパスワード情報登録" section="admin" steps={2}>
    <UserInfo user={props.user} />
    <Message error={props.error} />
    <form method="post" action="/biz/admin/otp/new" class="panel" novalidate>
      <Csrf token={props.chrome.csrf} />
      <input type="hidden" name="customerId" value={props.user.id} />
      <h2 class="section-title">新しいトークン情報の入力</h2>
      <table class="form-table">
        {/* The serial is never echoed back: no PC page carries a full serial. */}
        <InputRow label="シリアル番号" hint="(半角英数、12文字)" name="serial" maxlength={16} autocomplete="off" error={props.errors?.serial} />
        <InputRow label="ワンタイムパスワード" hint={`(半角数字${props.digits}桁)`} name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength={16} class="otp" error={props.errors?.otp} />
        <InputRow label="承認用パスワード" name="approvalPassword" type="password" autocomplete="off" maxlength={64} error={props.errors?.approvalPassword} />
      </table>
      <p class="hint">{REPLAY_NOTE}</p>
      <div class="buttons"><button type="submit" class="primary">確定</button></div>
    </form>
    <p class="back"><a href={`/biz/admin/otp/user?customerId=${encodeURIComponent(props.user.id)}`} class="button">◀ 戻る</a></p>
  </BizFrame>
);

/** BOA005: 登録完了. */
export const RegisteredScreen: FC<{ chrome: BizChrome; user: UserView; exchanged: boolean }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BOA005" title="登録完了" section="admin" steps={3}>
    <Message notice={props.exchanged ? '交換が完了しました。' : '登録が完了しました。'} />
    <p class="lead" data-field="done">利用形態とトークンを登録しました。登録されたトークンは現在より有効となります。</p>
    <UserInfo user={props.user} />
    <p class="back"><a href="/biz/admin/otp" class="button">一覧へ戻る</a></p>
  </BizFrame>
);

/** BOA006: 登録解除 確認 (承認用パスワード and the current token's code). */
export const ReleaseScreen: FC<{ chrome: BizChrome; user: UserView; digits: number; error?: string | undefined; errors?: FieldErrors }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BOA006" title="トークン登録解除 確認" section="admin" steps={2}>
    <UserInfo user={props.user} />
    <Message error={props.error} />
    <p class="lead">以下のトークンの登録を解除します。現在ご利用中のトークンに表示されている半角数字と承認用パスワードを入力し、「解除する」を押してください。</p>
    <form method="post" action="/biz/admin/otp/release" class="panel" novalidate>
      <Csrf token={props.chrome.csrf} />
      <input type="hidden" name="customerId" value={props.user.id} />
      <table class="form-table">
        <InputRow label="ワンタイムパスワード" hint={`(半角数字${props.digits}桁)`} name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength={16} class="otp" error={props.errors?.otp} />
        <InputRow label="承認用パスワード" name="approvalPassword" type="password" autocomplete="off" maxlength={64} error={props.errors?.approvalPassword} />
      </table>
      <div class="buttons"><button type="submit" class="primary">解除する</button></div>
    </form>
    <p class="hint">現在使用しているトークンがない場合は、お取引店舗に届出が必要となります。</p>
    <p class="back"><a href={`/biz/admin/otp/user?customerId=${encodeURIComponent(props.user.id)}`} class="button">◀ 戻る</a></p>
  </BizFrame>
);

/** BOA007: 登録解除 完了. */
export const ReleasedScreen: FC<{ chrome: BizChrome; user: UserView }> = (props) => (
  <BizFrame chrome={props.chrome} screenId="BOA007" title="トークン登録解除 完了" section="admin" steps={3}>
    <p class="lead" data-field="done">トークンの登録を解除しました。</p>
    <UserInfo user={props.user} />
    <p class="back"><a href="/biz/admin/otp" class="button">一覧へ戻る</a></p>
  </BizFrame>
);
