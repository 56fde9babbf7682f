namespace SharpKube.Proxy.Nftables;

/// <summary>One element a service port put into a map: the map's name, the key as nft writes it, and the verdict or data.</summary>
internal readonly record struct MapElement(string Map, string Key, string Verdict);
