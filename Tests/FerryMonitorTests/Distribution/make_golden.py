#!/usr/bin/env python3
"""Writes DistributionGoldenCases.swift: expected scores of Evidently's own stattests.

Run with the Evidently virtualenv (evidently 0.7.23, scipy 1.17.1, numpy 2.4.x, pandas 2.3.x):

    /tmp/evvenv/bin/python Tests/FerryMonitorTests/Distribution/make_golden.py

The data are not stored: both this script and GoldenData.swift generate them from the same seeds with
SplitMix64 and only exactly-rounded arithmetic (+, -, *, /, floor), so Python and Swift see identical
doubles. Python hands Evidently the values in generation order (unsorted), as a DataFrame column would
be; Swift sorts them, as DriftSample requires.
"""

import math
import sys
import os
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy import special, stats

import evidently
from evidently.legacy.calculations.stattests import (
    chi_stat_test,
    hellinger_stat_test,
    jensenshannon_stat_test,
    kl_div_stat_test,
    ks_stat_test,
    psi_stat_test,
    wasserstein_stat_test,
    z_stat_test,
)
from evidently.legacy.core import ColumnType

warnings.filterwarnings("ignore")

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)

    def irwin_hall(self):
        total = 0.0
        for _ in range(12):
            total += self.uniform()
        return total - 6.0


# Shapes, mirrored by GoldenData.swift: ("normal", mean, sd), ("cubed", mean, sd), ("uniform", low, width),
# ("integers", low, count), ("constant", value), ("values", [..]).
def numeric_values(seed, count, shape, quantum=0.0):
    rng = SplitMix64(seed)
    kind = shape[0]
    out = []
    for i in range(count):
        if kind == "normal":
            v = shape[1] + shape[2] * rng.irwin_hall()
        elif kind == "cubed":
            z = rng.irwin_hall()
            v = shape[1] + shape[2] * (z * z * z)
        elif kind == "uniform":
            v = shape[1] + shape[2] * rng.uniform()
        elif kind == "integers":
            v = shape[1] + math.floor(rng.uniform() * shape[2])
        elif kind == "constant":
            v = shape[1]
        elif kind == "values":
            v = shape[1][i]
        else:
            raise ValueError(kind)
        if quantum > 0:
            v = math.floor(v / quantum + 0.5) * quantum
        out.append(float(v))
    return out


def categorical_codes(seed, count, weights):
    rng = SplitMix64(seed)
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    codes = []
    for _ in range(count):
        u = rng.uniform() * total
        code = len(weights) - 1
        for index, bound in enumerate(cumulative):
            if u < bound:
                code = index
                break
        codes.append(code)
    return codes


def fixed_codes(count, shares):
    """Rows of code 0, then 1, ...: round(count * share) of each (the A1 golden inputs)."""
    codes = []
    for code, share in enumerate(shares):
        codes += [code] * int(round(count * share))
    return codes


NUMERICAL_TESTS = [
    ("ks", ks_stat_test),
    ("wasserstein", wasserstein_stat_test),
    ("psi", psi_stat_test),
    ("jensenshannon", jensenshannon_stat_test),
    ("kl_div", kl_div_stat_test),
    ("hellinger", hellinger_stat_test),
    ("chisquare", chi_stat_test),
    ("z", z_stat_test),
]
CATEGORICAL_TESTS = [
    ("chisquare", chi_stat_test),
    ("z", z_stat_test),
    ("jensenshannon", jensenshannon_stat_test),
    ("psi", psi_stat_test),
    ("kl_div", kl_div_stat_test),
    ("hellinger", hellinger_stat_test),
]


def evidently_score(test, reference, current, column_type):
    try:
        return float(test(reference.copy(), current.copy(), column_type, None).drift_score)
    except ValueError:
        return float("nan")


def normal(mean=0.0, sd=1.0):
    return ("normal", mean, sd)


# (name, (seed, count, shape, quantum), (seed, count, shape, quantum), integer_dtype, skip)
NUMERICAL_CASES = [
    ("same-normal-200", (1, 200, normal(), 0.0), (2, 200, normal(), 0.0), False, ()),
    ("shifted-normal-300-250", (3, 300, normal(), 0.0), (4, 250, normal(0.3), 0.0), False, ()),
    ("scaled-normal-1000-700", (5, 1000, normal(), 0.0), (6, 700, normal(0, 1.4), 0.0), False, ()),
    ("tiny-3-4", (7, 3, normal(), 0.0), (8, 4, normal(0.5), 0.0), False, ()),
    ("tiny-1-1", (9, 1, normal(), 0.0), (10, 1, normal(), 0.0), False, ()),
    ("tiny-1-5", (11, 1, normal(), 0.0), (12, 5, normal(), 0.0), False, ()),
    ("small-5-5", (13, 5, normal(), 0.0), (14, 5, normal(1.0), 0.0), False, ()),
    ("small-7-11", (15, 7, normal(), 0.0), (16, 11, normal(0.8), 0.0), False, ()),
    ("small-10-30", (17, 10, normal(), 0.0), (18, 30, normal(-0.5), 0.0), False, ()),
    ("small-30-12", (19, 30, normal(), 0.0), (20, 12, normal(0.2, 2.0), 0.0), False, ()),
    ("small-ties-20-25", (21, 20, normal(), 0.5), (22, 25, normal(0.3), 0.5), False, ()),
    (
        "interleaved-7-7",
        (0, 7, ("values", [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]), 0.0),
        (0, 7, ("values", [1.0, 3.0, 5.0, 7.0, 9.0, 11.0, 13.0]), 0.0),
        False,
        (),
    ),
    (
        "interleaved-30-30",
        (0, 30, ("values", [2.0 * i for i in range(30)]), 0.0),
        (0, 30, ("values", [2.0 * i + 1.0 for i in range(30)]), 0.0),
        False,
        (),
    ),
    ("ties-quantum-1000-800", (23, 1000, normal(), 0.25), (24, 800, normal(0.1), 0.25), False, ()),
    ("heavy-ties-3-values", (25, 900, ("integers", 0.0, 3.0), 0.0), (26, 1100, ("integers", 0.0, 3.0), 0.0), False, ()),
    ("heavy-ties-2-values", (27, 800, ("integers", 5.0, 2.0), 0.0), (28, 600, ("integers", 5.0, 2.0), 0.0), False, ()),
    ("five-values-shift", (29, 1500, ("integers", 0.0, 5.0), 0.0), (30, 1500, ("integers", 1.0, 5.0), 0.0), False, ()),
    ("constant-same", (31, 50, ("constant", 1.0), 0.0), (32, 60, ("constant", 1.0), 0.0), False, ()),
    ("constant-different", (33, 50, ("constant", 1.0), 0.0), (34, 60, ("constant", 2.5), 0.0), False, ()),
    ("constant-vs-normal", (35, 40, ("constant", 0.0), 0.0), (36, 45, normal(), 0.0), False, ()),
    ("twenty-values", (37, 3000, ("integers", 0.0, 20.0), 0.0), (38, 2500, ("integers", 2.0, 20.0), 0.0), False, ()),
    ("twenty-one-values", (39, 3000, ("integers", 0.0, 21.0), 0.0), (40, 2500, ("integers", 2.0, 21.0), 0.0), False, ()),
    ("cubed-heavy-tails", (41, 2000, ("cubed", 0.0, 1.0), 0.0), (42, 2400, ("cubed", 0.2, 1.0), 0.0), False, ()),
    ("large-offset-small-spread", (43, 1500, normal(1.0e6, 1.0e-3), 0.0), (44, 1500, normal(1.0e6, 1.2e-3), 0.0), False, ()),
    ("negative-values", (45, 1200, normal(-50.0, 10.0), 0.0), (46, 1300, normal(-52.0, 10.0), 0.0), False, ()),
    ("exact-equal-10000", (47, 10000, normal(), 0.0), (48, 10000, normal(0.02), 0.0), False, ()),
    ("exact-unequal-10000-9000", (49, 10000, normal(), 0.0), (50, 9000, normal(0.03), 0.0), False, ()),
    ("exact-coprime-10000-9999", (51, 10000, normal(), 0.0), (52, 9999, normal(0.01), 0.0), False, ()),
    ("asymptotic-10001-10000", (53, 10001, normal(), 0.0), (54, 10000, normal(0.03), 0.0), False, ()),
    ("asymptotic-20000", (55, 20000, normal(), 0.0), (56, 20000, normal(), 0.0), False, ()),
    ("asymptotic-20000-shift", (57, 20000, normal(), 0.0), (58, 20000, normal(0.05), 0.0), False, ()),
    ("asymptotic-20000-15000-shift", (59, 20000, normal(), 0.0), (60, 15000, normal(0.1), 0.0), False, ()),
    ("asymptotic-big-shift", (61, 12000, normal(), 0.0), (62, 12000, normal(0.3), 0.0), False, ()),
    ("asymptotic-20000-100", (63, 20000, normal(), 0.0), (64, 100, normal(0.2), 0.0), False, ()),
    ("asymptotic-30000-40", (65, 30000, normal(), 0.0), (66, 40, normal(), 0.0), False, ()),
    ("asymptotic-20000-130-shift", (67, 20000, normal(), 0.0), (68, 130, normal(0.5), 0.0), False, ()),
    ("asymptotic-20000-3", (69, 20000, normal(), 0.0), (70, 3, normal(), 0.0), False, ()),
    ("asymptotic-ties-50000", (71, 50000, normal(), 0.1), (72, 40000, normal(0.01), 0.1), False, ()),
    ("pelz-good-250000", (73, 250000, ("uniform", 0.0, 1.0), 0.0), (74, 250000, ("uniform", 0.0, 1.0), 0.0), False, ()),
    ("smirnov-250000-shift", (75, 250000, ("uniform", 0.0, 1.0), 0.0), (76, 250000, ("uniform", 0.004, 1.0), 0.0), False, ()),
    ("int-dtype-21-values-300000", (77, 300000, ("integers", 0.0, 21.0), 0.0), (78, 300000, ("integers", 0.0, 21.0), 0.0), True, ()),
    ("int-dtype-two-values", (79, 500, ("integers", 0.0, 2.0), 0.0), (80, 400, ("integers", 0.0, 2.0), 0.0), True, ()),
    ("int-dtype-three-values", (81, 500, ("integers", 0.0, 3.0), 0.0), (82, 400, ("integers", 1.0, 3.0), 0.0), True, ()),
    ("float-two-values", (79, 500, ("integers", 0.0, 2.0), 0.0), (80, 400, ("integers", 0.0, 2.0), 0.0), False, ()),
    ("float-three-values", (81, 500, ("integers", 0.0, 3.0), 0.0), (82, 400, ("integers", 1.0, 3.0), 0.0), False, ()),
]

# (name, (seed, count, weights) or ("fixed", count, shares), same for current)
CATEGORICAL_CASES = [
    ("five-levels-500-700", (101, 500, [0.3, 0.25, 0.2, 0.15, 0.1]), (102, 700, [0.25, 0.25, 0.2, 0.2, 0.1])),
    ("level-only-in-current", (103, 800, [0.5, 0.5, 0.0]), (104, 900, [0.4, 0.4, 0.2])),
    ("level-only-in-reference", (105, 800, [0.45, 0.45, 0.1]), (106, 900, [0.5, 0.5, 0.0])),
    ("first-level-only-in-current", (107, 600, [0.0, 1.0]), (108, 500, [0.3, 0.7])),
    ("single-level-7-29", ("fixed", 7, [1.0]), ("fixed", 29, [1.0])),
    ("single-level-3-10", ("fixed", 3, [1.0]), ("fixed", 10, [1.0])),
    ("single-level-each-different", ("fixed", 40, [1.0, 0.0]), ("fixed", 50, [0.0, 1.0])),
    ("binary-balanced", (109, 2000, [0.5, 0.5]), (110, 2000, [0.5, 0.5])),
    ("binary-rare", (111, 5000, [0.99, 0.01]), (112, 5000, [0.985, 0.015])),
    ("fifty-levels", (113, 5000, [1.0 + (i % 7) for i in range(50)]), (114, 5000, [1.0 + (i % 5) for i in range(50)])),
    ("three-hundred-levels", (115, 20000, [1.0] * 300), (116, 20000, [1.0 + (i % 3) * 0.05 for i in range(300)])),
    ("strong-shift-tiny-p", (117, 4000, [0.6, 0.3, 0.1]), (118, 4000, [0.3, 0.3, 0.4])),
]


def swift_double(x):
    if math.isnan(x):
        return ".nan"
    if math.isinf(x):
        return ".infinity" if x > 0 else "-.infinity"
    if x != 0 and abs(x) < sys.float_info.min:
        return f'Double("{float(x)!r}")!'  # a subnormal literal draws a compiler warning; the string parses exactly
    return repr(float(x))


def swift_shape(shape):
    kind = shape[0]
    if kind in ("normal", "cubed"):
        return f".{kind}(mean: {swift_double(shape[1])}, sd: {swift_double(shape[2])})"
    if kind == "uniform":
        return f".uniform(low: {swift_double(shape[1])}, width: {swift_double(shape[2])})"
    if kind == "integers":
        return f".integers(low: {swift_double(shape[1])}, count: {swift_double(shape[2])})"
    if kind == "constant":
        return f".constant({swift_double(shape[1])})"
    return ".values([" + ", ".join(swift_double(v) for v in shape[1]) + "])"


def swift_numeric_spec(spec):
    seed, count, shape, quantum = spec
    return f".init(seed: {seed}, count: {count}, shape: {swift_shape(shape)}, quantum: {swift_double(quantum)})"


def swift_categorical_spec(spec):
    if spec[0] == "fixed":
        shares = ", ".join(swift_double(s) for s in spec[2])
        return f".fixed(count: {spec[1]}, shares: [{shares}])"
    weights = ", ".join(swift_double(w) for w in spec[2])
    return f".random(seed: {spec[0]}, count: {spec[1]}, weights: [{weights}])"


def swift_expected(scores):
    return "[" + ", ".join(f".{name}: {swift_double(value)}" for name, value in scores) + "]"


def numerical_block():
    lines = []
    for name, ref_spec, cur_spec, integer_dtype, skip in NUMERICAL_CASES:
        ref = numeric_values(*ref_spec)
        cur = numeric_values(*cur_spec)
        if integer_dtype:
            ref_series = pd.Series(np.array(ref).astype(np.int64))
            cur_series = pd.Series(np.array(cur).astype(np.int64))
        else:
            ref_series, cur_series = pd.Series(ref), pd.Series(cur)
        scores = [
            (label, evidently_score(test, ref_series, cur_series, ColumnType.Numerical))
            for label, test in NUMERICAL_TESTS
            if label not in skip
        ]
        lines.append(
            f"        NumericalGoldenCase(\n"
            f"            name: \"{name}\",\n"
            f"            reference: {swift_numeric_spec(ref_spec)},\n"
            f"            current: {swift_numeric_spec(cur_spec)},\n"
            f"            integerDtype: {'true' if integer_dtype else 'false'},\n"
            f"            expected: {swift_expected(scores)}\n"
            f"        ),"
        )
        print(name, scores, flush=True)
    return lines


def categorical_series(spec):
    if spec[0] == "fixed":
        codes = fixed_codes(spec[1], spec[2])
    else:
        codes = categorical_codes(*spec)
    return pd.Series([f"k{code:03d}" for code in codes])


def categorical_block():
    lines = []
    for name, ref_spec, cur_spec in CATEGORICAL_CASES:
        ref, cur = categorical_series(ref_spec), categorical_series(cur_spec)
        scores = [
            (label, evidently_score(test, ref, cur, ColumnType.Categorical)) for label, test in CATEGORICAL_TESTS
        ]
        lines.append(
            f"        CategoricalGoldenCase(\n"
            f"            name: \"{name}\",\n"
            f"            reference: {swift_categorical_spec(ref_spec)},\n"
            f"            current: {swift_categorical_spec(cur_spec)},\n"
            f"            expected: {swift_expected(scores)}\n"
            f"        ),"
        )
        print(name, scores, flush=True)
    return lines


def kolmogorov_points():
    """(n, x) pairs that reach every branch of scipy's _kolmogn for the survival function."""
    sizes = [1, 2, 3, 5, 10, 37, 100, 140, 141, 150, 500, 1000, 5000, 20000, 99999, 100000, 100001, 150000, 500000, 2000000]
    points = []
    for n in sizes:
        xs = {0.3 / n, 0.5 / n, 0.75 / n, 1.0 / n, 1.5 / n, 0.5, 0.7, 1.0 - 1.5 / n, 1.0 - 0.5 / n}
        for nx2 in (0.05, 0.3, 0.754, 0.76, 1.0, 2.0, 2.19, 2.21, 3.9, 4.1, 10.0, 17.9, 18.1, 50.0, 200.0, 369.0, 371.0):
            xs.add(math.sqrt(nx2 / n))
        xs.add((1.4 / n) ** (2.0 / 3.0) * 0.999)
        xs.add((1.4 / n) ** (2.0 / 3.0) * 1.001)
        for x in sorted(xs):
            if 0.0 < x < 1.0:
                points.append((n, x, float(stats.kstwo.sf(x, n))))
    return points


def smirnov_points():
    sizes = [2, 3, 5, 10, 57, 100, 1000, 10000, 100000, 1000000, 1000001, 3000000]
    points = []
    for n in sizes:
        xs = {0.5 / n, 1.0 / n, 2.0 / n, 0.5, 0.75, 1.0 - 1.0 / n, 1.0 - 0.5 / n, 0.999999}
        for nx2 in (2.2, 4.0, 10.0, 50.0, 185.0, 354.0, 360.0):
            xs.add(math.sqrt(nx2 / n))
        for x in sorted(xs):
            if 0.0 < x < 1.0:
                points.append((n, x, float(special.smirnov(n, x))))
    return points


def chi_square_points():
    points = []
    for df in (1, 2, 3, 4, 7, 10, 49, 100, 299, 1000, 20000, 100000):
        for ratio in (0.0, 1e-6, 0.01, 0.3, 0.9, 1.0, 1.1, 1.5, 3.0, 10.0, 40.0):
            x = df * ratio
            points.append((df, x, float(special.chdtrc(df, x))))
    for x in (50.0, 117.0, 300.0, 700.0, 1400.0):
        points.append((2, x, float(special.chdtrc(2, x))))
    return points


def normal_points():
    xs = [-40.0, -38.0, -10.0, -8.3, -5.0, -1.0, -0.7071, -0.5, 0.0, 1e-10, 0.3, 0.7072, 1.0, 1.96, 3.0, 4.69, 8.0, 8.3, 9.0]
    return [(0, x, float(special.ndtr(x))) for x in xs]


def log_gamma_points():
    xs = [1e-8, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.3, 7.0, 9.99, 10.0, 10.5, 50.0, 171.5, 1234.5, 1e6, 1e10]
    return [(0, x, float(special.gammaln(x))) for x in xs]


def table_block(name, points):
    rows = ",\n".join(f"        ({n}, {swift_double(x)}, {swift_double(p)})" for n, x, p in points)
    return f"    static let {name}: [(n: Int, x: Double, expected: Double)] = [\n{rows},\n    ]\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    header = (
        "// Generated by make_golden.py from evidently "
        f"{evidently.__version__}, scipy {scipy.__version__}, numpy {np.__version__}, pandas {pd.__version__}.\n"
        "// Do not edit: rerun the script.\n\n"
        "@testable import FerryMonitor\n\n"
        "extension DistributionGolden {\n"
    )
    body = "    static let numericalCases: [NumericalGoldenCase] = [\n" + "\n".join(numerical_block()) + "\n    ]\n\n"
    body += "    static let categoricalCases: [CategoricalGoldenCase] = [\n" + "\n".join(categorical_block()) + "\n    ]\n\n"
    body += "    /// scipy.stats.kstwo.sf(x, n)\n" + table_block("kolmogorovSurvival", kolmogorov_points()) + "\n"
    body += "    /// scipy.special.smirnov(n, x)\n" + table_block("smirnovSurvival", smirnov_points()) + "\n"
    body += "    /// scipy.special.chdtrc(n, x): n degrees of freedom\n" + table_block("chiSquareSurvival", chi_square_points()) + "\n"
    body += "    /// scipy.special.ndtr(x) (n unused)\n" + table_block("normalCDF", normal_points()) + "\n"
    body += "    /// scipy.special.gammaln(x) (n unused)\n" + table_block("logGamma", log_gamma_points())
    with open(os.path.join(here, "DistributionGoldenCases.swift"), "w") as out:
        out.write(header + body + "}\n")


if __name__ == "__main__":
    main()
