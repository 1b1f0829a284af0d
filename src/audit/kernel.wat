;; The audit bootstrap's hot loops in WebAssembly (see kernel.ts for why and how it is used).
;; Assembled by scripts/make-audit-kernel.mjs (`npm run audit-kernel`) into kernel-wasm.ts.
;;
;; Each export does exactly what its JavaScript reference does, operation for operation:
;;   sweep = multinomial.ts poissonSweep over all ranks (xoshiro128** next(), two Poisson(1) counts
;;           per draw from POISSON_TABLE, poissonStraddling / poissonTail on a bucket that straddles
;;           a CDF step, per-stratum totals, the largest count);
;;   draw  = sweep, then multinomial.ts correctCounts (Xoshiro128.below: Lemire's rejection below
;;           2^21, belowLarge's 53-bit rejection above; the same draws in the same order);
;;   pass  = weighted-pass.ts distinctRun with its closeRun calls: the same f64 multiplies,
;;           divisions and adds in the same order, so every sum has the same bits (the
;;           accumulators are laid out per stratum and per slice, see `pass`);
;;   passTied = weighted-pass.ts tiedRun, tie block by tie block, the same way.
;; Integer products that JavaScript computes exactly in doubles (below 2^53) are i64 here.
;;
;; Memory (imported, made by kernel.ts at its final size: growing a memory detaches its old buffer,
;; and V8 then throws away the optimized code of every function that uses typed arrays): the fixed
;; area below, then the layout's arrays at the addresses given to `setup`.
;;   0     POISSON_TABLE, 4,096 bytes
;;   4096  SHIFTED_FLOOR, f64[40]
;;   4416  CDF_FRACTION, f64[40]
;;   4736  xoshiro128** state of the draw, i32[4]
;;   4752  xoshiro128** state of the `refine` stream, i32[4]
;; Stratum ids are bytes (shift 0) or 16-bit (shift 1); both are read as 16 bits and masked, so a
;; byte array needs one byte of padding after its end.
(module
  (import "env" "memory" (memory 1))

  ;; addresses of the layout's arrays and its sizes (set once by `setup`)
  (global $w (mut i32) (i32.const 0))
  (global $strata (mut i32) (i32.const 0))
  (global $shift (mut i32) (i32.const 0))
  (global $mask (mut i32) (i32.const 0))
  (global $scores (mut i32) (i32.const 0))
  (global $acc (mut i32) (i32.const 0))
  (global $binCount (mut i32) (i32.const 0))
  (global $binScore (mut i32) (i32.const 0))
  (global $B (mut i32) (i32.const 0))
  (global $T (mut i32) (i32.const 0))
  (global $slices (mut i32) (i32.const 0))
  (global $coarse (mut i32) (i32.const 0))
  (global $C (mut i32) (i32.const 0))
  (global $K (mut i32) (i32.const 0))
  (global $segments (mut i32) (i32.const 0))
  (global $segCount (mut i32) (i32.const 0))
  (global $totals (mut i32) (i32.const 0))
  (global $sOffset (mut i32) (i32.const 0))
  (global $sSize (mut i32) (i32.const 0))
  (global $sRanks (mut i32) (i32.const 0))
  ;; tie blocks: per stratum its weight in the current block (f64), per slice blockP, blockN (f64 pairs)
  (global $block (mut i32) (i32.const 0))
  (global $sliceBlock (mut i32) (i32.const 0))
  ;; tiedRun's threshold for a long block: the number of strata plus the number of slices
  (global $blockAreaLength (mut i32) (i32.const 0))
  (global $S (mut i32) (i32.const 0))

  (func (export "setup")
    (param $w i32) (param $strata i32) (param $shift i32) (param $scores i32)
    (param $acc i32) (param $binCount i32) (param $B i32) (param $T i32) (param $slices i32)
    (param $coarse i32) (param $C i32) (param $K i32) (param $segments i32) (param $segCount i32)
    (param $totals i32) (param $sOffset i32) (param $sSize i32) (param $sRanks i32)
    (global.set $w (local.get $w))
    (global.set $strata (local.get $strata))
    (global.set $shift (local.get $shift))
    (global.set $mask (select (i32.const 0xff) (i32.const 0xffff) (i32.eqz (local.get $shift))))
    (global.set $scores (local.get $scores))
    (global.set $acc (local.get $acc))
    (global.set $binCount (local.get $binCount))
    (global.set $binScore (i32.add (local.get $binCount) (i32.shl (i32.mul (local.get $T) (local.get $B)) (i32.const 3))))
    (global.set $B (local.get $B))
    (global.set $T (local.get $T))
    (global.set $slices (local.get $slices))
    (global.set $coarse (local.get $coarse))
    (global.set $C (local.get $C))
    (global.set $K (local.get $K))
    (global.set $segments (local.get $segments))
    (global.set $segCount (local.get $segCount))
    (global.set $totals (local.get $totals))
    (global.set $sOffset (local.get $sOffset))
    (global.set $sSize (local.get $sSize))
    (global.set $sRanks (local.get $sRanks)))

  ;; xoshiro128** next() of the stream whose state is at $at (4736: the draw's, 4752: refine's)
  (func $next (param $at i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $x i32) (local $out i32) (local $t i32)
    (local.set $s0 (i32.load offset=0 (local.get $at)))
    (local.set $s1 (i32.load offset=4 (local.get $at)))
    (local.set $s2 (i32.load offset=8 (local.get $at)))
    (local.set $s3 (i32.load offset=12 (local.get $at)))
    (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
    (local.set $out (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
    (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
    (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
    (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
    (i32.store offset=0 (local.get $at) (local.get $s0))
    (i32.store offset=4 (local.get $at) (local.get $s1))
    (i32.store offset=8 (local.get $at) (local.get $s2))
    (i32.store offset=12 (local.get $at) (local.get $s3))
    (local.get $out))

  ;; Xoshiro128.below(m, reject): exactly uniform in [0, m), Lemire's multiply-and-reject below 2^21
  ;; (reject = (2^32 - m) mod m), else belowLarge
  (func $below (param $m i32) (param $reject i64) (result i32)
    (local $prod i64)
    (if (i32.ge_u (local.get $m) (i32.const 2097152)) (then (return (call $belowLarge (local.get $m)))))
    (loop $try
      (local.set $prod (i64.mul (i64.extend_i32_u (call $next (i32.const 4736))) (i64.extend_i32_u (local.get $m))))
      (br_if $try (i64.lt_u (i64.and (local.get $prod) (i64.const 0xffffffff)) (local.get $reject))))
    (i32.wrap_i64 (i64.shr_u (local.get $prod) (i64.const 32))))

  ;; multinomial.ts belowLargeImpl: rejection on 53-bit integers (high bits from the first draw)
  (func $belowLarge (param $m i32) (result i32)
    (local $m64 i64) (local $limit i64) (local $v i64)
    (local.set $m64 (i64.extend_i32_u (local.get $m)))
    (local.set $limit (i64.sub (i64.const 9007199254740992) (i64.rem_u (i64.const 9007199254740992) (local.get $m64))))
    (loop $try
      (local.set $v (i64.shl (i64.extend_i32_u (i32.shr_u (call $next (i32.const 4736)) (i32.const 11))) (i64.const 32)))
      (local.set $v (i64.or (local.get $v) (i64.extend_i32_u (call $next (i32.const 4736)))))
      (br_if $try (i64.ge_u (local.get $v) (local.get $limit))))
    (i32.wrap_i64 (i64.rem_u (local.get $v) (local.get $m64))))

  ;; drawStratifiedCounts after seeding: the sweep, then each stratum corrected to exactly its size by
  ;; uniform additions or count-weighted removals (through its list of ranks). Returns 0, or -1 when
  ;; a count would pass 255 (the caller throws, as the JavaScript does).
  (func (export "draw") (param $n i32) (result i32)
    (local $max i32) (local $rejectMax i64) (local $s i32) (local $T i32) (local $m i32) (local $rejectM i64)
    (local $ranks i32) (local $total i32) (local $k i32) (local $c i32)
    (local.set $max (call $sweep (local.get $n) (global.get $totals)))
    (if (local.get $max)
      (then (local.set $rejectMax (i64.rem_u (i64.sub (i64.const 4294967296) (i64.extend_i32_u (local.get $max))) (i64.extend_i32_u (local.get $max))))))
    (local.set $T (global.get $T))
    (block $strataDone
      (loop $strata
        (br_if $strataDone (i32.ge_u (local.get $s) (local.get $T)))
        (local.set $m (i32.load (i32.add (global.get $sSize) (i32.shl (local.get $s) (i32.const 2)))))
        (if (local.get $m)
          (then
            (local.set $ranks (i32.add (global.get $sRanks) (i32.shl (i32.load (i32.add (global.get $sOffset) (i32.shl (local.get $s) (i32.const 2)))) (i32.const 2))))
            (local.set $total (i32.load (i32.add (global.get $totals) (i32.shl (local.get $s) (i32.const 2)))))
            (local.set $rejectM (i64.rem_u (i64.sub (i64.const 4294967296) (i64.extend_i32_u (local.get $m))) (i64.extend_i32_u (local.get $m))))
            (block $addDone
              (loop $add
                (br_if $addDone (i32.ge_u (local.get $total) (local.get $m)))
                (local.set $k (i32.add (global.get $w) (i32.load (i32.add (local.get $ranks) (i32.shl (call $below (local.get $m) (local.get $rejectM)) (i32.const 2))))))
                (local.set $c (i32.load8_u (local.get $k)))
                (if (i32.eq (local.get $c) (i32.const 255)) (then (return (i32.const -1))))
                (i32.store8 (local.get $k) (i32.add (local.get $c) (i32.const 1)))
                (local.set $total (i32.add (local.get $total) (i32.const 1)))
                (br $add)))
            (block $removeDone
              (loop $remove
                (br_if $removeDone (i32.le_u (local.get $total) (local.get $m)))
                ;; one of the placements, uniformly: a uniform record, accepted with probability count / max
                (loop $pick
                  (local.set $k (i32.add (global.get $w) (i32.load (i32.add (local.get $ranks) (i32.shl (call $below (local.get $m) (local.get $rejectM)) (i32.const 2))))))
                  (local.set $c (i32.load8_u (local.get $k)))
                  (br_if $pick (i32.eqz (local.get $c)))
                  (br_if $pick (i32.ge_u (call $below (local.get $max) (local.get $rejectMax)) (local.get $c))))
                (i32.store8 (local.get $k) (i32.sub (local.get $c) (i32.const 1)))
                (local.set $total (i32.sub (local.get $total) (i32.const 1)))
                (br $remove)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $strata)))
    (i32.const 0))

  ;; Poisson(1) from a 16-bit uniform h whose bucket straddles a CDF step (poissonStraddling + poissonTail)
  (func $straddle (param $h i32) (result i32)
    (local $v f64) (local $c i32) (local $extra f64)
    (local.set $v (f64.convert_i32_s
      (i32.xor (i32.or (i32.shl (local.get $h) (i32.const 16)) (i32.shr_u (call $next (i32.const 4752)) (i32.const 16)))
               (i32.const 0x80000000))))
    (block $out
      (loop $up
        (br_if $out (i32.eqz (f64.gt (local.get $v) (f64.load offset=4096 (i32.shl (local.get $c) (i32.const 3))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $up)))
    (if (f64.eq (local.get $v) (f64.load offset=4096 (i32.shl (local.get $c) (i32.const 3))))
      (then
        (local.set $extra (f64.convert_i32_u (call $next (i32.const 4752))))
        (block $out2
          (loop $up2
            (br_if $out2 (i32.eqz (f64.eq (local.get $v) (f64.load offset=4096 (i32.shl (local.get $c) (i32.const 3))))))
            (br_if $out2 (i32.eqz (f64.ge (local.get $extra) (f64.load offset=4416 (i32.shl (local.get $c) (i32.const 3))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $up2)))))
    (local.get $c))

  ;; Poisson(1) counts into w[0..n) and per-stratum totals (i32); returns the largest count
  (func $sweep (export "sweep") (param $n i32) (param $totals i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $x i32) (local $u i32) (local $t i32)
    (local $a i32) (local $b i32) (local $max i32) (local $p i32) (local $even i32)
    (local $w i32) (local $strata i32) (local $shift i32) (local $mask i32) (local $ta i32)
    (local.set $w (global.get $w))
    (local.set $strata (global.get $strata))
    (local.set $shift (global.get $shift))
    (local.set $mask (global.get $mask))
    (local.set $s0 (i32.load (i32.const 4736)))
    (local.set $s1 (i32.load (i32.const 4740)))
    (local.set $s2 (i32.load (i32.const 4744)))
    (local.set $s3 (i32.load (i32.const 4748)))
    (local.set $even (i32.sub (local.get $n) (i32.and (local.get $n) (i32.const 1))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $p) (local.get $even)))
        (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
        (local.set $u (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $a (i32.load8_u (i32.shr_u (local.get $u) (i32.const 20))))
        (local.set $b (i32.load8_u (i32.and (i32.shr_u (local.get $u) (i32.const 4)) (i32.const 0xfff))))
        (if (i32.and (i32.or (local.get $a) (local.get $b)) (i32.const 128))
          (then
            (if (i32.eq (local.get $a) (i32.const 255))
              (then (local.set $a (call $straddle (i32.shr_u (local.get $u) (i32.const 16))))))
            (if (i32.eq (local.get $b) (i32.const 255))
              (then (local.set $b (call $straddle (i32.and (local.get $u) (i32.const 0xffff))))))))
        (i32.store16 (i32.add (local.get $w) (local.get $p)) (i32.or (local.get $a) (i32.shl (local.get $b) (i32.const 8))))
        (local.set $ta (i32.add (local.get $totals) (i32.shl (i32.and (i32.load16_u (i32.add (local.get $strata) (i32.shl (local.get $p) (local.get $shift)))) (local.get $mask)) (i32.const 2))))
        (i32.store (local.get $ta) (i32.add (i32.load (local.get $ta)) (local.get $a)))
        (local.set $ta (i32.add (local.get $totals) (i32.shl (i32.and (i32.load16_u (i32.add (local.get $strata) (i32.shl (i32.add (local.get $p) (i32.const 1)) (local.get $shift)))) (local.get $mask)) (i32.const 2))))
        (i32.store (local.get $ta) (i32.add (i32.load (local.get $ta)) (local.get $b)))
        (local.set $max (select (local.get $a) (local.get $max) (i32.gt_u (local.get $a) (local.get $max))))
        (local.set $max (select (local.get $b) (local.get $max) (i32.gt_u (local.get $b) (local.get $max))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $even) (local.get $n))
      (then
        ;; an odd length: the last count from the high half of one more draw
        (local.set $x (i32.mul (local.get $s1) (i32.const 5)))
        (local.set $u (i32.shr_u (i32.mul (i32.rotl (local.get $x) (i32.const 7)) (i32.const 9)) (i32.const 16)))
        (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
        (local.set $a (i32.load8_u (i32.shr_u (local.get $u) (i32.const 4))))
        (if (i32.eq (local.get $a) (i32.const 255))
          (then (local.set $a (call $straddle (local.get $u)))))
        (i32.store8 (i32.add (local.get $w) (local.get $even)) (local.get $a))
        (local.set $ta (i32.add (local.get $totals) (i32.shl (i32.and (i32.load16_u (i32.add (local.get $strata) (i32.shl (local.get $even) (local.get $shift)))) (local.get $mask)) (i32.const 2))))
        (i32.store (local.get $ta) (i32.add (i32.load (local.get $ta)) (local.get $a)))
        (local.set $max (select (local.get $a) (local.get $max) (i32.gt_u (local.get $a) (local.get $max))))))
    (i32.store (i32.const 4736) (local.get $s0))
    (i32.store (i32.const 4740) (local.get $s1))
    (i32.store (i32.const 4744) (local.get $s2))
    (i32.store (i32.const 4748) (local.get $s3))
    (local.get $max))

  ;; weighted-pass.ts closeRun: the run's weight and score sum per stratum go to its calibration bin,
  ;; and its weight to `flagged` when the run is above the threshold
  (func $closeRun (param $bin i32) (param $flagged i32)
    (local $st i32) (local $o i32) (local $b i32) (local $d f64)
    (block $done
      (loop $strata
        (br_if $done (i32.ge_u (local.get $st) (global.get $T)))
        (local.set $o (i32.add (global.get $acc) (i32.mul (local.get $st) (i32.const 56))))
        (local.set $d (f64.sub (f64.load offset=0 (local.get $o)) (f64.load offset=40 (local.get $o))))
        (local.set $b (i32.shl (i32.add (i32.mul (local.get $st) (global.get $B)) (local.get $bin)) (i32.const 3)))
        (f64.store (i32.add (global.get $binCount) (local.get $b))
          (f64.add (f64.load (i32.add (global.get $binCount) (local.get $b))) (local.get $d)))
        (f64.store (i32.add (global.get $binScore) (local.get $b))
          (f64.add (f64.load (i32.add (global.get $binScore) (local.get $b))) (f64.load offset=24 (local.get $o))))
        (if (local.get $flagged)
          (then (f64.store offset=48 (local.get $o) (f64.add (f64.load offset=48 (local.get $o)) (local.get $d)))))
        (f64.store offset=40 (local.get $o) (f64.load offset=0 (local.get $o)))
        (f64.store offset=24 (local.get $o) (f64.const 0))
        (local.set $st (i32.add (local.get $st) (i32.const 1)))
        (br $strata))))

  ;; weighted-pass.ts distinctRun: every run of ranks, record by record, then closeRun; returns the
  ;; overall average-precision sum. The accumulators must be zero on entry. Per stratum st, at
  ;; acc + 56 st: cnt, rank, cross, score, sq, runStart, flagged (f64); per slice sl, at
  ;; slices + 32 sl: cumP, cumN, aucL, apL (f64); per segment, at segments + 16 i: start, end, bin,
  ;; flagged (i32).
  (func (export "pass") (result f64)
    (local $seg i32) (local $segEnd i32) (local $p i32) (local $end i32)
    (local $wt f64) (local $st i32) (local $o i32) (local $s f64) (local $d f64) (local $ws f64)
    (local $allPos f64) (local $allNeg f64) (local $ap f64) (local $cp f64) (local $cn f64) (local $q f64) (local $qn f64)
    (local $k i32) (local $sl i32) (local $cell4 i32)
    (local $w i32) (local $strata i32) (local $shift i32) (local $mask i32) (local $scores i32) (local $acc i32)
    (local $slices i32) (local $coarse i32) (local $C4 i32) (local $K i32)
    (local.set $w (global.get $w))
    (local.set $strata (global.get $strata))
    (local.set $shift (global.get $shift))
    (local.set $mask (global.get $mask))
    (local.set $scores (global.get $scores))
    (local.set $acc (global.get $acc))
    (local.set $slices (global.get $slices))
    (local.set $coarse (global.get $coarse))
    (local.set $C4 (i32.shl (global.get $C) (i32.const 2)))
    (local.set $K (global.get $K))
    ;; -0, as in JavaScript
    (local.set $allPos (f64.const -0))
    (local.set $allNeg (f64.const -0))
    (local.set $ap (f64.const -0))
    (local.set $seg (global.get $segments))
    (local.set $segEnd (i32.add (global.get $segments) (i32.shl (global.get $segCount) (i32.const 4))))
    (block $segsDone
      (loop $segs
        (br_if $segsDone (i32.ge_u (local.get $seg) (local.get $segEnd)))
        (local.set $p (i32.load offset=0 (local.get $seg)))
        (local.set $end (i32.load offset=4 (local.get $seg)))
        (block $done
          (loop $ranks
            (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $st (i32.and (i32.load16_u (i32.add (local.get $strata) (i32.shl (local.get $p) (local.get $shift)))) (local.get $mask)))
            (local.set $o (i32.add (local.get $acc) (i32.mul (local.get $st) (i32.const 56))))
            (local.set $wt (f64.convert_i32_u (i32.load8_u (i32.add (local.get $w) (local.get $p)))))
            (local.set $s (f64.load (i32.add (local.get $scores) (i32.shl (local.get $p) (i32.const 3)))))
            (if (i32.eqz (i32.and (local.get $st) (i32.const 1)))
              (then
                ;; a negative: no branch on its weight
                (local.set $ws (f64.mul (local.get $wt) (local.get $s)))
                (f64.store offset=24 (local.get $o) (f64.add (f64.load offset=24 (local.get $o)) (local.get $ws)))
                (f64.store offset=32 (local.get $o)
                  (f64.add (f64.load offset=32 (local.get $o)) (f64.mul (local.get $ws) (local.get $s))))
                (f64.store offset=16 (local.get $o)
                  (f64.add (f64.load offset=16 (local.get $o)) (f64.mul (local.get $wt) (local.get $allPos))))
                (f64.store offset=0 (local.get $o) (f64.add (f64.load offset=0 (local.get $o)) (local.get $wt)))
                (local.set $allNeg (f64.add (local.get $allNeg) (local.get $wt)))
                (local.set $k (i32.const 0))
                (block $kdone
                  (loop $levels
                    (br_if $kdone (i32.ge_u (local.get $k) (local.get $K)))
                    (local.set $cell4 (i32.shl (i32.shr_u (local.get $st) (i32.const 1)) (i32.const 2)))
                    (local.set $sl (i32.add (local.get $slices) (i32.shl
                      (i32.load (i32.add (i32.add (local.get $coarse) (i32.mul (local.get $k) (local.get $C4))) (local.get $cell4)))
                      (i32.const 5))))
                    (f64.store offset=8 (local.get $sl) (f64.add (f64.load offset=8 (local.get $sl)) (local.get $wt)))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $levels))))
              (else
                ;; a positive (a zero weight changes nothing: skipped)
                (if (f64.ne (local.get $wt) (f64.const 0))
                  (then
                    (f64.store offset=24 (local.get $o)
                      (f64.add (f64.load offset=24 (local.get $o)) (f64.mul (local.get $wt) (local.get $s))))
                    (local.set $d (f64.sub (local.get $s) (f64.const 1)))
                    (f64.store offset=32 (local.get $o)
                      (f64.add (f64.load offset=32 (local.get $o)) (f64.mul (f64.mul (local.get $wt) (local.get $d)) (local.get $d))))
                    (local.set $allPos (f64.add (local.get $allPos) (local.get $wt)))
                    (local.set $ap (f64.add (local.get $ap)
                      (f64.div (f64.mul (local.get $wt) (local.get $allPos)) (f64.add (local.get $allPos) (local.get $allNeg)))))
                    (local.set $cp (f64.add (f64.load offset=0 (local.get $o)) (local.get $wt)))
                    (f64.store offset=0 (local.get $o) (local.get $cp))
                    ;; the cell's negative stratum is st - 1, 56 bytes below
                    (local.set $cn (f64.load offset=0 (i32.sub (local.get $o) (i32.const 56))))
                    (f64.store offset=8 (local.get $o)
                      (f64.add (f64.load offset=8 (local.get $o))
                               (f64.div (f64.mul (local.get $wt) (local.get $cp)) (f64.add (local.get $cp) (local.get $cn)))))
                    (f64.store offset=8 (i32.sub (local.get $o) (i32.const 56))
                      (f64.add (f64.load offset=8 (i32.sub (local.get $o) (i32.const 56))) (f64.mul (local.get $wt) (local.get $cn))))
                    (f64.store offset=16 (local.get $o)
                      (f64.add (f64.load offset=16 (local.get $o)) (f64.mul (local.get $wt) (local.get $allNeg))))
                    (local.set $k (i32.const 0))
                    (block $kdone
                      (loop $levels
                        (br_if $kdone (i32.ge_u (local.get $k) (local.get $K)))
                        (local.set $cell4 (i32.shl (i32.shr_u (local.get $st) (i32.const 1)) (i32.const 2)))
                        (local.set $sl (i32.add (local.get $slices) (i32.shl
                          (i32.load (i32.add (i32.add (local.get $coarse) (i32.mul (local.get $k) (local.get $C4))) (local.get $cell4)))
                          (i32.const 5))))
                        (local.set $q (f64.add (f64.load offset=0 (local.get $sl)) (local.get $wt)))
                        (f64.store offset=0 (local.get $sl) (local.get $q))
                        (local.set $qn (f64.load offset=8 (local.get $sl)))
                        (f64.store offset=24 (local.get $sl)
                          (f64.add (f64.load offset=24 (local.get $sl))
                                   (f64.div (f64.mul (local.get $wt) (local.get $q)) (f64.add (local.get $q) (local.get $qn)))))
                        (f64.store offset=16 (local.get $sl)
                          (f64.add (f64.load offset=16 (local.get $sl)) (f64.mul (local.get $wt) (local.get $qn))))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $levels)))))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ranks)))
        (call $closeRun (i32.load offset=8 (local.get $seg)) (i32.load offset=12 (local.get $seg)))
        (local.set $seg (i32.add (local.get $seg) (i32.const 16)))
        (br $segs)))
    (local.get $ap))

  ;; where tie blocks keep their weights (set once, after `setup`; both areas must be zero on entry
  ;; to `passTied`, and it leaves them zero)
  (func (export "setupBlocks") (param $block i32) (param $sliceBlock i32) (param $S i32)
    (global.set $block (local.get $block))
    (global.set $sliceBlock (local.get $sliceBlock))
    (global.set $S (local.get $S))
    (global.set $blockAreaLength (i32.add (global.get $T) (local.get $S))))

  ;; tiedRun's sweep 3 for a long block: every stratum's block weight joins its count, and (with
  ;; coarse levels) every slice's blockP and blockN join cumP and cumN; all reset to zero
  (func $joinAll
    (local $st i32) (local $o i32) (local $bo i32) (local $sl i32) (local $sb i32)
    (block $done
      (loop $strata
        (br_if $done (i32.ge_u (local.get $st) (global.get $T)))
        (local.set $o (i32.add (global.get $acc) (i32.mul (local.get $st) (i32.const 56))))
        (local.set $bo (i32.add (global.get $block) (i32.shl (local.get $st) (i32.const 3))))
        (f64.store offset=0 (local.get $o) (f64.add (f64.load offset=0 (local.get $o)) (f64.load (local.get $bo))))
        (f64.store (local.get $bo) (f64.const 0))
        (local.set $st (i32.add (local.get $st) (i32.const 1)))
        (br $strata)))
    (if (i32.gt_u (global.get $K) (i32.const 0))
      (then
        (block $sdone
          (loop $slices
            (br_if $sdone (i32.ge_u (local.get $sl) (global.get $S)))
            (local.set $o (i32.add (global.get $slices) (i32.shl (local.get $sl) (i32.const 5))))
            (local.set $sb (i32.add (global.get $sliceBlock) (i32.shl (local.get $sl) (i32.const 4))))
            (f64.store offset=0 (local.get $o) (f64.add (f64.load offset=0 (local.get $o)) (f64.load offset=0 (local.get $sb))))
            (f64.store offset=8 (local.get $o) (f64.add (f64.load offset=8 (local.get $o)) (f64.load offset=8 (local.get $sb))))
            (f64.store offset=0 (local.get $sb) (f64.const 0))
            (f64.store offset=8 (local.get $sb) (f64.const 0))
            (local.set $sl (i32.add (local.get $sl) (i32.const 1)))
            (br $slices))))))

  ;; the slice of coarse level $k that stratum $st's cell belongs to (coarseSlice[k * C + st / 2])
  (func $coarseIndex (param $k i32) (param $st i32) (result i32)
    (i32.load (i32.add (global.get $coarse)
      (i32.shl (i32.add (i32.mul (local.get $k) (global.get $C)) (i32.shr_u (local.get $st) (i32.const 1))) (i32.const 2)))))

  ;; weighted-pass.ts tiedRun: every run of ranks, tie block by tie block (a tied pair counting
  ;; half, a positive's precision that of its whole block), then closeRun; returns the overall
  ;; average-precision sum. The same layout as `pass`, plus the block areas of `setupBlocks`.
    (func (export "passTied") (result f64)
    (local $seg i32) (local $segEnd i32) (local $p i32) (local $q i32) (local $r i32) (local $end i32)
    (local $st i32) (local $o i32) (local $bo i32) (local $pos i32) (local $k i32) (local $idx i32) (local $sl i32) (local $sb i32)
    (local $wt f64) (local $s f64) (local $d f64) (local $bPos f64) (local $bNeg f64)
    (local $allPos f64) (local $allNeg f64) (local $ap f64)
    (local $cp f64) (local $cn f64) (local $bn f64) (local $qp f64) (local $qn f64) (local $bl f64)
    (local.set $allPos (f64.const -0))
    (local.set $allNeg (f64.const -0))
    (local.set $ap (f64.const -0))
    (local.set $seg (global.get $segments))
    (local.set $segEnd (i32.add (global.get $segments) (i32.shl (global.get $segCount) (i32.const 4))))
    (block $segsDone
      (loop $segs
        (br_if $segsDone (i32.ge_u (local.get $seg) (local.get $segEnd)))
        (local.set $p (i32.load offset=0 (local.get $seg)))
        (local.set $end (i32.load offset=4 (local.get $seg)))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $s (f64.load (i32.add (global.get $scores) (i32.shl (local.get $p) (i32.const 3)))))
            (local.set $q (i32.add (local.get $p) (i32.const 1)))
            (block $blockEnd
              (loop $extend
                (br_if $blockEnd (i32.ge_u (local.get $q) (local.get $end)))
                (br_if $blockEnd (f64.ne (f64.load (i32.add (global.get $scores) (i32.shl (local.get $q) (i32.const 3)))) (local.get $s)))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $extend)))
            ;; sweep 1: the block's weight per stratum and per coarse slice
            (local.set $bPos (f64.const -0))
            (local.set $bNeg (f64.const -0))
            (local.set $r (local.get $p))
            (block $s1done
              (loop $s1
                (br_if $s1done (i32.ge_u (local.get $r) (local.get $q)))
                (local.set $wt (f64.convert_i32_u (i32.load8_u (i32.add (global.get $w) (local.get $r)))))
                (if (f64.ne (local.get $wt) (f64.const 0))
                  (then
                    (local.set $st (i32.and (i32.load16_u (i32.add (global.get $strata) (i32.shl (local.get $r) (global.get $shift)))) (global.get $mask)))
                    (local.set $bo (i32.add (global.get $block) (i32.shl (local.get $st) (i32.const 3))))
                    (f64.store (local.get $bo) (f64.add (f64.load (local.get $bo)) (local.get $wt)))
                    (local.set $pos (i32.and (local.get $st) (i32.const 1)))
                    (if (local.get $pos)
                      (then (local.set $bPos (f64.add (local.get $bPos) (local.get $wt))))
                      (else (local.set $bNeg (f64.add (local.get $bNeg) (local.get $wt)))))
                    (local.set $k (i32.const 0))
                    (block $k1done
                      (loop $k1
                        (br_if $k1done (i32.ge_u (local.get $k) (global.get $K)))
                        ;; blockP at +0, blockN at +8
                        (local.set $sb (i32.add (global.get $sliceBlock)
                          (i32.add (i32.shl (call $coarseIndex (local.get $k) (local.get $st)) (i32.const 4))
                            (select (i32.const 0) (i32.const 8) (local.get $pos)))))
                        (f64.store (local.get $sb) (f64.add (f64.load (local.get $sb)) (local.get $wt)))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $k1)))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $s1)))
            ;; sweep 2: each record against the records above the block and half of the block
            (if (f64.gt (local.get $bPos) (f64.const 0))
              (then
                (local.set $ap (f64.add (local.get $ap)
                  (f64.div (f64.mul (local.get $bPos) (f64.add (local.get $allPos) (local.get $bPos)))
                    (f64.add (f64.add (f64.add (local.get $allPos) (local.get $bPos)) (local.get $allNeg)) (local.get $bNeg)))))))
            (local.set $r (local.get $p))
            (block $s2done
              (loop $s2
                (br_if $s2done (i32.ge_u (local.get $r) (local.get $q)))
                (local.set $wt (f64.convert_i32_u (i32.load8_u (i32.add (global.get $w) (local.get $r)))))
                (if (f64.ne (local.get $wt) (f64.const 0))
                  (then
                    (local.set $st (i32.and (i32.load16_u (i32.add (global.get $strata) (i32.shl (local.get $r) (global.get $shift)))) (global.get $mask)))
                    (local.set $o (i32.add (global.get $acc) (i32.mul (local.get $st) (i32.const 56))))
                    (f64.store offset=24 (local.get $o) (f64.add (f64.load offset=24 (local.get $o)) (f64.mul (local.get $wt) (local.get $s))))
                    (if (i32.and (local.get $st) (i32.const 1))
                      (then
                        (local.set $d (f64.sub (local.get $s) (f64.const 1)))
                        (f64.store offset=32 (local.get $o)
                          (f64.add (f64.load offset=32 (local.get $o)) (f64.mul (f64.mul (local.get $wt) (local.get $d)) (local.get $d))))
                        (local.set $bo (i32.add (global.get $block) (i32.shl (local.get $st) (i32.const 3))))
                        (local.set $cp (f64.add (f64.load offset=0 (local.get $o)) (f64.load (local.get $bo))))
                        ;; the cell's negative stratum is st - 1: 56 bytes below in acc, 8 below in block
                        (local.set $cn (f64.load offset=0 (i32.sub (local.get $o) (i32.const 56))))
                        (local.set $bn (f64.load (i32.sub (local.get $bo) (i32.const 8))))
                        (f64.store offset=8 (local.get $o)
                          (f64.add (f64.load offset=8 (local.get $o))
                            (f64.div (f64.mul (local.get $wt) (local.get $cp))
                              (f64.add (f64.add (local.get $cp) (local.get $cn)) (local.get $bn)))))
                        (f64.store offset=8 (i32.sub (local.get $o) (i32.const 56))
                          (f64.add (f64.load offset=8 (i32.sub (local.get $o) (i32.const 56)))
                            (f64.mul (local.get $wt) (f64.add (local.get $cn) (f64.div (local.get $bn) (f64.const 2))))))
                        (f64.store offset=16 (local.get $o)
                          (f64.add (f64.load offset=16 (local.get $o))
                            (f64.mul (local.get $wt) (f64.add (local.get $allNeg) (f64.div (local.get $bNeg) (f64.const 2))))))
                        (local.set $k (i32.const 0))
                        (block $k2done
                          (loop $k2
                            (br_if $k2done (i32.ge_u (local.get $k) (global.get $K)))
                            (local.set $idx (call $coarseIndex (local.get $k) (local.get $st)))
                            (local.set $sl (i32.add (global.get $slices) (i32.shl (local.get $idx) (i32.const 5))))
                            (local.set $sb (i32.add (global.get $sliceBlock) (i32.shl (local.get $idx) (i32.const 4))))
                            (local.set $qp (f64.add (f64.load offset=0 (local.get $sl)) (f64.load offset=0 (local.get $sb))))
                            (local.set $qn (f64.load offset=8 (local.get $sl)))
                            (local.set $bl (f64.load offset=8 (local.get $sb)))
                            (f64.store offset=24 (local.get $sl)
                              (f64.add (f64.load offset=24 (local.get $sl))
                                (f64.div (f64.mul (local.get $wt) (local.get $qp))
                                  (f64.add (f64.add (local.get $qp) (local.get $qn)) (local.get $bl)))))
                            (f64.store offset=16 (local.get $sl)
                              (f64.add (f64.load offset=16 (local.get $sl))
                                (f64.mul (local.get $wt) (f64.add (local.get $qn) (f64.div (local.get $bl) (f64.const 2))))))
                            (local.set $k (i32.add (local.get $k) (i32.const 1)))
                            (br $k2))))
                      (else
                        (f64.store offset=32 (local.get $o)
                          (f64.add (f64.load offset=32 (local.get $o)) (f64.mul (f64.mul (local.get $wt) (local.get $s)) (local.get $s))))
                        (f64.store offset=16 (local.get $o)
                          (f64.add (f64.load offset=16 (local.get $o))
                            (f64.mul (local.get $wt) (f64.add (local.get $allPos) (f64.div (local.get $bPos) (f64.const 2))))))))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $s2)))
            ;; sweep 3: the block joins the running counts, each stratum and slice once (its block weight is
            ;; reset), through the block's records or, for a long block, through every stratum and slice
            (if (i32.gt_u (i32.sub (local.get $q) (local.get $p)) (global.get $blockAreaLength))
              (then (call $joinAll))
              (else
            (local.set $r (local.get $p))
            (block $s3done
              (loop $s3
                (br_if $s3done (i32.ge_u (local.get $r) (local.get $q)))
                (if (i32.load8_u (i32.add (global.get $w) (local.get $r)))
                  (then
                    (local.set $st (i32.and (i32.load16_u (i32.add (global.get $strata) (i32.shl (local.get $r) (global.get $shift)))) (global.get $mask)))
                    (local.set $o (i32.add (global.get $acc) (i32.mul (local.get $st) (i32.const 56))))
                    (local.set $bo (i32.add (global.get $block) (i32.shl (local.get $st) (i32.const 3))))
                    (f64.store offset=0 (local.get $o) (f64.add (f64.load offset=0 (local.get $o)) (f64.load (local.get $bo))))
                    (f64.store (local.get $bo) (f64.const 0))
                    (local.set $k (i32.const 0))
                    (block $k3done
                      (loop $k3
                        (br_if $k3done (i32.ge_u (local.get $k) (global.get $K)))
                        (local.set $idx (call $coarseIndex (local.get $k) (local.get $st)))
                        (local.set $sl (i32.add (global.get $slices) (i32.shl (local.get $idx) (i32.const 5))))
                        (local.set $sb (i32.add (global.get $sliceBlock) (i32.shl (local.get $idx) (i32.const 4))))
                        (f64.store offset=0 (local.get $sl) (f64.add (f64.load offset=0 (local.get $sl)) (f64.load offset=0 (local.get $sb))))
                        (f64.store offset=8 (local.get $sl) (f64.add (f64.load offset=8 (local.get $sl)) (f64.load offset=8 (local.get $sb))))
                        (f64.store offset=0 (local.get $sb) (f64.const 0))
                        (f64.store offset=8 (local.get $sb) (f64.const 0))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $k3)))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $s3)))))
            (local.set $allPos (f64.add (local.get $allPos) (local.get $bPos)))
            (local.set $allNeg (f64.add (local.get $allNeg) (local.get $bNeg)))
            (local.set $p (local.get $q))
            (br $blocks)))
        (call $closeRun (i32.load offset=8 (local.get $seg)) (i32.load offset=12 (local.get $seg)))
        (local.set $seg (i32.add (local.get $seg) (i32.const 16)))
        (br $segs)))
    (local.get $ap))
)
