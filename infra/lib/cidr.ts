/** Splits an IPv4 CIDR into equal subnets: the `index`-th block of size /`newPrefix`. */
export function subnetCidr(cidr: string, newPrefix: number, index: number): string {
  const [base, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const octets = (base ?? '').split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || !(newPrefix >= prefix && newPrefix <= 28)) {
    throw new RangeError(`CIDR_INVALID: cannot split ${cidr} into /${newPrefix}`);
  }
  if (index < 0 || index >= 2 ** (newPrefix - prefix)) throw new RangeError(`CIDR_INVALID: ${cidr} has no /${newPrefix} block ${index}`);
  const start = octets.reduce((acc, o) => acc * 256 + o, 0) + index * 2 ** (32 - newPrefix);
  const parts = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
  return `${parts.join('.')}/${newPrefix}`;
}
