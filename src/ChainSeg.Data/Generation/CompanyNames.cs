namespace ChainSeg.Data.Generation;

/// <summary>
/// Plausible trade names. A name is a pure function of (seed, customer), so a branch can repeat its
/// parent's name without the generator keeping every name in memory. Some names carry a comma or a
/// double quote, as real CRM exports do, which exercises CSV quoting.
/// </summary>
internal static class CompanyNames
{
    private static readonly string[] Surnames =
    [
        "Becker", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Schulz", "Hoffmann", "Koch", "Richter",
        "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann",
        "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler", "Herrmann", "Walter", "König",
    ];

    private static readonly string[] Trades =
    [
        "Haustechnik", "Elektrotechnik", "Bau", "Logistik", "Handel", "Industriebedarf", "Metallbau", "Versand",
        "Gebäudeservice", "Maschinenbau", "Werkzeuge", "Sanitär", "Verpackung", "Facility Services", "Automation",
    ];

    private static readonly string[] Brands =
    [
        "Nordlicht", "Alpenblick", "Rheinwerk", "Elbtal", "Spreeland", "Hanse", "Isartal", "Weserstahl",
        "Brückenbau", "Sonnenhof", "Eichenwald", "Mainhafen", "Bergquell", "Kranich", "Falkenstein",
    ];

    public static string For(int seed, int customer, string country)
    {
        var key = (ulong)(uint)seed;
        var pick = StableHash.Mix(key, (ulong)RandomStream.Names, (ulong)customer);
        var surname = Surnames[(int)(pick % (ulong)Surnames.Length)];
        var other = Surnames[(int)((pick >> 8) % (ulong)Surnames.Length)];
        var trade = Trades[(int)((pick >> 16) % (ulong)Trades.Length)];
        var brand = Brands[(int)((pick >> 24) % (ulong)Brands.Length)];
        var legal = LegalForm(country, pick >> 32);
        return ((pick >> 40) % 20) switch
        {
            < 8 => $"{surname} {trade} {legal}",
            < 12 => $"{brand} {trade} {legal}",
            < 15 => $"{surname} & {other} {legal}",
            < 18 => $"{surname}, {other} & Partner",
            < 19 => $"{brand} \"{trade}\" {legal}",
            _ => $"{surname} {trade}",
        };
    }

    public static string ForBranch(string parentName, string city) => $"{parentName} Niederlassung {city}";

    private static string LegalForm(string country, ulong pick) => country switch
    {
        "DE" => (pick % 5) switch { 0 => "AG", 1 => "KG", 2 => "GmbH & Co. KG", _ => "GmbH" },
        "AT" => "GmbH",
        "NL" => "B.V.",
        "DK" => pick % 2 == 0 ? "A/S" : "ApS",
        _ => "Sp. z o.o.",
    };
}
