/** Carriers whose handsets get a Java descriptor and package. */
export type AppCarrier = 'docomo' | 'au' | 'softbank';
export type AppFile = 'jam' | 'jad' | 'jar';
export const APP_CARRIERS: readonly AppCarrier[] = ['docomo', 'au', 'softbank'];
/** Tenant segment of a package URL when the issuance no longer names its tenant (the `*` package). */
export const DEFAULT_TENANT = 'default';

/** SoftBank takes only letters, digits and `_` in a JAD / JAR file name. */
export function appFileName(carrier: AppCarrier, file: AppFile): string {
  return `${carrier === 'softbank' ? 'ketai_token' : 'ketai-token'}.${file}`;
}

/**
 * The carrier's descriptor: `/m/app/dl/<ticket>/<carrier>/ketai-token.jam` (a dynamic ADF URL must still
 * end in `.jam`). Beside `/m/app/pkg/…` under a fixed segment of its own, so Hono's RegExpRouter takes every route.
 */
export function descriptorUrl(ticket: string, carrier: AppCarrier): string {
  return `/m/app/dl/${ticket}/${carrier}/${appFileName(carrier, carrier === 'docomo' ? 'jam' : 'jad')}`;
}

/**
 * The package: `/m/app/pkg/<tenant>/<carrier>/ketai-token.jar`, without the ticket, so バージョンアップ
 * still finds it after the one-time link is used (the JAR holds no secret; the binding is in the descriptor).
 */
export function packageUrl(tenantId: string, carrier: AppCarrier): string {
  return `/m/app/pkg/${encodeURIComponent(tenantId)}/${carrier}/${appFileName(carrier, 'jar')}`;
}

/** Origin for absolute links (PackageURL, the QR code): PUBLIC_URL when configured, else the request's own. */
export function publicOrigin(requestUrl: string, publicUrl: string | undefined): string {
  return publicUrl ?? new URL(requestUrl).origin;
}
