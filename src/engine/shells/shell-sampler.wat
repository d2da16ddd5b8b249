;; Shell sampling and projection for Growing Spheres and C-CHVAE: the WebAssembly twin of sampleShell
;; (src/util/sampling.ts), projectRows (src/data/layout.ts) and the completion of C-CHVAE's decoded samples
;; (src/engine/shells/sample-decoder.ts), driven by src/engine/shells/shell-wasm.ts. Every
;; step is the same float64/float32 operation in the same order as the TypeScript (the one power, a radius
;; (lo + u·(hi − lo))^(1/k), is left to the caller's Math.pow), so both write the same bits
;; (test/shell-wasm.test.ts); it exists because it is faster. Compiled into shell-sampler.wasm by
;; `npm run build:wasm`.
;;
;; Memory: the ziggurat tables (written by shell-sampler.ts from src/util/normal.ts) at fixed offsets:
;; KN i32[128] at 0, WN f64[128] at 512, FN f64[128] at 1536. Everything else is addressed by the pointers
;; that the caller passes.
(module
  ;; only the ziggurat's rare tail and wedge need these; they must be Math.log and Math.exp, as in normal.ts
  (import "math" "log" (func $mathLog (param f64) (result f64)))
  (import "math" "exp" (func $mathExp (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; mulberry32's state (src/util/rng.ts), as a signed 32-bit integer
  (global $state (mut i32) (i32.const 0))

  ;; Rng.nextInt32
  (func $int (result i32)
    (local $t i32)
    (global.set $state (i32.add (global.get $state) (i32.const 0x6d2b79f5)))
    (local.set $t (global.get $state))
    (local.set $t (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 15)))
                           (i32.or (local.get $t) (i32.const 1))))
    (local.set $t (i32.xor (local.get $t)
      (i32.add (local.get $t)
               (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 7)))
                        (i32.or (local.get $t) (i32.const 61))))))
    (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 14))))

  ;; Rng.next: uniform on [0, 1)
  (func $uniform (result f64)
    (f64.div (f64.convert_i32_u (call $int)) (f64.const 4294967296)))

  ;; ZigguratNormal.next after its first draw `hz` failed the fast test (|hz| < KN[hz & 127], about 1 draw
  ;; in 100): the tail or the wedge, and on rejection the next draws from the generator, fast test included.
  (func $normalAfter (param $hz i32) (result f64)
    (local $iz i32) (local $x f64) (local $t f64) (local $y f64)
    (loop $again
      (local.set $iz (i32.and (local.get $hz) (i32.const 127)))
      (local.set $x (f64.mul (f64.convert_i32_s (local.get $hz))
                             (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3)))))
      (if (f64.lt (f64.abs (f64.convert_i32_s (local.get $hz)))
                  (f64.convert_i32_s (i32.load (i32.shl (local.get $iz) (i32.const 2)))))
        (then (return (local.get $x))))
      (if (i32.eqz (local.get $iz))
        (then
          ;; the tail beyond R
          (loop $tail
            (local.set $t (f64.div (f64.neg (call $mathLog (f64.sub (f64.const 1) (call $uniform))))
                                   (f64.const 3.442619855899)))
            (local.set $y (f64.neg (call $mathLog (f64.sub (f64.const 1) (call $uniform)))))
            (br_if $tail (f64.lt (f64.add (local.get $y) (local.get $y)) (f64.mul (local.get $t) (local.get $t)))))
          (return (select (f64.add (f64.const 3.442619855899) (local.get $t))
                          (f64.sub (f64.const -3.442619855899) (local.get $t))
                          (i32.gt_s (local.get $hz) (i32.const 0))))))
      ;; the wedge: FN[iz] + u·(FN[iz − 1] − FN[iz]) < exp(−x²/2)
      (if (f64.lt
            (f64.add (f64.load offset=1536 (i32.shl (local.get $iz) (i32.const 3)))
                     (f64.mul (call $uniform)
                              (f64.sub (f64.load offset=1528 (i32.shl (local.get $iz) (i32.const 3)))
                                       (f64.load offset=1536 (i32.shl (local.get $iz) (i32.const 3))))))
            (call $mathExp (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x))))
        (then (return (local.get $x))))
      (local.set $hz (call $int))
      (br $again))
    (unreachable))

  ;; The draws of sampleShell for `count` samples: per sample c, k normals into g[c·k …] (float64), the
  ;; direction's ℓ2 (l2) or ℓ1 norm into norms[c], and from one more uniform u, xs[c] = lo + u·(hi − lo) when
  ;; `volume` (the caller raises it to 1/k with Math.pow) or the radius a0 + u·(a1 − a0). Starts the generator
  ;; at `st` and returns its state after.
  (func (export "draw") (param $st i32) (param $count i32) (param $k i32) (param $g i32) (param $norms i32) (param $xs i32)
      (param $a0 f64) (param $a1 f64) (param $lo f64) (param $hi f64) (param $l2 i32) (param $volume i32) (result i32)
    (local $c i32) (local $j i32) (local $norm f64) (local $z f64) (local $t i32) (local $iz i32)
    (block $done
      (loop $samples
        (br_if $done (i32.ge_s (local.get $c) (local.get $count)))
        (local.set $norm (f64.const 0))
        (local.set $j (i32.const 0))
        (block $drawn
          (loop $draw
            (br_if $drawn (i32.ge_s (local.get $j) (local.get $k)))
            ;; ZigguratNormal.next: mulberry32 (Rng.nextInt32) on the local state, then the fast test inline
            (local.set $st (i32.add (local.get $st) (i32.const 0x6d2b79f5)))
            (local.set $t (i32.mul (i32.xor (local.get $st) (i32.shr_u (local.get $st) (i32.const 15)))
                                   (i32.or (local.get $st) (i32.const 1))))
            (local.set $t (i32.xor (local.get $t)
              (i32.add (local.get $t)
                       (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 7)))
                                (i32.or (local.get $t) (i32.const 61))))))
            (local.set $t (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 14))))
            (local.set $iz (i32.and (local.get $t) (i32.const 127)))
            (if (f64.lt (f64.abs (f64.convert_i32_s (local.get $t)))
                        (f64.convert_i32_s (i32.load (i32.shl (local.get $iz) (i32.const 2)))))
              (then (local.set $z (f64.mul (f64.convert_i32_s (local.get $t))
                                           (f64.load offset=512 (i32.shl (local.get $iz) (i32.const 3))))))
              (else
                (global.set $state (local.get $st))
                (local.set $z (call $normalAfter (local.get $t)))
                (local.set $st (global.get $state))))
            (f64.store (local.get $g) (local.get $z))
            (local.set $g (i32.add (local.get $g) (i32.const 8)))
            (local.set $norm (f64.add (local.get $norm)
              (if (result f64) (local.get $l2) (then (f64.mul (local.get $z) (local.get $z))) (else (f64.abs (local.get $z))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $draw)))
        (if (local.get $l2) (then (local.set $norm (f64.sqrt (local.get $norm)))))
        (f64.store (i32.add (local.get $norms) (i32.shl (local.get $c) (i32.const 3))) (local.get $norm))
        (global.set $state (local.get $st))
        (local.set $z (call $uniform))
        (local.set $st (global.get $state))
        (f64.store (i32.add (local.get $xs) (i32.shl (local.get $c) (i32.const 3)))
          (if (result f64) (local.get $volume)
            (then (f64.add (local.get $lo) (f64.mul (local.get $z) (f64.sub (local.get $hi) (local.get $lo)))))
            (else (f64.add (local.get $a0) (f64.mul (local.get $z) (f64.sub (local.get $a1) (local.get $a0)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $samples)))
    (local.get $st))

  ;; The rows of sampleShell from draw's output (with radii rs[c]): row c at out is the float32 center plus,
  ;; in each of the k columns listed at `dims`, g[c·k + t]·(rs[c]/norms[c]) (0 when the norm is 0).
  (func (export "write") (param $count i32) (param $width i32) (param $k i32) (param $center i32) (param $dims i32)
      (param $g i32) (param $norms i32) (param $rs i32) (param $out i32)
    (local $c i32) (local $j i32) (local $a i32) (local $norm f64) (local $scale f64) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $c) (local.get $count)))
        (memory.copy (local.get $out) (local.get $center) (local.get $rowBytes))
        (local.set $norm (f64.load (i32.add (local.get $norms) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $scale (select (f64.div (f64.load (i32.add (local.get $rs) (i32.shl (local.get $c) (i32.const 3)))) (local.get $norm))
                                  (f64.const 0) (f64.gt (local.get $norm) (f64.const 0))))
        (local.set $j (i32.const 0))
        (block $written
          (loop $write
            (br_if $written (i32.ge_s (local.get $j) (local.get $k)))
            (local.set $a (i32.add (local.get $out)
              (i32.shl (i32.load (i32.add (local.get $dims) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
            (f32.store (local.get $a)
              (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load (local.get $a)))
                                       (f64.mul (f64.load (local.get $g)) (local.get $scale)))))
            (local.set $g (i32.add (local.get $g) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $write)))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $rows))))

  ;; C-CHVAE's candidates (decodeSamples, src/engine/shells/sample-decoder.ts): each of `rows` rows at `out` is the
  ;; float32 factual (`width` wide, at `factual`) with its k columns listed at `cols` replaced by the row's
  ;; decoded values (rows × k float32 at `dec`).
  (func (export "complete") (param $rows i32) (param $width i32) (param $k i32) (param $factual i32) (param $dec i32)
      (param $cols i32) (param $out i32)
    (local $r i32) (local $t i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_s (local.get $r) (local.get $rows)))
        (memory.copy (local.get $out) (local.get $factual) (local.get $rowBytes))
        (local.set $t (i32.const 0))
        (block $filled
          (loop $fill
            (br_if $filled (i32.ge_s (local.get $t) (local.get $k)))
            (f32.store
              (i32.add (local.get $out) (i32.shl (i32.load (i32.add (local.get $cols) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 2)))
              (f32.load (local.get $dec)))
            (local.set $dec (i32.add (local.get $dec) (i32.const 4)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $fill)))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))

  ;; projectRows with one factual (`center`, float32[width]) for all `rows` rows at `out`: clip the `nCont`
  ;; columns listed at `cont` to [0, 1], round the `nBin` at `bin` at 0.5, make each one-hot group the argmax
  ;; (groups at `groups`, `groupWords` int32 as [size, columns…]…), reset the `nImm` at `imm` to the center.
  (func (export "project") (param $out i32) (param $rows i32) (param $width i32) (param $center i32)
      (param $cont i32) (param $nCont i32) (param $bin i32) (param $nBin i32) (param $groups i32) (param $groupWords i32)
      (param $imm i32) (param $nImm i32)
    (local $o i32) (local $i i32) (local $a i32) (local $v f32) (local $e i32) (local $n i32) (local $best i32) (local $m i32) (local $col i32)
    (local.set $o (local.get $out))
    (local.set $e (i32.add (local.get $out) (i32.shl (i32.mul (local.get $rows) (local.get $width)) (i32.const 2))))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $o) (local.get $e)))
        (local.set $i (i32.const 0))
        (block $c_end (loop $c
          (br_if $c_end (i32.ge_s (local.get $i) (local.get $nCont)))
          (local.set $a (i32.add (local.get $o) (i32.shl (i32.load (i32.add (local.get $cont) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2))))
          (local.set $v (f32.load (local.get $a)))
          (f32.store (local.get $a)
            (select (f32.const 0) (select (f32.const 1) (local.get $v) (f32.gt (local.get $v) (f32.const 1))) (f32.lt (local.get $v) (f32.const 0))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $c)))
        (local.set $i (i32.const 0))
        (block $b_end (loop $b
          (br_if $b_end (i32.ge_s (local.get $i) (local.get $nBin)))
          (local.set $a (i32.add (local.get $o) (i32.shl (i32.load (i32.add (local.get $bin) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2))))
          (f32.store (local.get $a) (select (f32.const 1) (f32.const 0) (f32.ge (f32.load (local.get $a)) (f32.const 0.5))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $b)))
        ;; groups: $i walks the words; $n is the group's size, $m its first column's word
        (local.set $i (i32.const 0))
        (block $g_end (loop $g
          (br_if $g_end (i32.ge_s (local.get $i) (local.get $groupWords)))
          (local.set $n (i32.load (i32.add (local.get $groups) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $m (i32.add (local.get $groups) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2))))
          (local.set $best (i32.load (local.get $m)))
          (local.set $a (i32.const 0))
          (block $arg_end (loop $arg
            (br_if $arg_end (i32.ge_s (local.get $a) (local.get $n)))
            (local.set $col (i32.load (i32.add (local.get $m) (i32.shl (local.get $a) (i32.const 2)))))
            (if (f32.gt (f32.load (i32.add (local.get $o) (i32.shl (local.get $col) (i32.const 2))))
                        (f32.load (i32.add (local.get $o) (i32.shl (local.get $best) (i32.const 2)))))
              (then (local.set $best (local.get $col))))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $arg)))
          (local.set $a (i32.const 0))
          (block $set_end (loop $set
            (br_if $set_end (i32.ge_s (local.get $a) (local.get $n)))
            (local.set $col (i32.load (i32.add (local.get $m) (i32.shl (local.get $a) (i32.const 2)))))
            (f32.store (i32.add (local.get $o) (i32.shl (local.get $col) (i32.const 2)))
              (select (f32.const 1) (f32.const 0) (i32.eq (local.get $col) (local.get $best))))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $set)))
          (local.set $i (i32.add (local.get $i) (i32.add (local.get $n) (i32.const 1))))
          (br $g)))
        (local.set $i (i32.const 0))
        (block $m_end (loop $im
          (br_if $m_end (i32.ge_s (local.get $i) (local.get $nImm)))
          (local.set $a (i32.shl (i32.load (i32.add (local.get $imm) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
          (f32.store (i32.add (local.get $o) (local.get $a)) (f32.load (i32.add (local.get $center) (local.get $a))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $im)))
        (local.set $o (i32.add (local.get $o) (i32.shl (local.get $width) (i32.const 2))))
        (br $row))))
)
