namespace SharpKube.Client.Informers;

/// <summary>The indexes every <see cref="Indexer{T}"/> has.</summary>
public static class IndexNames
{
    /// <summary>Objects by <c>metadata.namespace</c> (the empty string for cluster-scoped objects).</summary>
    public const string Namespace = "namespace";

    /// <summary>Objects by the uid of each of their <c>metadata.ownerReferences</c>.</summary>
    public const string OwnerUid = "ownerUid";
}
