import type { Handset } from '../carrier/handset.ts';
import type { PackageCatalog } from './catalog.ts';

/** The Java platform a handset runs, as its descriptors must state it. */
export interface JavaProfile {
  kind: 'doja' | 'midp';
  /** ADF `ProfileVer` (`DoJa-3.0`) or the MIDP version (`MIDP-2.0`). */
  profile: string;
  configuration: 'CLDC-1.0' | 'CLDC-1.1';
  /** Largest package (JAR) the handset installs. */
  maxAppBytes: number;
}

const KB = 1024;

/**
 * i-appli profile by series (NTT docomo's i-appli developer pages; DoJa-4.0 brought CLDC 1.1 and
 * 100 KB → 1 MB came with DoJa-5.0, the 903i). Mova `NNNi` and FOMA `9NNi`/`7NNi` model numbers carry
 * the series; the 2008 names (`P07A`, `SH01B`) are Star-compatible and run DoJa-5.1 apps.
 */
const DOJA_SERIES: Array<[RegExp, string, number]> = [
  [/^[A-Z]+\d{2}[A-Z]\d?$/, 'DoJa-5.1', 1024 * KB],
  [/90[4-6]i|70[4-6]i/, 'DoJa-5.1', 1024 * KB],
  [/903i|703i/, 'DoJa-5.0', 1024 * KB],
  [/902i|702i/, 'DoJa-4.1', 100 * KB],
  [/901i|701i/, 'DoJa-4.0', 100 * KB],
  [/900i|700i/, 'DoJa-3.5', 100 * KB],
  [/50[56]i|25[23]i/, 'DoJa-3.0', 30 * KB],
  [/504i|251i|212i|210[12]V|2051|2701/, 'DoJa-2.0', 30 * KB],
  [/503i|211i|200[12]/, 'DoJa-1.0', 10 * KB],
];
/** A Java handset whose series we do not know gets the middle ground the i-appli catalogue grew up on. */
const DOJA_DEFAULT: [string, number] = ['DoJa-2.0', 30 * KB];

/**
 * Each detected handset's profile with the user agent it was worked out for: detectHandset gives the
 * same frozen object for the same headers, so a download page need not run the series patterns again.
 */
const known = new WeakMap<Handset, { userAgent: string; profile: JavaProfile | null }>();

/** The handset's Java profile (frozen: shared), or null when it takes no Java package (web token, 未対応). */
export function javaProfile(handset: Handset, userAgent: string): JavaProfile | null {
  const seen = known.get(handset);
  if (seen?.userAgent === userAgent) return seen.profile;
  const found = profileOf(handset, userAgent);
  const profile = found && Object.freeze(found);
  known.set(handset, { userAgent, profile });
  return profile;
}

function profileOf(handset: Handset, userAgent: string): JavaProfile | null {
  if (handset.app === 'doja') {
    const model = handset.model ?? '';
    const [profile, maxAppBytes] = DOJA_SERIES.find(([series]) => series.test(model))?.slice(1) as [string, number] | undefined ?? DOJA_DEFAULT;
    return { kind: 'doja', profile, configuration: Number(profile.slice(5)) >= 4 ? 'CLDC-1.1' : 'CLDC-1.0', maxAppBytes };
  }
  if (handset.app !== 'midp') return null;
  // SoftBank and J-PHONE user agents state the profile; J-PHONE P/W types are MIDP 1.0
  // (the first, J-SH51, took 30 KB; later ones 50–256 KB).
  const declared = /Profile\/(MIDP-[12]\.0)/.exec(userAgent)?.[1];
  const midp1 = declared ? declared === 'MIDP-1.0' : handset.carrier === 'softbank' && handset.family !== '3gc';
  return midp1
    ? { kind: 'midp', profile: 'MIDP-1.0', configuration: 'CLDC-1.0', maxAppBytes: 30 * KB }
    : { kind: 'midp', profile: 'MIDP-2.0', configuration: 'CLDC-1.1', maxAppBytes: 1024 * KB };
}

/** A package the handset can take: its profile and size (DoJa-1.0 handsets hold 10 KB at most). */
export function fitsHandset(profile: JavaProfile, packageBytes: number): boolean {
  return packageBytes <= profile.maxAppBytes;
}

/**
 * For the download page: false when the handset runs Java but the tenant's package is too big for
 * it, so it gets the 未対応 page before any download. A package that cannot be read counts as
 * fitting: the descriptor route then answers 503 with a retry hint.
 */
export function packageFitter(packages: PackageCatalog) {
  // The answer at once when the package is in memory (`ready`): the page then waits for nothing more.
  return (handset: Handset, userAgent: string, tenantId: string): boolean | Promise<boolean> => {
    const profile = javaProfile(handset, userAgent);
    if (!profile) return true;
    const carrier = profile.kind === 'doja' ? 'docomo' : handset.carrier === 'au' ? 'au' : 'softbank';
    const ready = packages.ready?.(tenantId, carrier);
    if (ready) return fitsHandset(profile, ready.bytes.length);
    return packages.get(tenantId, carrier).then(
      (item) => fitsHandset(profile, item.bytes.length),
      () => true,
    );
  };
}
