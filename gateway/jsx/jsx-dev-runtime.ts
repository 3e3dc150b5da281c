export { jsxDEV, Fragment } from './jsx-runtime.ts';
export type { JSX } from './jsx-runtime.ts';
