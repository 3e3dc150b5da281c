/** Carriers whose handsets get a Java descriptor and package. */
export type AppCarrier = 'docomo' | 'au' | 'softbank';
export type AppFile = 'jam' | 'jad' | 'jar';
export const APP_CARRIERS: readonly AppCarrier[] = ['docomo', 'au', 'softbank'];

/** `/m/app/<ticket>/<carrier>/ketai-token.<ext>`: a dynamic ADF URL must still end in `.jam`. */
export function appFileUrl(ticket: string, carrier: AppCarrier, file: AppFile): string {
  return `/m/app/${ticket}/${carrier}/ketai-token.${file}`;
}

/** Origin for absolute links (PackageURL, the QR code): PUBLIC_URL when configured, else the request's own. */
export function publicOrigin(requestUrl: string, publicUrl: string | undefined): string {
  return publicUrl ?? new URL(requestUrl).origin;
}
