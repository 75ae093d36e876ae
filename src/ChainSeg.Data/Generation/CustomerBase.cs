namespace ChainSeg.Data.Generation;

/// <summary>
/// Every customer's planted truth: archetype and behaviour profile, parent account, region, channel,
/// creation date and planted shift. Held as arrays so memory is O(customers).
/// </summary>
internal sealed class CustomerBase
{
    private const double NewCustomerShare = 0.12;
    private const double DomesticShare = 0.85;
    private const double ShiftShare = 0.02;
    private static readonly int[] ShiftMonths = [6, 9, 12, 15, 18];
    private static readonly DateOnly OldestCreation = new(2012, 1, 1);
    private static readonly DateOnly FirstNewCreation = new(2024, 2, 1);
    private static readonly DateOnly LastNewCreation = new(2025, 9, 30);

    private readonly CustomerProfile[] profiles;
    private readonly int[] parents;
    private readonly byte[] regions;
    private readonly bool[] domestic;
    private readonly string[] channels;
    private readonly DateOnly[] createdAt;
    private readonly PlantedShift?[] shifts;

    private CustomerBase(int count)
    {
        profiles = new CustomerProfile[count];
        parents = new int[count];
        regions = new byte[count];
        domestic = new bool[count];
        channels = new string[count];
        createdAt = new DateOnly[count];
        shifts = new PlantedShift?[count];
    }

    public int Count => profiles.Length;

    public IReadOnlyList<PlantedShift> Shifts { get; private set; } = [];

    public static CustomerBase Create(int seed, int count)
    {
        var random = new Random(StableHash.StreamSeed(seed, RandomStream.Customers));
        var customers = new CustomerBase(count);
        var archetypes = DrawArchetypes(count, random);
        customers.AssignParents(archetypes, random);
        for (var customer = 0; customer < count; customer++)
        {
            var traits = ArchetypeTraits.Of(archetypes[customer]);
            customers.profiles[customer] = CustomerProfile.Draw(traits, random);
            customers.regions[customer] = (byte)CustomerGeography.DrawRegion(random);
            customers.domestic[customer] = random.NextDouble() < DomesticShare;
            customers.channels[customer] = traits.Channels[random.Next(traits.Channels.Length)];
            customers.createdAt[customer] = random.NextDouble() < NewCustomerShare
                ? RandomDate(random, FirstNewCreation, LastNewCreation)
                : RandomDate(random, OldestCreation, BusinessCalendar.Start.AddDays(-1));
        }

        customers.PlantShifts(random);
        return customers;
    }

    public CustomerProfile Profile(int customer) => profiles[customer];

    /// <summary>The profile in force in a horizon month: the planted shift's from its month on.</summary>
    public CustomerProfile ProfileIn(int customer, int month) =>
        shifts[customer] is { } shift && month >= shift.Month ? shift.After : profiles[customer];

    /// <summary>Order-rate multiplier in a horizon month from a planted shift (0 after churn).</summary>
    public double RateMultiplierIn(int customer, int month) =>
        shifts[customer] is { } shift && month >= shift.Month ? shift.RateMultiplier : 1;

    /// <summary>Parent account index, or -1 for a top-level account.</summary>
    public int Parent(int customer) => parents[customer];

    public int Region(int customer) => regions[customer];

    /// <summary>Whether the customer sits in the home market (Germany) rather than its region's neighbour country.</summary>
    public bool Domestic(int customer) => domestic[customer];

    public string Channel(int customer) => channels[customer];

    public DateOnly CreatedAt(int customer) => createdAt[customer];

    /// <summary>Business-time position from which the customer can order (its creation inside the horizon, else 0).</summary>
    public double FirstPosition(int customer) =>
        createdAt[customer] < BusinessCalendar.Start ? 0 : BusinessCalendar.Horizon.PositionOnOrAfter(createdAt[customer]);

    private static CustomerArchetype[] DrawArchetypes(int count, Random random)
    {
        var archetypes = new CustomerArchetype[count];
        for (var customer = 0; customer < count; customer++)
        {
            var u = random.NextDouble();
            var archetype = CustomerArchetype.HighServiceLowMargin;
            foreach (var traits in ArchetypeTraits.All)
            {
                u -= traits.Share;
                if (u < 0)
                {
                    archetype = traits.Archetype;
                    break;
                }
            }

            archetypes[customer] = archetype;
        }

        return archetypes;
    }

    // About 10 % of customers become branches of an account of their own archetype; key accounts
    // branch most, so parents are mostly key accounts. Branches never have branches.
    private void AssignParents(CustomerArchetype[] archetypes, Random random)
    {
        var isChild = new bool[archetypes.Length];
        for (var customer = 0; customer < archetypes.Length; customer++)
        {
            isChild[customer] = random.NextDouble() < ArchetypeTraits.Of(archetypes[customer]).ChildProbability;
        }

        var accounts = ArchetypeTraits.All
            .Select(t => Enumerable.Range(0, archetypes.Length).Where(c => !isChild[c] && archetypes[c] == t.Archetype).ToArray())
            .ToArray();
        for (var customer = 0; customer < archetypes.Length; customer++)
        {
            var pool = accounts[(int)archetypes[customer]];
            parents[customer] = isChild[customer] && pool.Length > 0 ? pool[random.Next(pool.Length)] : -1;
        }
    }

    // Shifts go to established customers of the frequently ordering archetypes, so that the change
    // is visible in their order history rather than lost in noise.
    private void PlantShifts(Random random)
    {
        var candidates = Enumerable.Range(0, Count)
            .Where(c => createdAt[c] < BusinessCalendar.Start && profiles[c].Archetype is
                CustomerArchetype.SteadyKeyAccount or CustomerArchetype.EcommerceSmall or CustomerArchetype.HighServiceLowMargin)
            .ToArray();
        var count = Math.Min(candidates.Length, Math.Max(1, (int)Math.Round(ShiftShare * Count)));
        var kindOffset = random.Next(4);
        var planted = new List<PlantedShift>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = i + random.Next(candidates.Length - i);
            (candidates[i], candidates[pick]) = (candidates[pick], candidates[i]);
            var customer = candidates[i];
            var kind = (ShiftKind)((i + kindOffset) % 4);
            var month = ShiftMonths[random.Next(ShiftMonths.Length)];
            var after = kind == ShiftKind.ArchetypeChange
                ? CustomerProfile.Draw(ArchetypeTraits.Of(PlantedShift.ChangedArchetype(profiles[customer].Archetype)), random)
                : profiles[customer];
            shifts[customer] = new PlantedShift(customer, kind, month, after);
            planted.Add(shifts[customer]!);
        }

        Shifts = [.. planted.OrderBy(s => s.Customer)];
    }

    private static DateOnly RandomDate(Random random, DateOnly first, DateOnly last) =>
        first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));
}
