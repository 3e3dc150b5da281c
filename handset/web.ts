import { createTokenApp } from './app.ts';
import { copyToClipboard, renderScreen } from './dom.ts';
import { isKey, type Key, type Runtime } from './runtime.ts';

const STORAGE_KEY = 'ketai-token:web';

/** The web token (`/m/app/web`): the app on a modern handset, ScratchPad in localStorage, keys from buttons and the keyboard. */
export function startWebToken(root: HTMLElement): void {
  const screenRoot = root.querySelector<HTMLElement>('[data-app-screen]')!;
  const runtime: Runtime = {
    render(screen) {
      renderScreen(screenRoot, screen);
      const [left, right] = screen.softkeys;
      root.querySelector('[data-key=soft1]')!.textContent = left || '　';
      root.querySelector('[data-key=soft2]')!.textContent = right || '　';
    },
    readScratchPad: () => localStorage.getItem(STORAGE_KEY),
    writeScratchPad: (value) => (value === null ? localStorage.removeItem(STORAGE_KEY) : localStorage.setItem(STORAGE_KEY, value)),
    async post(path, form) {
      const response = await fetch(new URL(path, location.origin), { method: 'POST', body: new URLSearchParams(form) });
      return { status: response.status, body: await response.text() };
    },
    now: () => Date.now(),
    copy: copyToClipboard,
    // The mailed link's ticket, passed in the fragment by the download page: the issuance binding.
    binding: /^#[A-Za-z0-9_-]{32}$/.test(location.hash) ? location.hash.slice(1) : null,
  };
  const app = createTokenApp(runtime);
  root.addEventListener('click', (event) => {
    const key = (event.target as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key;
    if (isKey(key)) app.key(key);
  });
  screenRoot.addEventListener('click', (event) => {
    // On a touch screen a tapped field asks for its value directly.
    const field = (event.target as HTMLElement).closest<HTMLElement>('[data-field]');
    if (field) {
      const value = prompt(field.querySelector('.app-label')?.textContent ?? '');
      if (value !== null) app.input(value);
    }
  });
  document.addEventListener('keydown', (event) => {
    const key = keyFromKeyboard(event.key);
    if (key) {
      event.preventDefault();
      app.key(key);
    }
  });
  setInterval(() => app.tick(), 1000);
}

export function keyFromKeyboard(name: string): Key | null {
  const map: Record<string, Key> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right', Enter: 'select', F1: 'soft1', F2: 'soft2', Backspace: 'clear' };
  if (/^[0-9*#]$/.test(name)) return name as Key;
  return map[name] ?? null;
}
