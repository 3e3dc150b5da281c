import type { Child, FC } from 'hono/jsx';

export interface FrameProps {
  screenId: string;
  /** The title bar text, e.g. ワンタイムパスワード申請内容選択. */
  title: string;
  bankName: string;
  /** Logged-in pages show ログアウト and the global navigation. */
  csrf?: string | undefined;
  loggedIn?: boolean;
  fontSize: FontSize;
  /** Which global navigation entry is current. */
  section?: Section;
  children?: Child;
}

export type FontSize = 's' | 'm' | 'l';
export type Section = 'home' | 'accounts' | 'transfer' | 'procedures' | 'services';

const NAVIGATION: { section: Section; label: string; href: string }[] = [
  { section: 'home', label: 'ホーム', href: '/ib/top' },
  { section: 'accounts', label: '口座情報', href: '/ib/accounts' },
  { section: 'transfer', label: '振込・振替', href: '/ib/transfer' },
  { section: 'procedures', label: '各種お申込・手続き', href: '/ib/procedures' },
  { section: 'services', label: 'ご利用サービスの変更', href: '/ib/services' },
];

/** The document head of a portal page (both portals). */
export const PageHead: FC<{ title: string; stylesheet: string }> = ({ title, stylesheet }) => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title}</title>
    <link rel="stylesheet" href={stylesheet} />
  </head>
);

/** The bank's name at the top left of both portals, with the service's. */
export const BankName: FC<{ bankName: string; service: string }> = ({ bankName, service }) => (
  <div class="bank-name">
    <span class="bank-mark" aria-hidden="true">◆</span>
    <span>
      {bankName}
      <small>{service}</small>
    </span>
  </div>
);

/** The bank site's frame, as the seed's screenshots show it. */
export const Frame: FC<FrameProps> = (props) => (
  <html lang="ja">
    <PageHead title={`${props.title} | ${props.bankName} インターネットバンキング`} stylesheet="/ib/static/portal.css" />
    <body data-screen={props.screenId} class={`font-${props.fontSize}`}>
      <header class="bank-header">
        <BankName bankName={props.bankName} service="インターネットバンキング" />
        <div class="header-tools">
          <div class="font-size">
            文字サイズを変更する
            <a href="/ib/font/s" class="size-s" aria-label="文字サイズ 小">あ</a>
            <a href="/ib/font/m" class="size-m" aria-label="文字サイズ 中">あ</a>
            <a href="/ib/font/l" class="size-l" aria-label="文字サイズ 大">あ</a>
          </div>
          <nav class="utility">
            <a href="/ib/help">ご質問</a>
            <a href="/ib/help">お問い合わせ</a>
            <a href="/ib/products">商品一覧</a>
            {props.loggedIn && (
              <form method="post" action="/ib/logout" class="logout">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit">ログアウト</button>
              </form>
            )}
          </nav>
        </div>
      </header>
      {props.loggedIn && (
        <nav class="global-nav" aria-label="グローバルナビゲーション">
          {NAVIGATION.map((item) => (
            <a href={item.href} class={item.section === props.section ? 'current' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
      )}
      <main>
        <div class="title-bar">
          <h1>{props.title}</h1>
          <p class="screen-id">画面ID : {props.screenId}</p>
        </div>
        {props.children}
      </main>
      <footer>Copyright © {props.bankName} (架空の金融機関です)</footer>
    </body>
  </html>
);

/** A page-level message: errors in red, notices in blue. */
export const Message: FC<{ error?: string | undefined; notice?: string | undefined }> = ({ error, notice }) => (
  <>
    {error && (
      <p class="message-error" role="alert">
        {error}
      </p>
    )}
    {notice && <p class="message-notice">{notice}</p>}
  </>
);

/** The error under one field, tied to it for screen readers. */
export const FieldError: FC<{ name: string; error?: string | undefined }> = ({ name, error }) =>
  error ? (
    <p class="field-error" id={`${name}-error`} data-field-error={name}>
      {error}
    </p>
  ) : null;

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

/** 【必須】 label cell of the seed's input tables. */
export const Required: FC<{ label: string; hint?: string; for?: string }> = (props) => (
  <th>
    <span class="required">【必須】</span>
    <label for={props.for}>{props.label}</label>
    {props.hint && <small>{props.hint}</small>}
  </th>
);
