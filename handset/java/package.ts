/**
 * The Java token app's identity, shared by the build (manifest), the gateway (ADF / JAD) and the
 * emulator (which recognises the built-in app by its class): a JAD must repeat the manifest's name,
 * version and vendor exactly.
 */
export const APP_NAME = 'OTPトークン';
export const APP_VERSION = '1.0.0';
export const APP_VENDOR = 'ketai-token';
/** DoJa `AppClass` (default package, as i-appli entry classes usually are). */
export const DOJA_CLASS = 'KetaiToken';
/** MIDP `MIDlet-1` class. */
export const MIDLET_CLASS = 'KetaiTokenMIDlet';
/**
 * The packages' own date: every ZIP entry carries it and the ADF's LastModified is read back from
 * the JAR. Move it forward with every change to `src/` so handsets offer バージョンアップ.
 */
export const PACKAGE_DATE = '2026-12-01T09:00:00+09:00';
/** What the app needs from the handset: CLDC 1.0 (no floating point), MIDP 1.0 API, DoJa-1.0 API. */
export const MIDP_PROFILE = 'MIDP-1.0';
export const CLDC_CONFIGURATION = 'CLDC-1.0';
