package org.zoneplan.sample;

/**
 * Randomness as hashes of (seed, purpose, i, j) (SplitMix64's finaliser), so that the sample
 * generators give the same data whatever order they work in: no shared generator state.
 */
final class HashRandom {
  private HashRandom() {}

  /** Uniform in (0, 1): never 0, so {@code log} of it is finite. */
  static double uniform(long seed, int salt, int i, int j) {
    long h = mix(mix(mix(seed + salt * 0x9E3779B97F4A7C15L) + i) + j);
    return ((h >>> 11) + 0.5) * 0x1.0p-53;
  }

  /** Standard normal (Box–Muller on two uniforms of salts {@code salt} and {@code salt + 1000}). */
  static double gaussian(long seed, int salt, int i, int j) {
    double u1 = uniform(seed, salt, i, j);
    double u2 = uniform(seed, salt + 1000, i, j);
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  /** SplitMix64's finaliser: a bijection of 64 bits with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
