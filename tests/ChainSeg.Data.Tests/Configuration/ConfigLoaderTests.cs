using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Parse_UnknownKey_NamesTheKeyTheLineAndTheValidKeys()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse("sources:\n  order_lines:\n    colums: {}\n"));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("unknown key 'colums'", e.Message);
        Assert.Contains("columns", e.Message);
    }

    [Fact]
    public void Parse_Empty_GivesDefaults()
    {
        var config = ConfigLoader.Parse("");
        Assert.Empty(config.Sources);
        Assert.True(config.Identifiers.CustomerId.StripLeadingZeros);
    }

    [Fact]
    public void Resolve_MappingNamesMissingColumn_NamesColumnAndFile()
    {
        _folder.File("orders.csv", "id,cust,sku,date,qty,price\n");
        var config = ConfigLoader.Load(_folder.File("chainseg.yaml",
            "sources:\n  order_lines:\n    path: orders.csv\n    columns: { order_id: id, customer_id: customer, sku: sku, order_date: date, quantity: qty, unit_price: price }\n"));
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(config, null));
        Assert.Equal("sources.order_lines.columns.customer_id: column 'customer' not found in orders.csv; the file has: id, cust, sku, date, qty, price.", e.Message);
    }

    [Fact]
    public void Resolve_RequiredColumnNotMapped_SaysWhichAndHowToFix()
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.StartsWith("sources.order_lines: required column 'order_date' is not mapped", e.Message);
    }

    [Fact]
    public void Resolve_HeadersWithSpacesHyphensOrNoSeparator_MapToTheCanonicalNames()
    {
        _folder.File("order_lines.csv", "Order ID,Customer-Id,SKU,OrderDate,Quantity,Unit Price,Order_Line.No\n");
        var source = Assert.Single(SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path), s => s.Table.Name == "order_lines");
        Assert.Equal("Order ID", source.Columns["order_id"]);
        Assert.Equal("Customer-Id", source.Columns["customer_id"]);
        Assert.Equal("OrderDate", source.Columns["order_date"]);
        Assert.Equal("Unit Price", source.Columns["unit_price"]);
        Assert.False(source.Columns.ContainsKey("line_no"));
    }

    [Fact]
    public void Resolve_TwoHeadersReadingAsOneName_AsksForTheMapping()
    {
        _folder.File("order_lines.csv", "Order ID,OrderId,customer_id,sku,order_date,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("sources.order_lines: 'Order ID' and 'OrderId' both read as order_id; map it under columns:.", e.Message);
    }

    [Fact]
    public void Resolve_TableNameWrittenOtherwiseAsFileName_IsFound()
    {
        _folder.File("Order Lines.CSV", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var source = Assert.Single(SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("Order Lines.CSV", Path.GetFileName(source.Files[0]));
    }

    [Fact]
    public void Resolve_TwoFilesReadingAsOneTable_AsksWhichToUse()
    {
        _folder.File("Order Lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        _folder.File("OrderLines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("Order Lines.csv and OrderLines.csv both read as order_lines; map the one to use under sources.order_lines.path in chainseg.yaml.", e.Message);
    }

    [Fact]
    public void Resolve_CsvBesideItsGzip_AsksWhichToUseInsteadOfReadingOne()
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        _folder.File("order_lines.csv.gz", "not read");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("order_lines.csv and order_lines.csv.gz both read as order_lines; map the one to use under sources.order_lines.path in chainseg.yaml.", e.Message);
    }

    [Fact]
    public void Resolve_HeaderWrittenTwice_AsksWhichToRead()
    {
        // The second "quantity" once went unread while the first (line numbers in the export) became the quantity.
        _folder.File("order_lines.csv", "order_id,quantity,customer_id,sku,order_date,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("sources.order_lines: 'quantity' and 'quantity_2' both read as quantity in order_lines.csv (a header written twice is numbered _2); map the one to read under columns:.", e.Message);
    }

    [Fact]
    public void Resolve_NoOrderLinesButOtherFiles_ListsWhatTheFolderHas()
    {
        _folder.File("Orders.csv", "a\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.StartsWith($"no order_lines source in {_folder.Path} (the folder has: Orders.csv): add order_lines.csv", e.Message);
    }

    [Fact]
    public void Resolve_NoOrderLines_SaysWhatToAdd()
    {
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.StartsWith("no order_lines source", e.Message);
    }

    [Theory]
    [InlineData("yyyy-MM-dd HH:mm:ss", "%Y-%m-%d %H:%M:%S")]
    [InlineData("M/d/yyyy H:mm", "%m/%d/%Y %H:%M")]
    [InlineData("dd.MM.yyyy", "%d.%m.%Y")]
    [InlineData("yyyy'T'HH", "%YT%H")]
    [InlineData("d MMM yyyy hh:mm tt", "%d %b %Y %I:%M %p")]
    public void ToStrptime_DotNetFormats_Translate(string dotNet, string strptime) =>
        Assert.Equal(strptime, DateFormat.ToStrptime(dotNet));

    [Fact]
    public void ToStrptime_UnsupportedSpecifier_SaysWhichOnesWork()
    {
        var e = Assert.Throws<ConfigurationException>(() => DateFormat.ToStrptime("yyyy-gg"));
        Assert.Contains("specifier 'g' is not supported", e.Message);
    }

    public void Dispose() => _folder.Dispose();
}
