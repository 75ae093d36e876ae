using System.Text;
using YamlDotNet.RepresentationModel;

namespace ChainSeg.Data.Configuration;

/// <summary>
/// Model and segment names of a configuration in Unicode NFC: Café typed with e and a combining accent (as macOS and some
/// editors write it) and with é as one character look alike, and are one name to the store, the outputs and every
/// comparison. Customer ids, rule texts and other data are left as written.
/// </summary>
internal static class NameForms
{
    /// <summary>Puts the model names, segment names (rules, fallback, tiers) and per-segment policy keys of <paramref name="config"/> in NFC.</summary>
    /// <param name="config">The configuration as read.</param>
    /// <param name="yaml">The configuration's text, to say where a name written twice stands.</param>
    /// <param name="displayName">What error messages call the configuration.</param>
    /// <exception cref="ConfigurationException">Two keys of one mapping are one name in NFC.</exception>
    public static void Normalise(ChainSegConfig config, string yaml, string displayName)
    {
        Dictionary<string, T> Keys<T>(Dictionary<string, T> entries, params string[] path) => NfcKeys(entries, path, yaml, displayName);
        if (config.Segmentation is { } segmentation)
        {
            segmentation.Active = segmentation.Active?.Normalize(NormalizationForm.FormC);
            segmentation.Models = Keys(segmentation.Models, "segmentation", "models");
            foreach (var model in segmentation.Models.Values)
                Normalise(model);
        }
        // Policies are looked up by the segment names above: in another form they would apply to no segment.
        var policies = config.Policies;
        policies.Segments = Keys(policies.Segments, "policies", "segments");
        policies.Shortage = Keys(policies.Shortage, "policies", "shortage");
        foreach (var (resource, capacity) in policies.Capacity.Resources)
            capacity.PerUnitBySegment = Keys(capacity.PerUnitBySegment, "policies", "capacity", "resources", resource, "per_unit_by_segment");
    }

    /// <summary>Puts the segment names of <paramref name="model"/> (rule segments and their merge_into, fallback, tiers) in NFC.</summary>
    public static void Normalise(SegmentationModelConfig model)
    {
        foreach (var rule in model.Rules)
        {
            rule.Segment = rule.Segment.Normalize(NormalizationForm.FormC);
            rule.MergeInto = rule.MergeInto?.Select(s => s.Normalize(NormalizationForm.FormC)).ToList();
        }
        model.Fallback = model.Fallback.Normalize(NormalizationForm.FormC);
        model.Tiers = model.Tiers.Select(t => t.Normalize(NormalizationForm.FormC)).ToList();
    }

    // The entries under NFC keys, in the order written (the first model is the active one by default).
    private static Dictionary<string, T> NfcKeys<T>(Dictionary<string, T> entries, string[] path, string yaml, string displayName)
    {
        var normalised = new Dictionary<string, T>(entries.Count, StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            var nfc = name.Normalize(NormalizationForm.FormC);
            if (!normalised.TryAdd(nfc, value))
            {
                var position = KeyNode(ConfigLoader.Tree(yaml), path, name) is { } key ? $" line {key.Start.Line}, column {key.Start.Column}" : "";
                throw new ConfigurationException($"{displayName}{position} ({string.Join('.', path)}.{nfc}): "
                    + ConfigLoader.WrittenTwice(nfc, " (once with an accented letter as one character, once as a letter and a combining accent, which read alike)")
                    + ". Fix the YAML at that position.");
            }
        }
        return normalised;
    }

    // The key node written as name in the mapping at path, or null.
    private static YamlNode? KeyNode(YamlNode? node, IEnumerable<string> path, string name)
    {
        foreach (var part in path)
            node = node is YamlMappingNode mapping ? mapping.Children.FirstOrDefault(c => c.Key.ToString() == part).Value : null;
        return node is YamlMappingNode keys ? keys.Children.Keys.FirstOrDefault(k => k.ToString() == name) : null;
    }
}
