import type { FC } from 'hono/jsx';
import type { Account } from '../../store/schema.ts';
import { Frame, Message } from '../frame.tsx';
import type { Chrome } from './login.tsx';

export const yen = (amount: number) => `${amount.toLocaleString('ja-JP')}円`;

const AccountTable: FC<{ account: Account }> = ({ account }) => (
  <table class="list-table">
    <thead>
      <tr>
        <th>支店</th>
        <th>科目</th>
        <th>口座番号</th>
        <th>残高</th>
      </tr>
    </thead>
    <tbody>
      <tr>
        <td>{account.branch}</td>
        <td>{account.accountType}</td>
        <td>{account.accountNumber}</td>
        <td class="amount" data-field="balance">{yen(account.balance)}</td>
      </tr>
    </tbody>
  </table>
);

/** BTP001: トップページ after login. */
export const TopScreen: FC<{ chrome: Chrome; name: string; account?: Account | undefined; otpActive: boolean; notice?: string | undefined }> = (props) => (
  <Frame {...props.chrome} section="home" screenId="BTP001" title="トップページ">
    <p class="lead" data-field="customerName">{props.name} 様、いつもご利用いただきありがとうございます。</p>
    <Message notice={props.notice} />
    <h2 class="section-title">口座情報</h2>
    {props.account ? <AccountTable account={props.account} /> : <p>ご登録の口座はありません。</p>}
    <h2 class="section-title">お取引メニュー</h2>
    <ul class="menu">
      <li><a href="/ib/transfer">振込・振替</a></li>
      <li><a href="/ib/otp">ワンタイムパスワード（{props.otpActive ? '利用中' : '未利用'}）</a></li>
    </ul>
    {!props.otpActive && (
      <p class="message-notice">不正送金を防ぐため、ワンタイムパスワードのご利用をお勧めします。［各種お申込・手続き］→［ワンタイムパスワード］からお手続き下さい。</p>
    )}
  </Frame>
);

/** BKZ001: 口座情報. */
export const AccountsScreen: FC<{ chrome: Chrome; account?: Account | undefined }> = ({ chrome, account }) => (
  <Frame {...chrome} section="accounts" screenId="BKZ001" title="口座情報 (残高照会)">
    {account ? <AccountTable account={account} /> : <p>ご登録の口座はありません。</p>}
    <p class="back"><a href="/ib/top">トップページへ</a></p>
  </Frame>
);

/** BMN001: 各種お申込・手続き menu. */
export const ProceduresScreen: FC<{ chrome: Chrome }> = ({ chrome }) => (
  <Frame {...chrome} section="procedures" screenId="BMN001" title="各種お申込・手続き">
    <p class="lead">お手続きの内容を選択して下さい。</p>
    <ul class="menu">
      <li><a href="/ib/otp">ワンタイムパスワード</a></li>
    </ul>
    <p class="back"><a href="/ib/top">トップページへ</a></p>
  </Frame>
);

/** BHP001: ご質問・お問い合わせ. */
export const HelpScreen: FC<{ chrome: Chrome }> = ({ chrome }) => (
  <Frame {...chrome} screenId="BHP001" title="ご質問・お問い合わせ">
    <p class="lead">インターネットバンキングに関するお問い合わせは、お取引店までご連絡下さい。</p>
    <ul class="menu">
      <li>ワンタイムパスワードのトークン（アプリ）は、受信メールの専用URLからダウンロードし、初期設定でサービスID・ユーザID・利用開始パスワードを入力します。</li>
      <li>機種変更の際は、変更前に［各種お申込・手続き］→［ワンタイムパスワード］から利用解除を行って下さい。</li>
    </ul>
    <p class="back"><a href="/">戻る</a></p>
  </Frame>
);

/** BER001: a request the portal cannot serve (stale form, unknown page, too large). */
export const ErrorScreen: FC<{ chrome: Chrome; message: string }> = ({ chrome, message }) => (
  <Frame {...chrome} screenId="BER001" title="エラー">
    <Message error={message} />
    <p class="back"><a href="/">ログイン画面へ</a></p>
  </Frame>
);
