// Summary statistics of repeated samples.

/**
 * summarize returns the median, min and max of samples (numbers).
 * @param {number[]} samples
 * @returns {{median: number, min: number, max: number, n: number}}
 */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const median = n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, min: s[0], max: s[n - 1], n };
}
