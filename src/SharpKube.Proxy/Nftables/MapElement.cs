namespace SharpKube.Proxy.Nftables;

/// <summary>One element a service port put into a verdict map: its key, as nft writes it, and its verdict.</summary>
internal readonly record struct MapElement(NftablesMap Map, string Key, string Verdict);
