import type { CookiePolicy } from '../portal/context.ts';
import { Hono } from 'hono';
import { originOf, type PortalContext, type PortalEnv } from '../portal/context.ts';
import { render } from '../portal/render.ts';
import { approvalProblem, NO_SUCH_USER, usageRefusal } from './messages.ts';
import { bizChrome, bizState } from './routes.tsx';
import { BizErrorScreen } from './screens/login.tsx';
import { usageForm, UsageDoneScreen, UsageScreen, type UsageErrors, type UsageForm } from './screens/usage.tsx';
import { usageOf, type Usage, type UsageService } from './usage.ts';

/** The form as a 利用形態, or the fields to fix. */
function parse(form: Record<string, string>): { usage: Usage; approvalPassword: string } | { errors: UsageErrors } {
  const { tokenMode, loginOtp, approvalPassword = '' } = form;
  const errors: UsageErrors = {
    ...(tokenMode === 'individual' || tokenMode === 'shared' ? {} : { tokenMode: 'トークンの利用形態を選択してください。' }),
    ...(loginOtp === 'on' || loginOtp === 'off' ? {} : { loginOtp: 'ログイン時のワンタイムパスワード認証を「する」「しない」から選択してください。' }),
    ...(approvalPassword === '' ? { approvalPassword: '承認用パスワードを入力してください。' } : {}),
  };
  if (Object.keys(errors).length > 0) return { errors };
  return { usage: { tokenMode: tokenMode as Usage['tokenMode'], loginOtp: loginOtp === 'on' }, approvalPassword };
}

/** BOA010 利用形態設定 and BOA011 its completion, under `/biz/admin/otp/usage` (administrators only). */
export function usageRoutes(usage: UsageService, policy: CookiePolicy): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const again = (c: PortalContext, status: 400 | 403 | 409, form: UsageForm, errors: UsageErrors, error?: string) =>
    render(c, <UsageScreen chrome={bizChrome(c)} form={form} errors={errors} error={error} />, status);

  app.get('/', (c) => {
    delete bizState(c).usageChanged;
    return render(c, <UsageScreen chrome={bizChrome(c)} form={usageForm(usageOf(c.var.customer))} />);
  });

  app.post('/', async (c) => {
    const form = { tokenMode: c.var.form.tokenMode, loginOtp: c.var.form.loginOtp };
    const input = parse(c.var.form);
    if ('errors' in input) return again(c, 400, form, input.errors);
    const result = await usage.change(c.var.customer, input.usage, input.approvalPassword, originOf(c, policy));
    switch (result.status) {
      case 'ok':
        bizState(c).usageChanged = true;
        return c.redirect('/biz/admin/otp/usage/done');
      case 'password': {
        const problem = approvalProblem(result.result);
        return again(c, problem.page ? 403 : 400, form, problem.field ? { approvalPassword: problem.field } : {}, problem.page);
      }
      case 'gone':
        return render(c, <BizErrorScreen chrome={bizChrome(c)} message={NO_SUCH_USER} />, 404);
      default:
        return again(c, 409, form, { tokenMode: usageRefusal(result) });
    }
  });

  app.get('/done', async (c) => {
    if (!bizState(c).usageChanged) return c.redirect('/biz/admin/otp/usage');
    return render(c, <UsageDoneScreen chrome={bizChrome(c)} usage={usageOf(c.var.customer)} />);
  });
  return app;
}
