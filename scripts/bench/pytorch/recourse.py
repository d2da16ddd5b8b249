"""Growing Spheres, C-CHVAE and SCFE in plain PyTorch + numpy: the reference column of the 25-recourse-torch bench.

Input: one JSON problem file written by scripts/bench/25-recourse-torch.ts, holding the trained classifiers
(dense layers, W in x out row-major), the [0, 1]-scaled factuals, the feature layout (mutable continuous and
binary columns, one-hot groups, immutable columns), every method's resolved options (the toolkit's defaults)
and the toolkit's trained C-CHVAE autoencoder; the VAE's training rows come as a raw float32 file. Both sides
therefore explain the identical model on the identical factuals with the identical hyperparameters.

Each method runs in two ways:
  loop     one factual at a time, as CARLA's `get_counterfactuals` does (`factuals.apply(..., axis=1)`): per
           factual, numpy samples each ball/shell, torch predicts the whole shell in one call, numpy picks
           the closest enemy. This is the CARLA-style reference.
  batched  every factual still searching advances one ball/shell per round, in one numpy/torch call.

GSM (docs/methods.md, Growing Spheres): the algorithm of the toolkit's gsm, not CARLA's simplified `gs`:
  shrink the first l2 ball (radius / decreaseRadius) while it holds an enemy (a point with logit > 0), then
  grow shells [r, r + step), step = (decreaseRadius - 1) r / 5, until one does (or maxShells, or the inner
  radius passes the farthest corner of the mutable box); samples are uniform in the shell volume over the
  mutable columns, then projected (continuous clipped to [0, 1], binary rounded, one-hot arg-max, immutables
  copied); the closest enemy in l2; then feature selection: revert each changed unit (column or one-hot
  group), smallest change first, when the prediction stays positive.
C-CHVAE (docs/methods.md, C-CHVAE): z0 = mu(x, c); shell t samples z0 + r g/||g||_p, r ~ U[t w, (t+1) w),
  decodes under the factual's immutable columns c, projects, and returns the candidate closest in the same
  norm among those predicted positive; at most maxShells shells. The search runs with the toolkit's VAE
  (same work on both sides); the script also trains the same architecture itself (Adam, eps 1e-7 as
  tf.train.adam, same epochs, batch size, learning rate and KL warm-up) and reports that time, plus a loop
  search with its own VAE.
SCFE: workload.py's CARLA Wachter loop (the toolkit's SCFE defaults), batched, and one factual at a time.

Rows the model already predicts positive are returned unchanged and never searched (the toolkit's contract).
Random numbers come from numpy (seeded per factual), not the toolkit's mulberry32, so single counterfactuals
differ while validity and mean cost should agree up to sampling noise.
Prints one JSON object.
"""
import argparse
import json
import math
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # importing workload.py leaves no __pycache__ in the repository
from workload import scfe as scfe_batched  # noqa: E402


class Layout:
    def __init__(self, L):
        self.d = L['d']
        self.cont = np.array(L['continuous'], dtype=np.int64)
        self.bin = np.array(L['binary'], dtype=np.int64)
        self.groups = [np.array(g, dtype=np.int64) for g in L['groups']]
        self.imm = np.array(L['immutable'], dtype=np.int64)
        self.mutable = np.array([j for j in range(self.d) if j not in set(L['immutable'])], dtype=np.int64)
        self.units = [[int(j)] for j in self.cont] + [[int(j)] for j in self.bin] + [list(map(int, g)) for g in self.groups]

    def project(self, x, fact):
        """Projects rows x [..., d] in place onto the feasible set; fact broadcasts against x (its factuals)."""
        x[..., self.cont] = np.clip(x[..., self.cont], 0, 1)
        x[..., self.bin] = (x[..., self.bin] >= 0.5).astype(x.dtype)
        for g in self.groups:
            best = np.argmax(x[..., g], axis=-1)  # first column on ties, as projectRows
            sub = np.zeros(x[..., g].shape, dtype=x.dtype)
            np.put_along_axis(sub, best[..., None], 1, axis=-1)
            x[..., g] = sub
        x[..., self.imm] = np.broadcast_to(fact, x.shape)[..., self.imm]
        return x


def dense_net(layers):
    """The toolkit's Net: dense layers, ReLU between them, one output logit."""
    mods = []
    for i, l in enumerate(layers):
        lin = torch.nn.Linear(l['inDim'], l['outDim'])
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(l['W'], dtype=torch.float32).reshape(l['inDim'], l['outDim']).T)
            lin.bias.copy_(torch.tensor(l['b'], dtype=torch.float32))
        mods.append(lin)
        if i < len(layers) - 1:
            mods.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*mods)
    for p in net.parameters():
        p.requires_grad_(False)
    return net


def logits_np(net, x):
    """Logits of float32 rows [..., d] as a numpy array [...]."""
    with torch.no_grad():
        flat = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32).reshape(-1, x.shape[-1]))
        return net(flat).squeeze(1).numpy().reshape(x.shape[:-1])


def volume_radii(rng, a0, a1, k, shape):
    """Radii uniform in the volume of the l2 shell [a0, a1) in k dimensions (inverse CDF; uniform radius if a1^k overflows)."""
    u = rng.random(shape)
    lo, hi = np.power(a0, k), np.power(a1, k)
    with np.errstate(over='ignore', invalid='ignore'):
        r = np.power(lo + u * (hi - lo), 1.0 / k)
    return np.where(np.isfinite(hi), r, a0 + u * (a1 - a0))


def shell_points(rng, center, dims, a0, a1, n, p, radial):
    """n points center + r g/||g||_p over the columns dims (other columns = center), as float32 [..., n, width]."""
    a0, a1 = np.asarray(a0, dtype=np.float64)[..., None], np.asarray(a1, dtype=np.float64)[..., None]
    lead = center.shape[:-1]
    k = len(dims)
    g = rng.standard_normal(lead + (n, k))
    norm = np.sqrt((g * g).sum(-1)) if p == 2 else np.abs(g).sum(-1)
    r = volume_radii(rng, a0, a1, k, lead + (n,)) if radial == 'volume' else a0 + rng.random(lead + (n,)) * (a1 - a0)
    scale = np.where(norm > 0, r / np.where(norm > 0, norm, 1), 0)
    out = np.repeat(center[..., None, :].astype(np.float64), n, axis=-2)
    out[..., dims] += g * scale[..., None]
    return out.astype(np.float32)


# ---------------------------------------------------------------- Growing Spheres

def gsm_sparsify_one(net, L, x, cf):
    """Feature selection for one counterfactual: revert units smallest change first while the logit stays > 0."""
    sizes = [math.sqrt(float(((cf[u].astype(np.float64) - x[u]) ** 2).sum())) for u in L.units]
    order = sorted([k for k in range(len(L.units)) if sizes[k] > 0], key=lambda k: sizes[k])
    for k in order:
        trial = cf.copy()
        trial[L.units[k]] = x[L.units[k]]
        if logits_np(net, trial[None])[0] > 0:
            cf = trial
    return cf


def gsm_one(net, L, x, o, rng):
    """Growing Spheres for one factual (float32 [d]); returns (counterfactual or None, rounds)."""
    dims = L.mutable
    max_r = o['maxRadius'] or math.hypot(*[max(float(x[j]), 1 - float(x[j])) for j in dims])
    n = o['samplesPerShell']
    phase, r, step, rounds, grown, best = 'shrink', o['firstRadius'], 0.0, 0, 0, None
    while phase != 'done':
        a0, a1 = (0.0, r) if phase == 'shrink' else (r, r + step)
        cand = L.project(shell_points(rng, x, dims, a0, a1, n, 2, 'volume'), x)
        z = logits_np(net, cand)
        pos = np.nonzero(z > 0)[0]
        enemy = None
        if len(pos):
            dist = np.sqrt(((cand[pos].astype(np.float64) - x) ** 2).sum(1))
            enemy = cand[pos[np.argmin(dist)]]
        rounds += 1
        if phase == 'shrink':
            if enemy is not None:
                best = enemy
                if rounds >= o['maxShrinks']:
                    phase = 'done'
            r /= o['decreaseRadius']
            if enemy is None:
                phase, step = 'grow', (o['decreaseRadius'] - 1) * r / 5
        elif enemy is not None:
            best, phase = enemy, 'done'
        else:
            r += step
            grown += 1
            if grown >= o['maxShells'] or r > max_r:
                phase = 'done'
    if best is not None and o['sparse']:
        best = gsm_sparsify_one(net, L, x, best)
    return best, rounds


def gsm_loop(net, L, X, o, seed):
    out, iters = X.copy(), np.zeros(X.shape[0], int)
    for i in range(X.shape[0]):
        if logits_np(net, X[i:i + 1])[0] > 0:
            continue
        cf, iters[i] = gsm_one(net, L, X[i], o, np.random.default_rng([seed, i]))
        if cf is not None:
            out[i] = cf
    return out, iters


def gsm_batched(net, L, X, o, seed):
    """The same search, every unfinished factual advancing one ball/shell per round; selection batched per unit rank."""
    rng = np.random.default_rng([seed, 1 << 20])
    n, S, dims = X.shape[0], o['samplesPerShell'], L.mutable
    out = X.copy()
    todo = np.nonzero(logits_np(net, X) <= 0)[0]
    Xs = X[todo]
    m = len(todo)
    corner = np.sqrt((np.maximum(Xs[:, dims], 1 - Xs[:, dims]).astype(np.float64) ** 2).sum(1))
    max_r = np.full(m, float(o['maxRadius'])) if o['maxRadius'] else corner
    shrink = np.ones(m, bool)
    active = np.ones(m, bool)
    r = np.full(m, float(o['firstRadius']))
    step = np.zeros(m)
    rounds = np.zeros(m, int)
    grown = np.zeros(m, int)
    has = np.zeros(m, bool)
    best = Xs.copy()
    per = max(1, (1 << 18) // S)
    while active.any():
        act = np.nonzero(active)[0]
        for s in range(0, len(act), per):
            a = act[s:s + per]
            a0 = np.where(shrink[a], 0.0, r[a])
            a1 = np.where(shrink[a], r[a], r[a] + step[a])
            cand = L.project(shell_points(rng, Xs[a], dims, a0, a1, S, 2, 'volume'), Xs[a][:, None, :])
            z = logits_np(net, cand)
            dist = np.where(z > 0, ((cand.astype(np.float64) - Xs[a][:, None, :]) ** 2).sum(-1), np.inf)
            k = np.argmin(dist, 1)
            found = np.isfinite(dist[np.arange(len(a)), k])
            rounds[a] += 1
            sh = shrink[a]
            hit = a[found]
            best[hit] = cand[np.nonzero(found)[0], k[found]]
            has[hit] = True
            # shrink phase
            sa = a[sh]
            f_sh = found[sh]
            active[sa[f_sh & (rounds[sa] >= o['maxShrinks'])]] = False
            r[sa] /= o['decreaseRadius']
            to_grow = sa[~f_sh]
            shrink[to_grow] = False
            step[to_grow] = (o['decreaseRadius'] - 1) * r[to_grow] / 5
            # grow phase
            ga = a[~sh]
            f_g = found[~sh]
            active[ga[f_g]] = False
            miss = ga[~f_g]
            r[miss] += step[miss]
            grown[miss] += 1
            active[miss[(grown[miss] >= o['maxShells']) | (r[miss] > max_r[miss])]] = False
    if o['sparse']:
        idx = np.nonzero(has)[0]
        orders = []
        for i in idx:
            sizes = [math.sqrt(float(((best[i, u].astype(np.float64) - Xs[i, u]) ** 2).sum())) for u in L.units]
            orders.append(sorted([k for k in range(len(L.units)) if sizes[k] > 0], key=lambda k: sizes[k]))
        for k in range(max([len(u) for u in orders], default=0)):
            rows = [(i, u[k]) for i, u in zip(idx, orders) if len(u) > k]
            trial = np.stack([best[i] for i, _ in rows])
            for t, (i, unit) in enumerate(rows):
                trial[t, L.units[unit]] = Xs[i, L.units[unit]]
            z = logits_np(net, trial)
            for t, (i, _) in enumerate(rows):
                if z[t] > 0:
                    best[i] = trial[t]
    out[todo[has]] = best[has]
    iters = np.zeros(n, int)
    iters[todo] = rounds
    return out, iters


# ---------------------------------------------------------------- C-CHVAE

class Vae(torch.nn.Module):
    """The toolkit's conditional VAE: encoder [m + c, ...hidden] (ReLU), mu / logVar heads, decoder [latent + c, ...hidden reversed, m]."""

    def __init__(self, mutable, cond, hidden, latent):
        super().__init__()
        self.mutable, self.cond, self.latent = list(mutable), list(cond), latent
        m, c = len(mutable), len(cond)
        enc, dec = [m + c, *hidden], [latent + c, *reversed(hidden), m]
        self.enc = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(enc, enc[1:]))
        self.mu = torch.nn.Linear(enc[-1], latent)
        self.logvar = torch.nn.Linear(enc[-1], latent)
        self.dec = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(dec, dec[1:]))
        for lin in self.all_layers():
            torch.nn.init.xavier_uniform_(lin.weight)
            torch.nn.init.zeros_(lin.bias)

    def all_layers(self):
        return [*self.enc, self.mu, self.logvar, *self.dec]

    @staticmethod
    def from_weights(w):
        hidden = [l['outDim'] for l in w['encoder']]
        v = Vae(w['mutableCols'], w['condCols'], hidden, w['latent'])
        for lin, l in zip(v.all_layers(), [*w['encoder'], w['mu'], w['logVar'], *w['decoder']]):
            with torch.no_grad():
                lin.weight.copy_(torch.tensor(l['W'], dtype=torch.float32).reshape(l['inDim'], l['outDim']).T)
                lin.bias.copy_(torch.tensor(l['b'], dtype=torch.float32))
        return v

    def encode(self, xm, c):
        h = torch.cat([xm, c], 1) if self.cond else xm
        for lin in self.enc:
            h = torch.relu(lin(h))
        return self.mu(h), self.logvar(h)

    def decode_logits(self, z, c):
        h = torch.cat([z, c], 1) if self.cond else z
        for i, lin in enumerate(self.dec):
            h = lin(h)
            if i < len(self.dec) - 1:
                h = torch.relu(h)
        return h


def train_vae(x, o, mutable, cond, seed):
    """Minibatch Adam on the negative ELBO (BCE summed over columns + beta KL, beta = klWeight epoch / epochs)."""
    torch.manual_seed(seed)
    v = Vae(mutable, cond, o['hidden'], o['latent'])
    opt = torch.optim.Adam(v.parameters(), lr=o['learningRate'], eps=1e-7)
    X = torch.from_numpy(x)
    xm, c = X[:, mutable], X[:, cond]
    gen = torch.Generator().manual_seed(seed + 1)
    n, bs = X.shape[0], o['batchSize']
    history = []
    for epoch in range(o['epochs']):
        beta = o['klWeight'] * epoch / o['epochs']
        perm = torch.randperm(n, generator=gen)
        total = 0.0
        for s in range(0, n, bs):
            idx = perm[s:s + bs]
            xb, cb = xm[idx], c[idx]
            mu, lv = v.encode(xb, cb)
            z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
            logits = v.decode_logits(z, cb)
            bce = (F.softplus(logits) - xb * logits).sum(1)
            kl = 0.5 * (mu.square() + lv.exp() - lv - 1).sum(1)
            loss = (bce + beta * kl).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)  # read every step, as the toolkit's trainer does
        history.append(total / n)
    for p in v.parameters():
        p.requires_grad_(False)
    return v, history


def pnorm(v, p):
    return np.abs(v).sum(-1) if p == 1 else np.sqrt((v * v).sum(-1))


def cchvae_candidates(vae, L, z, facts):
    """Decodes latent codes z [..., k] under their factuals' immutable columns and projects the full rows."""
    shape = z.shape[:-1]
    fb = np.broadcast_to(facts, shape + (facts.shape[-1],))
    cond = np.ascontiguousarray(fb[..., vae.cond], dtype=np.float32).reshape(-1, len(vae.cond))
    with torch.no_grad():
        dec = torch.sigmoid(vae.decode_logits(torch.from_numpy(z.reshape(-1, z.shape[-1]).astype(np.float32)), torch.from_numpy(cond))).numpy()
    cand = np.array(fb, dtype=np.float32)
    cand[..., vae.mutable] = dec.reshape(shape + (len(vae.mutable),))
    return L.project(cand, facts)


def encode_np(vae, X):
    with torch.no_grad():
        t = torch.from_numpy(np.ascontiguousarray(X, dtype=np.float32))
        return vae.encode(t[:, vae.mutable], t[:, vae.cond])[0].numpy().astype(np.float64)


def cchvae_one(net, vae, L, x, o, rng):
    """C-CHVAE for one factual; returns (counterfactual or None, latent radius, shells)."""
    p = 1 if o['norm'] == 'l1' else 2
    z0 = encode_np(vae, x[None])[0]
    dims = list(range(vae.latent))
    for t in range(o['maxShells']):
        zs = shell_points(rng, z0, dims, t * o['shellWidth'], (t + 1) * o['shellWidth'], o['samplesPerShell'], p, 'radius')
        cand = cchvae_candidates(vae, L, zs, x)
        z = logits_np(net, cand)
        pos = np.nonzero(z > 0)[0]
        if len(pos):
            dist = pnorm(cand[pos].astype(np.float64) - x, p)
            b = pos[np.argmin(dist)]
            return cand[b], float(pnorm(zs[b].astype(np.float64) - z0, p)), t + 1
    return None, math.nan, o['maxShells']


def cchvae_loop(net, vae, L, X, o, seed):
    out, iters = X.copy(), np.zeros(X.shape[0], int)
    for i in range(X.shape[0]):
        if logits_np(net, X[i:i + 1])[0] > 0:
            continue
        cf, _, iters[i] = cchvae_one(net, vae, L, X[i], o, np.random.default_rng([seed, i]))
        if cf is not None:
            out[i] = cf
    return out, iters


def cchvae_batched(net, vae, L, X, o, seed):
    rng = np.random.default_rng([seed, 1 << 20])
    p = 1 if o['norm'] == 'l1' else 2
    out, iters = X.copy(), np.zeros(X.shape[0], int)
    todo = np.nonzero(logits_np(net, X) <= 0)[0]
    z0 = encode_np(vae, X[todo]) if len(todo) else np.zeros((0, vae.latent))
    active = np.ones(len(todo), bool)
    dims = list(range(vae.latent))
    for t in range(o['maxShells']):
        a = np.nonzero(active)[0]
        if not len(a):
            break
        iters[todo[a]] = t + 1
        facts = X[todo[a]][:, None, :]
        zs = shell_points(rng, z0[a], dims, np.full(len(a), t * o['shellWidth']), np.full(len(a), (t + 1) * o['shellWidth']), o['samplesPerShell'], p, 'radius')
        cand = cchvae_candidates(vae, L, zs, facts)
        z = logits_np(net, cand)
        dist = np.where(z > 0, pnorm(cand.astype(np.float64) - facts, p), np.inf)
        k = np.argmin(dist, 1)
        found = np.isfinite(dist[np.arange(len(a)), k])
        out[todo[a[found]]] = cand[np.nonzero(found)[0], k[found]]
        active[a[found]] = False
    return out, iters


# ---------------------------------------------------------------- SCFE

def scfe_roles(L):
    d = L.d
    cont, binm, mutable = torch.zeros(d), torch.zeros(d), torch.zeros(d)
    cont[L.cont] = 1
    binm[L.bin] = 1
    mutable[L.mutable] = 1
    return {'cont': cont, 'bin': binm, 'mutable': mutable}


def scfe_run(net, L, X, o, one_at_a_time):
    if L.groups:
        raise SystemExit('recourse.py: SCFE here (workload.py) has no one-hot groups; the adult layout has none')
    if (o['norm'], o['loss'], o['rounds'], o['amsgrad'], o['carla']) != ('l1', 'bce', 1, True, False):
        raise SystemExit('recourse.py: SCFE here (workload.py) is the default objective only: l1 distance, BCE loss, one round, AMSGrad')
    roles = scfe_roles(L)
    out = X.copy()  # workload.py's loop does not report its step counts: no iterations column
    todo = np.nonzero(logits_np(net, X) <= 0)[0]
    args = dict(lam=o['lambda'], lr=o['learningRate'], max_iter=o['maxSteps'])
    if one_at_a_time:
        for i in todo:
            cf, _ = scfe_batched(net, torch.from_numpy(X[i:i + 1]), roles, **args)
            out[i] = cf.numpy()[0]
    elif len(todo):
        cf, _ = scfe_batched(net, torch.from_numpy(X[todo]), roles, **args)
        out[todo] = cf.numpy()
    return out, None


# ---------------------------------------------------------------- ROAR

def roar_search(L, x0, W, b, o):
    """ROAR's robust search (closed-form inner maximum) against given per-row linear surrogates, batched over the rows."""
    roles = scfe_roles(L)
    n = x0.shape[0]
    fixed = x0 * (1 - roles['mutable'])
    col = roles['mutable'][None, :]
    x = x0.clone().requires_grad_(True)
    opt = torch.optim.Adam([x], lr=o['learningRate'], amsgrad=o['amsgrad'])
    done = torch.zeros(n, dtype=torch.bool)
    result, iters = x0.clone(), torch.zeros(n)
    for k in range(o['maxSteps'] + 1):
        with torch.no_grad():
            c = x.clamp(0, 1)
            p = c * roles['cont'] + c.round() * roles['bin'] + fixed
        xt = x + (p - x).detach()
        worst = (W * xt).sum(1) + b - o['deltaMax'] * (xt.abs().sum(1) + 1)
        loss = F.softplus(-worst) + o['lambda'] * (x - x0).abs().sum(1)
        free = ~done
        result[free] = p[free]
        iters[free] = k
        done |= worst.detach() > 0
        if k == o['maxSteps']:
            break
        opt.zero_grad(set_to_none=True)
        loss.sum().backward()
        with torch.no_grad():
            x.grad *= col * (~done)[:, None].float()
        opt.step()
        with torch.no_grad():
            x.clamp_(0, 1)
        if k % 10 == 0 and bool(done.all()):
            break
    return result, iters


def roar_run(net, L, X, sur, o, one_at_a_time):
    if L.groups:
        raise SystemExit('recourse.py: ROAR here has no one-hot groups; the adult layout has none')
    if (o['norm'], o['stop']) != ('l1', 'robust'):
        raise SystemExit('recourse.py: ROAR here is the default objective only: l1 distance, robust stop')
    n, d = X.shape
    W = torch.tensor(sur['W'], dtype=torch.float32).reshape(n, d)
    b = torch.tensor(sur['b'], dtype=torch.float32)
    out, iters = X.copy(), np.zeros(n)
    todo = np.nonzero(logits_np(net, X) <= 0)[0]
    with torch.enable_grad():
        if one_at_a_time:
            for i in todo:
                cf, it = roar_search(L, torch.from_numpy(X[i:i + 1]), W[i:i + 1], b[i:i + 1], o)
                out[i], iters[i] = cf.numpy()[0], it.numpy()[0]
        elif len(todo):
            cf, it = roar_search(L, torch.from_numpy(X[todo]), W[todo], b[todo], o)
            out[todo], iters[todo] = cf.numpy(), it.numpy()
    return out, iters


# ---------------------------------------------------------------- main

def summary(net, X, result, seconds, cpu):
    out, iters = result
    valid = logits_np(net, out) > 0
    l2 = np.sqrt(((out.astype(np.float64) - X) ** 2).sum(1))
    nv = int(valid.sum())
    return {'seconds': seconds, 'cpuSeconds': cpu, 'n': int(X.shape[0]), 'valid': nv, 'validity': nv / X.shape[0],
            'meanCostValid': float(l2[valid].mean()) if nv else None, 'meanIterations': None if iters is None else float(np.mean(iters))}


def timed(fn):
    """fn's result, its wall seconds and its process CPU seconds (the latter is steadier on a busy machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--problem', required=True, help='JSON problem file written by 25-recourse-torch.ts')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--methods', default='scfe,gsm,cchvae')
    ap.add_argument('--variants', default='loop,batched')
    ap.add_argument('--roar-variants', default='batched', help="ROAR's variants (its one-factual loop takes over a minute at ε = 0.1)")
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    with open(a.problem) as f:
        P = json.load(f)
    L = Layout(P['layout'])
    X = np.array(P['factuals']['data'], dtype=np.float32).reshape(P['factuals']['rows'], P['factuals']['cols'])
    methods, variants = a.methods.split(','), a.variants.split(',')
    vae = Vae.from_weights(P['vae']['weights']) if P['vae'] else None
    for p in vae.parameters() if vae else []:
        p.requires_grad_(False)
    rows, extra = [], {}
    if 'cchvae' in methods:
        tr = np.fromfile(P['train']['file'], dtype=np.float32).reshape(P['train']['rows'], P['train']['cols'])
        w = P['vae']['weights']
        (own, history), secs, cpu = timed(lambda: train_vae(tr, P['vae']['options'], w['mutableCols'], w['condCols'], a.seed))
        extra['vaeTrain'] = {'seconds': secs, 'cpuSeconds': cpu, 'epochs': P['vae']['options']['epochs'], 'finalLoss': history[-1]}
    warm = True  # one untimed loop call per method on two factuals first, as the TypeScript side does
    for m in P['models']:
        net = dense_net(m['layers'])
        runs = {
            'scfe': {'loop': lambda: scfe_run(net, L, X, P['options']['scfe'], True), 'batched': lambda: scfe_run(net, L, X, P['options']['scfe'], False)},
            'gsm': {'loop': lambda: gsm_loop(net, L, X, P['options']['gsm'], a.seed), 'batched': lambda: gsm_batched(net, L, X, P['options']['gsm'], a.seed)},
            'cchvae': {'loop': lambda: cchvae_loop(net, vae, L, X, P['options']['cchvae'], a.seed),
                       'batched': lambda: cchvae_batched(net, vae, L, X, P['options']['cchvae'], a.seed),
                       'loop, own VAE': lambda: cchvae_loop(net, own, L, X, P['options']['cchvae'], a.seed)},
            'roar': {'loop': lambda: roar_run(net, L, X, m['surrogates'], P['options']['roar'], True),
                     'batched': lambda: roar_run(net, L, X, m['surrogates'], P['options']['roar'], False)},
        }
        if warm:
            for method in methods:
                {'scfe': lambda: scfe_run(net, L, X[:2], P['options']['scfe'], True), 'gsm': lambda: gsm_loop(net, L, X[:2], P['options']['gsm'], a.seed),
                 'cchvae': lambda: cchvae_loop(net, vae, L, X[:2], P['options']['cchvae'], a.seed),
                 'roar': lambda: roar_run(net, L, X, m['surrogates'], P['options']['roar'], False)}[method]()
            warm = False
        for method in methods:
            for variant, fn in runs[method].items():
                if variant.split(',')[0] not in (a.roar_variants.split(',') if method == 'roar' else variants):
                    continue
                result, secs, cpu = timed(fn)
                rows.append({'eps': m['eps'], 'method': method, 'variant': variant, **summary(net, X, result, secs, cpu)})
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps(allow_nan=False, obj={'side': 'pytorch', 'torch': torch.__version__, 'threads': a.threads, 'rows': rows, **extra,
                                          'cpuSeconds': ru.ru_utime + ru.ru_stime, 'peakRssMB': ru.ru_maxrss / 1024}))


if __name__ == '__main__':
    main()
