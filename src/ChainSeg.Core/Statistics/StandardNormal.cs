using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ChainSeg.Core.Statistics;

/// <summary>Standard normal density, distribution, quantile and the first- and second-order loss functions used for safety stock.</summary>
public static class StandardNormal
{
    private const double InverseSqrtTwoPi = 0.398942280401432677939946059934;

    /// <summary>Density φ(z).</summary>
    public static double Pdf(double z) => InverseSqrtTwoPi * Math.Exp(-0.5 * z * z);

    /// <summary>Distribution function Φ(z) = P(Z ≤ z).</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Constants.Sqrt2);

    /// <summary>Upper tail 1 − Φ(z), computed directly so it keeps its precision for large z.</summary>
    public static double UpperTail(double z) => 0.5 * SpecialFunctions.Erfc(z / Constants.Sqrt2);

    /// <summary>Quantile Φ⁻¹(p): the safety factor z for a cycle service level p.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is not in (0, 1).</exception>
    public static double InverseCdf(double p)
    {
        Arguments.OpenUnit(p, nameof(p), "Probability");
        return Normal.InvCDF(0.0, 1.0, p);
    }

    /// <summary>First-order loss G(z) = E[(Z − z)⁺] = φ(z) − z(1 − Φ(z)).</summary>
    public static double Loss(double z) => Pdf(z) - z * UpperTail(z);

    /// <summary>Second-order loss G₂(z) = ½E[((Z − z)⁺)²] = ½[(z² + 1)(1 − Φ(z)) − zφ(z)].</summary>
    /// <remarks>Beyond z = 40 the tail is 0 in doubles (1 − Φ(40) ≈ 4e-350) and so is G₂; the formula would give ∞ × 0 = NaN once z² overflows.</remarks>
    public static double SecondOrderLoss(double z) => z > 40 ? 0 : 0.5 * (((z * z) + 1.0) * UpperTail(z) - z * Pdf(z));

    /// <summary>The z with G(z) = loss: the safety factor that leaves an expected shortage of loss standard deviations per cycle.</summary>
    /// <exception cref="ArgumentOutOfRangeException">loss is not a finite number in [1e-300, ∞).</exception>
    public static double InverseLoss(double loss)
    {
        if (!(loss >= MinimumInvertibleLoss) || double.IsPositiveInfinity(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss,
                $"Loss must be a finite number in [1e-300, ∞); got {Arguments.Format(loss)}.");
        }

        // G(−x) = x + G(x) > x, and G(h) < φ(h) = x for h > 0, so [−x, h] brackets the root.
        double lower = -loss;
        double upper = loss >= InverseSqrtTwoPi ? 0.0 : Math.Sqrt(-2.0 * Math.Log(loss / InverseSqrtTwoPi));
        double start = Math.Clamp(LossTable.Guess(loss), lower, upper);
        return SafeguardedNewton.DecreasingRoot(new LogLossGap<StandardTail>(default, Math.Log(loss)), lower, upper, start);
    }

    /// <summary>Smallest loss <see cref="InverseLoss"/> accepts; below it G(z) is not representable in double precision.</summary>
    public const double MinimumInvertibleLoss = 1e-300;

    // One erfc and one exp give both G(z) and its slope −(1 − Φ(z)).
    private readonly struct StandardTail : ITailLoss
    {
        public (double Loss, double Tail) LossAndTail(double z)
        {
            double tail = UpperTail(z);
            return (Pdf(z) - z * tail, tail);
        }
    }

    // A coarse table of ln G(z) gives Newton a start within about 10⁻³, so two or three steps reach full precision.
    private static class LossTable
    {
        private const double First = -8.0;
        private const double Step = 0.125;
        private static readonly double[] LogLoss = Enumerable.Range(0, 361).Select(i => Math.Log(Loss(First + i * Step))).ToArray();

        public static double Guess(double loss)
        {
            double target = Math.Log(loss);
            if (target >= LogLoss[0])
            {
                return -loss;
            }

            if (target <= LogLoss[^1])
            {
                return First + (LogLoss.Length - 1) * Step;
            }

            // ln G decreases in z: find the cell [i, i + 1] holding the target and interpolate linearly.
            int lo = 0, hi = LogLoss.Length - 1;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) >>> 1;
                if (LogLoss[mid] > target)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            double fraction = (LogLoss[lo] - target) / (LogLoss[lo] - LogLoss[hi]);
            return First + (lo + fraction) * Step;
        }
    }
}
