import { Hono } from 'hono';
import { buildHandsetBundle } from '../../handset/build.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The shell the bundle starts itself in (`data-web-token`): screen, soft keys, d-pad and keypad as buttons. */
const PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ワンタイムパスワード</title>
<style>body{margin:0;font-family:sans-serif}main{max-width:480px;margin:auto;padding:8px}
[data-app-screen]{border:1px solid #888;min-height:240px;padding:4px}.app-title{background:#2d6a2d;color:#fff;padding:4px}
.app-otp{font-size:2.4em;font-weight:bold;text-align:center;letter-spacing:.1em}.focused{background:#ffd23f}
.app-input{display:block;border:1px solid #888;min-height:1.4em}.app-button{border:1px solid #888;text-align:center;padding:4px}
.app-nav{display:flex;gap:4px;margin-top:8px}.app-nav .app-button{flex:1}
nav,.pad{display:grid;grid-template-columns:repeat(3,1fr);gap:6px;margin-top:8px}button{padding:10px;font-size:1em}</style></head>
<body><main data-web-token><div data-app-screen></div>
<nav><button data-key="soft1"></button><button data-key="up">▲</button><button data-key="soft2"></button>
<button data-key="clear">クリア</button><button data-key="select">決定</button><button data-key="down">▼</button></nav>
<div class="pad">${KEYS.map((key) => `<button data-key="${key}">${key}</button>`).join('')}</div></main>
<script src="/m/app/web/token.js"></script></body></html>`;

/** The web token for modern handsets, mounted at `/m/app/web`: the same app bundle with a browser runtime. */
export function webTokenRoutes(): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(PAGE));
  app.get('/token.js', async (c) => {
    const bytes = await buildHandsetBundle();
    return c.body(bytes, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  return app;
}
