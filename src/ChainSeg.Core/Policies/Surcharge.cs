using System.Globalization;

namespace ChainSeg.Core.Policies;

/// <summary>Whether a surcharge is a flat amount or a percentage of the order value.</summary>
public enum SurchargeKind
{
    /// <summary>A flat amount per order, in the order's currency.</summary>
    Amount,

    /// <summary>A percentage of the order value.</summary>
    Percentage,
}

/// <summary>A premium-service surcharge: a flat amount or a percentage of order value; <see cref="None"/> charges nothing.</summary>
public sealed record Surcharge
{
    private Surcharge(SurchargeKind kind, decimal value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>No surcharge (a flat amount of 0).</summary>
    public static Surcharge None { get; } = new(SurchargeKind.Amount, 0m);

    /// <summary>Amount or percentage.</summary>
    public SurchargeKind Kind { get; }

    /// <summary>The flat amount, or the percentage (5 means 5 %).</summary>
    public decimal Value { get; }

    /// <summary>True when the surcharge never charges anything.</summary>
    public bool IsNone => Value == 0m;

    /// <summary>A flat amount per order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">amount is negative.</exception>
    public static Surcharge Amount(decimal amount)
    {
        if (amount < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Surcharge amount must be ≥ 0; got {PolicyText.Money(amount)}.");
        }

        return new Surcharge(SurchargeKind.Amount, amount);
    }

    /// <summary>A percentage of order value, 5 meaning 5 %.</summary>
    /// <exception cref="ArgumentOutOfRangeException">percent is not in [0, 100].</exception>
    public static Surcharge Percentage(decimal percent)
    {
        if (percent is < 0m or > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, $"Surcharge percentage must be in [0, 100]; got {PolicyText.Percent(percent)}.");
        }

        return new Surcharge(SurchargeKind.Percentage, percent);
    }

    /// <summary>Reads a surcharge as written in config: <c>25</c> or <c>25.50</c> (amount), <c>5%</c> or <c>5 %</c> (percentage), <c>none</c>.</summary>
    /// <exception cref="FormatException">text is neither a number nor a number followed by %.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or the percentage is outside [0, 100].</exception>
    public static Surcharge Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (string.Equals(trimmed, "none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        bool isPercent = trimmed.EndsWith('%');
        var number = isPercent ? trimmed[..^1].TrimEnd() : trimmed;
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"Surcharge '{text}' is neither an amount (e.g. 25.50) nor a percentage (e.g. 5%) nor 'none'.");
        }

        return isPercent ? Percentage(value) : Amount(value);
    }

    /// <summary>
    /// The surcharge on an order; a percentage is rounded to 2 decimals, halves away from zero (currencies with cents). Null for a
    /// percentage of an unknown order value (null): 0 would claim the order is worth nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">orderValue is negative.</exception>
    public decimal? For(decimal? orderValue)
    {
        if (orderValue < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(orderValue), orderValue, $"Order value must be ≥ 0; got {PolicyText.Money(orderValue.Value)}.");
        }

        return Kind == SurchargeKind.Amount || IsNone ? Value
            : orderValue is { } value ? Math.Round(value * Value / 100m, 2, MidpointRounding.AwayFromZero)
            : null;
    }

    /// <summary>
    /// How the surcharge on an order comes about, e.g. "surcharge 2 % of 1,250.00 = 25.00", or "surcharge 2 % of order value:
    /// order_value unknown" when orderValue is null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">orderValue is negative.</exception>
    public string Explain(decimal? orderValue)
    {
        var amount = For(orderValue);
        if (IsNone)
        {
            return "no surcharge";
        }

        return Kind == SurchargeKind.Amount ? $"surcharge {PolicyText.Money(Value)} flat"
            : amount is { } charged ? $"surcharge {PolicyText.Percent(Value)} % of {PolicyText.Money(orderValue!.Value)} = {PolicyText.Money(charged)}"
            : $"surcharge {PolicyText.Percent(Value)} % of order value: order_value unknown";
    }

    /// <summary>Config form: "none", "25.00" or "5 %".</summary>
    public override string ToString() =>
        IsNone ? "none" : Kind == SurchargeKind.Amount ? Value.ToString("0.00##", CultureInfo.InvariantCulture) : $"{PolicyText.Percent(Value)} %";
}
