"""The benchmark workload in plain PyTorch: the reference column of `npm run bench`.

The same steps as `recourse sweep --models lr,lr-closed,mlp --scfe-factuals N` on one dataset:
  data      <dataset>-train/-test.csv, min-max scaling fitted on train (test clipped to [0, 1])
  models    lr = Linear(d, 1); mlp = Linear(d, 2d) -> ReLU -> Linear(2d, 1); Glorot-uniform weights, zero biases
  train     Adam(lr, eps 1e-7 as tf.train.adam), batch 256, a fresh shuffle per epoch, mean logistic loss softplus(-y*z) with y in {-1, 1};
            lr / mlp at eps > 0: Madry PGD-7 on every minibatch (uniform random start in the eps-ball, step
            2.5*eps/7 along sign(grad_x loss), projected onto the eps-ball and [0, 1]^d);
            lr-closed: the eq. 16 closed-form robust loss softplus(-(y*z - eps*||w||_1)), no attack
  eval      clean test accuracy; PGD-20 accuracy (no random start, batches of 4096) at the training eps
            (0.1 for eps = 0); for linear models also the exact worst-case accuracy
  scfe      per model kind: the first N test rows the eps = 0 model predicts negative; for every model of the
            kind, CARLA's Wachter loop batched over those factuals (one [n, d] tensor): Adam with AMSGrad,
            lr 0.01, loss softplus(-logit(p)) + lambda*||x - x0||_1 (lambda = 0.01), p = the feasible point
            (continuous columns clipped, binary columns rounded, immutable columns fixed; straight-through
            gradient), x clamped to [0, 1] after each step, a row stops at its first p with logit > 0,
            at most 1000 steps; the loop ends when every row has stopped (checked every 10 steps)

Prints one JSON object: per-stage seconds (train, eval, scfe, total), process CPU seconds, peak RSS, threads,
and one row per model.
Differences from the TypeScript side that do not change the work: random numbers come from torch's
generator, not the toolkit's mulberry32, and d|x|/dx at 0 is 0 here (tfjs uses -1).
"""
import argparse
import json
import resource
import time

import numpy as np
import torch
import torch.nn.functional as F

EPS_GRID = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]
SPECS = {
    'adult': {'label': 'income', 'binary_from': 6, 'immutable': ['age', 'sex_Male']},
    'compas': {'label': 'risk', 'binary': ['two_year_recid', 'c_charge_degree_F', 'sex_Female', 'race'],
               'immutable': ['age', 'sex_Female', 'race']},
    'german': None,
}


def load(data_dir, name):
    """Scaled train/test splits and the column roles of the dataset."""
    spec = SPECS.get(name)
    if spec is None:
        raise SystemExit(f'workload.py: dataset {name!r} is not supported here; use adult or compas')

    def read(part):
        path = f'{data_dir}/{name}-{part}.csv'
        with open(path) as f:
            header = f.readline().strip().split(',')
        raw = np.loadtxt(path, delimiter=',', skiprows=1, dtype=np.float32, ndmin=2)
        li = header.index(spec['label'])
        feats = [c for i, c in enumerate(header) if i != li]
        return feats, np.delete(raw, li, axis=1), raw[:, li]

    feats, xtr, ytr = read('train')
    _, xte, yte = read('test')
    lo, hi = xtr.min(0).astype(np.float64), xtr.max(0).astype(np.float64)
    rng = np.where(hi > lo, hi - lo, 1.0)
    scale = lambda x: np.clip(np.where(hi > lo, (x - lo) / rng, 0.0), 0, 1).astype(np.float32)
    binary = set(feats[spec['binary_from']:]) if 'binary_from' in spec else set(spec['binary'])
    immutable = set(spec['immutable'])
    cont = torch.tensor([float(c not in binary and c not in immutable) for c in feats])
    binm = torch.tensor([float(c in binary and c not in immutable) for c in feats])
    mutable = torch.tensor([float(c not in immutable) for c in feats])
    return (torch.from_numpy(scale(xtr)), torch.from_numpy(ytr), torch.from_numpy(scale(xte)), torch.from_numpy(yte),
            {'cont': cont, 'bin': binm, 'mutable': mutable})


def make_model(kind, d, seed):
    """LR or the one-hidden-layer ReLU MLP (width 2d), Glorot-uniform weights and zero biases."""
    torch.manual_seed(seed)
    layers = [torch.nn.Linear(d, 1)] if kind != 'mlp' else [torch.nn.Linear(d, 2 * d), torch.nn.ReLU(), torch.nn.Linear(2 * d, 1)]
    for l in layers:
        if isinstance(l, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(l.weight)
            torch.nn.init.zeros_(l.bias)
    return torch.nn.Sequential(*layers)


def logits(model, x):
    return model(x).squeeze(1)


def pgd(model, x, ys, eps, steps, random_start):
    """Madry l_inf PGD on the logistic loss, projected onto the eps-ball and [0, 1]^d."""
    alpha = 2.5 * eps / steps
    lo, hi = (x - eps).clamp(min=0), (x + eps).clamp(max=1)
    xa = torch.max(torch.min(x + torch.empty_like(x).uniform_(-eps, eps), hi), lo) if random_start else x.clone()
    for _ in range(steps):
        xa.requires_grad_(True)
        loss = F.softplus(-ys * logits(model, xa)).sum()
        (g,) = torch.autograd.grad(loss, xa)
        xa = torch.max(torch.min(xa.detach() + alpha * g.sign(), hi), lo)
    return xa.detach()


def train(kind, eps, xtr, ytr, a):
    model = make_model(kind, xtr.shape[1], a.seed)
    opt = torch.optim.Adam(model.parameters(), lr=a.learning_rate, eps=1e-7)
    gen = torch.Generator().manual_seed(a.seed)
    n = xtr.shape[0]
    ys_all = 2 * ytr - 1
    for _ in range(a.epochs):
        perm = torch.randperm(n, generator=gen)
        total = torch.zeros(())
        for s in range(0, n, a.batch_size):
            idx = perm[s:s + a.batch_size]
            xb, ys = xtr[idx], ys_all[idx]
            if kind == 'lr-closed':
                w = model[0].weight
                loss = F.softplus(-(ys * logits(model, xb) - eps * w.abs().sum())).mean()
            else:
                xa = pgd(model, xb, ys, eps, 7, True) if eps > 0 else xb
                loss = F.softplus(-ys * logits(model, xa)).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.detach() * len(idx)
        float(total) / n  # the epoch loss, read once per epoch as the TypeScript side does
    return model


def evaluate(model, kind, eps, xte, yte):
    """Clean, PGD-20 and (linear models) exact worst-case test accuracy."""
    ev = eps if eps > 0 else 0.1
    ys = 2 * yte - 1
    with torch.no_grad():
        acc = ((logits(model, xte) > 0).float() == yte).float().mean().item()
    advs = [pgd(model, xte[s:s + 4096], ys[s:s + 4096], ev, 20, False) for s in range(0, xte.shape[0], 4096)]
    with torch.no_grad():
        adv = ((logits(model, torch.cat(advs)) > 0).float() == yte).float().mean().item()
        exact = None
        if kind != 'mlp':
            w = model[0].weight[0]
            xw = (xte - ev * ys[:, None] * w.sign()[None, :]).clamp(0, 1)
            exact = ((logits(model, xw) > 0).float() == yte).float().mean().item()
    return {'accuracy': acc, 'advAccuracy': adv, 'exactAdvAccuracy': exact, 'evalEps': ev}


def scfe(model, x0, roles, lam=0.01, lr=0.01, max_iter=1000, check_every=10):
    """Wachter / CARLA SCFE batched over the factuals; returns (counterfactuals, found)."""
    for p in model.parameters():
        p.requires_grad_(False)
    n = x0.shape[0]
    fixed = x0 * (1 - roles['mutable'])
    col = roles['mutable'][None, :]
    x = x0.clone().requires_grad_(True)
    opt = torch.optim.Adam([x], lr=lr, amsgrad=True)
    done = torch.zeros(n, dtype=torch.bool)
    result = x0.clone()
    for k in range(max_iter + 1):
        with torch.no_grad():
            c = x.clamp(0, 1)
            p = c * roles['cont'] + c.round() * roles['bin'] + fixed
        xt = x + (p - x).detach()
        z = logits(model, xt)
        loss = (F.softplus(-z) + lam * (x - x0).abs().sum(1)).sum()
        free = ~done
        result[free] = p[free]
        done |= z.detach() > 0
        if k == max_iter:
            break
        opt.zero_grad(set_to_none=True)
        loss.backward()
        with torch.no_grad():
            x.grad *= col * (~done)[:, None].float()
        opt.step()
        with torch.no_grad():
            x.clamp_(0, 1)
        if k % check_every == 0 and bool(done.all()):
            break
    for p in model.parameters():
        p.requires_grad_(True)
    with torch.no_grad():
        found = logits(model, result) > 0
    return result, found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data-dir', required=True)
    ap.add_argument('--dataset', default='adult')
    ap.add_argument('--models', default='lr,lr-closed,mlp')
    ap.add_argument('--eps-grid', default=','.join(map(str, EPS_GRID)))
    ap.add_argument('--epochs', type=int, default=30)
    ap.add_argument('--learning-rate', type=float, default=1e-3)
    ap.add_argument('--batch-size', type=int, default=256)
    ap.add_argument('--scfe-factuals', type=int, default=200)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    t_start = time.perf_counter()
    xtr, ytr, xte, yte, roles = load(a.data_dir, a.dataset)
    grid = [float(e) for e in a.eps_grid.split(',')]
    secs = {'train': 0.0, 'eval': 0.0, 'scfe': 0.0}
    rows = []
    for kind in a.models.split(','):
        models = []
        for eps in grid:
            t0 = time.perf_counter()
            m = train(kind, eps, xtr, ytr, a)
            t1 = time.perf_counter()
            r = evaluate(m, kind, eps, xte, yte)
            t2 = time.perf_counter()
            secs['train'] += t1 - t0
            secs['eval'] += t2 - t1
            models.append(m)
            rows.append({'model': kind, 'eps': eps, **r, 'trainSeconds': t1 - t0})
        if a.scfe_factuals > 0:
            t0 = time.perf_counter()
            ref = models[grid.index(0.0)] if 0.0 in grid else models[0]
            with torch.no_grad():
                neg = (logits(ref, xte) <= 0).nonzero().squeeze(1)[:a.scfe_factuals]
            x0 = xte[neg]
            for m, row in zip(models, rows[-len(grid):]):
                row['scfeFactuals'] = int(x0.shape[0])
                if x0.shape[0]:  # a reference that predicts every test point positive leaves nothing to explain
                    cf, found = scfe(m, x0, roles)
                    row['scfeValidity'] = found.float().mean().item()
            secs['scfe'] += time.perf_counter() - t0
    total = time.perf_counter() - t_start
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps(allow_nan=False, obj={'dataset': a.dataset, 'side': 'pytorch', 'torch': torch.__version__, 'threads': a.threads,
                      'epochs': a.epochs, 'seconds': {**secs, 'total': total}, 'cpuSeconds': ru.ru_utime + ru.ru_stime,
                      'peakRssMB': ru.ru_maxrss / 1024, 'rows': rows}))


if __name__ == '__main__':
    main()
