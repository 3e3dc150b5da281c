// Screens are called as functions: the test files are plain TypeScript.
import type { JSX } from 'hono/jsx/jsx-runtime';
import { describe, expect, it } from 'vitest';
import { TokenPages } from '../gateway/portal/token-pages.ts';
import { LoginScreen, OtpLoginScreen } from '../gateway/portal/screens/login.tsx';

const chrome = (fontSize: 's' | 'm' | 'l', csrf: string) => ({ bankName: 'ひまわり銀行', csrf, fontSize, loggedIn: false });

describe('TokenPages', () => {
  it('gives each visitor the page a full render would, with their own token', async () => {
    const pages = new TokenPages();
    for (const csrf of ['1a2b.first-token', '3c4d.second&<token>']) {
      const cached = await pages.render('bank|m', csrf, (token) => LoginScreen({ chrome: chrome('m', token) }) as JSX.Element);
      expect(cached).toBe(`${LoginScreen({ chrome: chrome('m', csrf) })!}`);
    }
  });

  it('keeps pages of different keys apart', async () => {
    const pages = new TokenPages();
    const small = await pages.render('bank|s', 'tok', (token) => LoginScreen({ chrome: chrome('s', token) }) as JSX.Element);
    const large = await pages.render('bank|l', 'tok', (token) => LoginScreen({ chrome: chrome('l', token) }) as JSX.Element);
    expect(small).toContain('class="font-s"');
    expect(large).toContain('class="font-l"');
  });

  it('renders every time a page that holds the token more than once', async () => {
    const pages = new TokenPages();
    // BLI002 has two forms, so the token twice.
    for (const csrf of ['first', 'second']) {
      const page = await pages.render('otp', csrf, (token) => OtpLoginScreen({ chrome: chrome('m', token), digits: 6 }) as JSX.Element);
      expect(page).toBe(`${OtpLoginScreen({ chrome: chrome('m', csrf), digits: 6 })!}`);
    }
  });
});
