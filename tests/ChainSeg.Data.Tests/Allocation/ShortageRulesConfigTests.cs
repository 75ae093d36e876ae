using ChainSeg.Core.Policies;
using ChainSeg.Data.Allocation;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Tests.Allocation;

public sealed class ShortageRulesConfigTests
{
    // A tier below 1 was refused only for a segment with open lines in the file: allocate --config with AX at tier 0 and no AX
    // line allocated, exit 0, and the same file refused the next day's lines. Every rule is checked, as min_fill already was.
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rules_TierBelowOneForASegmentWithoutLines_Refused(int tier)
    {
        var config = new ChainSegConfig();
        config.Policies.Shortage["AX"] = new ShortageRuleConfig { Tier = tier };

        var e = Assert.Throws<ConfigurationException>(() =>
            ShortageAllocation.Rules(config, new PolicyBook([], DefaultPolicies.Fallback), ["BZ"], integerUnits: false));

        Assert.Equal($"policies.shortage: Priority tier of segment 'AX' must be ≥ 1 (1 = highest); got {tier}.", e.Message);
    }
}
