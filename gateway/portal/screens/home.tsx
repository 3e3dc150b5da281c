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

/** BER001: a request the portal cannot serve (stale form, unknown page, too large); the way back fits the visitor. */
export const ErrorScreen: FC<{ chrome: Chrome; message: string }> = ({ chrome, message }) => (
  <Frame {...chrome} screenId="BER001" title="エラー">
    <Message error={message} />
    <p class="back">{chrome.loggedIn ? <a href="/ib/top">トップページへ</a> : <a href="/">ログイン画面へ</a>}</p>
  </Frame>
);

/** BSV001: ご利用サービスの変更 — what the customer can change here, and where the rest is done. */
export const ServicesScreen: FC<{ chrome: Chrome; otpStatus: string }> = ({ chrome, otpStatus }) => (
  <Frame {...chrome} section="services" screenId="BSV001" title="ご利用サービスの変更">
    <p class="lead">ご利用中のサービスの内容を確認・変更します。変更するサービスを選択して下さい。</p>
    <table class="info-table">
      <tr>
        <th>ワンタイムパスワード</th>
        <td>
          <span data-field="otpStatus">{otpStatus}</span>
          <br />
          <a href="/ib/otp">トークン発行・利用開始・利用解除（機種変更を含みます）</a>
        </td>
      </tr>
      <tr>
        <th>文字サイズ</th>
        <td>
          <a href="/ib/font/s">小</a> ・ <a href="/ib/font/m">中</a> ・ <a href="/ib/font/l">大</a>
        </td>
      </tr>
      <tr>
        <th>ログインパスワード・確認用パスワード、ご登録の振込先</th>
        <td>インターネットバンキングでは変更できません。お取引店にお申し出下さい。</td>
      </tr>
    </table>
    <p class="back"><a href="/ib/top">トップページへ</a></p>
  </Frame>
);

/** BSH001: 商品一覧, open to visitors who are not logged in. */
export const ProductsScreen: FC<{ chrome: Chrome }> = ({ chrome }) => (
  <Frame {...chrome} screenId="BSH001" title="商品一覧">
    <p class="lead">{chrome.bankName}でお取扱いしている商品・サービスのご案内です。</p>
    <table class="info-table">
      <tr><th>普通預金</th><td>お預け入れ・お引き出しが自由な、毎日のお財布代わりの口座です。</td></tr>
      <tr><th>定期預金</th><td>期間を決めてお預け入れいただく預金です。お申込みはお取引店の窓口で承ります。</td></tr>
      <tr><th>インターネットバンキング</th><td>残高照会、振込・振替がパソコンからご利用いただけます。</td></tr>
      <tr><th>ワンタイムパスワード</th><td>携帯電話のトークン（アプリ）に表示される使い捨てのパスワードで、ログインと事前登録以外の振込先へのお振込みを守ります。ご利用は無料です。</td></tr>
    </table>
    <p class="back">{chrome.loggedIn ? <a href="/ib/top">トップページへ</a> : <a href="/">ログイン画面へ</a>}</p>
  </Frame>
);
