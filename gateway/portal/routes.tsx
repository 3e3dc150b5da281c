import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import type { Services } from '../services.ts';
import { formWithCsrf, sessions, setFontSize, setSessionCookie, takeFlash, type PortalEnv } from './context.ts';
import { LOGGED_OUT, LOGIN_INVALID, loginLocked, NOT_FOUND, otpProblem, STALE_FORM, TOO_LARGE } from './messages.ts';
import { otpRoutes } from './otp-routes.tsx';
import { chrome, customerOf, portalTenant, render } from './render.ts';
import { SessionStore } from './session.ts';
import { AccountsScreen, ErrorScreen, HelpScreen, ProceduresScreen, TopScreen } from './screens/home.tsx';
import { LoginScreen, OtpLoginScreen } from './screens/login.tsx';
import { transferRoutes } from './transfer-routes.tsx';
import { PORTAL_CSS } from './style.ts';

/** Paths a visitor may use before logging in. */
const PUBLIC = new Set(['/', '/ib/login', '/ib/login/otp', '/ib/logout', '/ib/help']);

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
export function portalRoutes(services: Services): Hono<PortalEnv> {
  const store = new SessionStore(services.now);
  const app = new Hono<PortalEnv>();

  app.get('/ib/static/portal.css', async (c) => c.body(PORTAL_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));
  app.get('/ib/font/:size', async (c) => {
    const size = c.req.param('size');
    if (size === 's' || size === 'm' || size === 'l') setFontSize(c, size);
    return c.redirect(sameSitePath(c.req.header('referer'), c.req.url));
  });

  const guarded = new Hono<PortalEnv>();
  // Only the portal's own paths: the app is mounted at `/` beside /m, /api and /emulator.
  const use = (handler: MiddlewareHandler<PortalEnv>) => guarded.use('/', handler).use('/ib/*', handler);
  use(
    bodyLimit({ maxSize: 32 * 1024, onError: (c) => render(c as never, <ErrorScreen chrome={{ bankName: portalTenant(services).name, csrf: '', fontSize: 'm' }} message={TOO_LARGE} />, 413) }),
  );
  use(sessions(store));
  use(
    formWithCsrf((c) => {
      // A form from a session that idled out: back to the login page, which says why.
      if (c.var.sessionExpired) return c.redirect('/');
      return render(c, <ErrorScreen chrome={chrome(c, services)} message={STALE_FORM} />, 403);
    }),
  );
  const requireLogin: MiddlewareHandler<PortalEnv> = async (c, next) => {
    if (PUBLIC.has(c.req.path) || c.var.session.stage === 'in') return next();
    return c.redirect('/');
  };
  use(requireLogin);

  guarded.get('/', async (c) => {
    const session = c.var.session;
    if (session.stage === 'in') return c.redirect('/ib/top');
    return render(c, <LoginScreen chrome={chrome(c, services)} notice={takeFlash(session)} />);
  });

  guarded.post('/ib/login', async (c) => {
    const { loginId = '', password = '' } = c.var.form;
    const errors = {
      ...(loginId.trim() === '' ? { loginId: 'ログインIDを入力して下さい。' } : {}),
      ...(password === '' ? { password: 'ログインパスワードを入力して下さい。' } : {}),
    };
    if (Object.keys(errors).length > 0) return render(c, <LoginScreen chrome={chrome(c, services)} loginId={loginId} errors={errors} />, 400);
    const result = await services.logins.login(loginId.trim(), password);
    if (result.status !== 'ok') {
      const error = result.status === 'locked' ? loginLocked(result.until) : LOGIN_INVALID;
      return render(c, <LoginScreen chrome={chrome(c, services)} loginId={loginId} error={error} />, 400);
    }
    const session = store.rotate(c.var.session);
    session.customerId = result.customer.id;
    session.stage = result.otpRequired ? 'otp' : 'in';
    setSessionCookie(c, session);
    return c.redirect(result.otpRequired ? '/ib/login/otp' : '/ib/top');
  });

  const digits = () => portalTenant(services).policy.digits;
  guarded.get('/ib/login/otp', async (c) => {
    if (c.var.session.stage !== 'otp') return c.redirect('/');
    return render(c, <OtpLoginScreen chrome={chrome(c, services)} digits={digits()} />);
  });
  guarded.post('/ib/login/otp', async (c) => {
    const session = c.var.session;
    if (session.stage !== 'otp' || !session.customerId) return c.redirect('/');
    const outcome = await services.issuance.verifyCustomerCode(session.customerId, c.var.form.otp ?? '');
    if (outcome.reason !== 'ok') {
      const problem = otpProblem(outcome, digits());
      return render(c, <OtpLoginScreen chrome={chrome(c, services)} digits={digits()} error={problem.page} fieldError={problem.field} />, 400);
    }
    session.stage = 'in';
    return c.redirect('/ib/top');
  });

  guarded.post('/ib/logout', async (c) => {
    store.destroy(c.var.session);
    setSessionCookie(c, store.create(LOGGED_OUT));
    return c.redirect('/');
  });

  guarded.get('/ib/top', async (c) => {
    const customer = customerOf(c, services);
    return render(
      c,
      <TopScreen chrome={chrome(c, services)} name={customer.name} account={services.transfers.account(customer.id)} otpActive={customer.otpStatus === 'active'} notice={takeFlash(c.var.session)} />,
    );
  });
  guarded.get('/ib/accounts', async (c) => render(c, <AccountsScreen chrome={chrome(c, services)} account={services.transfers.account(customerOf(c, services).id)} />));
  guarded.get('/ib/procedures', async (c) => render(c, <ProceduresScreen chrome={chrome(c, services)} />));
  guarded.get('/ib/help', async (c) => render(c, <HelpScreen chrome={chrome(c, services)} />));

  guarded.route('/ib/otp', otpRoutes(services));
  guarded.route('/ib/transfer', transferRoutes(services));
  guarded.all('/ib/*', (c) => render(c, <ErrorScreen chrome={chrome(c, services)} message={NOT_FOUND} />, 404));

  app.route('/', guarded);
  return app;
}
