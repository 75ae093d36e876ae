namespace ChainSeg.Core.Statistics;

/// <summary>A decreasing function evaluated together with its slope (value and derivative share most of their work).</summary>
internal interface IDecreasingFunction
{
    /// <summary>f(x) and f'(x).</summary>
    (double Value, double Slope) Evaluate(double x);
}

/// <summary>Newton's method kept inside a shrinking bracket, falling back to bisection when a step leaves it.</summary>
internal static class SafeguardedNewton
{
    /// <summary>Root of a decreasing function f with f(lower) &gt; 0 &gt; f(upper), starting from start.</summary>
    /// <remarks>Generic over a struct so the function is inlined and nothing is allocated per call.</remarks>
    public static double DecreasingRoot<TFunction>(
        TFunction f,
        double lower,
        double upper,
        double start,
        double tolerance = 1e-14,
        int maxIterations = 200)
        where TFunction : struct, IDecreasingFunction
    {
        double x = start;
        for (int i = 0; i < maxIterations; i++)
        {
            var (value, slope) = f.Evaluate(x);
            if (value == 0.0)
            {
                return x;
            }

            // A decreasing function is positive left of its root: x becomes the new lower end.
            if (value > 0.0)
            {
                lower = x;
            }
            else
            {
                upper = x;
            }

            double next = x - value / slope;
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
