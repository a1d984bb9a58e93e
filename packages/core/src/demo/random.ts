import { seededRandom } from "@starboard/kpi";

/** Convenience draws over one seeded generator. */
export class DemoRandom {
  private readonly next: () => number;
  constructor(seed: number) {
    // The same seeded generator as the QA sampling draw (kpi), so one PRNG serves both.
    this.next = seededRandom(seed);
  }
  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }
  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Normal(mean, sd) by Box–Muller. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }
  /** Binomial-ish count: round(n × p) with a little noise, kept in [0, n]. */
  share(n: number, p: number, noise = 0.02): number {
    const q = Math.min(1, Math.max(0, p + this.normal(0, noise)));
    return Math.min(n, Math.max(0, Math.round(n * q)));
  }
}
