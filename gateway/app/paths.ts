/** Carriers whose handsets get a Java descriptor and package. */
export type AppCarrier = 'docomo' | 'au' | 'softbank';
export type AppFile = 'jam' | 'jad' | 'jar';
export const APP_CARRIERS: readonly AppCarrier[] = ['docomo', 'au', 'softbank'];

/** `/m/app/<ticket>/<carrier>/ketai-token.<ext>`: a dynamic ADF URL must still end in `.jam`. */
export function appFileUrl(ticket: string, carrier: AppCarrier, file: AppFile): string {
  return `/m/app/${ticket}/${carrier}/ketai-token.${file}`;
}
