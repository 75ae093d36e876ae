using ChainSeg.Core.Monitoring;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Monitoring;

/// <summary>
/// chainseg.xlsx's number formats for KPI figures: each cell by its row's KPI, as the <c>value</c> column of KPIs by segment
/// and Alerts mixes rates, money and days row by row and no one column format fits it.
/// </summary>
public static class KpiNumberFormats
{
    /// <summary>Shares and ratios, in per cent.</summary>
    public const string Rate = "0.0%";

    /// <summary>Money, to the cent with thousands separators.</summary>
    public const string Money = "#,##0.00";

    /// <summary>Days, to a tenth.</summary>
    public const string Days = "0.0";

    /// <summary>KPIs by segment: a row's value in its KPI's unit (numerator and denominator keep the general format of the counts and amounts they are).</summary>
    public static CellNumberFormat KpiRows { get; } = (column, row) => column == "value" ? Of(row) : null;

    /// <summary>Alerts: value, target, tolerance and previous_value in the KPI's unit, save a money drift's limit from a positive earlier value, a share of it.</summary>
    public static CellNumberFormat AlertRows { get; } = (column, row) => column switch
    {
        "value" or "target" or "previous_value" => Of(row),
        "tolerance" => row["kind"] as string == KpiAlerts.Drift && Of(row) == Money && Convert.ToDouble(row["previous_value"] ?? 0.0, System.Globalization.CultureInfo.InvariantCulture) > 0 ? Rate : Of(row),
        _ => null,
    };

    private static string? Of(IReadOnlyDictionary<string, object?> row) => SegmentKpi.Named(row["kpi"] as string ?? "")?.Unit switch
    {
        null => null,
        KpiUnit.Money => Money,
        KpiUnit.Days => Days,
        _ => Rate,
    };
}
