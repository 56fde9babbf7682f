namespace SharpKube.Client.Informers;

/// <summary>
/// Computes the values an object is indexed under in one named index of an <see cref="Indexer{T}"/>
/// (none, one or several).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public delegate IEnumerable<string> IndexFunc<in T>(T obj);
