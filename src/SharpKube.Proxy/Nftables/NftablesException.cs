namespace SharpKube.Proxy.Nftables;

/// <summary><c>nft</c> refused a transaction: the previous rules stand and the next sync should be a full one.</summary>
public sealed class NftablesException : Exception
{
    /// <summary>Creates the exception with nft's complaint.</summary>
    public NftablesException(string message)
        : base(message)
    {
    }
}
