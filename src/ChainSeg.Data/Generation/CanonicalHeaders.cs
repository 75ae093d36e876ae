namespace ChainSeg.Data.Generation;

/// <summary>Column order of every file the generator writes; canonical tables follow ARCHITECTURE.md §3.</summary>
internal static class CanonicalHeaders
{
    public static readonly string[] Customers =
        ["customer_id", "name", "parent_id", "country", "region", "city", "postal_code", "latitude", "longitude", "channel", "created_at", "source_system"];

    public static readonly string[] IdCrosswalk = ["source_system", "source_customer_id", "customer_id"];

    public static readonly string[] Products = ["sku", "description", "category", "unit_cost", "unit_price", "weight_kg", "volume_m3"];

    public static readonly string[] OrderLines =
        ["order_id", "line_no", "customer_id", "sku", "order_date", "quantity", "unit_price", "net_amount", "margin_amount", "requested_date", "location_id", "channel", "source_system"];

    public static readonly string[] Shipments =
        ["shipment_id", "order_id", "sku", "quantity_ordered", "quantity_shipped", "ship_date", "promised_date", "delivered_date", "carrier", "mode", "freight_cost", "location_id"];

    public static readonly string[] ServiceEvents = ["customer_id", "event_type", "event_date", "order_id", "cost"];

    public static readonly string[] CostPools = ["activity", "driver", "annual_cost"];

    public static readonly string[] Forecasts = ["sku", "period_start", "forecast_qty", "customer_id", "segment"];

    public static readonly string[] Inventory = ["sku", "location_id", "on_hand", "lead_time_days", "lead_time_sd_days", "unit_cost", "holding_cost_rate"];

    public static readonly string[] Locations = ["location_id", "type", "upstream_location_id"];

    public static readonly string[] CustomerArchetypes = ["customer_id", "archetype"];

    public static readonly string[] DirtyRows = ["table", "row", "reason", "column"];

    public static readonly string[] PlantedWarnings = ["table", "row", "kind", "column"];

    public static readonly string[] PlantedShifts = ["customer_id", "period", "kind"];
}
