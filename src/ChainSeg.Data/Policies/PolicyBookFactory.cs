using System.Globalization;
using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;
using ChainSeg.Core.Products;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Policies;

/// <summary>Builds the policy book and business calendar from <c>policies:</c>, or ChainSeg's documented defaults.</summary>
public static class PolicyBookFactory
{
    /// <summary>
    /// The configured policies; without any, the default map of the active model's method or preset
    /// (<paramref name="activeMethod"/>: ABC×XYZ, <see cref="DefaultPolicies.AbcXyz"/>; the gattorna and shapiro presets,
    /// <see cref="DefaultPolicies.Gattorna"/> and <see cref="DefaultPolicies.Shapiro"/>), else the default fallback policy for every segment.
    /// </summary>
    /// <exception cref="ConfigurationException">A policy value is invalid; the message names the segment and the key.</exception>
    public static PolicyBook Create(PoliciesConfig config, string activeMethod)
    {
        var book = config.Segments.Count == 0 && config.Default is null
            ? activeMethod switch
            {
                "abc_xyz" => DefaultPolicies.AbcXyz,
                Segmentation.SegmentationPresets.Gattorna => DefaultPolicies.Gattorna,
                Segmentation.SegmentationPresets.Shapiro => DefaultPolicies.Shapiro,
                _ => new PolicyBook([], DefaultPolicies.Fallback),
            }
            : new PolicyBook(config.Segments.Select(s => new KeyValuePair<string, ServicePolicy>(s.Key, Policy(s.Key, s.Value))),
                config.Default is null ? DefaultPolicies.Fallback : Policy("default", config.Default));
        return config.ProductClasses.Count == 0 ? book : WithProductClasses(book, config.ProductClasses);
    }

    // The product axis' cells over the segments' book (configured or default): a class the axis does not name is a typo that
    // would silently change nothing, so it is refused with the names it could have meant.
    private static PolicyBook WithProductClasses(PolicyBook book, Dictionary<string, ProductClassPolicyConfig> classes)
    {
        string[] known = [FisherProductClass.Functional, FisherProductClass.Innovative, FisherProductClass.Unclassified];
        var cells = new List<ProductClassPolicy>();
        foreach (var (name, config) in classes)
        {
            var where = $"policies.product_classes.{name}";
            if (!known.Contains(name, StringComparer.Ordinal))
                throw new ConfigurationException($"{where}: '{name}' is not a product class; use {string.Join(", ", known)} (Fisher's product axis, product_classes.csv).");
            var segments = config.Segments.ToDictionary(s => s.Key, s => Override($"{where}.segments.{s.Key}", s.Value) ?? new PolicyOverride(), StringComparer.Ordinal);
            try
            {
                cells.Add(new ProductClassPolicy(name, Override(where, config), segments));
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException($"{where}: {Message(e)}");
            }
        }

        try
        {
            return book.WithProductClasses(cells);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"policies.product_classes: {Message(e)} Give the cell a csl or fill_rate, or another fulfilment_mode.");
        }
    }

    private static PolicyOverride? Override(string where, CellPolicyConfig? p)
    {
        if (p is null)
            return null;
        try
        {
            var mode = p.FulfilmentMode is null ? (FulfilmentMode?)null : PolicyVocabulary.ParseFulfilmentMode(p.FulfilmentMode);
            var target = Target(where, p.Csl, p.FillRate);
            if (mode == FulfilmentMode.MakeToOrder && target is not null)
                throw new ConfigurationException($"{where}: a make_to_order cell carries no safety stock, so it takes no csl or fill_rate; remove the target.");
            if (p.LeadTimeDays is < 0 or > ServicePolicy.MaxBusinessDays)
                throw new ConfigurationException($"{where}.lead_time_days must be in [0, {ServicePolicy.MaxBusinessDays}] business days; got {p.LeadTimeDays}.");
            var cell = new PolicyOverride(mode, target, p.LeadTimeDays);
            return cell.IsEmpty ? null : cell;
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"{where}: {Message(e)}");
        }
    }

    // Checked here rather than by ServiceTarget, whose "must be in (0, 1); got 98" left a percent's reader to guess.
    private static ServiceTarget? Target(string where, double? csl, double? fillRate)
    {
        if (csl is not null && fillRate is not null)
            throw new ConfigurationException($"{where}: give csl or fill_rate, not both (a 95 % CSL is not a 95 % fill rate).");
        return csl is { } c ? ServiceTarget.CycleServiceLevel(ShareSetting.RequireOpenFraction(c, where + ".csl", 95))
            : fillRate is { } f ? ServiceTarget.FillRate(ShareSetting.RequireOpenFraction(f, where + ".fill_rate", 98)) : null;
    }

    private static string Message(ArgumentException e) => e.Message.Split('\n')[0].Split(" (Parameter '")[0];

    /// <summary>The policy book of a stored run: configured policies, or the defaults for the method (or preset) of the run's active model.</summary>
    public static PolicyBook ForRun(DuckDB.NET.Data.DuckDBConnection connection, Store.RunRecord run, ChainSegConfig config) =>
        Create(config.Policies, ActiveMethod(connection, run) ?? "abc_xyz");

    // The method as the run defined its active model (run_models), so route, allocate and capacity apply the policies the run
    // did: the registry holds the definition a (model, version) was first used with, and a model changed without a version
    // bump (rules to abc_xyz, which the run warns of) has another. Runs made before run_models have only the registry's.
    private static string? ActiveMethod(DuckDB.NET.Data.DuckDBConnection connection, Store.RunRecord run)
    {
        var (recorded, registered) = Store.DuckDbConnectionExtensions.Query(connection, $"""
            SELECT r.definition, m.method
            FROM (SELECT DISTINCT model, model_version FROM {Ingestion.Sql.Id(run.Schema)}.assignments WHERE is_active_model) a
            LEFT JOIN main.run_models r ON r.run_id = {Ingestion.Sql.Str(run.RunId)} AND r.model = a.model
            LEFT JOIN main.segmentation_models m ON a.model = m.model AND a.model_version = m.version
            """, r => (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1))).FirstOrDefault();
        if (recorded is null)
            return registered;
        using var definition = System.Text.Json.JsonDocument.Parse(recorded);
        // A preset's segments have a default map of their own (gattorna), so the preset speaks for the method it expanded to.
        foreach (var key in (string[])["preset", "method"])
            if (definition.RootElement.TryGetProperty(key, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String)
                return value.GetString();
        return registered;
    }

    /// <summary>The working-day calendar.</summary>
    /// <exception cref="ConfigurationException">A weekday or holiday is not understood.</exception>
    public static BusinessCalendar Calendar(CalendarConfig config)
    {
        var weekend = config.Weekend.Select(d => Enum.TryParse<DayOfWeek>(d, ignoreCase: true, out var day)
            ? day
            : throw new ConfigurationException($"policies.calendar.weekend: '{d}' is not a weekday; use monday … sunday."));
        var holidays = config.Holidays.Select(h => DateFormat.TryParseIso(h, out var date)
            ? date
            : throw new ConfigurationException($"policies.calendar.holidays: '{h}' is not a date; write yyyy-MM-dd."));
        var days = weekend.ToList();
        if (days.Distinct().Count() == 7)
            throw new ConfigurationException("policies.calendar.weekend lists all seven days; leave at least one working weekday.");
        return new BusinessCalendar(days, holidays.ToList());
    }

    private static ServicePolicy Policy(string segment, PolicyConfig p)
    {
        var where = segment == "default" ? "policies.default" : $"policies.segments.{segment}";
        try
        {
            var target = Target(where, p.Csl, p.FillRate);
            if (!TimeOnly.TryParseExact(p.Cutoff, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var cutoff))
                throw new ConfigurationException($"{where}.cutoff '{p.Cutoff}' is not a time; write HH:mm (e.g. 14:00).");
            return new ServicePolicy(target, PolicyVocabulary.ParseFulfilmentMode(p.FulfilmentMode), PolicyVocabulary.ParseRoute(p.Route),
                p.LeadTimeDays, cutoff, p.DeliveryWindowDays, p.Priority, ParseSurcharge(where, p.Surcharge));
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"{where}: {Message(e)}");
        }
    }

    private static Surcharge? ParseSurcharge(string where, string? text)
    {
        try
        {
            return text is null ? null : Surcharge.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException($"{where}.surcharge: {e.Message}");
        }
    }
}
