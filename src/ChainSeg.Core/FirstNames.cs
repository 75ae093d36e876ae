namespace ChainSeg.Core;

/// <summary>The first few names of a list in a message: "a, b, c, …" when more follow.</summary>
public static class FirstNames
{
    /// <summary>The first <paramref name="most"/> of <paramref name="names"/>, comma-separated, with ", …" when there are more.</summary>
    public static string Of(IReadOnlyCollection<string> names, int most) =>
        string.Join(", ", names.Take(most)) + (names.Count > most ? ", …" : "");
}
