using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ChainSeg.Core.Inventory;
using ChainSeg.Core.Statistics;
using ChainSeg.Data.Configuration;
using Spectre.Console;
using static ChainSeg.Cli.NumberOptions;

namespace ChainSeg.Cli.Commands;

/// <summary>
/// <c>chainseg calc</c>: the planner's calculators (newsvendor, eoq, rq, safety-stock, loss, gsm) on the command line,
/// with <c>--json</c> for machines and a table naming each figure for people.
/// </summary>
public static class CalcCommand
{
    // Flags carry no time unit: Core needs demand and lead time in one unit, so both are tagged with the same one.
    private const TimeUnit Period = TimeUnit.Day;

    private const string CslMeaning = "cycle service level (Type 1, definition csl): P(lead-time demand ≤ reorder point), per replenishment cycle";
    private const string FillRateMeaning = "fill rate (Type 2, definition fill_rate): 1 − ESC/Q, share of demand met from stock";

    /// <summary>Builds the command and its sub-commands.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON (snake_case keys, numbers as numbers).", Recursive = true };
        return new Command("calc", "Inventory calculators: newsvendor, EOQ, (r,Q), safety stock, normal loss functions, guaranteed-service networks.")
        {
            json,
            NewsvendorCommand(context, json),
            EoqCommand(context, json),
            RqCommand(context, json),
            SafetyStockCommand(context, json),
            LossCommand(context, json),
            GsmCommand(context, json),
        };
    }

    private static Command NewsvendorCommand(CliContext context, Option<bool> json)
    {
        var holding = Number("--holding", "h: cost per unit left over at the end of a period.");
        var stockout = Number("--stockout", "p: cost per unit short (backordered) at the end of a period.");
        var mean = Number("--mean", "Mean demand per period.");
        var sd = OptionalNumber("--sd", "Standard deviation of demand per period (normal demand only).");
        var leadTime = Number("--lead-time", "Lead time L in periods: the base stock then protects L + 1 periods (periodic review).", 0.0);
        var distribution = Choice("--distribution", "Demand distribution.", "normal", "poisson");
        var baseStock = OptionalNumber("--base-stock", "Evaluate the cost of this base-stock level instead of optimising it.");
        var command = new Command("newsvendor", "Newsvendor / periodic-review base stock: S* = F⁻¹(p/(p + h)) and its expected cost per period.")
        {
            holding, stockout, mean, sd, leadTime, distribution, baseStock,
        };
        command.Validators.Add(result =>
        {
            // The raw token, not GetValue: GetValue throws when the value itself was refused.
            string model = result.GetResult(distribution)?.Tokens.FirstOrDefault()?.Value ?? "normal";
            bool poisson = model == "poisson";
            if (!poisson && model != "normal")
                return;
            if (!poisson && result.GetResult(sd) is null)
                result.AddError("Option '--sd' is required for normal demand.");
            if (poisson && result.GetResult(sd) is not null)
                result.AddError("Option '--sd' does not apply to Poisson demand (its variance equals its mean); drop it.");
        });
        SetAction(command, parsed =>
        {
            var model = parsed.GetValue(distribution) == "poisson" ? DemandModel.Poisson : DemandModel.Normal;
            var input = new NewsvendorInput(parsed.GetValue(holding), parsed.GetValue(stockout), parsed.GetValue(mean), parsed.GetValue(sd) ?? 0.0,
                parsed.GetValue(leadTime), model);
            var given = parsed.GetValue(baseStock);
            var result = given is { } s ? Newsvendor.Evaluate(input, s) : Newsvendor.Optimize(input);
            string title = given is null
                ? $"Newsvendor: optimal base stock, {model.ToString().ToLowerInvariant()} demand, protection interval L + 1 = {CalcReport.Number(input.LeadTime + 1.0)} periods"
                : $"Newsvendor: cost of base stock {CalcReport.Number(result.BaseStock)}, {model.ToString().ToLowerInvariant()} demand";
            CalcReport.Write(context, parsed.GetValue(json), result, title,
            [
                new("base_stock", result.BaseStock, "order-up-to level S"),
                new("expected_cost", result.ExpectedCost, "expected holding + stockout cost per period, h·E[(S − D)⁺] + p·E[(D − S)⁺]"),
                new("critical_ratio", double.IsNaN(result.CriticalRatio) ? null : result.CriticalRatio, "p/(p + h): the cycle service level (csl) the optimal S aims at (none at zero costs)"),
                new("protection_demand_mean", result.ProtectionDemandMean, "mean demand over the L + 1 periods of protection"),
                new("protection_demand_sd", result.ProtectionDemandSd, "standard deviation of demand over the protection interval"),
            ]);
        });
        return command;
    }

    private static Command EoqCommand(CliContext context, Option<bool> json)
    {
        var fixedCost = Number("--fixed-cost", "K: fixed cost per order.");
        var holding = Number("--holding", "h: holding cost per unit per time unit of the demand (per year for annual demand).");
        var demand = Number("--demand", "D: demand per time unit (e.g. per year).");
        var orderQty = OptionalNumber("--order-qty", "Evaluate the cost of this order quantity instead of optimising it.");
        var command = new Command("eoq", "Economic order quantity Q* = √(2KD/h) and its cost K·D/Q + h·Q/2.")
        {
            fixedCost, holding, demand, orderQty,
        };
        SetAction(command, parsed =>
        {
            double k = parsed.GetValue(fixedCost), h = parsed.GetValue(holding), d = parsed.GetValue(demand);
            var given = parsed.GetValue(orderQty);
            var result = given is { } q ? EconomicOrderQuantity.Evaluate(k, h, d, q) : EconomicOrderQuantity.Optimize(k, h, d);
            string title = given is null ? "Economic order quantity" : $"Cost of ordering {CalcReport.Number(result.OrderQty)} at a time";
            CalcReport.Write(context, parsed.GetValue(json), result, title,
            [
                new("order_qty", result.OrderQty, "order quantity Q"),
                new("annual_cost", result.AnnualCost, "ordering + holding cost per time unit of the demand (per year for annual demand)"),
                new("ordering_cost", result.OrderingCost, "K·D/Q"),
                new("holding_cost", result.HoldingCost, "h·Q/2 (cycle stock only; no safety stock)"),
                new("orders_per_period", result.OrdersPerPeriod, "D/Q, orders per time unit"),
            ]);
        });
        return command;
    }

    private static Command RqCommand(CliContext context, Option<bool> json)
    {
        var holding = Number("--holding", "h: holding cost per unit per time unit.");
        var stockout = Number("--stockout", "p: backorder cost per unit per time unit.");
        var fixedCost = Number("--fixed-cost", "K: fixed cost per order.");
        var demand = Number("--demand", "Mean demand per time unit.");
        var demandSd = Number("--demand-sd", "Standard deviation of demand per time unit.");
        var leadTime = Number("--lead-time", "Lead time, in the demand's time unit (e.g. 0.0833 year for a month).");
        var method = Choice("--method", "exact: (r,Q) minimising the exact cost; eoq-ss: Q = EOQ, r at the critical ratio.", "exact", "eoq-ss");
        var reorderPoint = OptionalNumber("--reorder-point", "Evaluate this reorder point (with --order-qty) instead of optimising.");
        var orderQty = OptionalNumber("--order-qty", "Fix the order quantity: alone, the best reorder point for it; with --reorder-point, the cost of that policy.");
        var command = new Command("rq", "Continuous-review (r,Q) policy with backorders under normal lead-time demand; exact cost through the second-order loss function.")
        {
            holding, stockout, fixedCost, demand, demandSd, leadTime, method, reorderPoint, orderQty,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(reorderPoint) is not null && result.GetResult(orderQty) is null)
                result.AddError("Option '--reorder-point' needs '--order-qty': together they name the policy to evaluate.");
            if (result.GetResult(orderQty) is not null && result.GetResult(method) is { Implicit: false })
                result.AddError("Option '--method' sets both r and Q; drop it when '--order-qty' fixes Q.");
        });
        SetAction(command, parsed =>
        {
            var input = new RqInput(parsed.GetValue(holding), parsed.GetValue(stockout), parsed.GetValue(fixedCost),
                new DemandRate(parsed.GetValue(demand), parsed.GetValue(demandSd), Period), new LeadTime(parsed.GetValue(leadTime), 0.0, Period));
            var (r, q) = (parsed.GetValue(reorderPoint), parsed.GetValue(orderQty));
            var (result, title) = (r, q) switch
            {
                ({ } given, { } size) => (RqPolicy.Evaluate(input, given, size), "(r,Q): cost of the given policy"),
                (null, { } size) => (RqPolicy.OptimizeReorderPoint(input, size), "(r,Q): best reorder point for the given order quantity"),
                _ when parsed.GetValue(method) == "eoq-ss" => (RqPolicy.Optimize(input, RqMethod.EoqSafetyStock), "(r,Q) by EOQ + safety stock at the critical ratio"),
                _ => (RqPolicy.Optimize(input, RqMethod.Exact), "(r,Q) minimising the exact expected cost"),
            };
            CalcReport.Write(context, parsed.GetValue(json), result, title,
            [
                new("reorder_point", result.ReorderPoint, "order Q when the inventory position falls to r"),
                new("order_qty", result.OrderQty, "order quantity Q"),
                new("expected_cost", result.ExpectedCost, "exact expected ordering + holding + backorder cost per time unit, g(r,Q)"),
                new("safety_stock", result.SafetyStock, "r − mean lead-time demand"),
                new("csl", result.Csl, CslMeaning),
                new("fill_rate", result.FillRate, FillRateMeaning),
            ], [input.HoldingCost, input.StockoutCost, input.FixedCost, input.Demand.Mean, input.Demand.StandardDeviation, input.LeadTime.Mean, .. new[] { r, q }.OfType<double>()]);
        });
        return command;
    }

    private static Command SafetyStockCommand(CliContext context, Option<bool> json)
    {
        var demandMean = Number("--demand-mean", "d: mean demand per period.");
        var demandSd = Number("--demand-sd", "σ_d: standard deviation of demand per period.");
        var leadTime = Number("--lead-time", "L: mean lead time, in periods of the demand.");
        var leadTimeSd = Number("--lead-time-sd", "σ_LT: standard deviation of the lead time, in periods.", 0.0);
        var csl = OptionalShare("--csl", "Cycle-service-level target (Type 1) in (0, 1).");
        var fillRate = OptionalShare("--fill-rate", "Fill-rate target (Type 2) in (0, 1); needs --order-qty.");
        var reorderPoint = OptionalNumber("--reorder-point", "Evaluate the service an existing reorder point gives instead of setting one.");
        var orderQty = OptionalNumber("--order-qty", "Q: order quantity; needed for a fill rate, optional otherwise (then the fill rate is reported too).");
        var command = new Command("safety-stock", "Safety stock and reorder point for a CSL or fill-rate target, normal lead-time demand with σ_L = √(L σ_d² + d² σ_LT²).")
        {
            demandMean, demandSd, leadTime, leadTimeSd, csl, fillRate, reorderPoint, orderQty,
        };
        command.Validators.Add(result =>
        {
            int targets = new Option[] { csl, fillRate, reorderPoint }.Count(o => result.GetResult(o) is not null);
            if (targets != 1)
                result.AddError("Give exactly one of '--csl P', '--fill-rate F' (with '--order-qty Q') or '--reorder-point R'.");
            else if (result.GetResult(fillRate) is not null && result.GetResult(orderQty) is null)
                result.AddError("Option '--fill-rate' needs '--order-qty': fill rate = 1 − ESC/Q.");
        });
        SetAction(command, parsed =>
        {
            var demand = new DemandRate(parsed.GetValue(demandMean), parsed.GetValue(demandSd), Period);
            var ltd = LeadTimeDemand.Fit(DemandModel.Normal, demand, new LeadTime(parsed.GetValue(leadTime), parsed.GetValue(leadTimeSd), Period));
            var q = parsed.GetValue(orderQty);
            var (result, title) = (parsed.GetValue(csl), parsed.GetValue(fillRate), parsed.GetValue(reorderPoint)) switch
            {
                ({ } alpha, _, _) => (ServiceFlag(parsed.GetResult(csl)!, alpha, 95, () => SafetyStock.ForCycleServiceLevel(ltd, alpha, q)), $"Safety stock for a cycle service level (csl) of {CalcReport.Number(alpha)}"),
                (_, { } beta, _) => (ServiceFlag(parsed.GetResult(fillRate)!, beta, 98, () => SafetyStock.ForFillRate(ltd, beta, q!.Value)), $"Safety stock for a fill rate (fill_rate) of {CalcReport.Number(beta)}"),
                (_, _, { } r) => (SafetyStock.AtReorderPoint(ltd, r, q), $"Service given by reorder point {CalcReport.Number(r)}"),
                _ => throw new ConfigurationException("Give one of --csl, --fill-rate or --reorder-point."),
            };
            CalcReport.Write(context, parsed.GetValue(json), result, title,
            [
                new("safety_stock", result.SafetyStock, "reorder point − mean lead-time demand"),
                new("reorder_point", result.ReorderPoint, "order when the inventory position falls to this level"),
                new("csl", result.Csl, CslMeaning),
                new("fill_rate", result.FillRate, result.FillRate is null ? FillRateMeaning + " (needs --order-qty)" : FillRateMeaning),
                new("expected_shortage_per_cycle", result.ExpectedShortagePerCycle, "ESC = σ_L·G(z), units short per replenishment cycle"),
                new("lead_time_demand_mean", result.LeadTimeDemandMean, "d·L"),
                new("lead_time_demand_sd", result.LeadTimeDemandSd, "σ_L = √(L σ_d² + d² σ_LT²)"),
            ]);
        });
        return command;
    }

    private static Command LossCommand(CliContext context, Option<bool> json)
    {
        var z = Number("--z", "Standardised level z = (x − μ)/σ.");
        var command = new Command("loss", "Standard normal density, distribution and first- and second-order loss functions at z.") { z };
        SetAction(command, parsed =>
        {
            double at = parsed.GetValue(z);
            var result = new NormalLossResult(at, StandardNormal.Pdf(at), StandardNormal.Cdf(at), StandardNormal.Loss(at), StandardNormal.SecondOrderLoss(at));
            CalcReport.Write(context, parsed.GetValue(json), result, $"Standard normal at z = {CalcReport.Number(at)}",
            [
                new("z", result.Z, "standardised level"),
                new("pdf", result.Pdf, "density φ(z)"),
                new("cdf", result.Cdf, "Φ(z) = P(Z ≤ z): the csl of a safety factor z"),
                new("loss", result.Loss, "first-order loss G(z) = E[(Z − z)⁺] = φ(z) − z(1 − Φ(z)); ESC = σ_L·G(z)"),
                new("second_order_loss", result.SecondOrderLoss, "G₂(z) = ½E[((Z − z)⁺)²], used in the exact (r,Q) cost"),
            ]);
        });
        return command;
    }

    private static Command GsmCommand(CliContext context, Option<bool> json)
    {
        var networkFile = new Option<FileInfo>("--network")
        {
            Description = "JSON network: z, nodes[] with id, predecessors, processing_time, holding_cost, demand_mean, demand_sd, external_inbound_cst, outbound_cst and optionally its own z.",
            Required = true,
        };
        var command = new Command("gsm", "Guaranteed-service model (Graves & Willems 2000) for tree networks: committed service times and safety stock per node.")
        {
            networkFile,
        };
        SetAction(command, parsed =>
        {
            var file = parsed.GetValue(networkFile)!;
            var network = GsmNetworkFile.Read(file);
            GsmResult result;
            try
            {
                result = GuaranteedServiceModel.Optimize(network);
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException($"network file {file}: {CalcReport.PlainMessage(e)}");
            }

            CalcReport.RequireInRange(result.SafetyStock.Select(n => new Figure($"safety_stock of node {n.Key}", n.Value, ""))
                .Concat(result.BaseStock.Select(n => new Figure($"base_stock of node {n.Key}", n.Value, "")))
                .Append(new Figure("total_cost", result.TotalCost, "")));
            CalcReport.Write(context, parsed.GetValue(json), result, () =>
            {
                var table = new Table().Title(Markup.Escape($"Guaranteed-service plan for {file.Name}: total safety-stock holding cost {CalcReport.Number(result.TotalCost)} per period"))
                    .AddColumns("node", "committed service time S", "inbound service time SI", "net replenishment time SI + T − S", "safety stock", "base stock");
                foreach (var (id, s) in result.CommittedServiceTimes)
                {
                    table.AddRow(Markup.Escape(id), Whole(s), Whole(result.InboundServiceTimes[id]), Whole(result.NetReplenishmentTimes[id]),
                        CalcReport.Number(result.SafetyStock[id]), CalcReport.Number(result.BaseStock[id]));
                }

                return table;
            });
        });
        return command;
    }

    // The smallest service target named as the fix for one that parses to 0; the normal quantile at 1e-300 is a finite −37.
    private const double MinimumServiceTarget = 1e-300;

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    // "--csl 98" got Core's range alone ("must be in (0, 1); got 98"), where csl: 98 in chainseg.yaml names the fraction
    // it stands for: a service flag outside Core's range, refused by Core for that value, gets the same hint. A fraction
    // that parses to 0 or 1 (0.99999999999999999 has more digits than a double) is not a percent: the hint names the rounding.
    private static T ServiceFlag<T>(OptionResult flag, double value, int typicalPercent, Func<T> calculate)
    {
        try
        {
            return calculate();
        }
        catch (ArgumentOutOfRangeException e) when (!ServiceTarget.Range.Contains(value) && e.ActualValue is double refused && refused.Equals(value))
        {
            string name = flag.Option.Name, token = flag.Tokens[0].Value;
            if (RoundsToBound(token, value))
            {
                string target = name == "--csl" ? "a cycle service level" : "a fill rate";
                throw new ConfigurationException(value == 1.0
                    ? $"{name} {token} is 1 in double precision (about 16 significant digits); {target} must be in (0, 1): give at most {Math.BitDecrement(1.0).ToString(CultureInfo.InvariantCulture)}."
                    : $"{name} {token} is 0 in double precision (about 16 significant digits); {target} must be in (0, 1): give at least {MinimumServiceTarget.ToString(CultureInfo.InvariantCulture)}.");
            }

            throw new ConfigurationException($"{CalcReport.PlainMessage(e)} {name} takes a fraction, {ShareSetting.Example(value, typicalPercent)}.");
        }
    }

    // A token that parses to 0 or 1 without being 0 or 1 itself: it has more digits than a double holds ("1.0" does not).
    private static bool RoundsToBound(string token, double value) => value switch
    {
        1.0 => !(decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact) && exact == 1m),
        0.0 => token.Split('e', 'E')[0].Any(c => c is >= '1' and <= '9'),
        _ => false,
    };

    // Core reports bad values as argument exceptions; turn them into the one-line usage error (exit 2) without .NET's suffixes.
    private static void SetAction(Command command, Action<ParseResult> action) =>
        command.SetAction(parsed =>
        {
            try
            {
                action(parsed);
            }
            // Every flag is finite (NumberOptions), so a figure Core finds infinite or NaN was computed from them and overflowed:
            // "Mean demand must be a finite number ≥ 0; got Infinity." for demand × lead time read as a flag given infinite.
            catch (ArgumentOutOfRangeException e) when (e.ActualValue is double value && !double.IsFinite(value))
            {
                throw new ConfigurationException($"{CalcReport.PlainMessage(e).Split(" must be")[0]}, computed from these inputs, exceeds {CalcReport.ModerateInputs}");
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException(CalcReport.PlainMessage(e));
            }

            return ChainSegApp.Ok;
        });

    // The first choice is the default. Parsed here rather than by AcceptOnlyFromAmong, whose error spans several lines.
    private static Option<string> Choice(string name, string description, params string[] choices) =>
        new(name)
        {
            Description = description,
            HelpName = string.Join('|', choices),
            DefaultValueFactory = _ => choices[0],
            CustomParser = result =>
            {
                string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (choices.Contains(token, StringComparer.Ordinal))
                    return token;
                result.AddError($"{OptionName(result)} '{token}' is not one of {string.Join(", ", choices)}.");
                return null;
            },
        };
}

/// <summary>Standard normal figures at one z; property names map to the <c>calc loss</c> JSON keys.</summary>
/// <param name="Z">Standardised level.</param>
/// <param name="Pdf">Density φ(z).</param>
/// <param name="Cdf">Distribution Φ(z).</param>
/// <param name="Loss">First-order loss G(z).</param>
/// <param name="SecondOrderLoss">Second-order loss G₂(z).</param>
public sealed record NormalLossResult(double Z, double Pdf, double Cdf, double Loss, double SecondOrderLoss);
