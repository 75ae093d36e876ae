namespace ChainSeg.Core.Segmentation;

// Mean and population variance (divide by n) of a window of values, computed in two passes for accuracy.
// Population, not sample, variance: the window is the whole history being classified, not a sample of it,
// and it keeps CV defined for two periods the way planners expect (CV of [0, 2] is 1).
internal readonly record struct PopulationMoments(int Count, double Mean, double Variance)
{
    public double StandardDeviation => Math.Sqrt(Variance);

    public static PopulationMoments Of(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
            return new PopulationMoments(0, double.NaN, double.NaN);
        // Indexed loops in input order: the same sums whatever holds the values.
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
            sum += values[i];
        var mean = sum / values.Length;
        var squares = 0.0;
        for (var i = 0; i < values.Length; i++)
            squares += (values[i] - mean) * (values[i] - mean);
        return new PopulationMoments(values.Length, mean, squares / values.Length);
    }
}
