import type { RenderContext } from './page.ts';

/** Adds the session parameter to a same-site URL for a cookie-less handset (jpmobile's trans_sid). */
export function withSession(url: string, context: RenderContext): string {
  const { session, handset } = context;
  if (!session || handset.cookies || !url.startsWith('/') || url.startsWith('//')) return url;
  const [path, hash] = url.split('#', 2) as [string, string | undefined];
  const joined = `${path}${path.includes('?') ? '&' : '?'}${encodeURIComponent(session.name)}=${encodeURIComponent(session.value)}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}
