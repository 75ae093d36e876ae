namespace ChainSeg.Core.Inventory;

/// <summary>Distribution assumed for demand over a lead time or protection interval.</summary>
public enum DemandModel
{
    /// <summary>Normal with mean d·L and σ_L = √(L σ_d² + d² σ_LT²): smooth, fast-moving items.</summary>
    Normal,

    /// <summary>Poisson with mean d·L (variance equals the mean; demand and lead-time deviations are not used): slow, intermittent items.</summary>
    Poisson,

    /// <summary>Gamma fitted to the normal model's mean and variance by moments: lumpy, skewed demand that must stay non-negative.</summary>
    Gamma,
}
