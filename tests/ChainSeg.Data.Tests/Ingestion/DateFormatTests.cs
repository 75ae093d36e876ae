using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Tests.Ingestion;

public sealed class DateFormatTests
{
    // The message wrote its dates in the host's calendar: under th-TH (Buddhist era) "as_of 2342-12-31 is outside the
    // dates ChainSeg reads (2443-01-01 to 2742-12-31)", none of them the date the user wrote.
    [Fact]
    public void RequireInRange_UnderThaiCulture_NamesTheDatesAsWritten()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("th-TH");
            var thrown = Assert.Throws<ConfigurationException>(() => DateFormat.RequireInRange(new DateOnly(1799, 12, 31), "as_of"));

            Assert.StartsWith("as_of 1799-12-31 is outside the dates ChainSeg reads (1900-01-01 to 2199-12-31);", thrown.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
