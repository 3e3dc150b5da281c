import type { FC } from 'hono/jsx';
import type { OtpOverview } from '../../issuance/service.ts';
import type { FieldErrors, IssuanceForm } from '../../issuance/input.ts';
import { formatJst } from '../../time.ts';
import { Csrf, Frame, Message } from '../frame.tsx';
import type { Chrome } from './login.tsx';
import { InputRow, MailInfo, OtpInputTable, TokenInfo } from './parts.tsx';

/** 登録状況 as BOP001 shows it (BSV001 repeats it). */
export const OTP_STATUS_LABEL: Record<OtpOverview['status'], string> = {
  none: '未登録',
  issued: 'トークン発行済',
  active: '利用中',
  released: '未登録（利用解除済）',
};

const Back: FC<{ href: string; label?: string }> = ({ href, label }) => (
  <p class="back">
    <a href={href}>{label ?? '戻る'}</a>
  </p>
);

/** The seed's 注意事項, word for word. */
const Notes: FC = () => (
  <section class="notes">
    <h2>注意事項</h2>
    <h3>&lt;ワンタイムパスワードとは&gt;</h3>
    <ul>
      <li>「ワンタイムパスワード」とは、1分毎に更新される使い捨てのパスワードで、利用者は携帯電話からワンタイムパスワードを取得し、パソコンに入力します。</li>
      <li>接続時に、「ログインID」と「ログインパスワード」に加えて「ワンタイムパスワード」を入力することにより、不正利用の防止を強化することができます。</li>
    </ul>
    <h3>&lt;トークンとは&gt;</h3>
    <ul>
      <li>「トークン」とは、ワンタイムパスワードを生成し携帯電話に表示する方式のことです。</li>
      <li>「トークン発行」とは、お客様の携帯電話に「トークン」として利用するための専用プログラムをダウンロードする作業のことです。</li>
    </ul>
    <h3>&lt;ワンタイムパスワード利用解除とは&gt;</h3>
    <ul>
      <li>
        携帯電話の機種変更等で現在のワンタイムパスワードアプリが使用できなくなる場合にワンタイムパスワード利用解除を実施して下さい。
        次回ログイン時から、「ワンタイムパスワード認証画面」が表示されず、通常のログイン手続きとなります。
        翌日以降に、新たに「トークン発行」「ワンタイムパスワード利用開始」を実施してワンタイムパスワードの利用を再開下さい。
      </li>
    </ul>
    <h3>&lt;重要&gt;</h3>
    <ul>
      <li>ご利用可能な携帯電話の機種は、NTTドコモ、au、ソフトバンクモバイルの「携帯アプリ」機能を有する機種となります。</li>
    </ul>
  </section>
);

const GetButton: FC<{ href: string; label: string; enabled: boolean }> = ({ href, label, enabled }) => (
  <form method="get" action={href}>
    <button type="submit" disabled={!enabled}>
      {label}
    </button>
  </form>
);

/** BOP001: ワンタイムパスワード申請内容選択. */
export const OtpMenuScreen: FC<{ chrome: Chrome; overview: OtpOverview; error?: string | undefined; notice?: string | undefined }> = ({ chrome, overview, error, notice }) => (
  <Frame {...chrome} section="procedures" screenId="BOP001" title="ワンタイムパスワード申請内容選択">
    <p class="lead">
      ワンタイムパスワードの登録情報を表示します。
      <br />
      登録情報の変更を行う場合は変更対象ボタンを押して下さい。
    </p>
    <Message error={error} notice={notice} />
    <h2 class="section-title">ワンタイムパスワード登録状況</h2>
    <table class="info-table">
      <tr>
        <th>登録状況</th>
        <td data-field="otpStatus">{OTP_STATUS_LABEL[overview.status]}</td>
      </tr>
    </table>
    {overview.serviceId && overview.userId && <TokenInfo serviceId={overview.serviceId} userId={overview.userId} />}
    {overview.voided && (
      <p class="message-error" data-field="voided">
        {overview.voided === 'locked'
          ? '利用開始パスワードを規定回数以上誤ったため、発行済みのトークンは無効になりました。'
          : 'トークン発行用メールのURLの有効期限が切れたため、発行済みのトークンは無効になりました。'}
        「トークン発行」ボタンから、再度トークン発行を行って下さい。
      </p>
    )}
    {overview.reissueFrom !== undefined && (
      <p class="message-notice" data-field="reissueFrom">
        新たなトークン発行は{formatJst(overview.reissueFrom)}以降に行えます。
      </p>
    )}
    <Notes />
    <div class="buttons">
      <GetButton href="/ib/otp/issue" label="トークン発行" enabled={overview.canIssue} />
      <GetButton href="/ib/otp/activate" label="ワンタイムパスワード利用開始" enabled={overview.canActivate} />
      <GetButton href="/ib/otp/release" label="ワンタイムパスワード利用解除" enabled={overview.canRelease} />
    </div>
    <Back href="/ib/top" label="トップページへ" />
  </Frame>
);

/** BOT001: ソフトウェアトークン発行情報入力. */
export const IssueInputScreen: FC<{ chrome: Chrome; formId: string; mail?: string; errors?: FieldErrors<keyof IssuanceForm> }> = ({ chrome, formId, mail, errors = {} }) => (
  <Frame {...chrome} section="procedures" screenId="BOT001" title="トークン発行 (ソフトウェアトークン発行情報入力)">
    <p class="lead">
      ソフトウェアトークンを発行します。
      <br />
      送付先メールアドレス、利用開始パスワードを入力し「次へ」ボタンを押して下さい。
    </p>
    {Object.keys(errors).length > 0 && <Message error="入力内容に誤りがあります。エラーの内容をご確認のうえ、再度入力して下さい。" />}
    <form method="post" action="/ib/otp/issue" novalidate>
      <Csrf token={chrome.csrf} />
      <input type="hidden" name="formId" value={formId} />
      <h2 class="section-title">送付先メールアドレスの指定</h2>
      <p>トークン発行する携帯電話のメールアドレスを入力して下さい。</p>
      <table class="form-table">
        <InputRow label="携帯電話メールアドレス" hint="(半角英数字記号)" name="mail" type="email" value={mail ?? ''} maxlength={254} autocomplete="email" class="wide" error={errors.mail} />
        <InputRow label="携帯電話メールアドレス(確認用)" hint="(半角英数字記号) 確認のため2回入力して下さい" name="mailConfirm" type="email" maxlength={254} autocomplete="off" class="wide" error={errors.mailConfirm} />
      </table>
      <h2 class="section-title">利用開始パスワードの指定</h2>
      <p>
        トークン発行時に必要となる利用開始パスワードを4～8桁の数字で登録して下さい。
        <br />
        利用開始パスワードは、お控えいただくかお忘れにならないようご注意ください。
      </p>
      <table class="form-table">
        <InputRow label="利用開始パスワード" hint="(半角数字4～8桁)" name="startPassword" type="password" inputmode="numeric" maxlength={16} autocomplete="new-password" error={errors.startPassword} />
        <InputRow label="利用開始パスワード(確認用)" hint="確認のため2回入力して下さい" name="startPasswordConfirm" type="password" inputmode="numeric" maxlength={16} autocomplete="new-password" error={errors.startPasswordConfirm} />
      </table>
      <div class="buttons">
        <button type="submit" class="primary">次へ</button>
      </div>
    </form>
    <Back href="/ib/otp" />
  </Frame>
);

/** BOT003: 発行情報入力内容確認, with 確認用パスワード. */
export const IssueConfirmScreen: FC<{ chrome: Chrome; formId: string; mail: string; error?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <Frame {...props.chrome} section="procedures" screenId="BOT003" title="トークン発行 (ソフトウェアトークン発行情報入力内容確認)">
    <p class="lead">入力内容をご確認のうえ、確認用パスワードを入力し、「確定する」ボタンを押して下さい。</p>
    <Message error={props.error} />
    <MailInfo mail={props.mail} />
    <form method="post" action="/ib/otp/issue/confirm" novalidate>
      <Csrf token={props.chrome.csrf} />
      <input type="hidden" name="formId" value={props.formId} />
      <ConfirmPasswordTable fieldError={props.fieldError} />
      <div class="buttons">
        <button type="submit" name="action" value="cancel">申込を中止する</button>
        <button type="submit" name="action" value="confirm" class="primary">確定する</button>
      </div>
    </form>
    <Back href={`/ib/otp/issue?form=${encodeURIComponent(props.formId)}`} />
  </Frame>
);

const ConfirmPasswordTable: FC<{ fieldError?: string | undefined }> = ({ fieldError }) => (
  <>
    <h2 class="section-title">確認用パスワードの入力</h2>
    <table class="form-table">
      <InputRow label="確認用パスワード" hint="(半角英数字6～12桁)" name="confirmPassword" type="password" maxlength={32} autocomplete="off" error={fieldError} />
    </table>
  </>
);

/** BOT002: 発行完了, showing サービスID and ユーザID for the app's 初期設定. */
export const IssueDoneScreen: FC<{ chrome: Chrome; mail: string; serviceId: string; userId: string }> = (props) => (
  <Frame {...props.chrome} section="procedures" screenId="BOT002" title="トークン発行 (ソフトウェアトークン発行完了)">
    <p class="lead">
      トークン発行を受け付けました。
      <br />
      携帯電話メールアドレスにトークン発行用のメールが送信されます。
      <br />
      トークン情報に従い、ワンタイムパスワードの設定のお手続きをお願いします。
    </p>
    <MailInfo mail={props.mail} />
    <TokenInfo serviceId={props.serviceId} userId={props.userId} />
    <p class="hint">※「サービスID」・「ユーザID」は、トークン（アプリ）の初期設定で入力します。お控え下さい。</p>
    <div class="buttons">
      <a class="button" href="/ib/otp">ワンタイムパスワード申請内容選択へ</a>
    </div>
  </Frame>
);

/** BOK001: 利用開始 (ソフトウェアトークン確認). */
export const ActivateScreen: FC<{ chrome: Chrome; digits: number; error?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <Frame {...props.chrome} section="procedures" screenId="BOK001" title="ワンタイムパスワード利用開始 (ソフトウェアトークン確認)">
    <p class="lead">ワンタイムパスワードを入力し、「利用開始する」ボタンを押して下さい。</p>
    <Message error={props.error} />
    <form method="post" action="/ib/otp/activate" novalidate>
      <Csrf token={props.chrome.csrf} />
      <h2 class="section-title">ワンタイムパスワードの入力</h2>
      <OtpInputTable digits={props.digits} fieldError={props.fieldError} />
      <div class="buttons">
        <a class="button" href="/ib/otp">申込を中止する</a>
        <button type="submit" class="primary">利用開始する</button>
      </div>
    </form>
    <Back href="/ib/otp" />
  </Frame>
);

/** BOK002: 利用開始 完了. */
export const ActivateDoneScreen: FC<{ chrome: Chrome }> = ({ chrome }) => (
  <Frame {...chrome} section="procedures" screenId="BOK002" title="ワンタイムパスワード利用開始 (ソフトウェアトークン完了)">
    <p class="lead">ワンタイムパスワード利用開始登録を受け付けました。</p>
    <section class="notes">
      <h2>&lt;ご参考&gt;</h2>
      <ul>
        <li>ワンタイムパスワード利用開始設定後は、事前登録以外の振込口座へお振込みする時にワンタイムパスワード入力画面が表示されます。</li>
        <li>次回ログイン時から、ログインIDとログインパスワードの後にワンタイムパスワードを入力していただきます。</li>
      </ul>
    </section>
    <div class="buttons">
      <a class="button" href="/ib/otp">ワンタイムパスワード申請内容選択へ</a>
    </div>
  </Frame>
);

/** BOS001: 利用解除確認. */
export const ReleaseScreen: FC<{ chrome: Chrome; error?: string | undefined; fieldError?: string | undefined }> = (props) => (
  <Frame {...props.chrome} section="procedures" screenId="BOS001" title="ワンタイムパスワード利用解除 (利用解除確認)">
    <p class="lead">確認用パスワードを入力し、「解除する」ボタンを押して下さい。</p>
    <Message error={props.error} />
    <form method="post" action="/ib/otp/release" novalidate>
      <Csrf token={props.chrome.csrf} />
      <ConfirmPasswordTable fieldError={props.fieldError} />
      <div class="buttons">
        <a class="button" href="/ib/otp">申込を中止する</a>
        <button type="submit" class="primary">解除する</button>
      </div>
    </form>
    <Back href="/ib/otp" />
  </Frame>
);

/** BOS002: 利用解除完了, telling the customer to delete the token in the app. */
export const ReleaseDoneScreen: FC<{ chrome: Chrome; reissueFrom: number }> = ({ chrome, reissueFrom }) => (
  <Frame {...chrome} section="procedures" screenId="BOS002" title="ワンタイムパスワード利用解除 (利用解除完了)">
    <p class="lead">ワンタイムパスワード利用解除の登録が完了いたしました。</p>
    <p class="message-notice" data-field="reissueFrom">
      新たなトークン発行は{formatJst(reissueFrom)}以降に行えます。
    </p>
    <section class="notes">
      <h2>&lt;ご参考&gt;</h2>
      <ul>
        <li>ワンタイムパスワード利用解除手続後には必ずスマートフォン・携帯電話のトークン（アプリ）の削除をおこなってください。</li>
      </ul>
      <h3>■手順</h3>
      <p>トークン（アプリ）を起動し、「設定」を選択、「トークン削除」を選択し手続きを行うか、トークン（アプリ）をアンインストールしてください。</p>
    </section>
    <div class="buttons">
      <a class="button" href="/ib/otp">ワンタイムパスワード申請内容選択へ</a>
    </div>
  </Frame>
);
