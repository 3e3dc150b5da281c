import type { CookiePolicy } from '../portal/context.ts';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Services } from '../services.ts';
import type { Customer } from '../store/schema.ts';
import { fontSize, formWithCsrf, originOf, sessions, takeFlash, type PortalContext, type PortalEnv } from '../portal/context.ts';
import { LOGGED_OUT, LOGIN_INVALID, loginLocked, NOT_FOUND, otpProblem, PAGE_EXPIRED, STALE_FORM, TOO_LARGE, TOO_MANY_TRIES } from '../portal/messages.ts';
import { render } from '../portal/render.ts';
import { TokenPages } from '../portal/token-pages.ts';
import { PORTAL_CSS } from '../portal/style.ts';
import type { Session } from '../portal/session.ts';
import type { UserFilter } from './admin.ts';
import { adminRoutes } from './admin-routes.tsx';
import { BIZ_CSS_EXTRA, type BizChrome } from './frame.tsx';
import type { BizServices } from './index.ts';
import { BizErrorScreen, BizLoginScreen, BizMainScreen, BizOtpLoginScreen } from './screens/login.tsx';

export const BIZ_COOKIE = 'ketai_biz_sid';
const BIZ_CSS = PORTAL_CSS + BIZ_CSS_EXTRA;
const PUBLIC = new Set(['/biz', '/biz/', '/biz/login', '/biz/login/otp', '/biz/logout']);

/** What the business portal keeps in its session beside the shared fields. */
export interface BizState {
  loginAt?: number;
  previousLoginAt?: number;
  /** BOA003 passed: the user's current token was proved, for this long (an exchange). */
  proof?: { customerId: string; serial: string; until: number };
  done?: { customerId: string; kind: 'registered' | 'exchanged' | 'released' };
  /** BOA010 changed the 利用形態: BOA011 may show it. */
  usageChanged?: boolean;
  filter?: UserFilter;
}
export type BizSession = Session & { biz?: BizState };

export const bizState = (c: PortalContext): BizState => ((c.var.session as BizSession).biz ??= {});

export function bizChrome(c: PortalContext): BizChrome {
  const session = c.var.session;
  const customer = session.stage === 'in' ? c.var.customer : undefined;
  const state = (session as BizSession).biz;
  return {
    bankName: c.var.tenant.name,
    csrf: session.csrf,
    fontSize: fontSize(c),
    ...(customer ? { user: { name: customer.name, admin: customer.role === 'admin', loginAt: state?.loginAt, previousLoginAt: state?.previousLoginAt } } : {}),
  };
}

/** The business internet banking portal (seed 004): `/biz/…`. */
export function bizRoutes(services: Services, biz: BizServices, policy: CookiePolicy): Hono<PortalEnv> {
  const store = services.sessions;
  const app = new Hono<PortalEnv>();
  app.get('/biz/static/biz.css', (c) => c.body(BIZ_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));

  const guarded = new Hono<PortalEnv>();
  const use = (handler: MiddlewareHandler<PortalEnv>) => guarded.use('/biz', handler).use('/biz/*', handler);
  // The business bank whose login page this is; after login, the user's own bank.
  use(async (c, next) => {
    const tenant = (await services.db.tenants.list()).find((candidate) => candidate.kind === 'business');
    if (!tenant) return c.text('no business bank', 404);
    c.set('tenant', tenant);
    await next();
  });
  use(bodyLimit({ maxSize: 32 * 1024, onError: (c) => render(c as never, <BizErrorScreen chrome={{ bankName: '', csrf: '', fontSize: 'm' }} message={TOO_LARGE} />, 413) }));
  use(sessions(store, policy, BIZ_COOKIE));
  use(
    formWithCsrf(store, (c, check) => {
      if (c.var.sessionExpired) return c.redirect('/biz/');
      if (check === 'stale') {
        c.var.session.flash = PAGE_EXPIRED;
        return c.redirect('/biz/');
      }
      return render(c, <BizErrorScreen chrome={bizChrome(c)} message={STALE_FORM} />, 403);
    }),
  );
  use(async (c, next) => {
    const session = c.var.session;
    const customer: Customer | undefined = session.customerId ? await services.db.customers.get(session.customerId) : undefined;
    if (customer && customer.tenantId === c.var.tenant.id) c.set('customer', customer);
    if (PUBLIC.has(c.req.path) || (session.stage === 'in' && c.var.customer)) return next();
    return c.redirect('/biz/');
  });

  const loginPages = new TokenPages();
  const loginPage = async (c: PortalContext) => {
    if (c.var.session.stage === 'in') return c.redirect('/biz/main');
    const notice = takeFlash(c.var.session);
    const chrome = bizChrome(c);
    if (notice) return render(c, <BizLoginScreen chrome={chrome} notice={notice} />);
    return render(c, loginPages.render(`${chrome.bankName}|${chrome.fontSize}`, chrome.csrf, (csrf) => <BizLoginScreen chrome={{ ...chrome, csrf }} />));
  };
  guarded.get('/biz', loginPage);
  guarded.get('/biz/', loginPage);

  guarded.post('/biz/login', async (c) => {
    const { loginId = '', password = '' } = c.var.form;
    const errors = {
      ...(loginId.trim() === '' ? { loginId: 'ログインIDを入力してください。' } : {}),
      ...(password === '' ? { password: 'ログインパスワードを入力してください。' } : {}),
    };
    if (Object.keys(errors).length > 0) return render(c, <BizLoginScreen chrome={bizChrome(c)} loginId={loginId} errors={errors} />, 400);
    const result = await services.logins.login(c.var.tenant.id, loginId.trim(), password, originOf(c, policy));
    if (result.status === 'throttled') return render(c, <BizLoginScreen chrome={bizChrome(c)} loginId={loginId} error={TOO_MANY_TRIES} />, 429);
    if (result.status !== 'ok') {
      return render(c, <BizLoginScreen chrome={bizChrome(c)} loginId={loginId} error={result.status === 'locked' ? loginLocked(result.until) : LOGIN_INVALID} />, 400);
    }
    const session = (await store.rotate(c.var.session)) as BizSession;
    // The login just recorded is the newest 'ok' one; the one before it is 前回.
    const logins = (await services.db.audit.list({ tenantId: c.var.tenant.id, customerId: result.customer.id, action: 'login', limit: 20 })).filter((event) => event.result === 'ok');
    session.customerId = result.customer.id;
    // 利用形態 (BOA010) decides whether login asks for a code, and whose token's (docs/business.md).
    const otpRequired = (await biz.usage.loginToken(result.customer)) !== undefined;
    session.stage = otpRequired ? 'otp' : 'in';
    session.biz = {
      loginAt: services.now(),
      ...(logins[1] ? { previousLoginAt: Date.parse(logins[1].at) } : {}),
    };
    c.set('session', session);
    await store.limitPerCustomer(result.customer.id, session);
    return c.redirect(otpRequired ? '/biz/login/otp' : '/biz/main');
  });

  /** The token BBL002 checks: the user's own, or in shared mode the administrator's. */
  const loginToken = async (c: PortalContext) => (c.var.session.stage === 'otp' && c.var.customer ? biz.usage.loginToken(c.var.customer) : undefined);
  guarded.get('/biz/login/otp', async (c) => {
    const token = await loginToken(c);
    if (!token) return c.redirect('/biz/');
    return render(c, <BizOtpLoginScreen chrome={bizChrome(c)} digits={c.var.tenant.policy.digits} shared={token.shared} />);
  });
  guarded.post('/biz/login/otp', async (c) => {
    const session = c.var.session;
    const customer = c.var.customer;
    const token = await loginToken(c);
    if (!token) return c.redirect('/biz/');
    const outcome = await services.tokens.verify(token.serial, c.var.form.otp ?? '', { actor: `customer:${customer.id}`, customerId: customer.id, origin: originOf(c, policy) });
    if (outcome.reason !== 'ok') {
      const { digits } = c.var.tenant.policy;
      const problem = otpProblem(outcome, digits);
      return render(c, <BizOtpLoginScreen chrome={bizChrome(c)} digits={digits} shared={token.shared} error={problem.page} fieldError={problem.field} />, 400);
    }
    session.stage = 'in';
    return c.redirect('/biz/main');
  });

  guarded.post('/biz/logout', async (c) => {
    const fresh = await store.end(c.var.session);
    fresh.flash = LOGGED_OUT;
    c.set('session', fresh);
    return c.redirect('/biz/');
  });

  guarded.get('/biz/main', (c) => render(c, <BizMainScreen chrome={bizChrome(c)} notice={takeFlash(c.var.session)} />));
  guarded.route('/biz/admin', adminRoutes(services, biz, policy));
  guarded.all('/biz/*', (c) => render(c, <BizErrorScreen chrome={bizChrome(c)} message={NOT_FOUND} />, 404));

  app.route('/', guarded);
  return app;
}
