namespace SharpKube.Scheduler.Framework;

/// <summary>Builds a plugin for one profile.</summary>
public delegate IPlugin PluginFactory(PluginContext context);
