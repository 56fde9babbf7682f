namespace SharpKube.ApiServer.Patching;

/// <summary>The four PATCH body formats of the Kubernetes API, told apart by Content-Type.</summary>
public enum PatchType
{
    /// <summary><c>application/json-patch+json</c>: RFC 6902 operations.</summary>
    Json,

    /// <summary><c>application/merge-patch+json</c>: RFC 7386 merge patch.</summary>
    Merge,

    /// <summary><c>application/strategic-merge-patch+json</c>: merge patch with per-field list strategies.</summary>
    StrategicMerge,

    /// <summary><c>application/apply-patch+yaml</c>: server-side apply.</summary>
    Apply,
}
