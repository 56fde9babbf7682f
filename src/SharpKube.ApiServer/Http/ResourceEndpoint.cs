using SharpKube.ApiMachinery.Registry;
using SharpKube.ApiMachinery.Selectors;
using SharpKube.ApiMachinery.Tables;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.Http;

/// <summary>Everything the HTTP layer needs to serve one resource at one version.</summary>
/// <param name="Store">The resource's generic store.</param>
/// <param name="Table">How <c>kubectl get</c> rows are printed.</param>
/// <param name="SelectableFields">The field-selector labels the resource supports.</param>
public sealed record ResourceEndpoint(ResourceStore Store, TableConvertor Table, SelectableFieldSet SelectableFields)
{
    /// <summary>The resource served.</summary>
    public ResourceDefinition Resource => Store.Resource;
}
