namespace SharpKube.Scheduler.Plugins.VolumeBinding;

/// <summary>The annotations upstream's PV controller and volume binder write on volumes and claims.</summary>
public static class VolumeAnnotations
{
    /// <summary>On a claim: the controller finished binding it (a claim with a volume name is bound only with it).</summary>
    public const string BindCompleted = "pv.kubernetes.io/bind-completed";

    /// <summary>On a volume or claim: the binding was made by the system, not by the user pre-binding it.</summary>
    public const string BoundByController = "pv.kubernetes.io/bound-by-controller";

    /// <summary>Upstream's value of both annotations.</summary>
    public const string Yes = "yes";
}
