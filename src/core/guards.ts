/** A plain object (not null, not an array): what arrives in a message or from storage before it is checked. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
