import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { limitBody } from '../http/body-limit.ts';
import type { Services } from '../services.ts';
import { formWithCsrf, originOf, sessions, setFontSize, takeFlash, type CookiePolicy, type PortalEnv } from './context.ts';
import { LOGGED_OUT, LOGIN_INVALID, loginLocked, NOT_FOUND, otpProblem, PAGE_EXPIRED, STALE_FORM, TOO_LARGE, TOO_MANY_TRIES } from './messages.ts';
import { otpRoutes } from './otp-routes.tsx';
import { chrome, render } from './render.ts';
import { AccountsScreen, ErrorScreen, HelpScreen, ProceduresScreen, ProductsScreen, ServicesScreen, TopScreen } from './screens/home.tsx';
import { OTP_STATUS_LABEL } from './screens/otp.tsx';
import { LoginScreen, OtpLoginScreen } from './screens/login.tsx';
import { TokenPages } from './token-pages.ts';
import { transferRoutes } from './transfer-routes.tsx';
import { PORTAL_CSS } from './style.ts';

const NO_BANK = '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>ただいまご利用いただけません</title></head><body><p>ただいまご利用いただけません。金融機関の設定が登録されていません。</p></body></html>';

/** Paths a visitor may use before logging in. */
const PUBLIC = new Set(['/', '/ib/login', '/ib/login/otp', '/ib/logout', '/ib/help', '/ib/products']);

/**
 * `/` or `/ib/…` with non-empty segments of plain characters: nothing a browser could read as
 * another site. The URL parser turns `\` and tabs into `/`, so `http://bank.test/\evil.example`
 * has the path `//evil.example`, a scheme-relative Location.
 */
const PORTAL_PATH = /^\/(?:ib(?:\/[A-Za-z0-9_.-]+)*\/?)?$/;

/** The path of `referer` when it is a portal page of this site, else `/`: never a redirect elsewhere. */
function sameSitePath(referer: string | undefined, current: string): string {
  if (!referer || !URL.canParse(referer)) return '/';
  const back = new URL(referer);
  return back.origin === new URL(current).origin && PORTAL_PATH.test(back.pathname) ? back.pathname : '/';
}

/** The personal internet banking portal (seed 000): `/` and `/ib/…`. */
export function portalRoutes(services: Services, policy: CookiePolicy): Hono<PortalEnv> {
  const store = services.sessions;
  const app = new Hono<PortalEnv>();

  app.get('/ib/static/portal.css', async (c) => c.body(PORTAL_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));
  app.get('/ib/font/:size', async (c) => {
    const size = c.req.param('size');
    if (size === 's' || size === 'm' || size === 'l') setFontSize(c, size, policy);
    return c.redirect(sameSitePath(c.req.header('referer'), c.req.url));
  });

  const guarded = new Hono<PortalEnv>();
  // Only the portal's own paths: the app is mounted at `/` beside /m, /api and /emulator.
  const use = (handler: MiddlewareHandler<PortalEnv>) => guarded.use('/', handler).use('/ib/*', handler);
  // The personal bank this portal serves (docs/storage.md: looked up per request, never a cached document).
  use(async (c, next) => {
    const tenant = (await services.db.tenants.list()).find((candidate) => candidate.kind === 'personal');
    // A store with no personal bank yet (production starts empty): say so, never a 500.
    if (!tenant) return c.html(NO_BANK, 503);
    c.set('tenant', tenant);
    await next();
  });
  use(limitBody<PortalEnv>({ maxSize: 32 * 1024, onError: (c) => render(c as never, <ErrorScreen chrome={{ bankName: (c as never as { var: PortalEnv['Variables'] }).var.tenant.name, csrf: '', fontSize: 'm' }} message={TOO_LARGE} />, 413) }));
  use(sessions(store, policy));
  use(
    formWithCsrf(store, (c, check) => {
      // A form from a session or page that idled out: back to the login page, which says why.
      if (c.var.sessionExpired) return c.redirect('/');
      if (check === 'stale') {
        c.var.session.flash = PAGE_EXPIRED;
        return c.redirect('/');
      }
      return render(c, <ErrorScreen chrome={chrome(c)} message={STALE_FORM} />, 403);
    }),
  );
  const requireLogin: MiddlewareHandler<PortalEnv> = async (c, next) => {
    const session = c.get('session');
    if (session.customerId) {
      const customer = await services.db.customers.get(session.customerId);
      if (customer) c.set('customer', customer);
    }
    if (PUBLIC.has(c.req.path) || (session.stage === 'in' && c.get('customer'))) return next();
    return c.redirect('/');
  };
  use(requireLogin);

  const loginPages = new TokenPages();
  guarded.get('/', async (c) => {
    const session = c.get('session');
    if (session.stage === 'in') return c.redirect('/ib/top');
    const notice = takeFlash(session);
    const base = chrome(c);
    if (notice) return render(c, <LoginScreen chrome={base} notice={notice} />);
    return render(c, loginPages.render(`${base.bankName}|${base.fontSize}`, base.csrf, (csrf) => <LoginScreen chrome={{ ...base, csrf }} />));
  });

  guarded.post('/ib/login', async (c) => {
    const { loginId = '', password = '' } = c.var.form;
    const errors = {
      ...(loginId.trim() === '' ? { loginId: 'ログインIDを入力して下さい。' } : {}),
      ...(password === '' ? { password: 'ログインパスワードを入力して下さい。' } : {}),
    };
    if (Object.keys(errors).length > 0) return render(c, <LoginScreen chrome={chrome(c)} loginId={loginId} errors={errors} />, 400);
    const result = await services.logins.login(c.var.tenant.id, loginId.trim(), password, originOf(c, policy));
    if (result.status === 'throttled') return render(c, <LoginScreen chrome={chrome(c)} loginId={loginId} error={TOO_MANY_TRIES} />, 429);
    if (result.status !== 'ok') {
      const error = result.status === 'locked' ? loginLocked(result.until) : LOGIN_INVALID;
      return render(c, <LoginScreen chrome={chrome(c)} loginId={loginId} error={error} />, 400);
    }
    const session = await store.rotate(c.var.session);
    session.customerId = result.customer.id;
    session.stage = result.otpRequired ? 'otp' : 'in';
    c.set('session', session);
    await store.limitPerCustomer(result.customer.id, session);
    return c.redirect(result.otpRequired ? '/ib/login/otp' : '/ib/top');
  });

  guarded.get('/ib/login/otp', async (c) => {
    if (c.var.session.stage !== 'otp') return c.redirect('/');
    return render(c, <OtpLoginScreen chrome={chrome(c)} digits={c.var.tenant.policy.digits} />);
  });
  guarded.post('/ib/login/otp', async (c) => {
    const session = c.var.session;
    if (session.stage !== 'otp' || !session.customerId) return c.redirect('/');
    const outcome = await services.issuance.verifyCustomerCode(session.customerId, c.var.form.otp ?? '', originOf(c, policy));
    if (outcome.reason !== 'ok') {
      const { digits } = c.var.tenant.policy;
      const problem = otpProblem(outcome, digits);
      return render(c, <OtpLoginScreen chrome={chrome(c)} digits={digits} error={problem.page} fieldError={problem.field} />, 400);
    }
    session.stage = 'in';
    return c.redirect('/ib/top');
  });

  guarded.post('/ib/logout', async (c) => {
    const fresh = await store.end(c.var.session);
    fresh.flash = LOGGED_OUT;
    c.set('session', fresh);
    return c.redirect('/');
  });

  guarded.get('/ib/top', async (c) => {
    const customer = c.var.customer;
    return render(
      c,
      <TopScreen chrome={chrome(c)} name={customer.name} account={await services.transfers.account(customer.id)} otpActive={customer.otpStatus === 'active'} notice={takeFlash(c.var.session)} />,
    );
  });
  guarded.get('/ib/accounts', async (c) => render(c, <AccountsScreen chrome={chrome(c)} account={await services.transfers.account(c.var.customer.id)} />));
  guarded.get('/ib/procedures', async (c) => render(c, <ProceduresScreen chrome={chrome(c)} />));
  guarded.get('/ib/help', async (c) => render(c, <HelpScreen chrome={chrome(c)} />));
  guarded.get('/ib/services', async (c) => {
    const overview = await services.issuance.overview(c.var.customer.id);
    return render(c, <ServicesScreen chrome={chrome(c)} otpStatus={OTP_STATUS_LABEL[overview.status]} />);
  });
  guarded.get('/ib/products', async (c) => render(c, <ProductsScreen chrome={chrome(c)} />));

  guarded.route('/ib/otp', otpRoutes(services, policy));
  guarded.route('/ib/transfer', transferRoutes(services, policy));
  guarded.all('/ib/*', (c) => render(c, <ErrorScreen chrome={chrome(c)} message={NOT_FOUND} />, 404));

  app.route('/', guarded);
  return app;
}
