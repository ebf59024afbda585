"""Writes RankGoldenValues.swift: Evidently 0.7.23's own scores for the rank and permutation tests.

Run with the Evidently virtualenv (evidently 0.7.23, scipy 1.17.1, numpy 2.4.x, pandas 2.3.x):

    /tmp/evvenv/bin/python Tests/FerryMonitorTests/Rank/make_golden.py

Every data set is a formula the Swift tests evaluate identically (IEEE double operations only:
multiply, add, fmod), so no data is embedded. Expected values are written with repr(), which
round-trips exactly. The script calls Evidently's registered stattest functions, so what is
checked is what Evidently reports, quirks included.
"""

import math
import os
import warnings

import numpy as np
import pandas as pd
import scipy
import scipy.special

import evidently
from evidently.legacy.calculations.stattests.anderson_darling_stattest import _anderson_darling
from evidently.legacy.calculations.stattests.cramer_von_mises_stattest import _cdf_cvm_inf
from evidently.legacy.calculations.stattests.cramer_von_mises_stattest import _cramer_von_mises
from evidently.legacy.calculations.stattests.energy_distance import _energy_dist
from evidently.legacy.calculations.stattests.mann_whitney_urank_stattest import _mannwhitneyu_rank
from evidently.legacy.calculations.stattests.tvd_stattest import _total_variation_distance
from evidently.legacy.calculations.stattests.tvd_stattest import _tvd_stattest

warnings.filterwarnings("ignore")

PHI = 0.6180339887498949  # the golden-ratio fraction; Swift uses the same literal


def golden(count, offset, scale, skew, shift):
    """u_i = fmod((i + offset) * PHI, 1); value = u*u*scale + u*skew + shift (no ties in practice)."""
    values = []
    for i in range(count):
        u = math.fmod((i + offset) * PHI, 1.0)
        values.append(u * u * scale + u * skew + shift)
    return values


def modular(count, mult, add, mod, scale, shift):
    """value = float((i*mult + add) % mod) * scale + shift (ties whenever mod < count)."""
    return [float((i * mult + add) % mod) * scale + shift for i in range(count)]


def series(spec):
    kind, count, *params = spec
    if kind == "golden":
        return golden(count, *params)
    return modular(count, *params)


# (name, reference spec, current spec). Golden specs: (count, offset, scale, skew, shift);
# modular specs: (count, mult, add, mod, scale, shift).
NUMERICAL_CASES = [
    ("tiny 2+3", ("golden", 2, 0, 1.0, 0.5, 0.0), ("golden", 3, 11, 1.0, 0.5, 0.1)),
    ("small 5+7", ("golden", 5, 0, 2.0, 1.0, 0.0), ("golden", 7, 13, 2.0, 1.0, 0.3)),
    ("small 5+5 float16 table", ("golden", 5, 1, 1.0, 0.0, 0.0), ("golden", 5, 29, 1.0, 0.0, 0.05)),
    ("small 7+7 float16 counts", ("golden", 7, 3, 1.0, 1.0, 0.0), ("golden", 7, 40, 1.0, 1.0, 0.2)),
    ("small 8+10 float16 values", ("golden", 8, 5, 1.0, 2.0, 0.0), ("golden", 10, 50, 1.0, 2.0, 0.4)),
    ("small 9+9", ("golden", 9, 2, 3.0, 0.0, 0.0), ("golden", 9, 70, 3.0, 0.0, 0.0)),
    ("small 10+20 float32", ("golden", 10, 7, 1.0, 1.0, 0.0), ("golden", 20, 90, 1.0, 1.0, 0.25)),
    ("small 20+20 float32", ("golden", 20, 1, 1.0, 1.0, 0.0), ("golden", 20, 200, 1.0, 1.0, 0.1)),
    ("small 3+20 uint32", ("golden", 3, 4, 1.0, 0.0, 0.0), ("golden", 20, 300, 1.0, 0.0, 0.0)),
    ("small 6+8 uint16", ("golden", 6, 9, 1.0, 1.0, 0.0), ("golden", 8, 33, 1.0, 1.0, -0.2)),
    ("small ties 6+9", ("modular", 6, 3, 1, 4, 0.5, 0.0), ("modular", 9, 5, 2, 5, 0.5, 0.0)),
    ("small ties 12+15", ("modular", 12, 7, 3, 6, 1.0, 0.0), ("modular", 15, 4, 1, 7, 1.0, 0.0)),
    ("small ties 20+20", ("modular", 20, 3, 0, 9, 0.25, 0.0), ("modular", 20, 7, 5, 9, 0.25, 0.25)),
    ("boundary 20+21", ("golden", 20, 3, 1.0, 1.0, 0.0), ("golden", 21, 80, 1.0, 1.0, 0.1)),
    ("mannw exact 5+300", ("golden", 5, 17, 1.0, 0.0, 0.0), ("golden", 300, 500, 1.0, 0.0, 0.05)),
    ("mannw exact 8+900", ("golden", 8, 21, 1.0, 0.0, 0.2), ("golden", 900, 1000, 1.0, 0.0, 0.0)),
    ("mannw exact 4+4", ("golden", 4, 2, 1.0, 0.0, 0.0), ("golden", 4, 8, 1.0, 0.0, 0.0)),
    ("mannw ties within one side 6+30", ("modular", 6, 1, 0, 3, 1.0, 10.0), ("golden", 30, 5, 1.0, 0.0, 0.0)),
    ("medium 300+200 shifted", ("golden", 300, 0, 1.0, 1.0, 0.0), ("golden", 200, 1000, 1.0, 1.0, 0.15)),
    ("large 5000+7000 shifted", ("golden", 5000, 0, 1.0, 1.0, 0.0), ("golden", 7000, 12345, 1.1, 1.0, 0.05)),
    ("large 20000+20000 same", ("golden", 20000, 0, 2.0, 0.5, 0.0), ("golden", 20000, 777777, 2.0, 0.5, 0.0)),
    ("large 50000+30000 ties", ("modular", 50000, 7919, 13, 1000, 0.01, 0.0), ("modular", 30000, 104729, 71, 1000, 0.01, 0.02)),
    ("large 50000+50000 tiny shift", ("golden", 50000, 0, 1.0, 1.0, 0.0), ("golden", 50000, 99991, 1.0, 1.0, 0.005)),
    ("large 10000+10000 far apart", ("golden", 10000, 0, 1.0, 0.0, 0.0), ("golden", 10000, 5, 1.0, 0.0, 0.8)),
    ("two values 400+300", ("modular", 400, 1, 0, 2, 1.0, 0.0), ("modular", 300, 1, 1, 3, 1.0, 0.0)),
    ("identical 1000", ("golden", 1000, 0, 1.0, 0.0, 0.0), ("golden", 1000, 0, 1.0, 0.0, 0.0)),
    ("one value 30+25", ("modular", 30, 1, 0, 1, 1.0, 5.0), ("modular", 25, 1, 0, 1, 1.0, 5.0)),
    ("one observation 1+40", ("golden", 1, 3, 1.0, 0.0, 0.0), ("golden", 40, 9, 1.0, 0.0, 0.0)),
]

# (name, reference spec, current spec, level count): codes are the modular formula without
# scaling, reduced to the level count; Evidently sees them as integer keys.
CATEGORICAL_CASES = [
    ("tvd 30+40 three levels", (30, 7, 1, 11), (40, 5, 3, 13), 3),
    ("tvd 50+50 two levels", (50, 3, 0, 7), (50, 11, 2, 9), 2),
    ("tvd 200+150 five levels", (200, 13, 4, 17), (150, 7, 1, 5), 5),
    ("tvd 1000+1000 four levels", (1000, 17, 5, 23), (1000, 19, 3, 29), 4),
    ("tvd 3000+2000 twelve levels", (3000, 31, 7, 97), (2000, 37, 11, 89), 12),
    ("tvd 20000+10000 three levels", (20000, 7919, 1, 101), (10000, 104729, 5, 103), 3),
    ("tvd one level 40+25", (40, 1, 0, 1), (25, 1, 0, 1), 1),
    ("tvd one reference row 1+30", (1, 1, 0, 2), (30, 3, 1, 7), 2),
]


def codes(spec, levels):
    count, mult, add, mod = spec
    return [((i * mult + add) % mod) % levels for i in range(count)]


def swift_double(value):
    value = float(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return "Double.infinity" if value > 0 else "-Double.infinity"
    return repr(value)


def swift_tuple(spec):
    kind, *params = spec
    rendered = ", ".join(swift_double(p) if isinstance(p, float) else str(p) for p in params)
    return f'.{kind}({rendered})'


def score(function, reference, current):
    try:
        return function(pd.Series(reference), pd.Series(current), None, 0.1)[0]
    except Exception:  # Evidently raises; Ferry reports NaN
        return float("nan")


def numerical_lines():
    lines = []
    for name, ref_spec, cur_spec in NUMERICAL_CASES:
        reference, current = series(ref_spec), series(cur_spec)
        values = {
            "anderson": score(_anderson_darling, reference, current),
            "cramerVonMises": score(_cramer_von_mises, reference, current),
            "mannWhitney": score(_mannwhitneyu_rank, reference, current),
            "energy": score(_energy_dist, reference, current),
        }
        rendered = ", ".join(f"{key}: {swift_double(value)}" for key, value in values.items())
        lines.append(
            f'        RankNumericalGolden(name: "{name}", reference: {swift_tuple(ref_spec)}, '
            f"current: {swift_tuple(cur_spec)}, {rendered}),"
        )
    return lines


def categorical_lines():
    lines = []
    for name, ref_spec, cur_spec, levels in CATEGORICAL_CASES:
        reference, current = pd.Series(codes(ref_spec, levels)), pd.Series(codes(cur_spec, levels))
        p_value = _tvd_stattest(reference, current, None, 0.1)[0]
        distance = _total_variation_distance(reference, current)
        lines.append(
            f'        RankCategoricalGolden(name: "{name}", reference: {ref_spec}, current: {cur_spec}, '
            f"levels: {levels}, pValue: {swift_double(p_value)}, distance: {swift_double(distance)}),"
        )
    return lines


def exact_grid_specs(m, n, tied):
    """The data of one cell of the Cramér-von Mises exact grid (mirrored in the Swift tests)."""
    if tied:
        return ("modular", m, 3, m, 5, 0.5, 0.0), ("modular", n, 7, n, 6, 0.5, 0.0)
    shift = 0.05 * ((m + n) % 5)
    return ("golden", m, m, 1.0, 1.0, 0.0), ("golden", n, 100 + n, 1.0, 1.0, shift)


def exact_grid_lines():
    """Every exact-path size pair, with and without ties: most raise in Evidently (NaN)."""
    lines = ["    static let cramerVonMisesExactGrid: [(m: Int, n: Int, tied: Bool, pValue: Double)] = ["]
    for m in range(2, 21):
        cells = []
        for n in range(2, 21):
            for tied in (False, True):
                ref_spec, cur_spec = exact_grid_specs(m, n, tied)
                value = score(_cramer_von_mises, series(ref_spec), series(cur_spec))
                cells.append(f"({m}, {n}, {'true' if tied else 'false'}, {swift_double(value)})")
        lines.append("        " + ", ".join(cells) + ",")
    lines.append("    ]")
    return lines


def generator_lines():
    lines = []
    np.random.seed(0)
    first = np.random.RandomState(0)._bit_generator.random_raw(1250)
    picks = [0, 1, 2, 3, 4, 623, 624, 625, 1247, 1248, 1249]
    lines.append("    static let seedZeroRawOutputs: [(index: Int, value: UInt32)] = [")
    lines.append("        " + ", ".join(f"({i}, {int(first[i])})" for i in picks) + ",")
    lines.append("    ]")
    other = np.random.RandomState(12345)._bit_generator.random_raw(3)
    lines.append(f"    static let seed12345RawOutputs: [UInt32] = [{', '.join(str(int(v)) for v in other)}]")
    # Successive permutations from one seeding, as the permutation test draws them.
    np.random.seed(0)
    perms = [np.random.permutation(n).tolist() for n in (1, 2, 3, 10, 37)]
    lines.append("    static let seedZeroPermutations: [[Int]] = [")
    for perm in perms:
        lines.append(f"        {perm},")
    lines.append("    ]")
    # A long permutation after those, summarised.
    big = np.random.permutation(200_003)
    checksum = int(sum((i + 1) * int(v) for i, v in enumerate(big)) % (2**61 - 1))
    lines.append(
        f"    static let longPermutation = (count: 200_003, prefix: {big[:8].tolist()}, checksum: {checksum})"
    )
    np.random.seed(7)
    choice = np.random.choice(list(range(50)), 20, replace=False).tolist()
    lines.append(f"    static let seedSevenChoice = (population: 50, size: 20, picks: {choice})")
    return lines


def special_lines():
    lines = []
    points = [1e-8, 1e-3, 0.05, 0.5, 1.0, 2.5, 7.0, 30.0, 120.0, 400.0]
    lines.append("    static let besselQuarterOrder: [(x: Double, value: Double)] = [")
    for x in points:
        lines.append(f"        ({swift_double(x)}, {swift_double(scipy.special.kv(0.25, x))}),")
    lines.append("    ]")
    xs = [0.003, 0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 1.0, 2.0, 4.0, 10.0, 100.0, 2500.0]
    lines.append("    static let cramerVonMisesLimitCDF: [(x: Double, value: Double)] = [")
    for x in xs:
        lines.append(f"        ({swift_double(x)}, {swift_double(float(_cdf_cvm_inf(x)))}),")
    lines.append("    ]")
    return lines


def summation_lines():
    """np.sum over formula arrays whose summation order changes the last bits."""
    lines = ["    static let numpySums: [(count: Int, float64: Double, float32: Float)] = ["]
    for count in [1, 2, 7, 8, 9, 15, 16, 17, 100, 127, 128, 129, 255, 256, 1000, 4099, 100_003]:
        values = np.array([summand(i) for i in range(count)])
        lines.append(
            f"        ({count}, {swift_double(np.sum(values))}, {swift_double(np.sum(values.astype(np.float32)))}),"
        )
    lines.append("    ]")
    halves = [0.0, 1.0, 2049.0, 2051.0, 4097.0, 12345.0, 65504.0, 65519.0, 65520.0, 1e-7, 3.0e-5, 0.873015873015873]
    lines.append("    static let halfRounding: [(value: Double, rounded: Double)] = [")
    for h in halves:
        lines.append(f"        ({swift_double(h)}, {swift_double(float(np.float16(h)))}),")
    lines.append("    ]")
    return lines


def summand(i):
    """Mixed magnitudes, so that summation order shows in the last bits."""
    return math.fmod(i * PHI, 1.0) * 10.0 ** ((i % 7) - 3)


def main():
    out = [
        "// Generated by make_golden.py from evidently "
        f"{evidently.__version__}, scipy {scipy.__version__}, numpy {np.__version__}, pandas {pd.__version__}.",
        "// Do not edit: rerun the script.",
        "",
        "enum RankGolden {",
        "    static let numerical: [RankNumericalGolden] = [",
        *numerical_lines(),
        "    ]",
        "",
        "    static let categorical: [RankCategoricalGolden] = [",
        *categorical_lines(),
        "    ]",
        "",
        *exact_grid_lines(),
        "",
        *generator_lines(),
        "",
        *special_lines(),
        "",
        *summation_lines(),
        "}",
        "",
    ]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "RankGoldenValues.swift")
    with open(path, "w") as handle:
        handle.write("\n".join(out))


if __name__ == "__main__":
    main()
