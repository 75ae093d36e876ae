using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Tests.Ingestion;

public sealed class LayoutSuggestionTests
{
    [Theory]
    [InlineData("dd/MM/yyyy", "2/03/2025", "25/12/2024")]
    [InlineData("MM/dd/yyyy", "03/04/2025", "12/25/2024")]
    [InlineData("dd/MM/yyyy or MM/dd/yyyy", "03/04/2025", "05/06/2025")]
    [InlineData("dd/MM/yyyy", "03/03/2025", "5/5/2025")]
    [InlineData("dd.MM.yyyy", "31.12.2024", "1.1.2025")]
    [InlineData("dd.MM.yyyy HH:mm", "31.12.2024 23:05", "1.1.2025 7:30")]
    [InlineData("dd/MM/yyyy HH:mm:ss", "31/12/2024 23:05:10")]
    [InlineData("dd-MMM-yyyy", "05-Jan-2025", "17-Mar-2025")]
    [InlineData("dd/MM/yy", "31/12/24")]
    [InlineData(null, "2025-13-45")]
    [InlineData(null, "31.12.2024", "12/31/2024")]
    [InlineData(null, "next tuesday")]
    // Date-only and date-time values of one layout together: the list of both, as formats: takes it.
    [InlineData("[dd.MM.yyyy, dd.MM.yyyy HH:mm]", "31.12.2024 23:05", "1.1.2025")]
    [InlineData("[dd/MM/yyyy, dd/MM/yyyy HH:mm, dd/MM/yyyy HH:mm:ss] or [MM/dd/yyyy, MM/dd/yyyy HH:mm, MM/dd/yyyy HH:mm:ss]", "03/04/2025 10:00:05", "05/06/2025", "01/02/2025 7:30")]
    public void DateLayout_ReadsEveryValueOrNamesTheTwoReadings(string? expected, params string[] values) =>
        Assert.Equal(expected, LayoutSuggestion.DateLayout(values));

    [Theory]
    [InlineData("de-DE", "1.234,50", "12,5")]
    [InlineData("en-US", "1,234.50", "2,000.00")]
    [InlineData("de-DE or en-US", "1,234")]
    [InlineData("fr-FR", "1 234,50", "1\u00A0000")]
    [InlineData("de-DE", "12,5")]
    [InlineData(null, "5,50,1")]
    [InlineData(null, "abc")]
    [InlineData(null, "1.234,50", "1,234.50")]
    public void NumberCulture_ReadsEveryValueOrNamesTheTwoReadings(string? expected, params string[] values) =>
        Assert.Equal(expected, LayoutSuggestion.NumberCulture(values));

    [Fact]
    public void Suggestions_NoValues_None()
    {
        Assert.Null(LayoutSuggestion.DateLayout([]));
        Assert.Null(LayoutSuggestion.NumberCulture([]));
    }
}
