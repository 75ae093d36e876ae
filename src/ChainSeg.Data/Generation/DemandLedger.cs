namespace ChainSeg.Data.Generation;

/// <summary>
/// Units sold per product and month and per product and DC, summed while the order stream is written;
/// forecasts and stock levels are derived from it afterwards. Memory O(products).
/// </summary>
internal sealed class DemandLedger(int products)
{
    private readonly long[] unitsByMonth = new long[products * BusinessCalendar.Months];
    private readonly long[] unitsByDistributionCentre = new long[products * SupplyNetwork.DistributionCentres.Length];

    public int Products => products;

    public void Add(int product, int month, int distributionCentre, long units)
    {
        unitsByMonth[(product * BusinessCalendar.Months) + month] += units;
        unitsByDistributionCentre[(product * SupplyNetwork.DistributionCentres.Length) + distributionCentre] += units;
    }

    public long UnitsIn(int product, int month) => unitsByMonth[(product * BusinessCalendar.Months) + month];

    public long UnitsAt(int product, int distributionCentre) =>
        unitsByDistributionCentre[(product * SupplyNetwork.DistributionCentres.Length) + distributionCentre];
}
