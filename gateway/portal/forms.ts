/** Forms in progress a session keeps at most (per kind): older ones are forgotten. */
const KEEP = 5;

/** Stores `value` under `formId`, newest last, dropping the oldest beyond KEEP. */
export function rememberForm<T>(forms: Record<string, T> | undefined, formId: string, value: T): Record<string, T> {
  const entries = Object.entries(forms ?? {}).filter(([id]) => id !== formId);
  entries.push([formId, value]);
  return Object.fromEntries(entries.slice(-KEEP));
}

/** The form kept under `formId`, if any: own keys only, so `__proto__` or `constructor` posted as an id finds nothing. */
export function formOf<T>(forms: Record<string, T> | undefined, formId: string): T | undefined {
  return forms && Object.hasOwn(forms, formId) ? forms[formId] : undefined;
}
