namespace SharpKube.Kubelet.Images;

/// <summary>The content digests (<c>sha256:…</c>) of an image written by <see cref="OciImageArchive"/>.</summary>
/// <param name="Manifest">The manifest's digest: what <c>image@sha256:…</c> references name.</param>
/// <param name="Config">The config's digest: the image ID that CRI reports.</param>
/// <param name="Layer">The gzipped layer blob's digest, as the manifest lists it.</param>
/// <param name="DiffId">The uncompressed layer's digest, as the config's <c>rootfs.diff_ids</c> lists it.</param>
public sealed record OciImageDigests(string Manifest, string Config, string Layer, string DiffId);
