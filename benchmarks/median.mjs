/** Median of a list of numbers (the mean of the middle two for an even count; NaN when empty). */
export function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  return v.length === 0 ? NaN : v.length % 2 === 1 ? v[(v.length - 1) >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
