// A small seeded generator (SplitMix32 steps), the same in Node and in the
// page, so a failing seed replays anywhere.

/**
 * rng returns a function giving uniform integers in [0, n).
 * @param {number} seed
 */
export function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  /** @param {number} n */
  return (n) => Math.floor((next() / 0x100000000) * n);
}
