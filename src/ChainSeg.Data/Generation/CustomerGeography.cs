using System.Globalization;
using MathNet.Numerics.Distributions;

namespace ChainSeg.Data.Generation;

/// <summary>A city customers can sit in; postal codes are drawn from the city's real range.</summary>
internal sealed record City(string Country, string Name, double Latitude, double Longitude, int PostalLow, int PostalHigh);

/// <summary>A sales region served by one regional DC, with the cities in it.</summary>
internal sealed record Region(string Name, string DistributionCentre, double Share, string NeighbourCountry, City[] Cities);

/// <summary>Where a customer is: region, country, city, postal code and coordinates, consistent with each other.</summary>
internal sealed record CustomerAddress(int Region, City City, string PostalCode, double Latitude, double Longitude);

/// <summary>The company's home market (Germany, four regions) and one neighbouring country per region.</summary>
internal static class CustomerGeography
{
    public static readonly Region[] Regions =
    [
        new("North", "DC-NORTH", 0.25, "DK",
        [
            new("DE", "Hamburg", 53.551, 9.994, 20095, 22769), new("DE", "Bremen", 53.079, 8.802, 28195, 28779),
            new("DE", "Hannover", 52.376, 9.732, 30159, 30669), new("DE", "Kiel", 54.323, 10.123, 24103, 24159),
            new("DE", "Rostock", 54.092, 12.099, 18055, 18147), new("DE", "Lübeck", 53.866, 10.687, 23552, 23570),
            new("DK", "København", 55.676, 12.568, 1050, 2450), new("DK", "Aarhus", 56.163, 10.204, 8000, 8270),
        ]),
        new("South", "DC-SOUTH", 0.30, "AT",
        [
            new("DE", "München", 48.137, 11.576, 80331, 81929), new("DE", "Stuttgart", 48.776, 9.183, 70173, 70629),
            new("DE", "Nürnberg", 49.452, 11.077, 90402, 90491), new("DE", "Augsburg", 48.371, 10.898, 86150, 86199),
            new("DE", "Freiburg im Breisgau", 47.999, 7.842, 79098, 79117), new("DE", "Regensburg", 49.013, 12.102, 93047, 93059),
            new("AT", "Wien", 48.208, 16.373, 1010, 1230), new("AT", "Graz", 47.071, 15.439, 8010, 8063),
            new("AT", "Salzburg", 47.809, 13.055, 5020, 5026),
        ]),
        new("East", "DC-EAST", 0.20, "PL",
        [
            new("DE", "Berlin", 52.520, 13.405, 10115, 14199), new("DE", "Leipzig", 51.340, 12.375, 4103, 4357),
            new("DE", "Dresden", 51.050, 13.738, 1067, 1328), new("DE", "Magdeburg", 52.121, 11.628, 39104, 39130),
            new("DE", "Erfurt", 50.978, 11.029, 99084, 99099), new("DE", "Potsdam", 52.391, 13.064, 14467, 14482),
            new("PL", "Szczecin", 53.428, 14.553, 70001, 71899), new("PL", "Poznań", 52.406, 16.925, 60001, 61898),
            new("PL", "Wrocław", 51.108, 17.038, 50001, 54612),
        ]),
        new("West", "DC-WEST", 0.25, "NL",
        [
            new("DE", "Köln", 50.938, 6.960, 50667, 51149), new("DE", "Düsseldorf", 51.227, 6.773, 40210, 40629),
            new("DE", "Dortmund", 51.514, 7.465, 44135, 44388), new("DE", "Essen", 51.456, 7.012, 45127, 45359),
            new("DE", "Frankfurt am Main", 50.110, 8.682, 60306, 65936), new("DE", "Münster", 51.961, 7.626, 48143, 48167),
            new("NL", "Amsterdam", 52.370, 4.895, 1011, 1109), new("NL", "Rotterdam", 51.924, 4.478, 3011, 3089),
            new("NL", "Utrecht", 52.091, 5.122, 3511, 3585),
        ]),
    ];

    public static int DrawRegion(Random random)
    {
        var u = random.NextDouble();
        for (var region = 0; region < Regions.Length - 1; region++)
        {
            u -= Regions[region].Share;
            if (u < 0)
            {
                return region;
            }
        }

        return Regions.Length - 1;
    }

    public static CustomerAddress DrawAddress(int region, bool domestic, Random random)
    {
        var home = Regions[region];
        var country = domestic ? "DE" : home.NeighbourCountry;
        var cities = Array.FindAll(home.Cities, c => c.Country == country);
        var city = cities[random.Next(cities.Length)];
        var postal = random.Next(city.PostalLow, city.PostalHigh + 1);
        return new CustomerAddress(
            region,
            city,
            FormatPostalCode(city.Country, postal, random),
            city.Latitude + Normal.Sample(random, 0, 0.04),
            city.Longitude + Normal.Sample(random, 0, 0.06));
    }

    // Each country's own postal format; German codes keep their leading zero (Dresden 01067).
    private static string FormatPostalCode(string country, int code, Random random) => country switch
    {
        "DE" => code.ToString("D5", CultureInfo.InvariantCulture),
        "PL" => string.Create(CultureInfo.InvariantCulture, $"{code / 1000:D2}-{code % 1000:D3}"),
        "NL" => string.Create(CultureInfo.InvariantCulture, $"{code:D4} {(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}"),
        _ => code.ToString("D4", CultureInfo.InvariantCulture),
    };
}
