/** A growable Int32 buffer (amortised O(1) push), shared by the featurizer's encoders and its vocabulary fitting. */
export class IntBuffer {
  data = new Int32Array(1024);
  length = 0;
  /** Appends one value. */
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Makes room for `extra` more values (then written to `data` directly). */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.data.length) return;
    const next = new Int32Array(Math.max(need, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
