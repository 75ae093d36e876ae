namespace ChainSeg.Data.Generation;

/// <summary>The five planted behaviours; truth/customer_archetypes.csv names them in snake_case.</summary>
internal enum CustomerArchetype : byte
{
    SteadyKeyAccount,
    BulkDistributor,
    EcommerceSmall,
    ErraticProject,
    HighServiceLowMargin,
}

/// <summary>
/// Mean behaviour of one archetype. Each customer's own parameters are drawn around these means
/// (see <see cref="CustomerProfile"/>), so archetypes overlap a little but stay separable.
/// </summary>
// OrdersPerMonth: Relative order rate; calibration scales all rates by one factor to hit the line count.
// GapShape: Gamma shape of the gaps between orders (high = regular); 0 means bursts separated by long gaps.
// UnitsSpread: Log-normal sigma of units per line around the customer's mean (low = stable quantities).
// OrderChangeProbability: Share of orders changed after placing (quantity, date, line added) in the ERP change log; a
// customer's own share moves with its expedite share (demanding customers do both, Gattorna's agile).
// Seasonality: Order-rate multiplier per calendar month, January first.
internal sealed record ArchetypeTraits(
    CustomerArchetype Archetype,
    string Name,
    double Share,
    double OrdersPerMonth,
    double GapShape,
    double LinesPerOrder,
    int MaxLinesPerOrder,
    double UnitsPerLine,
    double UnitsSpread,
    double Discount,
    double LateProbability,
    double PartialProbability,
    double ReturnProbability,
    double ExpediteProbability,
    double ComplaintProbability,
    double ClaimProbability,
    double CreditNoteProbability,
    double OrderChangeProbability,
    double RequestedLeadDays,
    int BasketSize,
    double CentralShare,
    double ChildProbability,
    bool HasServiceLevelAgreement,
    string[] Channels,
    double[] Seasonality)
{
    public static readonly ArchetypeTraits[] All =
    [
        new(CustomerArchetype.SteadyKeyAccount, "steady_key_account", 0.10,
            OrdersPerMonth: 4.3, GapShape: 12, LinesPerOrder: 9, MaxLinesPerOrder: 40, UnitsPerLine: 24, UnitsSpread: 0.15,
            Discount: 0.10, LateProbability: 0.03, PartialProbability: 0.03, ReturnProbability: 0.01, ExpediteProbability: 0.02,
            ComplaintProbability: 0.01, ClaimProbability: 0.003, CreditNoteProbability: 0.003, OrderChangeProbability: 0.03, RequestedLeadDays: 4,
            BasketSize: 80, CentralShare: 0.03, ChildProbability: 0.65, HasServiceLevelAgreement: true,
            Channels: ["edi", "edi", "edi", "sales_rep"],
            Seasonality: [0.95, 0.975, 1.025, 1.0, 1.0, 0.95, 0.9, 0.875, 1.025, 1.075, 1.125, 1.1]),
        new(CustomerArchetype.BulkDistributor, "bulk_distributor", 0.10,
            OrdersPerMonth: 0.6, GapShape: 3, LinesPerOrder: 1.8, MaxLinesPerOrder: 4, UnitsPerLine: 400, UnitsSpread: 0.3,
            Discount: 0.27, LateProbability: 0.06, PartialProbability: 0.05, ReturnProbability: 0.005, ExpediteProbability: 0.01,
            ComplaintProbability: 0.015, ClaimProbability: 0.01, CreditNoteProbability: 0.005, OrderChangeProbability: 0.04, RequestedLeadDays: 10,
            BasketSize: 12, CentralShare: 0.30, ChildProbability: 0.10, HasServiceLevelAgreement: false,
            Channels: ["edi", "sales_rep"],
            Seasonality: [0.85, 0.9, 1.0, 1.0, 0.95, 0.85, 0.8, 0.85, 1.25, 1.35, 1.2, 0.9]),
        new(CustomerArchetype.EcommerceSmall, "ecommerce_small", 0.45,
            OrdersPerMonth: 5.0, GapShape: 1, LinesPerOrder: 1.3, MaxLinesPerOrder: 2, UnitsPerLine: 1.8, UnitsSpread: 0.6,
            Discount: 0.01, LateProbability: 0.05, PartialProbability: 0.01, ReturnProbability: 0.05, ExpediteProbability: 0.01,
            ComplaintProbability: 0.02, ClaimProbability: 0.003, CreditNoteProbability: 0.005, OrderChangeProbability: 0.005, RequestedLeadDays: 2,
            BasketSize: 15, CentralShare: 0.03, ChildProbability: 0.015, HasServiceLevelAgreement: false,
            Channels: ["webshop", "webshop", "webshop", "marketplace"],
            Seasonality: [0.95, 0.9, 1.0, 0.95, 0.95, 0.85, 0.8, 0.8, 1.0, 1.15, 1.55, 1.45]),
        new(CustomerArchetype.ErraticProject, "erratic_project", 0.15,
            OrdersPerMonth: 0.9, GapShape: 0, LinesPerOrder: 4, MaxLinesPerOrder: 25, UnitsPerLine: 30, UnitsSpread: 1.0,
            Discount: 0.07, LateProbability: 0.12, PartialProbability: 0.10, ReturnProbability: 0.03, ExpediteProbability: 0.25,
            ComplaintProbability: 0.05, ClaimProbability: 0.02, CreditNoteProbability: 0.01, OrderChangeProbability: 0.20, RequestedLeadDays: 7,
            BasketSize: 35, CentralShare: 0.05, ChildProbability: 0.03, HasServiceLevelAgreement: false,
            Channels: ["sales_rep", "sales_rep", "phone"],
            Seasonality: [0.75, 0.8, 1.05, 1.2, 1.25, 1.15, 0.95, 0.8, 1.1, 1.1, 1.0, 0.7]),
        new(CustomerArchetype.HighServiceLowMargin, "high_service_low_margin", 0.20,
            OrdersPerMonth: 4.0, GapShape: 1.5, LinesPerOrder: 3, MaxLinesPerOrder: 12, UnitsPerLine: 6, UnitsSpread: 0.45,
            Discount: 0.24, LateProbability: 0.10, PartialProbability: 0.08, ReturnProbability: 0.09, ExpediteProbability: 0.18,
            ComplaintProbability: 0.10, ClaimProbability: 0.02, CreditNoteProbability: 0.05, OrderChangeProbability: 0.14, RequestedLeadDays: 2,
            BasketSize: 30, CentralShare: 0.03, ChildProbability: 0.06, HasServiceLevelAgreement: true,
            Channels: ["phone", "sales_rep", "phone", "webshop"],
            Seasonality: [0.9, 0.95, 1.05, 1.0, 1.0, 0.9, 0.8, 0.75, 1.05, 1.15, 1.25, 1.2]),
    ];

    public static ArchetypeTraits Of(CustomerArchetype archetype) => All[(int)archetype];
}
