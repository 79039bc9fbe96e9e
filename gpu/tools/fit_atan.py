"""Coefficients of VectorMath.reducedAtan: atan v = v + v^3 P(v^2) on |v| <= tan(pi/8).

P of degree 4 is fitted to (atan sqrt(u) - sqrt(u)) / u^(3/2) on u in [0, tan^2(pi/8)], with the
error weighted by u (the error it makes in atan v, relative), by iteratively reweighted least
squares (Lawson's algorithm) on 4000 Chebyshev nodes, the target evaluated with mpmath at 40
digits. Prints the coefficients as Java float literals and the weighted maximum error.
Run: python3 gpu/tools/fit_atan.py (needs numpy and mpmath).
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
DEGREE = 4
NODES = 4000
hi = float(mp.tan(mp.pi / 8)) ** 2
k = np.arange(NODES)
u = 0.5 * hi + 0.5 * hi * np.cos(np.pi * (k + 0.5) / NODES)
target = np.array([float((mp.atan(mp.sqrt(mp.mpf(x))) - mp.sqrt(mp.mpf(x)))
                         / (mp.mpf(x) * mp.sqrt(mp.mpf(x)))) for x in u])
A = np.array([[x ** j for j in range(DEGREE + 1)] for x in u]) * u[:, None]
b = target * u
w = np.ones(NODES)
for _ in range(200):
    c, *_ = np.linalg.lstsq(A * np.sqrt(w)[:, None], b * np.sqrt(w), rcond=None)
    e = np.abs(A @ c - b)
    w = w * e
    w /= w.sum()
print("max weighted error", np.max(np.abs(A @ c - b)))
for j, cj in enumerate(c):
    print("A%d = %sf;" % (j, repr(float(np.float32(cj)))))
