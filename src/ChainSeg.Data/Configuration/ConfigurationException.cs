namespace ChainSeg.Data.Configuration;

/// <summary>A configuration, mapping or usage problem the user must fix; the CLI reports it in one line and exits with code 2.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
