namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>The objects of the service scenarios, as one manifest for <c>kubectl apply -f -</c>.</summary>
internal static class ServiceManifests
{
    /// <summary>
    /// Deployment <c>web</c> (three busybox httpd pods answering with their own name), the Services in front of it
    /// (ClusterIP <c>web</c> with the named port <c>http</c>, headless, ClientIP-sticky, NodePort, LoadBalancer on 8088),
    /// the ExternalName Service <c>outside</c>, and the <c>client</c> pod requests come from.
    /// </summary>
    public const string All = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: busybox:1.35
                command: [sh, -c, "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www"]
                ports: [{name: http, containerPort: 80}]
                readinessProbe:
                  tcpSocket: {port: 80}
                  periodSeconds: 1
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-headless}
        spec:
          clusterIP: None
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-sticky}
        spec:
          selector: {app: web}
          sessionAffinity: ClientIP
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-nodeport}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-lb}
        spec:
          type: LoadBalancer
          selector: {app: web}
          ports: [{name: http, port: 8088, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: outside}
        spec:
          type: ExternalName
          externalName: external.sharpkube.test
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: client
            image: busybox:1.35
            command: [sleep, "3600"]
        """;
}
