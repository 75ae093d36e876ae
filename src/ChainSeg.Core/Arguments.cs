using System.Globalization;

namespace ChainSeg.Core;

/// <summary>Argument checks at the door of Core calculators; every message names the valid range and the value received.</summary>
internal static class Arguments
{
    /// <summary>Returns value when it lies in the open interval (0, 1).</summary>
    public static double OpenUnit(double value, string paramName, string label) => InRange(value, ValueRange.OpenUnit, paramName, label);

    /// <summary>Returns value when it lies in the closed interval [0, 1].</summary>
    public static double ClosedUnit(double value, string paramName, string label) => InRange(value, ValueRange.ClosedUnit, paramName, label);

    /// <summary>Returns value when it lies in <paramref name="range"/>.</summary>
    public static double InRange(double value, ValueRange range, string paramName, string label)
    {
        if (!range.Contains(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{label} must be in {range}; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>Returns value when it is finite and ≥ 0.</summary>
    public static double NonNegative(double value, string paramName, string label)
    {
        if (!(value >= 0.0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{label} must be a finite number ≥ 0; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>Returns value when it is finite and &gt; 0.</summary>
    public static double Positive(double value, string paramName, string label)
    {
        if (!(value > 0.0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{label} must be a finite number > 0; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>Returns a review period R when it is at least one period.</summary>
    public static int ReviewPeriod(int value, string paramName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Review period must be ≥ 1 period; got {value}.");
        }

        return value;
    }

    /// <summary>Returns value when it is finite.</summary>
    public static double Finite(double value, string paramName, string label)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{label} must be a finite number; got {Format(value)}.");
        }

        return value;
    }

    /// <summary>Returns value when it is ≥ 0.</summary>
    public static int NonNegative(int value, string paramName, string label)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{label} must be ≥ 0; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>Invariant text for a number in a message.</summary>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
