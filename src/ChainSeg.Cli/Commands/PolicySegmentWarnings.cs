using ChainSeg.Data.Configuration;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Store;

namespace ChainSeg.Cli.Commands;

/// <summary>The <c>policy_without_customers</c> warnings of a command that applies <c>policies:</c> to the current run (route, allocate).</summary>
internal static class PolicySegmentWarnings
{
    /// <summary>Writes a warning for each entry naming a segment nobody is in, unless --quiet; call it after the result, so that an error stays the one line it is.</summary>
    /// <param name="context">Where warnings go.</param>
    /// <param name="store">The store whose current run assigned the segments.</param>
    /// <param name="config">The configuration the command applied.</param>
    /// <param name="settings">Only the entries under these setting paths (the settings the command reads); null for all.</param>
    public static void Print(CliContext context, ChainSegStore store, ChainSegConfig config, IReadOnlyList<string>? settings = null)
    {
        if (context.Quiet)
            return;
        foreach (var warning in PolicySegmentNames.WithoutCustomers(store, config, settings))
            context.Error.WriteLine($"warning: {warning}");
    }
}
