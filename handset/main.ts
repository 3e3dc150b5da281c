import { createTokenApp } from './app.ts';
import { renderScreen } from './dom.ts';
import { startWebToken } from './web.ts';

/**
 * The bundle entry: the emulator's app manager evaluates it as the twin of the Java app and starts
 * the app with its own runtime; on the web-token page it starts itself.
 */
const api = { createTokenApp, renderScreen };
(globalThis as { ketaiToken?: typeof api }).ketaiToken = api;
export type TokenPackage = typeof api;

const webRoot = typeof document === 'undefined' ? null : document.querySelector<HTMLElement>('[data-web-token]');
if (webRoot) startWebToken(webRoot);
