using ChainSeg.Core.Segmentation;

namespace ChainSeg.Data.Ingestion;

/// <summary>How a canonical column's text is parsed and standardised.</summary>
public enum ColumnKind
{
    /// <summary>Free text, trimmed.</summary>
    Text,
    /// <summary>A code such as an order id or SKU: cleaned as <see cref="IdentifierText"/> says (edges, NFC, placeholders missing), float suffix (<c>17850.0</c>) removed; case kept.</summary>
    Code,
    /// <summary>A customer id: standardised and resolved through the master table and the crosswalk.</summary>
    CustomerId,
    /// <summary>A calendar date.</summary>
    Date,
    /// <summary>A date with an optional time of day.</summary>
    Timestamp,
    /// <summary>A number (culture of the source).</summary>
    Number,
}

/// <summary>Domain rule on a parsed value; a violation is an <c>invalid_value</c>.</summary>
public enum ValueRule
{
    /// <summary>Any value.</summary>
    Any,
    /// <summary>Zero or more.</summary>
    NonNegative,
    /// <summary>Anything but zero.</summary>
    NonZero,
    /// <summary>Between 0 and 1: a rate written as a fraction (0.25 for 25 %), not as a percent.</summary>
    Fraction,
    /// <summary>Between −90 and 90.</summary>
    Latitude,
    /// <summary>Between −180 and 180.</summary>
    Longitude,
    /// <summary>One of the values of <see cref="CanonicalColumn.AllowedValues"/> (case-insensitive, stored lower case).</summary>
    OneOf,
    /// <summary>
    /// A date no later than the day after the run (by its clock): an order placed, shipped or delivered in the future is a
    /// typo (2099 for 2024), and as_of, the latest order date, would follow it and leave every customer inactive. Checked
    /// with the date's business range: an optional date so written is left empty and counted, as a placeholder is.
    /// </summary>
    NotInFuture,
}

/// <summary>One column of a canonical table.</summary>
public sealed record CanonicalColumn(string Name, ColumnKind Kind, bool Required = false, ValueRule Rule = ValueRule.Any)
{
    /// <summary>Allowed values for <see cref="ValueRule.OneOf"/>.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>Canonical table this column refers to (its key), or null.</summary>
    public string? References { get; init; }

    /// <summary>The column of the referenced table that this column must match.</summary>
    public string? ReferencedColumn { get; init; }

    /// <summary>
    /// The warning counting rows whose referenced rows all belong to another customer than their customer_id (such a row is
    /// kept: its own customer is the one charged); null when not checked.
    /// </summary>
    public string? OtherCustomerWarning { get; init; }

    /// <summary>The column whose sign this column's non-zero values take (a return's net_amount is negative as its quantity is); null when free.</summary>
    public string? SignOf { get; init; }
}

/// <summary>One canonical table of ARCHITECTURE.md §3.</summary>
public sealed record CanonicalTable(string Name, IReadOnlyList<CanonicalColumn> Columns)
{
    /// <summary>Columns that together identify a row; a repeated key is a <c>duplicate_key</c>. Optional key columns are used only when mapped.</summary>
    public IReadOnlyList<string> Key { get; init; } = [];

    /// <summary>Whether the key still identifies a row when an optional key column is not mapped (false for order lines: order_id alone is no line key).</summary>
    public bool PartialKeyAllowed { get; init; } = true;

    /// <summary>Groups of optional columns of which at least one must be present (e.g. unit_price or net_amount).</summary>
    public IReadOnlyList<IReadOnlyList<string>> RequireOneOf { get; init; } = [];

    /// <summary>The column with this name.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public CanonicalColumn Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"table {Name} has no column {name}");
}

/// <summary>The canonical input schema, in load order (masters before the tables that refer to them).</summary>
public static class CanonicalSchema
{
    /// <summary>Service event types the product understands; <c>order_change</c> is one row per change of an ERP change log (order_id the order changed).</summary>
    public static readonly IReadOnlyList<string> EventTypes = ["return", "complaint", "expedite", "claim", "credit_note", "sla_breach", "order_change"];

    /// <summary>Cost drivers activity-based costing can attribute by.</summary>
    public static readonly IReadOnlyList<string> CostDrivers = ["orders", "lines", "units", "shipments", "returns", "expedites", "complaints", "order_changes", "weight_kg", "freight", "customers", "revenue"];

    private static CanonicalColumn Text(string name, bool required = false) => new(name, ColumnKind.Text, required);
    private static CanonicalColumn Code(string name, bool required = false, string? references = null, string? column = null) =>
        new(name, ColumnKind.Code, required) { References = references, ReferencedColumn = column ?? (references is null ? null : name) };
    private static CanonicalColumn Customer(string name, bool required = false) =>
        new(name, ColumnKind.CustomerId, required) { References = "customers", ReferencedColumn = "customer_id" };
    private static CanonicalColumn Date(string name, bool required = false, ValueRule rule = ValueRule.Any) => new(name, ColumnKind.Date, required, rule);
    private static CanonicalColumn Number(string name, ValueRule rule = ValueRule.Any, bool required = false) => new(name, ColumnKind.Number, required, rule);

    /// <summary>All canonical tables in load order.</summary>
    public static readonly IReadOnlyList<CanonicalTable> Tables =
    [
        new("locations", [Code("location_id", true), Text("type"), Code("upstream_location_id", references: "locations", column: "location_id")])
            { Key = ["location_id"] },
        new("products", [Code("sku", true), Text("description"), Text("category"), Number("unit_cost", ValueRule.NonNegative),
                Number("unit_price", ValueRule.NonNegative), Number("weight_kg", ValueRule.NonNegative), Number("volume_m3", ValueRule.NonNegative)])
            { Key = ["sku"] },
        new("customers", [new("customer_id", ColumnKind.CustomerId, true), Text("name"), Customer("parent_id"), Text("country"), Text("region"),
                Text("city"), Text("postal_code"), Number("latitude", ValueRule.Latitude), Number("longitude", ValueRule.Longitude),
                Text("channel"), Date("created_at"), Text("source_system")])
            { Key = ["customer_id"] },
        new("id_crosswalk", [Text("source_system", true), new("source_customer_id", ColumnKind.CustomerId, true), Customer("customer_id", true)])
            { Key = ["source_system", "source_customer_id"] },
        new("order_lines", [Code("order_id", true), Customer("customer_id", true), Code("sku", true, "products"),
                new("order_date", ColumnKind.Timestamp, true, ValueRule.NotInFuture), Number("quantity", ValueRule.NonZero, true), Number("unit_price", ValueRule.NonNegative),
                Number("net_amount") with { SignOf = "quantity" }, Number("margin_amount"), Code("line_no"), Date("requested_date"),
                Code("location_id", references: "locations"), Text("channel"), Text("source_system")])
            { Key = ["order_id", "line_no"], PartialKeyAllowed = false, RequireOneOf = [["unit_price", "net_amount"]] },
        // A promised date may lie ahead (an open order); a shipment's own dates may not.
        new("shipments", [Code("shipment_id", true), Code("order_id", true, "order_lines"), Date("ship_date", rule: ValueRule.NotInFuture), Date("promised_date"),
                Date("delivered_date", rule: ValueRule.NotInFuture), Code("sku", references: "products"), Number("quantity_shipped", ValueRule.NonNegative),
                Number("quantity_ordered", ValueRule.NonNegative), Text("carrier"), Text("mode"), Number("freight_cost", ValueRule.NonNegative),
                Code("location_id", references: "locations"), Code("line_no")])
            // line_no is the delivery's item (SAP's POSNR): one SKU on two items of a delivery is two rows, not a repeat.
            { Key = ["shipment_id", "order_id", "sku", "line_no"] },
        new("service_events", [Customer("customer_id", true), new("event_type", ColumnKind.Text, true, ValueRule.OneOf) { AllowedValues = EventTypes },
                Date("event_date", true, ValueRule.NotInFuture), Code("order_id", references: "order_lines") with { OtherCustomerWarning = "order_of_another_customer" },
                Number("cost", ValueRule.NonNegative)]),
        new("cost_pools", [Text("activity", true), new("driver", ColumnKind.Text, true, ValueRule.OneOf) { AllowedValues = CostDrivers },
                Number("annual_cost", ValueRule.NonNegative, true)])
            { Key = ["activity"] },
        new("forecasts", [Code("sku", true, "products"), Date("period_start", true), Number("forecast_qty", ValueRule.NonNegative, true),
                Customer("customer_id"), Text("segment")])
            { Key = ["sku", "period_start", "customer_id", "segment"] },
        new("inventory", [Code("sku", true, "products"), Code("location_id", true, "locations"), Number("on_hand", ValueRule.NonNegative),
                Number("lead_time_days", ValueRule.NonNegative), Number("lead_time_sd_days", ValueRule.NonNegative),
                Number("unit_cost", ValueRule.NonNegative), Number("holding_cost_rate", ValueRule.Fraction)])
            { Key = ["sku", "location_id"] },
    ];

    /// <summary>The canonical table with this name.</summary>
    /// <exception cref="Configuration.ConfigurationException">No such table.</exception>
    public static CanonicalTable Table(string name) =>
        Tables.FirstOrDefault(t => t.Name == name)
        ?? throw new Configuration.ConfigurationException($"unknown table '{name}' under sources{MetricNameSuggestion.Hint(name, Tables.Select(t => t.Name))}; expected one of: {string.Join(", ", Tables.Select(t => t.Name))}.");
}
