namespace SharpKube.Cli.Bench.Proxy;

/// <summary>The whole proxy's times through a real API server, for one mode and cluster size.</summary>
/// <param name="Mode">iptables or nftables.</param>
/// <param name="Services">Services (each with an EndpointSlice) in the cluster.</param>
/// <param name="Endpoints">Endpoints per service.</param>
/// <param name="StartToProgrammedMs">From the proxy's start (informers listing everything) to every service in the kernel.</param>
/// <param name="SliceToKernel">From an EndpointSlice update's request to the new endpoints in the kernel.</param>
internal sealed record ApiProgrammingResult(string Mode, int Services, int Endpoints, double StartToProgrammedMs, LatencySummary SliceToKernel);
