namespace ChainSeg.Core.Segmentation;

/// <summary>Variability class of periodic demand in XYZ analysis.</summary>
public enum XyzClass
{
    /// <summary>Steady demand: coefficient of variation at most the X cut-off.</summary>
    X,

    /// <summary>Fluctuating demand: CV above X and at most the Y cut-off.</summary>
    Y,

    /// <summary>Irregular demand: CV above the Y cut-off, or too little history to measure it.</summary>
    Z,
}
