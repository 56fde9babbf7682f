using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>core/v1 Container: ports, env, resources, probes, lifecycle, volume mounts, security context.</summary>
internal static class ContainerSchema
{
    /// <summary>Registers the messages.</summary>
    public static void Register(ProtoSchema s)
    {
        // EphemeralContainer inlines EphemeralContainerCommon (field numbers as Container) at field 1 and adds
        // targetContainerName 2; both are read with the Container table, which is enough for kubectl's bodies.
        s.Define("core.Container")
            .Str(1, "name").Str(2, "image").Strs(3, "command").Strs(4, "args").Str(5, "workingDir")
            .Msgs(6, "ports", "core.ContainerPort").Msgs(7, "env", "core.EnvVar").Msg(8, "resources", "core.ResourceRequirements")
            .Msgs(9, "volumeMounts", "core.VolumeMount").Msg(10, "livenessProbe", "core.Probe", pointer: true)
            .Msg(11, "readinessProbe", "core.Probe", pointer: true).Msg(12, "lifecycle", "core.Lifecycle", pointer: true)
            .Str(13, "terminationMessagePath").Str(14, "imagePullPolicy")
            .Msg(15, "securityContext", "core.SecurityContext", pointer: true).Bool(16, "stdin").Bool(17, "stdinOnce")
            .Bool(18, "tty").Msgs(19, "envFrom", "core.EnvFromSource").Str(20, "terminationMessagePolicy")
            .Msgs(21, "volumeDevices", "core.VolumeDevice").Msg(22, "startupProbe", "core.Probe", pointer: true)
            .Msgs(23, "resizePolicy", "core.ContainerResizePolicy").Str(24, "restartPolicy", pointer: true);
        s.Define("core.ContainerPort").Str(1, "name").I32(2, "hostPort").I32(3, "containerPort").Str(4, "protocol").Str(5, "hostIP");
        s.Define("core.EnvVar").Str(1, "name").Str(2, "value").Msg(3, "valueFrom", "core.EnvVarSource", pointer: true);
        s.Define("core.EnvVarSource").Msg(1, "fieldRef", "core.ObjectFieldSelector", pointer: true)
            .Msg(2, "resourceFieldRef", "core.ResourceFieldSelector", pointer: true)
            .Msg(3, "configMapKeyRef", "core.KeySelector", pointer: true).Msg(4, "secretKeyRef", "core.KeySelector", pointer: true);
        s.Define("core.ObjectFieldSelector").Str(1, "apiVersion").Str(2, "fieldPath");
        s.Define("core.ResourceFieldSelector").Str(1, "containerName").Str(2, "resource").Special(3, "divisor", Quantity);
        // ConfigMapKeySelector and SecretKeySelector: {1 LocalObjectReference inline, 2 key, 3 optional}.
        s.Define("core.KeySelector").Inline(1, "core.LocalObjectReference").Str(2, "key").Bool(3, "optional", pointer: true);
        s.Define("core.EnvFromSource").Str(1, "prefix").Msg(2, "configMapRef", "core.EnvSource", pointer: true)
            .Msg(3, "secretRef", "core.EnvSource", pointer: true);
        // ConfigMapEnvSource and SecretEnvSource: {1 LocalObjectReference inline, 2 optional}.
        s.Define("core.EnvSource").Inline(1, "core.LocalObjectReference").Bool(2, "optional", pointer: true);
        s.Define("core.ResourceRequirements").Map(1, "limits", Quantity).Map(2, "requests", Quantity)
            .Msgs(3, "claims", "core.ResourceClaim");
        s.Define("core.ResourceClaim").Str(1, "name").Str(2, "request");
        s.Define("core.VolumeMount").Str(1, "name").Bool(2, "readOnly").Str(3, "mountPath").Str(4, "subPath")
            .Str(5, "mountPropagation", pointer: true).Str(6, "subPathExpr").Str(7, "recursiveReadOnly", pointer: true);
        s.Define("core.VolumeDevice").Str(1, "name").Str(2, "devicePath");
        s.Define("core.ContainerResizePolicy").Str(1, "resourceName").Str(2, "restartPolicy");
        s.Define("core.Probe").Inline(1, "core.ProbeHandler").I32(2, "initialDelaySeconds").I32(3, "timeoutSeconds")
            .I32(4, "periodSeconds").I32(5, "successThreshold").I32(6, "failureThreshold")
            .I64(7, "terminationGracePeriodSeconds", pointer: true);
        s.Define("core.ProbeHandler").Msg(1, "exec", "core.ExecAction", pointer: true)
            .Msg(2, "httpGet", "core.HTTPGetAction", pointer: true).Msg(3, "tcpSocket", "core.TCPSocketAction", pointer: true)
            .Msg(4, "grpc", "core.GRPCAction", pointer: true);
        s.Define("core.ExecAction").Strs(1, "command");
        s.Define("core.HTTPGetAction").Str(1, "path").Special(2, "port", IntOrString).Str(3, "host").Str(4, "scheme")
            .Msgs(5, "httpHeaders", "core.HTTPHeader");
        s.Define("core.HTTPHeader").Str(1, "name").Str(2, "value");
        s.Define("core.TCPSocketAction").Special(1, "port", IntOrString).Str(2, "host");
        s.Define("core.GRPCAction").I32(1, "port").Str(2, "service", pointer: true);
        s.Define("core.Lifecycle").Msg(1, "postStart", "core.LifecycleHandler", pointer: true)
            .Msg(2, "preStop", "core.LifecycleHandler", pointer: true).Str(3, "stopSignal", pointer: true);
        s.Define("core.LifecycleHandler").Msg(1, "exec", "core.ExecAction", pointer: true)
            .Msg(2, "httpGet", "core.HTTPGetAction", pointer: true).Msg(3, "tcpSocket", "core.TCPSocketAction", pointer: true)
            .Msg(4, "sleep", "core.SleepAction", pointer: true);
        s.Define("core.SleepAction").I64(1, "seconds");
        s.Define("core.SecurityContext").Msg(1, "capabilities", "core.Capabilities", pointer: true)
            .Bool(2, "privileged", pointer: true).Msg(3, "seLinuxOptions", "core.SELinuxOptions", pointer: true)
            .I64(4, "runAsUser", pointer: true).Bool(5, "runAsNonRoot", pointer: true)
            .Bool(6, "readOnlyRootFilesystem", pointer: true).Bool(7, "allowPrivilegeEscalation", pointer: true)
            .I64(8, "runAsGroup", pointer: true).Str(9, "procMount", pointer: true)
            .Msg(10, "windowsOptions", "core.WindowsSecurityContextOptions", pointer: true)
            .Msg(11, "seccompProfile", "core.SeccompProfile", pointer: true)
            .Msg(12, "appArmorProfile", "core.AppArmorProfile", pointer: true);
        s.Define("core.Capabilities").Strs(1, "add").Strs(2, "drop");
    }
}
