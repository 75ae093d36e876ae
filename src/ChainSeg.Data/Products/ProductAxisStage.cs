using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Core.Products;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Products;

/// <summary>What the product axis found, for run_summary.json.</summary>
/// <param name="Functional">SKUs classed functional.</param>
/// <param name="Innovative">SKUs classed innovative.</param>
/// <param name="Unclassified">SKUs without enough signals, or whose signals split.</param>
/// <param name="Cutoffs">The cut-offs the SKUs were judged by.</param>
/// <param name="ForecastErrorMeasure">How forecast error is measured: <c>wape</c> (Σ |forecast − actual| ÷ Σ actual, monthly).</param>
public sealed record ProductAxisSummary(long Functional, long Innovative, long Unclassified, FisherCutoffs Cutoffs, string ForecastErrorMeasure = "wape");

/// <summary>
/// Fisher's (1997) product axis: per SKU sold in the run's window, its revenue, units, gross margin, monthly demand CV,
/// forecast error and life cycle (product_metrics, by SQL over one grouping of the order lines by SKU and month), its
/// class (product_classes) and the active model's segments crossed with the classes (segment_product_mix).
/// </summary>
public sealed class ProductAxisStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>Share of a SKU's cumulative units at whose month its life (life_months) starts.</summary>
    public const double LifeStarts = 0.1;

    /// <summary>Share of a SKU's cumulative units at whose month its life ends: life_months spans the middle 80 % of its units.</summary>
    public const double LifeEnds = 0.9;

    /// <summary>The recent run rate (last three months of the demand series) below which a SKU's sales have faded, as a share of its average month on sale.</summary>
    public const double FadedShare = 0.25;

    /// <summary>
    /// How much longer than the life cut-off a SKU must have been on sale for its life to be judged (unless it has faded):
    /// a SKU selling evenly for H months spans 0.8 H in life_months, so one under 1.5 × the cut-off could read short for
    /// no other reason than being new.
    /// </summary>
    public const double LifeJudgedAfter = 1.5;

    private const string Months = "chainseg_product_months";

    /// <summary>A line's product class over product_classes <c>c</c> joined by SKU; a SKU without one (only returns in the window) is unclassified.</summary>
    public static readonly string LineClass = $"coalesce(c.product_class, {Sql.Str(FisherProductClass.Unclassified)})";

    /// <summary>
    /// FROM … WHERE of the window's order lines <c>l</c> of the customers the active model assigned (assignments <c>a</c>), with
    /// their SKU's class (<c>c</c>, read through <see cref="LineClass"/>): what a grouping by segment and product class reads.
    /// </summary>
    public static string ActiveSegmentLines(string quotedSchema, MetricsOptions window) => $"""
        FROM {quotedSchema}.order_lines l
        JOIN {quotedSchema}.assignments a ON a.customer_id = l.customer_id AND a.is_active_model
        LEFT JOIN {quotedSchema}.product_classes c USING (sku)
        WHERE CAST(l.order_date AS DATE) BETWEEN {CustomerMetrics.Date(window.WindowStart)} AND {CustomerMetrics.Date(window.AsOf)}
        """;

    /// <summary>File name → query of the product axis' outputs, in the order they are written.</summary>
    public static IReadOnlyList<(string File, string Query)> Queries(string runSchema)
    {
        var s = Sql.Id(runSchema);
        return
        [
            ("product_classes.csv", $"""
                SELECT m.sku, c.product_class, m.revenue, m.units, m.lines, m.cost_of_goods, m.gross_margin_pct, m.demand_cv, m.forecast_wape,
                    m.forecast_months, m.first_sale, m.last_sale, m.months_on_sale, m.life_months, m.observed_months, m.faded, c.reason
                FROM {s}.product_metrics m JOIN {s}.product_classes c USING (sku) ORDER BY m.revenue DESC, m.sku
                """),
            ("segment_product_mix.csv", $"SELECT * FROM {s}.segment_product_mix ORDER BY model, segment, product_class"),
        ];
    }

    /// <summary>
    /// What each figure of product_classes.csv and segment_product_mix.csv is (metric_definitions.csv rows <c>FILE.COLUMN</c>);
    /// the class's id names the cut-offs, so classes judged under other cut-offs are never compared silently.
    /// </summary>
    public static IReadOnlyList<MetricDefinition> Definitions(FisherCutoffs cutoffs) =>
    [
        new("product_classes.product_class", string.Create(CultureInfo.InvariantCulture,
                $"fisher.1997[margin={cutoffs.Margin},forecast_error={cutoffs.ForecastError},life_months={cutoffs.LifeMonths},votes={FisherProductClass.VotesNeeded}]"),
            "functional or innovative when at least 2 of its 3 signals (gross margin, forecast WAPE, life) are on that side of their product_axis cut-offs; else unclassified"),
        new("product_classes.revenue", "product.revenue", "Σ line revenue (net_amount, else quantity × unit_price) in the window, returns netted"),
        new("product_classes.units", "product.units", "Σ positive quantity in the window"),
        new("product_classes.lines", "product.lines", "order lines with positive quantity in the window"),
        new("product_classes.cost_of_goods", "product.cogs.line", "Σ (line revenue − margin_amount) when the export carries margin, else quantity × products.unit_cost, in the window, returns netted; empty when a line has neither"),
        new("product_classes.gross_margin_pct", "product.gross_margin_pct", "(revenue − cost of goods) ÷ revenue; cost of goods is revenue − margin_amount, else quantity × products.unit_cost; empty when a line has neither or revenue is 0 or less"),
        new("product_classes.demand_cv", "product.demand_cv[bucket=month]", "population standard deviation ÷ mean of the units sold per whole month of the window, from the SKU's first sale in it, months without a sale as 0"),
        new("product_classes.forecast_wape", "product.forecast_wape[bucket=month]", "Σ |forecast − units sold| ÷ Σ units sold over the months of demand_cv that have a forecast (forecast_months); at the segment or customer level, the units of the customers the month's forecasts name (a segment as the active model assigned it); empty without forecasts"),
        new("product_classes.forecast_months", "product.forecast_months[bucket=month]", "months of demand_cv's series with a forecast at the SKU's one forecast level (total, else segment, else customer rows)"),
        new("product_classes.first_sale", "product.first_sale", "date of the SKU's first order line with positive quantity in the whole history to as_of"),
        new("product_classes.last_sale", "product.last_sale", "date of the SKU's last order line with positive quantity in the whole history to as_of"),
        new("product_classes.months_on_sale", "product.months_on_sale", "calendar months from first_sale's to last_sale's, both counted"),
        new("product_classes.life_months", "product.life_months", "months from the one in which the SKU's cumulative units (whole history to as_of) pass 10 % to the one they pass 90 %; judged only when faded or observed_months ≥ 1.5 × product_axis.life_months"),
        new("product_classes.observed_months", "product.observed_months", "calendar months from first_sale's to as_of's, both counted: how long the SKU has been watched, against which life_months is judged"),
        new("product_classes.faded", "product.faded", "units per month over the last three months of the demand series below a quarter of the SKU's average month since its first sale; empty when on sale under six months"),
        new("segment_product_mix.revenue", "segment_product_mix.revenue", "Σ line revenue (net_amount, else quantity × unit_price) of the segment's customers in the window on SKUs of the class, returns netted; a SKU with only returns in the window counts as unclassified"),
        new("segment_product_mix.units", "segment_product_mix.units", "Σ positive quantity of those lines"),
        new("segment_product_mix.lines", "segment_product_mix.lines", "those lines with positive quantity"),
        new("segment_product_mix.revenue_share", "segment_product_mix.revenue_share", "the segment's revenue in the product class ÷ the segment's revenue in the window; empty when that is 0 or less"),
    ];

    /// <summary>The cut-offs <c>product_axis:</c> configures.</summary>
    /// <exception cref="ConfigurationException">A cut-off is outside its range; the message names it, the range and an example.</exception>
    public static FisherCutoffs Cutoffs(ChainSegConfig config)
    {
        var axis = config.ProductAxis;
        // The ranges are FisherCutoffs' own: this says them in the setting's words before its constructor would refuse them.
        var margin = ShareSetting.Require(axis.Margin, "product_axis.margin", FisherCutoffs.MarginRange, 40, "the gross margin share from which a SKU's margin votes innovative");
        var forecastError = Require(axis.ForecastError, "forecast_error", FisherCutoffs.ForecastErrorRange, "the forecast WAPE from which a SKU's forecast error votes innovative, such as 0.4 for 40 %");
        var lifeMonths = Require(axis.LifeMonths, "life_months", FisherCutoffs.LifeMonthsRange, "the months of life up to which a SKU's life votes innovative, such as 12 for a year");
        return new FisherCutoffs(margin, forecastError, lifeMonths);
    }

    private static double Require(double value, string key, ValueRange range, string meaning) =>
        range.Contains(value) ? value
            : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"product_axis.{key} must be in {range} ({meaning}); got {value}."));

    /// <summary>
    /// Builds product_metrics and product_classes in the run schema over <paramref name="options"/>' window, and
    /// segment_product_mix for <paramref name="activeModel"/>; returns the class counts and, when margins cannot be
    /// judged, a <c>no_product_axis</c> warning naming what to add.
    /// </summary>
    public (ProductAxisSummary Summary, string? Warning) Run(MetricsOptions options, FisherCutoffs cutoffs, string activeModel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cutoffs);
        var s = Sql.Id(runSchema);
        CreateMetrics(s, options, activeModel);
        var rows = connection.Query($"SELECT sku, gross_margin_pct, forecast_wape, life_months, observed_months, faded FROM {s}.product_metrics",
            r => (Sku: r.GetString(0), Margin: Nullable(r, 1), Error: Nullable(r, 2), Life: Nullable(r, 3), Observed: Convert.ToInt64(r.GetValue(4), CultureInfo.InvariantCulture),
                Faded: r.IsDBNull(5) ? (bool?)null : r.GetBoolean(5)));
        connection.Execute($"CREATE OR REPLACE TABLE {s}.product_classes (sku VARCHAR, product_class VARCHAR, reason VARCHAR)");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var appender = connection.CreateAppender(runSchema, "product_classes"))
        {
            foreach (var row in rows)
            {
                var judged = row.Faded == true || row.Observed >= LifeJudgedAfter * cutoffs.LifeMonths;
                var result = FisherProductClass.Classify(new ProductSignals(row.Margin, row.Error, judged ? row.Life : null), cutoffs);
                counts[result.ProductClass] = counts.GetValueOrDefault(result.ProductClass) + 1;
                appender.CreateRow().AppendValue(row.Sku).AppendValue(result.ProductClass).AppendValue(result.Reason).EndRow();
            }
        }
        CreateMix(s, options);
        var summary = new ProductAxisSummary(counts.GetValueOrDefault(FisherProductClass.Functional), counts.GetValueOrDefault(FisherProductClass.Innovative),
            counts.GetValueOrDefault(FisherProductClass.Unclassified), cutoffs);
        return (summary, rows.Count > 0 && rows.All(r => r.Margin is null) ? MissingMargins(s) : null);
    }

    private static double? Nullable(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    // DEFINITIONS.md: "Warn when a policy set has no product axis". Without margins a SKU has at most two signals, both of
    // which must agree, and capacity and stock decisions lose the product dimension; the message names what to add.
    private string MissingMargins(string s)
    {
        var products = connection.ScalarLong($"SELECT count(*) FROM (SELECT 1 FROM {s}.products LIMIT 1)") > 0;
        var missing = products
            ? "products has no unit_cost for the SKUs sold and order_lines no margin_amount"
            : "no products source is given and order_lines has no margin_amount";
        return $"no_product_axis: {missing}, so no SKU's gross margin can be judged and Fisher's product axis (functional or innovative, "
            + "product_classes.csv) rests on forecast error and life alone; add a products source with unit_cost, or map margin_amount on order_lines.";
    }

    // One grouping of the order lines up to as_of by SKU and month (and whether the day is in the window, which may start
    // mid-month); every product figure is read from it. Cost of goods as customer_metrics takes it (CustomerMetrics.LineCostOfGoods).
    private void CreateMetrics(string s, MetricsOptions options, string activeModel)
    {
        var monthly = options with { Bucket = "month" };
        var (asOf, start) = (CustomerMetrics.Date(options.AsOf), CustomerMetrics.Date(options.WindowStart));
        var (first, last) = (CustomerMetrics.Date(monthly.FirstDemandPeriod), CustomerMetrics.Date(monthly.LastDemandPeriod));
        connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE {Months} AS
            SELECT sku, CAST(date_trunc('month', order_day) AS DATE) AS month, order_day >= {start} AS in_window,
                sum(CASE WHEN quantity > 0 THEN quantity END) AS units,
                count(CASE WHEN quantity > 0 THEN 1 END) AS lines,
                sum(revenue) AS revenue,
                sum(cost_of_goods) AS cost_of_goods,
                count(CASE WHEN cost_of_goods IS NULL THEN 1 END) AS uncosted_lines,
                min(CASE WHEN quantity > 0 THEN order_day END) AS first_sale,
                max(CASE WHEN quantity > 0 THEN order_day END) AS last_sale
            FROM (
                SELECT l.sku, l.quantity, CAST(l.order_date AS DATE) AS order_day, {CustomerMetrics.LineRevenue} AS revenue,
                    {CustomerMetrics.LineCostOfGoods} AS cost_of_goods
                FROM {s}.order_lines l LEFT JOIN {s}.products p USING (sku)
                WHERE CAST(l.order_date AS DATE) <= {asOf}
            )
            GROUP BY ALL
            """);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.product_metrics AS
            WITH sold AS (
                -- Net of returns, as customer revenue; a SKU with a return line of unknown cost has no known cost of goods.
                SELECT sku, sum(revenue) AS revenue, sum(units) AS units, sum(lines) AS lines,
                    CASE WHEN sum(uncosted_lines) = 0 THEN sum(cost_of_goods) END AS cost_of_goods,
                    min(CASE WHEN units > 0 THEN month END) AS first_month
                FROM {Months} WHERE in_window GROUP BY sku HAVING sum(lines) > 0
            ),
            -- Forecasts at one level per SKU: its total rows (no customer, no segment) when it has any, else its segment rows,
            -- else its customer rows; two levels added together would count its demand twice. The level is chosen among the
            -- months the series reads: a total row from before the window hid the customer rows in it.
            leveled AS (
                SELECT *, min(level) OVER (PARTITION BY sku) AS kept
                FROM (SELECT sku, customer_id, segment, CAST(date_trunc('month', period_start) AS DATE) AS month, forecast_qty,
                          CASE WHEN customer_id IS NULL AND segment IS NULL THEN 0 WHEN customer_id IS NULL THEN 1 ELSE 2 END AS level
                      FROM {s}.forecasts)
                WHERE month BETWEEN {first} AND {last}
            ),
            forecast AS (
                SELECT sku, month, sum(forecast_qty) AS forecast_qty, any_value(kept) > 0 AS partial
                FROM leveled WHERE level = kept GROUP BY sku, month
            ),
            -- Customer and segment rows forecast the customers they name, not the SKU: a month's forecast for two of its ten
            -- buyers is compared with those two's units (against the SKU's it read every other buyer's units as forecast
            -- error). A segment is the active model's, as the run assigned it.
            named AS (
                SELECT DISTINCT sku, month, customer_id, segment FROM leveled WHERE level = kept AND kept > 0
            ),
            covered AS (
                SELECT sku, month, coalesce(sum(quantity) FILTER (WHERE quantity > 0), 0) AS units
                FROM (
                    SELECT c.sku, c.month, l.quantity, l.order_date
                    FROM named c JOIN {s}.order_lines l ON l.sku = c.sku AND l.customer_id = c.customer_id
                    UNION ALL
                    SELECT c.sku, c.month, l.quantity, l.order_date
                    FROM named c JOIN {s}.assignments a ON a.segment = c.segment AND a.model = {Sql.Str(activeModel)}
                    JOIN {s}.order_lines l ON l.sku = c.sku AND l.customer_id = a.customer_id
                    WHERE c.customer_id IS NULL
                )
                WHERE CAST(order_date AS DATE) BETWEEN greatest(month, {start}) AND least(last_day(month), {asOf})
                GROUP BY ALL
            ),
            -- The months of the demand series (whole months, as customer demand_cv takes them) from the SKU's first sale in
            -- the window, months without a sale as 0; forecast_units is what the month's forecast is compared with.
            series AS (
                SELECT g.sku, g.month, coalesce(m.units, 0) AS units, f.forecast_qty,
                    CASE WHEN f.partial THEN coalesce(c.units, 0) ELSE coalesce(m.units, 0) END AS forecast_units
                FROM (
                    SELECT sku, CAST(unnest(generate_series(CAST(greatest(first_month, {first}) AS TIMESTAMP), CAST({last} AS TIMESTAMP), INTERVAL 1 MONTH)) AS DATE) AS month
                    FROM sold
                ) g
                LEFT JOIN (SELECT sku, month, sum(units) AS units FROM {Months} WHERE in_window GROUP BY ALL) m USING (sku, month)
                LEFT JOIN forecast f USING (sku, month)
                LEFT JOIN covered c USING (sku, month)
            ),
            variability AS (
                SELECT sku,
                    CASE WHEN count(*) >= 2 AND avg(units) > 0 THEN stddev_pop(units) / avg(units) END AS demand_cv,
                    count(forecast_qty) AS forecast_months,
                    CASE WHEN sum(CASE WHEN forecast_qty IS NOT NULL THEN forecast_units END) > 0
                        THEN sum(abs(forecast_qty - forecast_units)) / sum(CASE WHEN forecast_qty IS NOT NULL THEN forecast_units END) END AS forecast_wape
                FROM series GROUP BY sku
            ),
            -- The life cycle over the whole history up to as_of, not the window: a SKU sold for years is not new because
            -- the window is one year long.
            history AS (
                SELECT sku, month, units, sum(units) OVER (PARTITION BY sku ORDER BY month) AS running, sum(units) OVER (PARTITION BY sku) AS total,
                    min(first_sale) OVER (PARTITION BY sku) AS first_sale, max(last_sale) OVER (PARTITION BY sku) AS last_sale
                FROM (SELECT sku, month, sum(units) AS units, min(first_sale) AS first_sale, max(last_sale) AS last_sale FROM {Months} WHERE units > 0 GROUP BY ALL)
            ),
            life AS (
                SELECT sku, any_value(first_sale) AS first_sale, any_value(last_sale) AS last_sale,
                    date_diff('month', min(month) FILTER (WHERE running >= {Sql.Num(LifeStarts)} * total), min(month) FILTER (WHERE running >= {Sql.Num(LifeEnds)} * total)) + 1 AS life_months,
                    sum(units) FILTER (WHERE month <= {last}) AS units_to_series_end,
                    coalesce(sum(units) FILTER (WHERE month > {last} - INTERVAL 3 MONTH AND month <= {last}), 0) / 3.0 AS recent_monthly_units
                FROM history GROUP BY sku
            )
            SELECT s.sku, round(s.revenue, 2) + 0.0 AS revenue, s.units, s.lines,
                round(s.cost_of_goods, 2) + 0.0 AS cost_of_goods,
                round(CASE WHEN s.revenue > 0 THEN (s.revenue - s.cost_of_goods) / s.revenue END, 4) + 0.0 AS gross_margin_pct,
                round(v.demand_cv, 4) AS demand_cv,
                round(v.forecast_wape, 4) AS forecast_wape, v.forecast_months,
                l.first_sale, l.last_sale,
                date_diff('month', l.first_sale, l.last_sale) + 1 AS months_on_sale,
                l.life_months,
                date_diff('month', l.first_sale, {asOf}) + 1 AS observed_months,
                -- Faded: the last three months of the series sold under a quarter of the SKU's average month from its first sale;
                -- unjudged for a SKU on sale for under six months, whose last three months are most of its life.
                CASE WHEN date_diff('month', l.first_sale, {last}) + 1 >= 6
                    THEN l.recent_monthly_units < {Sql.Num(FadedShare)} * l.units_to_series_end / (date_diff('month', l.first_sale, {last}) + 1) END AS faded
            FROM sold s JOIN life l USING (sku) LEFT JOIN variability v USING (sku)
            """);
        connection.Execute($"DROP TABLE IF EXISTS {Months}");
    }

    // The active model's segments crossed with the product classes over the window's lines: what each segment buys of
    // functional and innovative goods, which capacity and stock decisions need beside the customer segments. A SKU with only
    // returns in the window has no class: its lines are unclassified. Grouped by the class as written, not the joined column
    // the name product_class would resolve to: the returns-only SKUs' lines (no class) and the unclassified SKUs' would make
    // two unclassified rows of one segment, splitting its share.
    private void CreateMix(string s, MetricsOptions options) =>
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.segment_product_mix AS
            SELECT a.model, a.segment, {LineClass} AS product_class,
                round(sum({CustomerMetrics.LineRevenue}), 2) + 0.0 AS revenue,
                coalesce(sum(CASE WHEN l.quantity > 0 THEN l.quantity END), 0) AS units,
                count(CASE WHEN l.quantity > 0 THEN 1 END) AS lines,
                CASE WHEN sum(sum({CustomerMetrics.LineRevenue})) OVER (PARTITION BY a.segment) > 0
                    THEN round(sum({CustomerMetrics.LineRevenue}) / sum(sum({CustomerMetrics.LineRevenue})) OVER (PARTITION BY a.segment), 4) + 0.0 END AS revenue_share
            {ActiveSegmentLines(s, options)}
            GROUP BY a.model, a.segment, {LineClass}
            """);
}
