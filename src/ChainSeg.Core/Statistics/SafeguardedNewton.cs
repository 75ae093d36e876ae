namespace ChainSeg.Core.Statistics;

/// <summary>Newton's method kept inside a shrinking bracket, falling back to bisection when a step leaves it.</summary>
internal static class SafeguardedNewton
{
    /// <summary>Root of a decreasing function f with f(lower) &gt; 0 &gt; f(upper).</summary>
    public static double DecreasingRoot(
        Func<double, double> f,
        Func<double, double> derivative,
        double lower,
        double upper,
        double start,
        double tolerance = 1e-14,
        int maxIterations = 200)
    {
        double x = start;
        for (int i = 0; i < maxIterations; i++)
        {
            double fx = f(x);
            if (fx == 0.0)
            {
                return x;
            }

            // A decreasing function is positive left of its root: x becomes the new lower end.
            if (fx > 0.0)
            {
                lower = x;
            }
            else
            {
                upper = x;
            }

            double next = x - fx / derivative(x);
            if (!(next > lower && next < upper))
            {
                next = 0.5 * (lower + upper);
            }

            double scale = tolerance * (1.0 + Math.Abs(next));
            if (Math.Abs(next - x) <= scale || upper - lower <= scale)
            {
                return next;
            }

            x = next;
        }

        return x;
    }
}
