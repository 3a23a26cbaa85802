#!/usr/bin/env python3
"""Prototypes (numpy) behind two choices of issue 18, on the features the app cached (BENCHMARKS.md,
"Findings you can trust"). They reproduce the rules on the same vectors; the figures the app itself gives come
from `catdog audit --plant-flips` and `catdog predict` (see BENCHMARKS.md).

  export  HOME_DIR DATA NEITHER   read the feature cache of the built-in MobileNetV2 (pooled) in HOME_DIR for the
                                  images of DATA and of the NEITHER photo folder into /tmp/audit_prototypes.npz
  labels                          label-error ranking variants on 30 planted-flip sets (0.5, 1, 2 %; seeds 11-20)
  novelty                         "neither" detector variants: references, neighbours, quantile, calibration seeds
"""
import glob, hashlib, os, sys
import numpy as np

OUT = '/tmp/audit_prototypes.npz'


def export(home, data, neither):
    f = sorted(glob.glob(os.path.join(home, 'cache/features/features-*.bin')), key=os.path.getsize)[-1]
    b = open(f, 'rb').read()
    dim = 1280
    rec = 32 + 4 * dim + 4
    hl = (len(b) - 32 - 4 * dim - 4) % rec  # header length: the file is header + whole records
    feats = {}
    for o in range(hl, len(b) - rec + 1, rec):
        feats[b[o:o + 32].hex()] = np.frombuffer(b[o + 32:o + 32 + 4 * dim], dtype='<f4')
    rows = []
    for split in ['training_set', 'test_set']:
        for c, cls in enumerate(['cats', 'dogs']):
            for p in sorted(glob.glob(f'{data}/{split}/{cls}/*')):
                rows.append((os.path.relpath(p, data), split == 'training_set', c,
                             hashlib.sha256(open(p, 'rb').read()).hexdigest()))
    nei = sorted(glob.glob(f'{neither}/*'))
    np.savez(OUT, X=np.stack([feats[r[3]] for r in rows]), train=np.array([r[1] for r in rows]),
             y=np.array([r[2] for r in rows]), names=np.array([r[0] for r in rows]),
             N=np.stack([feats[hashlib.sha256(open(p, 'rb').read()).hexdigest()] for p in nei]))


def oof(X, y, folds=5, seed=42, wd=0.3, epochs=30, lr=3e-3):
    """Out-of-fold softmax regression as LabelAudit fits it: standardised features, Adam, L2, batch 64."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), int)
    for c in range(2):
        idx = np.where(y == c)[0]
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % folds
    mu = X.mean(0); sd = X.std(0); sd[sd < 1e-6] = 1
    Z = (X - mu) / sd
    P = np.zeros((len(y), 2))
    for f in range(folds):
        trn = np.where(fold != f)[0]; te = np.where(fold == f)[0]
        W = np.zeros((Z.shape[1], 2)); b = np.zeros(2)
        m = np.zeros_like(W); v = np.zeros_like(W); mb = np.zeros(2); vb = np.zeros(2); t = 0
        for _ in range(epochs):
            rng.shuffle(trn)
            for s in range(0, len(trn), 64):
                bi = trn[s:s + 64]; z = Z[bi] @ W + b; z -= z.max(1, keepdims=True)
                p = np.exp(z); p /= p.sum(1, keepdims=True); p[np.arange(len(bi)), y[bi]] -= 1
                gW = Z[bi].T @ p / len(bi) + wd * W; gb = p.mean(0); t += 1
                m = .9 * m + .1 * gW; v = .999 * v + .001 * gW ** 2
                W -= lr * (m / (1 - .9 ** t)) / (np.sqrt(v / (1 - .999 ** t)) + 1e-8)
                mb = .9 * mb + .1 * gb; vb = .999 * vb + .001 * gb ** 2
                b -= lr * (mb / (1 - .9 ** t)) / (np.sqrt(vb / (1 - .999 ** t)) + 1e-8)
        z = Z[te] @ W + b; z -= z.max(1, keepdims=True); p = np.exp(z); P[te] = p / p.sum(1, keepdims=True)
    return P


def labels():
    d = np.load(OUT); X = d['X'].astype(np.float64); y0 = d['y']; tr = d['train']; N = len(X)
    U = X / np.linalg.norm(X, axis=1, keepdims=True); S = U @ U.T; np.fill_diagonal(S, -9)
    nn = np.argsort(-S, axis=1)[:, :100]
    trainidx = np.where(tr)[0]
    runs = []
    for rate in [0.005, 0.01, 0.02]:
        for seed in range(11, 21):
            rng = np.random.default_rng(1000 * seed + int(rate * 1000))
            n = int(round(rate * len(trainidx)))
            flip = rng.choice(trainidx, n, replace=False)
            y = y0.copy(); y[flip] = 1 - y[flip]
            runs.append((n, flip, y, oof(X, y, seed=seed)))

    def evaluate(score):
        out = []
        for n, flip, y, P in runs:
            isflip = np.zeros(N, bool); isflip[flip] = True
            o = np.argsort(-score(y, P), kind='stable')
            out.append((isflip[o[:n]].mean(), isflip[o[:2 * n]].sum() / n))
        return np.array(out)

    def vote(y, k):
        return (y[nn[:, :k]] == y[:, None]).mean(1)

    def show(name, a):
        per = [a[i * 10:(i + 1) * 10, 0].mean() for i in range(3)]
        print('%-22s precision 0.5/1/2 %%: %.3f %.3f %.3f  mean %.3f min %.3f | recall(2n) mean %.3f min %.3f'
              % (name, *per, a[:, 0].mean(), a[:, 0].min(), a[:, 1].mean(), a[:, 1].min()), flush=True)

    show('out-of-fold p only', evaluate(lambda y, P: -P[np.arange(N), y]))
    for k in [10, 15, 20, 25, 30]:
        show(f'neighbours k={k}', evaluate(lambda y, P, k=k: -vote(y, k) - 1e-3 * P[np.arange(N), y]))
        for w in [0.6, 0.7, 0.8]:
            show(f'  {w} x k={k} + oof', evaluate(
                lambda y, P, k=k, w=w: -(w * vote(y, k) + (1 - w) * P[np.arange(N), y])))


def novelty():
    d = np.load(OUT); X = d['X'].astype(np.float64); tr = d['train']

    def unit(A):
        return A / np.linalg.norm(A, axis=1, keepdims=True)
    T = unit(X[tr]); Te = unit(X[~tr]); Ne = unit(d['N'].astype(np.float64))

    def scores(ref, q, k, skip=None):
        S = q @ ref.T
        if skip is not None:
            S[np.arange(len(q)), skip] = -9
        dist = 1 - (-np.sort(-S, axis=1)[:, :k])
        return dist.mean(1)
    rng = np.random.default_rng(42)
    perm = rng.permutation(len(T)); held = perm[:400]; ref = perm[400:2400]
    cal = scores(T[ref], T[held], 1); th = np.quantile(cal, 0.99, method='inverted_cdf')
    print('before (nearest image, 2000 references, 99 %% of 400 held out): test %.2f %%, neither %.0f %%'
          % (100 * (scores(T[ref], Te, 1) > th).mean(), 100 * (scores(T[ref], Ne, 1) > th).mean()))
    for k in [1, 5, 10, 20]:
        st = scores(T, Te, k); sn = scores(T, Ne, k)
        for q in [0.99, 0.995, 0.997, 0.998, 0.999]:
            cells = []
            for seed in [1, 2, 3, 4, 5]:
                idx = np.random.default_rng(seed).permutation(len(T))[:2000]
                th = np.quantile(scores(T, T[idx], k, skip=idx), q, method='inverted_cdf')
                cells.append('%.2f/%.0f' % (100 * (st > th).mean(), 100 * (sn > th).mean()))
            print(f'all references, mean of k={k:2d}, quantile {q}: test %/neither % per calibration seed: '
                  + ' '.join(cells), flush=True)


if __name__ == '__main__':
    {'export': lambda: export(*sys.argv[2:5]), 'labels': labels, 'novelty': novelty}[sys.argv[1]]()
