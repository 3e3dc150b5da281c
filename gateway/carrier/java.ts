import type { Handset } from './handset.ts';

const KB = 1024;

/** The Java runtime a handset generation has and the largest package it installs. */
export interface JavaLimit {
  profile: string;
  maxAppBytes: number;
}

/**
 * What the handset's Java can take, from its detected generation (docs/carriers.md, "Java apps"):
 * i-appli 503i / FOMA 2001 DoJa-1.0 10 KB, 504i–506i and FOMA 2051–2102 30 KB, 900i–902i and
 * 700i–702i 100 KB, 903i / 703i and later (and the P-07A style names) 1 MB; au EZアプリ (J) 300 KB on WIN, 100 KB before; SoftBank P type 30 KB, W type 100 KB, 3G 1 MB.
 * Null when the handset runs no Java. Coarse on purpose: the carrier-fidelity work refines it per model.
 */
export function javaLimit(handset: Handset): JavaLimit | null {
  if (handset.app !== 'doja' && handset.app !== 'midp') return null;
  if (handset.carrier === 'docomo') return dojaLimit(handset.model ?? '');
  if (handset.carrier === 'au') return handset.family === 'win' ? { profile: 'MIDP-2.0', maxAppBytes: 300 * KB } : { profile: 'MIDP-2.0', maxAppBytes: 100 * KB };
  if (handset.carrier === 'softbank') {
    if (handset.family === 'p') return { profile: 'MIDP-1.0', maxAppBytes: 30 * KB };
    if (handset.family === 'w') return { profile: 'MIDP-1.0', maxAppBytes: 100 * KB };
    return { profile: 'MIDP-2.0', maxAppBytes: 1024 * KB };
  }
  return null;
}

function dojaLimit(model: string): JavaLimit {
  const mova = /(\d{3})i/.exec(model);
  const series = mova ? Number(mova[1]) : null;
  const foma = series === null ? /^[A-Z]+(2\d{3})/.exec(model) : null;
  if (series === 503 || (foma && Number(foma[1]) < 2050)) return { profile: 'DoJa-1.0', maxAppBytes: 10 * KB };
  if ((series !== null && series < 700) || foma) return { profile: 'DoJa-2.0', maxAppBytes: 30 * KB };
  if (series !== null && series % 100 <= 2) return { profile: 'DoJa-4.0', maxAppBytes: 100 * KB };
  return { profile: 'DoJa-5.0', maxAppBytes: 1024 * KB };
}

/** The one check before a download is offered: the package the handset would get fits its limit. */
export function fitsHandset(handset: Handset, packageBytes: number): boolean {
  const limit = javaLimit(handset);
  return limit !== null && packageBytes <= limit.maxAppBytes;
}
