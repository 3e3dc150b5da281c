import type { Child, FC } from 'hono/jsx';
import { BankName, Csrf, PageHead, type FontSize } from '../portal/frame.tsx';
import { formatJst } from '../time.ts';

/** What every business page's frame needs: the bank, the session's CSRF token and who is in. */
export interface BizChrome {
  bankName: string;
  csrf: string;
  fontSize: FontSize;
  /** The logged-in user (absent before login). */
  user?: { name: string; admin: boolean; loginAt?: number | undefined; previousLoginAt?: number | undefined } | undefined;
}

export type BizSection = 'main' | 'admin';

/** 2020/10/01 11:00, as the seed's header shows login times. */
export function formatLoginTime(ms: number): string {
  return formatJst(ms).replace(/年|月/g, '/').replace('日', '').replace('時', ':').replace('分', '');
}

/** The business site's frame (seed 004): ようこそ 〜 様, the login times, メイン / 管理機能. */
export const BizFrame: FC<{ chrome: BizChrome; screenId: string; title: string; section?: BizSection; steps?: 1 | 2 | 3; children?: Child }> = (props) => {
  const { chrome } = props;
  return (
    <html lang="ja">
      <PageHead title={`${props.title} | ${chrome.bankName} 法人インターネットバンキング`} stylesheet="/biz/static/biz.css" />
      <body data-screen={props.screenId} class={`font-${chrome.fontSize}`}>
        <header class="bank-header">
          <BankName bankName={chrome.bankName} service="法人インターネットバンキング" />
          <div class="header-tools">
            {chrome.user && (
              <p class="welcome" data-field="welcome">
                ようこそ {chrome.user.name} 様
                {chrome.user.loginAt !== undefined && (
                  <small data-field="loginTimes">
                    {formatLoginTime(chrome.user.loginAt)} ログイン
                    {chrome.user.previousLoginAt !== undefined && `(前回 ${formatLoginTime(chrome.user.previousLoginAt)})`}
                  </small>
                )}
              </p>
            )}
            <div class="font-size">
              文字サイズ
              <a href="/ib/font/m" class="size-m">標準</a>
              <a href="/ib/font/l" class="size-l">拡大</a>
            </div>
            {chrome.user && (
              <form method="post" action="/biz/logout" class="logout">
                <Csrf token={chrome.csrf} />
                <button type="submit">ログアウト</button>
              </form>
            )}
          </div>
        </header>
        {chrome.user && (
          <nav class="global-nav" aria-label="グローバルナビゲーション">
            <a href="/biz/main" class={props.section === 'main' ? 'current' : undefined}>メイン</a>
            {chrome.user.admin && (
              <a href="/biz/admin" class={props.section === 'admin' ? 'current' : undefined}>管理機能</a>
            )}
          </nav>
        )}
        <main>
          <div class="title-bar">
            <h1>{props.title}</h1>
            <p class="screen-id">画面ID : {props.screenId}</p>
          </div>
          {props.steps && (
            <ol class="steps" aria-label="手順">
              {['選択', '登録', '完了'].map((label, i) => (
                <li class={i + 1 === props.steps ? 'current' : undefined}>{`${i + 1} ${label}`}</li>
              ))}
            </ol>
          )}
          {props.children}
        </main>
        <footer>Copyright © {chrome.bankName} (架空の金融機関です)</footer>
      </body>
    </html>
  );
};

export const BIZ_CSS_EXTRA = `
.welcome { margin: 0; font-weight: bold; } .welcome small { display: block; font-weight: normal; color: #555; }
.steps { display: flex; gap: 8px; list-style: none; padding: 0; margin: 0 0 16px; }
.steps li { padding: 4px 14px; background: #eee; color: #666; } .steps li + li::before { content: "▶ "; }
.steps li.current { background: var(--green); color: #fff; font-weight: bold; }
.pager { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 8px 0; }
.pager .current { font-weight: bold; }
.choice { margin: 4px 0; } .choice small, .shared-note { display: block; color: #555; } .choice small { margin-left: 1.6em; }
`;
