/** RNA: the associations' national register number, "W" followed by 9 digits. */
export function isValidRna(value: string): boolean {
  return /^W\d{9}$/.test(value);
}

/** Luhn checksum, as used by SIREN/SIRET. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * SIRET: 14 digits, Luhn-checked. La Poste's own establishments (SIREN 356000000)
 * use a sum-of-digits rule instead, which INSEE documents as the one exception.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith('356000000')) {
    let sum = 0;
    for (const c of value) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its text form, any version: what every id of the platform is. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
