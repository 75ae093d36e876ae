using ChainSeg.Data.Configuration;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Configuration;

// currency: names the money every output reports; a code finance would not recognise is refused before any data is read.
public sealed class ReportingCurrencyTests
{
    private static string Refused(string yaml) =>
        Assert.Throws<ConfigurationException>(() => ConfigCheck.Settings(ConfigLoader.Parse(yaml), TimeProvider.System)).Message;

    [Fact]
    public void Of_NotSet_IsNull() => Assert.Null(ReportingCurrency.Of(ConfigLoader.Parse("window: 12 months\n")));

    [Theory]
    [InlineData("currency: GBP\n", "GBP")]
    [InlineData("currency: gbp\n", "GBP")]
    [InlineData("currency: ' Eur '\n", "EUR")]
    [InlineData("currency: usd\n", "USD")]
    public void Of_KnownCodeInAnyCase_IsItsCapitals(string yaml, string code) =>
        Assert.Equal(code, ReportingCurrency.Of(ConfigLoader.Parse(yaml)));

    [Theory]
    [InlineData("currency: QQQ\n", "currency 'QQQ' is not an ISO 4217 currency code; write the reporting currency's three-letter code, e.g. currency: GBP.")]
    [InlineData("currency: GPB\n", "currency 'GPB' is not an ISO 4217 currency code (did you mean GBP?); write the reporting currency's three-letter code, e.g. currency: GBP.")]
    [InlineData("currency: €\n", "currency '€' is not an ISO 4217 currency code (did you mean EUR?); write the reporting currency's three-letter code, e.g. currency: GBP.")]
    [InlineData("currency: euro\n", "currency 'euro' is not an ISO 4217 currency code (did you mean EUR?); write the reporting currency's three-letter code, e.g. currency: GBP.")]
    [InlineData("currency: GBR\n", "currency 'GBR' is not an ISO 4217 currency code (did you mean GBP?); write the reporting currency's three-letter code, e.g. currency: GBP.")]
    [InlineData("currency: ''\n", "currency is empty; write the reporting currency's three-letter ISO 4217 code (e.g. currency: GBP), or remove the key.")]
    public void Settings_UnknownCurrency_IsRefusedInOneLineNamingTheSettingAndAnExample(string yaml, string message)
    {
        var refused = Refused(yaml);

        Assert.Equal(message, refused);
        Assert.DoesNotContain('\n', refused);
    }

    // Checked by .NET's own list, not one kept here: every specific culture's region currency is accepted.
    [Fact]
    public void Of_EveryRegionCurrencyDotNetKnows_IsAccepted()
    {
        var codes = System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.SpecificCultures)
            .Select(c => { try { return new System.Globalization.RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
            .OfType<string>().Where(c => c.Length == 3).Distinct().ToList();

        Assert.Contains("GBP", codes);
        Assert.All(codes, code => Assert.Equal(code, ReportingCurrency.Of(ConfigLoader.Parse($"currency: {code.ToLowerInvariant()}\n"))));
    }

    // Online Retail is a UK retailer's invoices (Chen, Sain & Guo 2012): prices in pounds sterling.
    [Fact]
    public void OnlineRetailExample_NamesPoundsSterling() =>
        Assert.Equal("GBP", ReportingCurrency.Of(ConfigLoader.Load(RepoPaths.OnlineRetailConfig)));
}
