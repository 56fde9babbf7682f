using SharpKube.Cli;
using SharpKube.Cli.Hosting;

ComponentGcSettings.ReexecuteIfWanted(args);
return await SharpKubeCommandLine.RunAsync(args);
