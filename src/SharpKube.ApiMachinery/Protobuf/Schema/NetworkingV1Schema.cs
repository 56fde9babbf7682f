namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>networking.k8s.io/v1 Ingress.</summary>
internal static class NetworkingV1Schema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("networking.Ingress").Msg(1, "metadata", "meta.ObjectMeta").Msg(2, "spec", "networking.IngressSpec");
        s.Define("networking.IngressSpec").Msg(1, "defaultBackend", "networking.IngressBackend", pointer: true)
            .Msgs(2, "tls", "networking.IngressTLS").Msgs(3, "rules", "networking.IngressRule")
            .Str(4, "ingressClassName", pointer: true);
        // v1 IngressBackend keeps 3 and 4; 1 and 2 were v1beta1's serviceName/servicePort.
        s.Define("networking.IngressBackend").Msg(3, "resource", "networking.TypedLocalObjectReference", pointer: true)
            .Msg(4, "service", "networking.IngressServiceBackend", pointer: true);
        s.Define("networking.IngressServiceBackend").Str(1, "name").Msg(2, "port", "networking.ServiceBackendPort");
        s.Define("networking.ServiceBackendPort").Str(1, "name").I32(2, "number");
        s.Define("networking.TypedLocalObjectReference").Str(1, "apiGroup", pointer: true).Str(2, "kind").Str(3, "name");
        s.Define("networking.IngressTLS").Strs(1, "hosts").Str(2, "secretName");
        s.Define("networking.IngressRule").Str(1, "host").Inline(2, "networking.IngressRuleValue");
        s.Define("networking.IngressRuleValue").Msg(1, "http", "networking.HTTPIngressRuleValue", pointer: true);
        s.Define("networking.HTTPIngressRuleValue").Msgs(1, "paths", "networking.HTTPIngressPath");
        s.Define("networking.HTTPIngressPath").Str(1, "path").Msg(2, "backend", "networking.IngressBackend")
            .Str(3, "pathType", pointer: true);
        s.Kind("networking.k8s.io/v1", "Ingress", "networking.Ingress");
    }
}
